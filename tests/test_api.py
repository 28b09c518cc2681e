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


def coco_file(category_id=6, name="shoes"):
    return json.dumps(
        {
            "images": [{"id": 3, "file_name": "a.jpg", "width": 100, "height": 80}],
            "annotations": [
                {
                    "id": 1,
                    "image_id": 3,
                    "category_id": category_id,
                    "bbox": [1, 2, 30, 40],
                }
            ],
            "categories": [{"id": category_id, "name": name}],
        }
    ).encode()


def open_project(boxes=()):
    return {
        "images": [
            {
                "id": 1,
                "file_name": "a.jpg",
                "width": 100,
                "height": 80,
                "boxes": list(boxes),
            },
            {"id": 2, "file_name": "b.jpg", "width": 50, "height": 50},
        ]
    }


def test_merge_import_attaches_boxes_by_file_name():
    payload = {"project": open_project(), "file_name": "team.json"}
    reply, _ = call("merge_import", payload, coco_file(0, "Sneakers"))
    result = reply["result"]
    boxes = result["project"]["images"][0]["boxes"]
    assert [(b["id"], b["category_id"], b["bbox"]) for b in boxes] == [
        (1, 6, [1, 2, 30, 40])
    ]
    assert result["summary"]["images_matched"] == 1
    assert result["summary"]["images_added"] == 0
    assert result["summary"]["categories_mapped"] == {"Sneakers": "shoes"}


def test_merge_import_conflict_keeps_by_default():
    mine = [{"id": 5, "category_id": 7, "bbox": [0, 0, 9, 9]}]
    payload = {"project": open_project(mine), "file_name": "team.json"}
    reply, _ = call("merge_import", payload, coco_file())
    result = reply["result"]
    assert result["summary"]["images_conflicting"] == 1
    assert [b["id"] for b in result["project"]["images"][0]["boxes"]] == [5]
    reply, _ = call("merge_import", {**payload, "mode": "replace"}, coco_file())
    assert [
        b["category_id"] for b in reply["result"]["project"]["images"][0]["boxes"]
    ] == [6]


def test_merge_import_rejects_bad_file_and_mode():
    payload = {"project": open_project(), "file_name": "team.json"}
    reply, _ = call("merge_import", payload, b"{not json")
    assert reply["ok"] is False
    assert reply["error"]["code"] == "invalid-json"
    reply, _ = call("merge_import", {**payload, "mode": "overwrite"}, coco_file())
    assert reply["error"]["code"] == "invalid-request"
    assert reply["error"]["problems"][0]["path"] == "mode"


def test_merge_import_points_bundles_to_projects():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("project.json", "{}")
        archive.writestr("bundle.json", "{}")
    payload = {"project": open_project(), "file_name": "handoff.zip"}
    reply, _ = call("merge_import", payload, buffer.getvalue())
    assert reply["error"]["code"] == "project-bundle"
    assert reply["error"]["problems"][0]["value"] == "handoff.zip"
