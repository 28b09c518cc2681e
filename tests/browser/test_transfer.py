"""Import and every export format through the page menus, read back by readers."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from PIL import Image


@pytest.fixture
def photos(shared_data):
    return sorted((shared_data / "clothing-dataset-cc0/images").glob("*.jpg"))[:2]


def labeled_studio(studio, photos):
    studio.open()
    studio.open_files(photos)
    studio.page.click("#image-list li[data-image-id='1']")
    studio.press("1")
    studio.draw_box((40, 30), (210, 190), category="sneakers")
    studio.draw_box((220, 100), (300, 260), category="belt")
    return studio


def import_file(studio, path):
    # Clear the status line so that the wait below sees this import's message.
    studio.page.evaluate("document.querySelector('#message').textContent = ''")
    studio.page.set_input_files("#import-input", str(path))
    studio.wait(
        "document.querySelector('#message').textContent.startsWith('Import')"
        " || document.querySelector('#confirm-dialog').open"
    )


def test_import_coco_attaches_boxes_to_open_photos(studio, photos, tmp_path):
    studio.open()
    studio.open_files(photos)
    teammate = {
        "images": [
            {"id": 11, "file_name": photos[1].name, "width": 0, "height": 0},
            {"id": 12, "file_name": "not-open.jpg", "width": 640, "height": 480},
        ],
        "annotations": [
            {"id": 1, "image_id": 11, "category_id": 3, "bbox": [10, 20, 30, 40]},
            {"id": 2, "image_id": 12, "category_id": 4, "bbox": [1, 1, 5, 5]},
        ],
        "categories": [{"id": 3, "name": "Sneakers"}, {"id": 4, "name": "Jacket"}],
    }
    size = Image.open(photos[1]).size
    teammate["images"][0]["width"], teammate["images"][0]["height"] = size
    path = tmp_path / "teammate.json"
    path.write_text(json.dumps(teammate))
    import_file(studio, path)

    project = studio.project()
    names = [i["file_name"] for i in project["images"]]
    assert names == [photos[0].name, photos[1].name, "not-open.jpg"]
    second = project["images"][1]
    assert [(b["category_id"], b["bbox"]) for b in second["boxes"]] == [
        (6, [10, 20, 30, 40])
    ]
    third = project["images"][2]
    assert [(b["category_id"], b["bbox"]) for b in third["boxes"]] == [
        (4, [1, 1, 5, 5])
    ]
    message = studio.page.text_content("#message")
    assert message.startswith("Imported teammate.json: 2 boxes, 1 new image")
    # The import is saved like any edit.
    studio.page.evaluate("window.shopbox.flush()")
    studio.page.reload()
    studio.wait("document.documentElement.dataset.studio === 'ready'")
    assert studio.project()["images"][1]["boxes"] == second["boxes"]


def test_failed_import_leaves_project_unchanged(studio, photos, tmp_path):
    studio.open()
    studio.open_files(photos[:1])
    studio.draw_box((5, 5), (50, 50), category="hat")
    before = studio.project()
    bad = tmp_path / "broken.json"
    bad.write_text('{"images": [{"id": 1, "file_name": "x.jpg"}], "annotations": [')
    import_file(studio, bad)
    assert studio.project() == before
    message = studio.page.text_content("#message")
    assert message.startswith(
        "Import of broken.json failed, and the project is unchanged"
    )


def test_import_conflict_asks_and_replaces(studio, photos, tmp_path):
    labeled_studio(studio, photos)
    width, height = Image.open(photos[0]).size
    theirs = {
        "images": [
            {"id": 1, "file_name": photos[0].name, "width": width, "height": height}
        ],
        "annotations": [
            {"id": 1, "image_id": 1, "category_id": 7, "bbox": [3, 4, 50, 60]}
        ],
        "categories": [{"id": 7, "name": "hat"}],
    }
    path = tmp_path / "theirs.json"
    path.write_text(json.dumps(theirs))
    import_file(studio, path)
    studio.wait("document.querySelector('#confirm-dialog').open")
    studio.page.click("#confirm-dialog [value=replace]")
    studio.wait("document.querySelector('#message').textContent.startsWith('Imported')")
    boxes = studio.project()["images"][0]["boxes"]
    assert [(b["category_id"], b["bbox"]) for b in boxes] == [(7, [3, 4, 50, 60])]


def test_voc_yolo_csv_exports_from_menu(studio, photos):
    labeled_studio(studio, photos)
    width, height = Image.open(photos[0]).size

    with zipfile.ZipFile(studio.export("voc")) as archive:
        xml = archive.read(f"Annotations/{photos[0].stem}.xml").decode()
    assert "<xmin>41</xmin>" in xml
    assert "<xmax>210</xmax>" in xml
    assert "<name>shoes</name>" in xml

    with zipfile.ZipFile(studio.export("yolo")) as archive:
        names = archive.namelist()
        label = archive.read(f"labels/train/{photos[0].stem}.txt").decode().split("\n")
        empty = archive.read(f"labels/train/{photos[1].stem}.txt").decode()
    assert "data.yaml" in names
    class_id, cx, cy, w, h = label[0].split()
    assert int(class_id) == 5
    assert float(cx) == pytest.approx((40 + 85) / width, abs=1e-6)
    assert float(w) == pytest.approx(170 / width, abs=1e-6)
    assert float(h) == pytest.approx(160 / height, abs=1e-6)
    assert float(cy) == pytest.approx((30 + 80) / height, abs=1e-6)
    assert empty == ""

    rows = list(csv.DictReader(io.StringIO(studio.export("csv").read_text("utf-8"))))
    boxed = [r for r in rows if r["file_name"] == photos[0].name]
    assert len(boxed) == 2
    assert {r["category"] for r in boxed} == {"shoes", "belt"}


def test_crops_cut_in_page(studio, photos):
    labeled_studio(studio, photos)
    with zipfile.ZipFile(studio.export("crops")) as archive:
        names = sorted(archive.namelist())
        shoes = [n for n in names if n.startswith("shoes/")]
        assert len(shoes) == 1
        crop = Image.open(io.BytesIO(archive.read(shoes[0])))
    assert crop.format == "JPEG"
    assert crop.size == (170, 160)
    assert any(n.startswith("belt/") for n in names)


def test_voc_zip_and_cvat_xml_import_in_page(studio, photos, tmp_path):
    studio.open()
    studio.open_files(photos[:1])
    width, height = Image.open(photos[0]).size
    voc = (
        f"<annotation><filename>{photos[0].name}</filename>"
        f"<size><width>{width}</width><height>{height}</height><depth>3</depth></size>"
        "<object><name>hat</name><bndbox><xmin>1</xmin><ymin>1</ymin>"
        "<xmax>100</xmax><ymax>100</ymax></bndbox></object></annotation>"
    )
    archive_path = tmp_path / "voc.zip"
    with zipfile.ZipFile(archive_path, "w") as archive:
        archive.writestr(f"Annotations/{photos[0].stem}.xml", voc)
    import_file(studio, archive_path)
    boxes = studio.project()["images"][0]["boxes"]
    assert [(b["category_id"], b["bbox"]) for b in boxes] == [(7, [0, 0, 100, 100])]

    cvat = tmp_path / "cvat.xml"
    cvat.write_text(
        '<?xml version="1.0" encoding="utf-8"?><annotations><version>1.1</version>'
        '<image id="0" name="second.jpg" width="320" height="240">'
        '<box label="Handbag" xtl="10.5" ytl="20" xbr="110.5" ybr="90" occluded="1"/>'
        "</image></annotations>"
    )
    import_file(studio, cvat)
    added = studio.project()["images"][1]
    assert added["file_name"] == "second.jpg"
    box = added["boxes"][0]
    assert (box["category_id"], box["bbox"], box["occluded"]) == (
        9,
        [10.5, 20, 100, 70],
        True,
    )


def test_import_menu_opens_bundle_as_new_project(studio, photos, tmp_path):
    labeled_studio(studio, photos)
    bundle = tmp_path / "handoff.zip"
    bundle.write_bytes(studio.export("bundle").read_bytes())
    before = studio.project()
    import_file(studio, bundle)
    assert studio.page.text_content("#message") == "Imported handoff.zip: 2 images"
    opened = studio.project()
    assert [i["boxes"] for i in opened["images"]] == [
        i["boxes"] for i in before["images"]
    ]
    # The photos came with the bundle, so no row is greyed out.
    missing = studio.page.eval_on_selector_all(
        "#image-list li.missing", "rows => rows.length"
    )
    assert missing == 0
