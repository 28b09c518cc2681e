import json

import pytest
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

from shopbox.formats import coco
from shopbox.models import load_project


@pytest.fixture
def project():
    return load_project(
        {
            "images": [
                {
                    "id": 1,
                    "file_name": "front/0001.jpg",
                    "width": 640,
                    "height": 480,
                    "boxes": [
                        {"id": 1, "category_id": 6, "bbox": [10, 20, 100, 60]},
                        {"id": 2, "category_id": 10, "bbox": [200.5, 40.25, 50, 30]},
                        {"id": 3, "category_id": None, "bbox": [5, 5, 5, 5]},
                    ],
                },
                {"id": 2, "file_name": "back/0001.jpg", "width": 300, "height": 200},
            ]
        }
    )


def test_coco_document_values(project):
    document, warnings = coco.to_dict(project)
    assert [i["file_name"] for i in document["images"]] == [
        "front/0001.jpg",
        "back/0001.jpg",
    ]
    assert document["annotations"][0] == {
        "id": 1,
        "image_id": 1,
        "category_id": 6,
        "bbox": [10, 20, 100, 60],
        "area": 6000,
        "segmentation": [],
        "iscrowd": 0,
        "shopbox": {
            "occluded": False,
            "truncated": False,
            "face_and_body_visible": None,
            "note": "",
        },
    }
    assert document["categories"][0] == {
        "id": 1,
        "name": "top",
        "supercategory": "apparel",
    }
    assert [w.code for w in warnings] == ["unlabeled-box"]
    assert warnings[0].value == 3


def test_coco_export_read_by_pycocotools(project, tmp_path):
    path = tmp_path / "out.json"
    path.write_bytes(coco.export(project).content)
    ground_truth = COCO(str(path))
    assert sorted(ground_truth.getImgIds()) == [1, 2]
    assert ground_truth.loadAnns([2])[0]["bbox"] == [200.5, 40.25, 50, 30]
    detections = [{**a, "score": 1.0} for a in ground_truth.dataset["annotations"]]
    evaluation = COCOeval(ground_truth, ground_truth.loadRes(detections), "bbox")
    evaluation.evaluate()
    evaluation.accumulate()
    evaluation.summarize()
    assert evaluation.stats[0] == pytest.approx(1.0)


def test_coco_export_is_stable(project):
    first = coco.export(project).content
    assert coco.export(project).content == first
    assert json.loads(first)["info"]["contributor"] == "shopbox"
