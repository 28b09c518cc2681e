"""YOLO (Ultralytics layout) zips, read back with globox, supervision and
datumaro."""

import io
from decimal import Decimal

import pytest
from PIL import Image

from shopbox.errors import ShopboxError
from shopbox.formats import ImportOptions, yolo
from shopbox.formats.safe_zip import write_zip
from shopbox.formats.yaml_names import parse_names
from shopbox.taxonomy import Category, Taxonomy

from .formats_support import (
    make_project,
    three_images,
    unzip,
    write_images,
    zip_members,
)


def label_lines(content: bytes, name: str) -> list[str]:
    return zip_members(content)[f"labels/train/{name}.txt"].decode().splitlines()


def test_empty_image_gets_empty_label_file():
    members = zip_members(yolo.export(three_images()).content)
    assert members["labels/train/c.txt"] == b""
    assert members["labels/train/a.txt"].decode().count("\n") == 2


def test_box_on_right_edge_stays_inside():
    # 1244 + 36 = 1280: the box touches the right edge of a 1280x720 image.
    project = make_project(("b.jpg", 1280, 720, [(1, (1244, 100, 36, 50))]))
    [line] = label_lines(yolo.export(project).content, "b")
    assert line == "0 0.985938 0.173611 0.028124 0.069444"
    _, cx, _, w, _ = (Decimal(v) for v in line.split())
    assert cx + w / 2 == 1
    assert cx - w / 2 >= 0


@pytest.mark.parametrize("x", [0, 0.3, 1, 1243.7, 1244, 1279])
@pytest.mark.parametrize("width", [1, 7, 36, 1280])
def test_every_line_inside_unit_square(x, width):
    project = make_project(("b.jpg", 1280, 720, [(1, (x, 719 - x / 2, width, 3))]))
    content = yolo.export(project).content
    for line in label_lines(content, "b"):
        _, cx, cy, w, h = (Decimal(v) for v in line.split())
        assert cx - w / 2 >= 0, line
        assert cx + w / 2 <= 1, line
        assert cy - h / 2 >= 0, line
        assert cy + h / 2 <= 1, line
        _, fx, _, fw, _ = (float(v) for v in line.split())
        assert fx - fw / 2 >= 0, line
        assert fx + fw / 2 <= 1, line


def test_data_yaml_lists_taxonomy_names():
    members = zip_members(yolo.export(three_images()).content)
    text = members["data.yaml"].decode()
    assert "train: images/train" in text
    assert '  0: "top"' in text
    assert '  35: "other"' in text
    assert parse_names(text)[:3] == ["top", "bottom", "dress"]


@pytest.mark.parametrize(
    "text",
    [
        "names:\n  0: shoes\n  1: 'bag, tote'\n",
        'names:\n  - shoes\n  - "bag, tote"\n',
        "nc: 2\nnames: [shoes, 'bag, tote']\n",
        'names: ["shoes", "bag, tote"]  # classes\n',
    ],
)
def test_parse_names_forms(text):
    assert parse_names(text) == ["shoes", "bag, tote"]


def test_parse_names_gap_rejected():
    with pytest.raises(ValueError, match="without gaps"):
        parse_names("names:\n  0: a\n  2: b\n")


def test_round_trip_same_bytes():
    project = three_images()
    project.images[1].boxes[0].truncated = True
    first = yolo.export(project).content
    result = yolo.import_file(first)
    assert result.warnings == []
    again = yolo.export(result.project).content
    assert again == first
    box = result.project.images[0].boxes[0]
    assert box.bbox == pytest.approx((10, 20, 100, 60), abs=1e-3)
    assert result.project.images[1].boxes[0].truncated is True
    assert result.project.images[2].status == "done"


def test_import_without_sidecar_needs_sizes():
    members = zip_members(yolo.export(three_images()).content)
    del members["shopbox.json"]
    content = write_zip(members.items())
    with pytest.raises(ShopboxError) as info:
        yolo.import_file(content)
    assert {p.code for p in info.value.problems} == {"missing-image-size"}
    sizes = {"a.jpg": (640, 480), "b.jpg": (1280, 720), "c.jpg": (100, 100)}
    result = yolo.import_file(content, ImportOptions(image_sizes=sizes))
    boxes = {i.file_name: [b.bbox for b in i.boxes] for i in result.project.images}
    assert boxes["a.jpg"][1] == pytest.approx((600, 450, 40, 30), abs=1e-3)
    assert boxes["c.jpg"] == []


def test_bad_label_line_rejected_with_line_number():
    members = zip_members(yolo.export(three_images()).content)
    members["labels/train/a.txt"] = b"2 0.5 0.5 0.1 0.1\n2 0.5 zero 0.1 0.1\n"
    with pytest.raises(ShopboxError) as info:
        yolo.import_file(write_zip(members.items()))
    [problem] = info.value.problems
    assert problem.path == "labels/train/a.txt:2"
    assert problem.value == "2 0.5 zero 0.1 0.1"


