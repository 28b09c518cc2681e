import json

import pytest

from shopbox.errors import ShopboxError
from shopbox.formats import native
from shopbox.models import Project, load_project
from shopbox.rules import (
    RULES,
    RuleSettings,
    check_project,
    load_settings,
    with_settings,
)

from .rule_cases import box, findings, image

PAIR = (box(2, (100, 100, 100, 100)), box(9, (120, 100, 100, 100)))


def test_every_rule_has_settings():
    assert sorted(RuleSettings.codes()) == sorted(RULES)


def test_disabled_rule_is_silent():
    record = image(box(3, (950, 10, 60, 40)))
    settings = load_settings({"box-outside-image": {"enabled": False}})
    assert findings(record, "box-outside-image", rules=settings) == []


def test_severity_override():
    record = image(box(3, (950, 10, 60, 40)))
    settings = load_settings({"box-outside-image": {"severity": "warning"}})
    found = findings(record, "box-outside-image", rules=settings)
    assert [f.severity for f in found] == ["warning"]


def test_threshold_override():
    # The pair's IoU is 0.667: a duplicate from 0.6, not from the default 0.9.
    settings = load_settings({"duplicate-box": {"min_iou": 0.6}})
    found = findings(image(*PAIR), "duplicate-box", rules=settings)
    assert [f.box_ids for f in found] == [(2, 9)]
    assert "at or above 0.60" in found[0].message


def test_check_project_uses_given_settings():
    project = Project(images=[image(*PAIR)])
    settings = load_settings({"duplicate-box": {"min_iou": 0.6}})
    assert [f.code for f in check_project(project)] == []
    assert [f.code for f in check_project(project, settings)] == ["duplicate-box"]


def test_bad_threshold_rejected_with_path():
    with pytest.raises(ShopboxError) as info:
        load_settings({"duplicate-box": {"min_iou": 1.5}})
    assert info.value.code == "invalid-settings"
    [problem] = info.value.problems
    assert problem.path == "rules.duplicate-box.min_iou"
    assert problem.code == "less_than_equal"
    assert problem.value == 1.5


def test_unknown_rule_and_severity_rejected():
    with pytest.raises(ShopboxError) as info:
        load_settings({"no-such-rule": {}, "group-box": {"severity": "fatal"}})
    paths = sorted(p.path for p in info.value.problems)
    assert paths == ["rules.group-box.severity", "rules.no-such-rule"]


def test_bad_settings_leave_project_unchanged():
    project = Project(images=[image(*PAIR)])
    before = project.model_dump(mode="json")
    with pytest.raises(ShopboxError):
        with_settings(project, {"box-too-small": {"min_side": -1}})
    assert project.model_dump(mode="json") == before


def test_with_settings_returns_copy():
    project = Project(images=[image(*PAIR)])
    changed = with_settings(project, {"group-box": {"enabled": False}})
    assert changed.rules.group_box.enabled is False
    assert project.rules.group_box.enabled is True


def test_settings_travel_in_project_file():
    project = Project(rules=load_settings({"box-too-small": {"min_side": 12}}))
    data = json.loads(native.dumps(project))
    assert data["rules"]["box-too-small"]["min_side"] == 12
    assert native.load(native.dumps(project)).rules.box_too_small.min_side == 12


def test_project_file_without_rules_gets_defaults():
    project = load_project({"format": "shopbox", "version": 1})
    assert project.rules == RuleSettings()


def test_bad_settings_in_project_file_rejected():
    data = {
        "format": "shopbox",
        "version": 1,
        "rules": {"group-box": {"min_contained": 0.2}},
    }
    with pytest.raises(ShopboxError) as info:
        load_project(data)
    assert info.value.code == "invalid-project"
    assert [p.path for p in info.value.problems] == ["rules.group-box.min_contained"]
