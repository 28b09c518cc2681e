import pytest

from shopbox.errors import ShopboxError, format_path
from shopbox.models import MAX_IMAGE_SIDE, Project, load_project


def project_data(**image_fields):
    image = {"id": 1, "file_name": "front/0001.jpg", "width": 640, "height": 480}
    image.update(image_fields)
    return {"format": "shopbox", "version": 1, "images": [image]}


def problems(data):
    with pytest.raises(ShopboxError) as info:
        load_project(data)
    return [(p.path, p.code) for p in info.value.problems]


def test_minimal_project_gets_defaults():
    project = load_project(project_data())
    image = project.images[0]
    assert image.status == "todo"
    assert image.boxes == []
    assert len(project.taxonomy.categories) == 36


def test_box_keeps_float_coordinates():
    data = project_data(boxes=[{"id": 3, "category_id": 6, "bbox": [1.25, 2.5, 3, 4]}])
    box = load_project(data).images[0].boxes[0]
    assert box.bbox == (1.25, 2.5, 3.0, 4.0)
    assert box.area == 12.0


@pytest.mark.parametrize(
    ("bbox", "code"),
    [
        ({"x": 1, "y": 2, "w": 3, "h": 4}, "tuple_type"),
        ([1, 2, 3], "missing"),
        ([1, 2, 3, 4, 5], "too_long"),
        ([1, 2, 0, 4], "value_error"),
        ([1, 2, 3, -4], "value_error"),
        ([1, "nan", 3, 4], "finite_number"),
    ],
)
def test_bad_bbox_names_path(bbox, code):
    data = project_data(boxes=[{"id": 1, "category_id": 6, "bbox": bbox}])
    found = problems(data)
    assert found[0][0].startswith("images[0].boxes[0].bbox")
    assert found[0][1] == code


def test_unknown_category_names_path():
    data = project_data(boxes=[{"id": 1, "category_id": 99, "bbox": [0, 0, 5, 5]}])
    assert problems(data) == [("images[0].boxes[0].category_id", "unknown-category")]


def test_duplicate_box_ids_rejected():
    boxes = [
        {"id": 7, "category_id": 6, "bbox": [0, 0, 5, 5]},
        {"id": 7, "category_id": 6, "bbox": [9, 9, 5, 5]},
    ]
    assert problems(project_data(boxes=boxes)) == [
        ("images[0].boxes[1].id", "duplicate-id")
    ]


def test_huge_image_rejected_by_size():
    found = problems(project_data(width=100_000, height=100_000))
    assert ("images[0].width", "less_than_equal") in found
    assert MAX_IMAGE_SIDE == 30_000


def test_pixel_limit_applies_to_area():
    found = problems(project_data(width=20_000, height=20_000))
    assert found == [("images[0].height", "value_error")]


def test_unicode_file_name_kept():
    project = load_project(project_data(file_name="Ünïcode/靴 1.jpg"))
    assert project.images[0].file_name == "Ünïcode/靴 1.jpg"


def test_format_path_joins_indexes():
    assert format_path(("annotations", 3, "bbox")) == "annotations[3].bbox"
    assert format_path((), "taxonomy") == "taxonomy"


def test_project_round_trips_through_json():
    data = project_data(
        status="done",
        boxes=[{"id": 1, "category_id": 35, "bbox": [1, 1, 9, 9], "note": "<b>x</b>"}],
    )
    project = load_project(data)
    again = Project.model_validate_json(project.model_dump_json())
    assert again == project
