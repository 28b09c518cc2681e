"""Classification crops: rectangles, padding and the ImageFolder zip."""

import pytest

from shopbox.errors import ShopboxError
from shopbox.formats.crops import crop_boxes, crops_zip

from .formats_support import make_project, zip_members


def crop_project():
    project = make_project(
        (
            "front/0001.jpg",
            640,
            480,
            [(6, (10.4, 20.6, 100, 60)), (1, (600, 450, 40, 30))],
        ),
        ("b.jpg", 100, 100, [(6, (0, 0, 10, 10))]),
    )
    project.images[1].boxes.append(
        project.images[1].boxes[0].model_copy(update={"id": 9, "category_id": None})
    )
    return project


def test_crop_rectangles_without_padding():
    crops, warnings = crop_boxes(crop_project())
    assert [(c.left, c.top, c.right, c.bottom) for c in crops] == [
        (10, 20, 111, 81),
        (600, 450, 640, 480),
        (0, 0, 10, 10),
    ]
    assert [c.path for c in crops] == [
        "shoes/front_0001_1.jpg",
        "top/front_0001_2.jpg",
        "shoes/b_3.jpg",
    ]
    assert [(w.code, w.value) for w in warnings] == [("unlabeled-box", 9)]


def test_padding_clamped_to_image():
    crops, _ = crop_boxes(crop_project(), padding=16)
    assert [(c.left, c.top, c.right, c.bottom) for c in crops] == [
        (0, 4, 127, 97),
        (584, 434, 640, 480),
        (0, 0, 26, 26),
    ]


def test_bad_padding_rejected():
    with pytest.raises(ShopboxError) as info:
        crop_boxes(crop_project(), padding=-1)
    assert info.value.code == "invalid-padding"


def test_zip_in_imagefolder_layout():
    project = crop_project()
    jpegs = {(1, 1): b"\xff\xd8one", (2, 3): b"\xff\xd8three"}
    export = crops_zip(project, jpegs)
    assert export.media_type == "application/zip"
    assert zip_members(export.content) == {
        "shoes/front_0001_1.jpg": b"\xff\xd8one",
        "shoes/b_3.jpg": b"\xff\xd8three",
    }
    assert [(w.code, w.value) for w in export.warnings] == [
        ("unlabeled-box", 9),
        ("missing-crop", [1, 2]),
    ]
