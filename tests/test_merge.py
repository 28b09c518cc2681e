import pytest

from shopbox.merge import merge_into
from shopbox.models import load_project
from shopbox.taxonomy import Category, Taxonomy


def project(images, taxonomy=None):
    data = {"images": images}
    if taxonomy is not None:
        data["taxonomy"] = taxonomy.model_dump()
    return load_project(data)


def image(image_id, name, boxes=(), status="todo", size=(640, 480)):
    return {
        "id": image_id,
        "file_name": name,
        "width": size[0],
        "height": size[1],
        "status": status,
        "boxes": [
            {"id": box_id, "category_id": category, "bbox": bbox}
            for box_id, category, bbox in boxes
        ],
    }


FOREIGN = Taxonomy(
    categories=[
        Category(id=7, name="T-Shirt", supercategory="x"),
        Category(id=8, name="shoes", supercategory="x"),
        Category(id=9, name="Qwertz widget", supercategory="x"),
    ]
)


def test_new_images_are_added_with_fresh_ids():
    current = project([image(1, "a.jpg", [(1, 6, [0, 0, 10, 10])])])
    incoming = project([image(1, "b.jpg", [(1, 10, [5, 5, 20, 20])], status="done")])
    result = merge_into(current, incoming)
    names = [(i.id, i.file_name) for i in result.project.images]
    assert names == [(1, "a.jpg"), (2, "b.jpg")]
    added = result.project.images[1]
    assert added.status == "done"
    assert [(b.id, b.category_id, b.bbox) for b in added.boxes] == [
        (2, 10, (5.0, 5.0, 20.0, 20.0))
    ]
    assert result.summary.images_added == 1
    assert result.summary.boxes_added == 1
    # The open project is untouched.
    assert [i.file_name for i in current.images] == ["a.jpg"]


def test_categories_map_by_name_then_resolution():
    current = project([image(1, "a.jpg")])
    incoming = project(
        [
            image(
                1,
                "a.jpg",
                [(1, 7, [0, 0, 5, 5]), (2, 8, [1, 1, 5, 5]), (3, 9, [2, 2, 5, 5])],
            )
        ],
        FOREIGN,
    )
    result = merge_into(current, incoming)
    boxes = result.project.images[0].boxes
    assert [b.category_id for b in boxes] == [1, 6, 36]
    assert boxes[2].note == "imported label: Qwertz widget"
    assert result.summary.categories_mapped == {
        "T-Shirt": "top",
        "Qwertz widget": "other",
    }


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("keep", [(1, 6)]),
        ("replace", [(2, 10)]),
        ("combine", [(1, 6), (2, 10)]),
    ],
)
def test_conflicting_image_modes(mode, expected):
    current = project([image(1, "a.jpg", [(1, 6, [0, 0, 10, 10])])])
    incoming = project([image(9, "a.jpg", [(4, 10, [5, 5, 20, 20])])])
    result = merge_into(current, incoming, mode)
    boxes = result.project.images[0].boxes
    assert [(b.id, b.category_id) for b in boxes] == expected
    assert result.summary.images_conflicting == 1
    assert result.summary.images_matched == 1


def test_size_mismatch_clamps_and_warns():
    current = project([image(1, "a.jpg", size=(100, 100))])
    incoming = project([image(1, "a.jpg", [(1, 6, [80, 80, 40, 40])], size=(200, 200))])
    result = merge_into(current, incoming)
    assert result.project.images[0].boxes[0].bbox == (80, 80, 20, 20)
    assert [w.code for w in result.warnings] == ["size-mismatch"]
    assert result.warnings[0].value == "a.jpg"


def test_unknown_mode_rejected():
    current = project([])
    with pytest.raises(ValueError, match="mode must be one of"):
        merge_into(current, current, "overwrite")
