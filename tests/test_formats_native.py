"""Native project files: JSON Schema, version migrations and round trips."""

import json

import pytest

from shopbox.cli import schema_text
from shopbox.errors import ShopboxError
from shopbox.formats import native
from shopbox.migrations import MIGRATIONS, migrate
from shopbox.models import FORMAT_VERSION, Project

from .formats_support import ROOT_DIR, three_images

DATA = ROOT_DIR / "tests" / "data"


def test_committed_schema_matches_models():
    committed = (ROOT_DIR / "docs" / "project.schema.json").read_text("utf-8")
    assert committed == schema_text("project"), (
        "docs/project.schema.json is stale; regenerate it with "
        "`PYTHONPATH=py python -m shopbox schema project > docs/project.schema.json`"
    )


def test_version_1_fixture_loads():
    content = (DATA / "project-v1.shopbox.json").read_bytes()
    assert json.loads(content)["version"] == 1
    project = native.load(content)
    assert project.version == FORMAT_VERSION == 2
    assert project.name == "Spring shoes v1"
    assert [i.review for i in project.images] == ["unreviewed", "unreviewed"]
    assert project.images[0].boxes[0].bbox == (12, 30, 200, 120)
    assert project.images[1].status == "no-objects"


def test_migration_leaves_input_unchanged():
    data = json.loads((DATA / "project-v1.shopbox.json").read_text("utf-8"))
    before = json.dumps(data)
    migrated = migrate(data)
    assert json.dumps(data) == before
    assert migrated["version"] == 2
    assert sorted(MIGRATIONS) == list(range(1, FORMAT_VERSION))


def test_newer_version_rejected():
    content = json.dumps({"format": "shopbox", "version": 99}).encode()
    with pytest.raises(ShopboxError) as info:
        native.load(content)
    assert info.value.code == "unsupported-version"
    assert info.value.problems[0].path == "version"
    assert info.value.problems[0].value == 99


def test_unknown_old_version_rejected():
    content = json.dumps({"format": "shopbox", "version": 0}).encode()
    with pytest.raises(ShopboxError) as info:
        native.load(content)
    assert info.value.code == "unsupported-version"


def test_round_trip_same_bytes():
    project = three_images()
    project.images[0].review = "approved"
    first = native.export(project).content
    assert native.load(first) == project
    assert native.export(native.load(first)).content == first


def test_bad_box_names_path():
    data = json.loads(native.export(three_images()).content)
    data["images"][1]["boxes"][0]["bbox"] = [1, 2, 0, 4]
    with pytest.raises(ShopboxError) as info:
        native.load(json.dumps(data).encode())
    [problem] = info.value.problems
    assert problem.path == "images[1].boxes[0].bbox"


def test_every_model_field_in_schema():
    schema = json.loads(schema_text("project"))
    assert set(schema["properties"]) == set(Project.model_fields)
    image = schema["$defs"]["ImageRecord"]["properties"]
    assert image["review"]["enum"] == ["unreviewed", "approved", "rejected"]
