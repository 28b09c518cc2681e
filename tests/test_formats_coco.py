"""COCO export and import, read back with pycocotools, globox, supervision and
datumaro."""

import contextlib
import io
import json

import pytest

from shopbox.errors import ShopboxError
from shopbox.formats import coco

from .formats_support import make_project, three_images, write_images

CATEGORIES = [{"id": 1, "name": "top", "supercategory": "apparel"}]


def coco_bytes(**overrides) -> bytes:
    document = {
        "images": [{"id": 1, "file_name": "a.jpg", "width": 200, "height": 100}],
        "annotations": [
            {"id": 1, "image_id": 1, "category_id": 1, "bbox": [10, 10, 50, 40]}
        ],
        "categories": CATEGORIES,
    }
    document.update(overrides)
    return json.dumps(document).encode()


def exported(project) -> dict:
    return json.loads(coco.export(project).content)


def test_export_category_ids_start_at_1():
    document = exported(three_images())
    ids = [c["id"] for c in document["categories"]]
    assert ids[0] == 1
    assert ids == list(range(1, 37))
    assert document["categories"][2] == {
        "id": 3,
        "name": "dress",
        "supercategory": "apparel",
    }


def test_import_category_id_0_mapped_by_name():
    content = coco_bytes(
        categories=[{"id": 0, "name": "shoes", "supercategory": "footwear"}],
        annotations=[{"id": 4, "image_id": 1, "category_id": 0, "bbox": [1, 2, 3, 4]}],
    )
    result = coco.import_file(content)
    project = result.project
    shoes = project.taxonomy.by_name("shoes")
    assert shoes.id != 0
    assert shoes.id == 6  # the default taxonomy's id for shoes
    assert project.images[0].boxes[0].category_id == 6
    assert result.warnings == []


def test_export_iscrowd_0_and_area():
    project = make_project(("a.jpg", 640, 480, [(1, (10, 20, 100, 60))]))
    annotation = exported(project)["annotations"][0]
    assert annotation["iscrowd"] == 0
    assert annotation["area"] == 6000
    assert annotation["bbox"] == [10, 20, 100, 60]
    assert annotation["segmentation"] == []


def test_import_without_iscrowd_and_area():
    result = coco.import_file(coco_bytes())
    box = result.project.images[0].boxes[0]
    assert box.bbox == (10, 10, 50, 40)
    assert box.area == 2000
    assert result.warnings == []


def test_done_image_without_boxes_listed():
    document = exported(three_images())
    assert [i["file_name"] for i in document["images"]] == ["a.jpg", "b.jpg", "c.jpg"]
    assert [a["image_id"] for a in document["annotations"]] == [1, 1, 2]
    assert document["images"][2]["shopbox"]["status"] == "done"


def test_zero_size_box_skipped_with_id():
    content = coco_bytes(
        annotations=[
            {"id": 31, "image_id": 1, "category_id": 1, "bbox": [10, 10, 0, 0]},
            {"id": 32, "image_id": 1, "category_id": 1, "bbox": [10, 10, 5, 5]},
        ]
    )
    result = coco.import_file(content)
    assert [b.id for b in result.project.images[0].boxes] == [32]
    [warning] = result.warnings
    assert warning.code == "empty-box"
    assert warning.path == "annotations[0].bbox"
    assert "box 31" in warning.message
    assert warning.value == [10, 10, 0, 0]


def test_export_never_writes_zero_size_box():
    project = make_project(("a.jpg", 100, 100, [(1, (100, 50, 10, 10))]))
    export = coco.export(project)
    assert json.loads(export.content)["annotations"] == []
    assert [w.code for w in export.warnings] == ["box-outside-image"]