def test_unknown_class_skipped_with_warning():
    members = zip_members(yolo.export(three_images()).content)
    members["labels/train/b.txt"] = b"99 0.5 0.5 0.1 0.1\n"
    members["shopbox.json"] = members["shopbox.json"].replace(b'"id": 3,', b"")
    result = yolo.import_file(write_zip(members.items()))
    assert [(w.path, w.code, w.value) for w in result.warnings] == [
        ("labels/train/b.txt:1", "unknown-category", 99)
    ]


# Real readers


def export_to_folder(tmp_path, project):
    root = unzip(yolo.export(project).content, tmp_path / "yolo")
    write_images(project, root / "images" / "train")
    return root


def test_globox_reads_yolo(tmp_path):
    import globox

    project = three_images()
    root = export_to_folder(tmp_path, project)
    annotations = globox.AnnotationSet.from_yolo_v5(
        root / "labels" / "train", image_folder=root / "images" / "train"
    )
    found = {a.image_id: [(b.label, b.ltrb) for b in a.boxes] for a in annotations}
    assert [label for label, _ in found["a.jpg"]] == ["2", "4"]
    assert found["a.jpg"][0][1] == pytest.approx((10, 20, 110, 80), abs=1e-3)
    assert found["a.jpg"][1][1] == pytest.approx((600, 450, 640, 480), abs=1e-3)
    assert found["b.jpg"][0][1] == pytest.approx((1244, 0, 1280, 720), abs=2e-3)
    assert found["c.jpg"] == []


def test_supervision_reads_yolo(tmp_path):
    import supervision as sv

    root = export_to_folder(tmp_path, three_images())
    dataset = sv.DetectionDataset.from_yolo(
        images_directory_path=str(root / "images" / "train"),
        annotations_directory_path=str(root / "labels" / "train"),
        data_yaml_path=str(root / "data.yaml"),
    )
    assert dataset.classes[2] == "dress"
    found = {p.rsplit("/", 1)[1]: d for p, _, d in dataset}
    assert found["a.jpg"].xyxy.ravel().tolist() == pytest.approx(
        [10, 20, 110, 80, 600, 450, 640, 480], abs=1e-3
    )
    assert found["a.jpg"].class_id.tolist() == [2, 4]
    assert found["c.jpg"].xyxy.tolist() == []


def test_datumaro_reads_yolo(tmp_path):
    import datumaro

    root = export_to_folder(tmp_path, three_images())
    dataset = datumaro.Dataset.import_from(str(root), "yolo")
    labels = dataset.categories()[datumaro.AnnotationType.label]
    found = {
        item.id: [(labels[a.label].name, a.get_bbox()) for a in item.annotations]
        for item in dataset
    }
    assert sorted(found) == ["a", "b", "c"]
    assert [name for name, _ in found["a"]] == ["dress", "underwear"]
    assert found["a"][0][1] == pytest.approx([10, 20, 100, 60], abs=1e-3)
    assert found["b"][0][1] == pytest.approx([1244, 0, 36, 720], abs=2e-3)
    assert found["c"] == []


def test_tricky_names_read_by_pyyaml():
    import yaml

    names = [
        'Shoes, women\'s "heels"',
        "key: value # not a comment",
        "- dash",
        "back\\slash",
        "line\u2028sep",
        "émoji 👟",
        "null",
    ]
    taxonomy = Taxonomy(
        categories=[
            Category(id=i + 1, name=name, supercategory="s")
            for i, name in enumerate(names)
        ]
    )
    project = make_project(("a.jpg", 10, 10, [(1, (0, 0, 5, 5))]))
    project.taxonomy = taxonomy
    text = zip_members(yolo.export(project).content)["data.yaml"].decode()
    loaded = yaml.safe_load(text)
    assert [loaded["names"][i] for i in range(len(names))] == names
    assert loaded["nc"] == len(names)
    assert parse_names(text) == names


def test_import_reads_sizes_from_images_in_zip(shared_data):
    members = zip_members(yolo.export(three_images()).content)
    del members["shopbox.json"]
    members["labels/train/a.txt"] = b"2 0.5 0.5 0.25 0.5\n"
    photo = (shared_data / "exif-orientation-examples" / "Landscape_6.jpg").read_bytes()
    members["images/train/a.jpg"] = photo
    buffer = io.BytesIO()
    Image.new("RGB", (1280, 720)).save(buffer, "PNG")
    members["images/train/b.png"] = buffer.getvalue()
    sizes = {"c.jpg": (100, 100)}
    result = yolo.import_file(
        write_zip(members.items()), ImportOptions(image_sizes=sizes)
    )
    images = {i.file_name: i for i in result.project.images}
    assert sorted(images) == ["a.jpg", "b.png", "c.jpg"]
    # The file stores 1200x1800 with EXIF orientation 6, displayed 1800x1200.
    assert (images["a.jpg"].width, images["a.jpg"].height) == (1800, 1200)
    assert images["a.jpg"].boxes[0].bbox == (675, 300, 450, 600)
    assert (images["b.png"].width, images["b.png"].height) == (1280, 720)
