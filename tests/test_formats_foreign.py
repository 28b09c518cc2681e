"""Imports from VIA 2, labelme, Label Studio and CVAT for images 1.1."""

import json

import pytest

from shopbox.errors import ShopboxError
from shopbox.formats import ImportOptions, cvat, labelme, labelstudio, via
from shopbox.formats.registry import detect

from .formats_support import ROOT_DIR

DATA = ROOT_DIR / "tests" / "data"


def boxes_by_name(project):
    taxonomy = project.taxonomy
    return {
        image.file_name: [
            (taxonomy.by_id(b.category_id).name if b.category_id else None, b.bbox)
            for b in image.boxes
        ]
        for image in project.images
    }


def test_via_project():
    sizes = {"shelf-1.jpg": (640, 480), "shelf-2.jpg": (320, 240)}
    content = (DATA / "via2-project.json").read_bytes()
    result = via.import_file(content, ImportOptions(image_sizes=sizes))
    assert boxes_by_name(result.project) == {
        "shelf-1.jpg": [("bag", (40, 30, 120, 90)), ("shoes", (300, 100, 60, 80))],
        "shelf-2.jpg": [],
    }
    assert [(w.code, w.value) for w in result.warnings] == [
        ("shape-as-box", "polygon"),
        ("unsupported-shape", "point"),
    ]
    assert (
        result.warnings[1].path
        == "_via_img_metadata['shelf-1.jpg48213'].regions[2].shape_attributes"
    )


def test_via_without_sizes_rejected():
    content = (DATA / "via2-project.json").read_bytes()
    with pytest.raises(ShopboxError) as info:
        via.import_file(content)
    assert [p.code for p in info.value.problems] == ["missing-image-size"] * 2
    assert info.value.problems[0].value == "shelf-1.jpg"


def test_via_annotation_export_without_project():
    data = json.loads((DATA / "via2-project.json").read_text())["_via_img_metadata"]
    sizes = {"shelf-1.jpg": (640, 480), "shelf-2.jpg": (320, 240)}
    content = json.dumps(data).encode()
    assert detect("via_export_json.json", content) == "via"
    result = via.import_file(content, ImportOptions(image_sizes=sizes))
    assert len(result.project.images[0].boxes) == 2


def test_labelme_file():
    result = labelme.import_file((DATA / "labelme.json").read_bytes())
    assert boxes_by_name(result.project) == {
        "counter/0007.jpg": [
            ("bottle", (120, 40, 100.5, 260)),
            ("glasses", (10, 10, 40, 20)),
        ]
    }
    assert [w.code for w in result.warnings] == ["shape-as-box"]


def test_labelme_missing_size_names_field():
    data = json.loads((DATA / "labelme.json").read_text())
    del data["imageWidth"]
    with pytest.raises(ShopboxError) as info:
        labelme.import_file(json.dumps(data).encode())
    assert [(p.path, p.code) for p in info.value.problems] == [
        ("imageWidth", "missing")
    ]


def test_label_studio_percentages():
    result = labelstudio.import_file((DATA / "labelstudio.json").read_bytes())
    project = result.project
    assert boxes_by_name(project)["5d1c-hat front.jpg"] == [
        ("hat", (100, 200, 305, 400))
    ]
    assert project.images[0].width == 1000
    assert project.images[0].height == 800
    # The second task has no rectangle, so its size is unknown.
    [warning] = result.warnings
    assert (warning.path, warning.code) == ("[1].data", "missing-image-size")
    assert len(project.images) == 1


def test_label_studio_empty_task_kept_with_size():
    content = (DATA / "labelstudio.json").read_bytes()
    sizes = {"77aa-empty.jpg": (300, 200)}
    result = labelstudio.import_file(content, ImportOptions(image_sizes=sizes))
    assert result.warnings == []
    assert [(i.file_name, i.width, i.boxes) for i in result.project.images][1] == (
        "77aa-empty.jpg",
        300,
        [],
    )


def test_label_studio_rotated_box_encloses():
    data = json.loads((DATA / "labelstudio.json").read_text())
    value = data[0]["annotations"][0]["result"][0]["value"]
    value.update(x=50, y=50, width=10, height=10, rotation=90)
    result = labelstudio.import_file(json.dumps(data[:1]).encode())
    # A 100x80 px box rotated 90 degrees around its top-left corner (500, 400).
    assert result.project.images[0].boxes[0].bbox == (420, 400, 80, 100)
    assert [w.code for w in result.warnings] == ["rotated-box"]


def test_cvat_boxes():
    result = cvat.import_file((DATA / "cvat-images-1.1.xml").read_bytes())
    project = result.project
    assert boxes_by_name(project) == {
        "tray/01.jpg": [
            ("watch", (10.5, 20, 100, 75.25)),
            ("makeup", (480, 300, 20, 50)),
        ],
        "tray/02.jpg": [],
    }
    watch = project.images[0].boxes[0]
    assert watch.occluded is True
    assert watch.truncated is True
    assert [(w.path, w.code) for w in result.warnings] == [
        ("image[0].box[1]", "box-clamped"),
        ("image[0]", "unsupported-shape"),
    ]


def test_cvat_inverted_box_rejected():
    content = (
        (DATA / "cvat-images-1.1.xml").read_bytes().replace(b'xbr="110.50"', b'xbr="5"')
    )
    with pytest.raises(ShopboxError) as info:
        cvat.import_file(content)
    [problem] = info.value.problems
    assert problem.path == "image[0].box[0]"
    assert problem.code == "inverted-box"


@pytest.mark.parametrize(
    ("file_name", "expected"),
    [
        ("via2-project.json", "via"),
        ("labelme.json", "labelme"),
        ("labelstudio.json", "labelstudio"),
        ("cvat-images-1.1.xml", "cvat"),
        ("project-v1.shopbox.json", "shopbox"),
    ],
)
def test_detect_fixture(file_name, expected):
    assert detect(file_name, (DATA / file_name).read_bytes()) == expected