@pytest.mark.parametrize(
    "bbox",
    [{"x": 1, "y": 2, "w": 3, "h": 4}, [1, 2, 3], [1, 2, 3, 4, 5], "1,2,3,4"],
)
def test_malformed_bbox_rejected_with_path(bbox):
    content = coco_bytes(
        annotations=[
            {"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 1, 2, 2]},
            {"id": 2, "image_id": 1, "category_id": 1, "bbox": bbox},
        ]
    )
    with pytest.raises(ShopboxError) as info:
        coco.import_file(content)
    assert info.value.code == "invalid-import"
    [problem] = info.value.problems
    assert problem.path == "annotations[1].bbox"
    assert "bbox must be a list of 4 numbers" in problem.message
    assert "annotations[1].bbox" in str(info.value)


def test_bbox_with_text_number_rejected():
    content = coco_bytes(
        annotations=[{"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, "2", 3, 4]}]
    )
    with pytest.raises(ShopboxError) as info:
        coco.import_file(content)
    [problem] = info.value.problems
    assert problem.path == "annotations[0].bbox[1]"
    assert problem.value == "2"


def test_malformed_bbox_message_names_value():
    content = coco_bytes(
        annotations=[{"id": 1, "image_id": 1, "category_id": 1, "bbox": {"x": 1}}]
    )
    with pytest.raises(ShopboxError) as info:
        coco.import_file(content)
    [problem] = info.value.problems
    assert problem.path == "annotations[0].bbox"
    assert problem.value == "{'x': 1}"


def test_duplicate_annotation_id_renumbered():
    content = coco_bytes(
        annotations=[
            {"id": 7, "image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10]},
            {"id": 7, "image_id": 1, "category_id": 1, "bbox": [20, 20, 10, 10]},
        ]
    )
    result = coco.import_file(content)
    boxes = result.project.images[0].boxes
    assert [(b.id, b.bbox) for b in boxes] == [
        (7, (0, 0, 10, 10)),
        (8, (20, 20, 10, 10)),
    ]
    [warning] = result.warnings
    assert warning.code == "renumbered-id"
    assert warning.path == "annotations[1].bbox.id"
    assert warning.value == 7


def test_export_ids_unique_and_images_exist():
    document = exported(three_images())
    ids = [a["id"] for a in document["annotations"]]
    assert len(ids) == len(set(ids))
    image_ids = {i["id"] for i in document["images"]}
    assert all(a["image_id"] in image_ids for a in document["annotations"])


def test_unknown_image_id_skipped():
    content = coco_bytes(
        annotations=[{"id": 1, "image_id": 9, "category_id": 1, "bbox": [0, 0, 5, 5]}]
    )
    result = coco.import_file(content)
    assert result.project.images[0].boxes == []
    assert [(w.path, w.code, w.value) for w in result.warnings] == [
        ("annotations[0].image_id", "unknown-image", 9)
    ]


def test_same_name_in_two_folders_kept_apart():
    project = make_project(
        ("front/0001.jpg", 100, 100, [(1, (0, 0, 10, 10))]),
        ("back/0001.jpg", 100, 100, [(2, (5, 5, 20, 20)), (3, (1, 1, 2, 2))]),
    )
    document = exported(project)
    assert [i["file_name"] for i in document["images"]] == [
        "front/0001.jpg",
        "back/0001.jpg",
    ]
    result = coco.import_file(coco.export(project).content)
    back = result.project.images[1]
    assert back.file_name == "back/0001.jpg"
    assert [b.bbox for b in back.boxes] == [(5, 5, 20, 20), (1, 1, 2, 2)]
    assert [b.bbox for b in result.project.images[0].boxes] == [(0, 0, 10, 10)]


def many_boxes_project():
    boxes = [
        (1 + i % 3, (i % 50 * 12, i // 50 * 90, 10 + i % 7, 20 + i % 11))
        for i in range(250)
    ]
    return make_project(("shelf.jpg", 640, 480, boxes))


def test_250_boxes_survive_round_trip():
    project = many_boxes_project()
    first = coco.export(project).content
    result = coco.import_file(first)
    assert result.warnings == []
    assert result.project.images[0].boxes == project.images[0].boxes
    assert coco.export(result.project).content == first


def test_one_unknown_category_skips_only_that_box():
    document = json.loads(coco.export(many_boxes_project()).content)
    document["annotations"][100]["category_id"] = 99
    result = coco.import_file(json.dumps(document).encode())
    assert len(result.project.images[0].boxes) == 249
    [warning] = result.warnings
    assert warning.path == "annotations[100].category_id"
    assert warning.value == 99
    assert "annotation 101" in warning.message


def test_empty_segmentation_null_info_no_licenses():
    content = coco_bytes(
        info=None,
        annotations=[
            {
                "id": 1,
                "image_id": 1,
                "category_id": 1,
                "bbox": [1, 1, 5, 5],
                "segmentation": [],
            }
        ],
    )
    assert b"licenses" not in content
    result = coco.import_file(content)
    assert result.project.images[0].boxes[0].bbox == (1, 1, 5, 5)


def test_flat_segmentation_list_accepted():
    content = coco_bytes(
        annotations=[
            {
                "id": 1,
                "image_id": 1,
                "category_id": 1,
                "segmentation": [10, 20, 60, 20, 60, 70, 10, 70],
            }
        ]
    )
    result = coco.import_file(content)
    assert result.project.images[0].boxes[0].bbox == (10, 20, 50, 50)


def test_segmentation_of_strings_rejected_with_path():
    content = coco_bytes(
        annotations=[
            {"id": 1, "image_id": 1, "category_id": 1, "segmentation": ["a", "b"]}
        ]
    )
    with pytest.raises(ShopboxError) as info:
        coco.import_file(content)
    assert all(
        p.path.startswith("annotations[0].segmentation") for p in info.value.problems
    )


def test_fashionpedia_sample_boxes_from_polygons(shared_data):
    path = shared_data / "fashionpedia-api" / "data" / "sample.json"
    result = coco.import_file(path.read_bytes())
    project = result.project
    assert result.warnings == []
    assert [(i.id, i.file_name) for i in project.images] == [
        (9813, "000000009813.jpg"),
        (10223, "000000010223.jpg"),
    ]
    assert sum(len(i.boxes) for i in project.images) == 12
    source = json.loads(path.read_text())
    by_id = {b.id: b for i in project.images for b in i.boxes}
    for annotation in source["annotations"]:
        xs = [v for poly in annotation["segmentation"] for v in poly[0::2]]
        ys = [v for poly in annotation["segmentation"] for v in poly[1::2]]
        expected = (min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
        assert by_id[annotation["id"]].bbox == expected
    first = by_id[16]
    assert first.bbox == (185, 890, 47, 45)
    shirt = project.taxonomy.by_name("shirt, blouse")
    assert shirt.id == 48  # file id 0 is invalid, so it gets the next free id
    category = project.taxonomy.by_id(first.category_id)
    assert category.name == "shoe"


def test_export_stable_bytes():
    project = three_images()
    assert coco.export(project).content == coco.export(project).content
    assert b"date" not in coco.export(project).content


# Real readers


def write_coco(tmp_path, project):
    annotations = tmp_path / "annotations" / "instances_default.json"
    annotations.parent.mkdir(parents=True)
    annotations.write_bytes(coco.export(project).content)
    write_images(project, tmp_path / "images" / "default")
    return annotations


def test_pycocotools_reads_and_scores_ap_1(tmp_path):
    from pycocotools.coco import COCO
    from pycocotools.cocoeval import COCOeval

    # COCOeval's summary counts at most 100 detections per image, so the 250
    # boxes are spread over 5 images.
    boxes = many_boxes_project().images[0].boxes
    project = make_project(
        *[
            (f"{k}.jpg", 640, 480, [(b.category_id, b.bbox) for b in boxes[k::5]])
            for k in range(5)
        ]
    )
    path = write_coco(tmp_path, project)
    with contextlib.redirect_stdout(io.StringIO()):
        truth = COCO(str(path))
        assert len(truth.getAnnIds()) == 250
        detections = [dict(a, score=1.0) for a in truth.loadAnns(truth.getAnnIds())]
        results = truth.loadRes(detections)
        evaluation = COCOeval(truth, results, "bbox")
        evaluation.evaluate()
        evaluation.accumulate()
        evaluation.summarize()
    assert evaluation.stats[0] == pytest.approx(1.0)
    assert evaluation.stats[8] == pytest.approx(1.0)  # recall at 100 detections
    assert truth.loadAnns([3])[0]["bbox"] == list(project.images[0].boxes[2].bbox)


def test_globox_reads_coco(tmp_path):
    import globox

    project = three_images()
    annotations = globox.AnnotationSet.from_coco(write_coco(tmp_path, project))
    boxes = {a.image_id: [(b.label, b.ltrb) for b in a.boxes] for a in annotations}
    assert boxes == {
        "a.jpg": [("dress", (10, 20, 110, 80)), ("underwear", (600, 450, 640, 480))],
        "b.jpg": [("dress", (1244, 0, 1280, 720))],
        "c.jpg": [],
    }


def test_supervision_reads_coco(tmp_path):
    import supervision as sv

    project = three_images()
    path = write_coco(tmp_path, project)
    dataset = sv.DetectionDataset.from_coco(
        images_directory_path=str(tmp_path / "images" / "default"),
        annotations_path=str(path),
    )
    assert len(dataset) == 3
    found = {p.rsplit("/", 1)[1]: d for p, _, d in dataset}
    assert found["a.jpg"].xyxy.tolist() == [[10, 20, 110, 80], [600, 450, 640, 480]]
    assert [dataset.classes[i] for i in found["a.jpg"].class_id] == [
        "dress",
        "underwear",
    ]
    assert found["c.jpg"].xyxy.tolist() == []


def test_datumaro_reads_coco(tmp_path):
    import datumaro

    project = three_images()
    write_coco(tmp_path, project)
    dataset = datumaro.Dataset.import_from(str(tmp_path), "coco_instances")
    labels = dataset.categories()[datumaro.AnnotationType.label]
    found = {
        item.id: sorted((labels[a.label].name, a.get_bbox()) for a in item.annotations)
        for item in dataset
    }
    assert found == {
        "a": [("dress", [10, 20, 100, 60]), ("underwear", [600, 450, 40, 30])],
        "b": [("dress", [1244, 0, 36, 720])],
        "c": [],
    }
