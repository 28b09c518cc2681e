import json

from shopbox import api


def call(method, payload, data=None):
    reply, out = api.handle(method, json.dumps(payload), data)
    return json.loads(reply), out


def test_unknown_method_is_structured_error():
    reply, out = call("nope", {})
    assert reply == {
        "ok": False,
        "error": {
            "code": "unknown-method",
            "message": "No method named 'nope'.",
            "problems": [],
        },
    }
    assert out is None


def test_search_categories_returns_definitions():
    reply, _ = call("search_categories", {"query": "sunglasses", "limit": 3})
    first = reply["result"][0]
    assert first["id"] == 10
    assert first["name"] == "glasses"
    assert first["term"] == "sunglasses"
    assert first["definition"].startswith("Eyewear")


def test_export_coco_returns_bytes():
    project = {
        "images": [
            {
                "id": 1,
                "file_name": "a.jpg",
                "width": 100,
                "height": 60,
                "boxes": [{"id": 4, "category_id": 6, "bbox": [10, 20, 30, 40]}],
            }
        ]
    }
    reply, out = call("export", {"project": project, "format": "coco"})
    assert reply["ok"] is True
    assert reply["result"]["media_type"] == "application/json"
    document = json.loads(out)
    assert document["annotations"][0]["bbox"] == [10, 20, 30, 40]
    assert document["annotations"][0]["area"] == 1200


def test_export_invalid_project_lists_problems():
    project = {"images": [{"id": 1, "file_name": "a.jpg", "width": 0, "height": 5}]}
    reply, out = call("export", {"project": project, "format": "coco"})
    assert reply["ok"] is False
    assert reply["error"]["code"] == "invalid-project"
    assert reply["error"]["problems"][0]["path"] == "images[0].width"
    assert reply["error"]["problems"][0]["value"] == 0
    assert out is None


def test_use_taxonomy_rejects_bad_file():
    reply, _ = call("use_taxonomy", {"taxonomy": {"categories": [{"id": 0}]}})
    assert reply["error"]["code"] == "invalid-taxonomy"
    paths = [p["path"] for p in reply["error"]["problems"]]
    assert "taxonomy.categories[0].id" in paths
    assert "taxonomy.categories[0].name" in paths
    # The taxonomy in use is unchanged.
    reply, _ = call("search_categories", {"query": "shampoo", "limit": 1})
    assert reply["result"][0]["name"] == "cosmetics"


def test_check_image_record_finds_unlabeled_box():
    image = {
        "id": 5,
        "file_name": "a.jpg",
        "width": 100,
        "height": 100,
        "boxes": [{"id": 9, "category_id": None, "bbox": [10, 10, 30, 30]}],
    }
    reply, _ = call("check_image_record", {"image": image})
    findings = reply["result"]["findings"]
    assert [(f["code"], f["image_id"], f["box_ids"]) for f in findings] == [
        ("unlabeled-box", 5, [9])
    ]
    assert reply["result"]["counts"] == {"error": 1, "warning": 0}


def test_check_image_record_rejects_bad_image():
    reply, _ = call("check_image_record", {"image": {"id": 1}})
    assert reply["error"]["code"] == "invalid-image"
    assert "image.file_name" in [p["path"] for p in reply["error"]["problems"]]
