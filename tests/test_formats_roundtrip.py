"""Every format: export, import, export again gives the same bytes."""

import pytest

from shopbox.formats.registry import EXPORTERS, IMPORTERS

from .formats_support import make_project


def rich_project():
    project = make_project(
        (
            "front/0001.jpg",
            640,
            480,
            [(6, (10.25, 20.5, 100, 60)), (1, (0, 0, 640, 480))],
        ),
        ("back/0001.jpg", 1280, 720, [(35, (1244, 700, 36, 20)), (6, (3.5, 7, 1, 1))]),
        ('Ünïcode, "quoted".png', 100, 100, [], "done"),
        ("skip.jpg", 50, 50, [], "skipped"),
    )
    first = project.images[0]
    first.review = "approved"
    first.shot_type = "flat lay"
    first.main_category_id = 6
    first.file_size = 48213
    box = project.images[1].boxes[0]
    box.occluded = True
    box.truncated = True
    box.face_and_body_visible = True
    box.note = 'worn, "left" <side> & back'
    return project


@pytest.mark.parametrize("format_name", list(EXPORTERS))
def test_export_import_export_same_bytes(format_name):
    first = EXPORTERS[format_name](rich_project())
    assert first.warnings == []
    imported = IMPORTERS[format_name](first.content, None)
    assert imported.warnings == []
    second = EXPORTERS[format_name](imported.project)
    assert second.content == first.content


@pytest.mark.parametrize("format_name", ["shopbox", "coco", "voc", "csv"])
def test_boxes_come_back_exactly(format_name):
    project = rich_project()
    imported = IMPORTERS[format_name](EXPORTERS[format_name](project).content, None)
    assert [i.file_name for i in imported.project.images] == [
        i.file_name for i in project.images
    ]
    for before, after in zip(project.images, imported.project.images, strict=True):
        assert [(b.id, b.category_id, b.bbox) for b in after.boxes] == [
            (b.id, b.category_id, b.bbox) for b in before.boxes
        ]


@pytest.mark.parametrize("format_name", ["shopbox", "coco", "voc", "yolo"])
def test_attributes_come_back(format_name):
    project = rich_project()
    imported = IMPORTERS[format_name](EXPORTERS[format_name](project).content, None)
    box = imported.project.images[1].boxes[0]
    assert (box.occluded, box.truncated, box.face_and_body_visible, box.note) == (
        True,
        True,
        True,
        'worn, "left" <side> & back',
    )
    first = imported.project.images[0]
    assert (first.review, first.shot_type, first.file_size) == (
        "approved",
        "flat lay",
        48213,
    )
    assert imported.project.images[3].status == "skipped"
