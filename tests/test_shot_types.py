"""The project's shot types: defaults, validation, and images that use them."""

from __future__ import annotations

import pytest

from shopbox.errors import ShopboxError
from shopbox.models import DEFAULT_SHOT_TYPES, Project, load_project


def project_data(**fields) -> dict:
    image = {"id": 1, "file_name": "a.jpg", "width": 40, "height": 30}
    return {"images": [{**image, **fields.pop("image", {})}], **fields}


def problems_of(data: dict) -> list[tuple[str, str, object]]:
    with pytest.raises(ShopboxError) as info:
        load_project(data)
    assert info.value.code == "invalid-project"
    return [(p.path, p.code, p.value) for p in info.value.problems]


def test_default_shot_types():
    project = load_project(project_data())
    assert project.shot_types == [
        "product only",
        "worn by model",
        "flat lay",
        "lifestyle scene",
        "detail close-up",
        "size chart or text",
    ]
    assert project.shot_types == list(DEFAULT_SHOT_TYPES)


def test_image_shot_type_from_project_list():
    data = project_data(
        shot_types=["packshot", "on model"], image={"shot_type": "on model"}
    )
    assert load_project(data).images[0].shot_type == "on model"


def test_unknown_shot_type_rejected():
    data = project_data(image={"shot_type": "flatlay"})
    assert problems_of(data) == [
        ("images[0].shot_type", "unknown-shot-type", "flatlay")
    ]


def test_duplicate_shot_type_rejected():
    data = project_data(shot_types=["flat lay", "detail", "flat lay"])
    assert problems_of(data) == [("shot_types[2]", "duplicate-shot-type", "flat lay")]


@pytest.mark.parametrize(
    ("shot_types", "path", "code"),
    [
        pytest.param([], "shot_types", "too_short", id="empty"),
        pytest.param(["flat lay", ""], "shot_types[1]", "string_too_short", id="blank"),
        pytest.param(["  "], "shot_types[0]", "string_pattern_mismatch", id="spaces"),
        pytest.param(["x" * 81], "shot_types[0]", "string_too_long", id="long"),
    ],
)
def test_invalid_shot_types(shot_types, path, code):
    problems = problems_of(project_data(shot_types=shot_types))
    assert [(p[0], p[1]) for p in problems] == [(path, code)]


def test_schema_states_displayed_orientation():
    schema = Project.model_json_schema()
    image = schema["$defs"]["ImageRecord"]["properties"]
    assert "EXIF orientation" in image["width"]["description"]
    assert "EXIF orientation" in image["height"]["description"]
    box = schema["$defs"]["Box"]["properties"]
    assert "EXIF orientation" in box["bbox"]["description"]
