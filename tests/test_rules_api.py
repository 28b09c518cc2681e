import json

from shopbox.api import handle
from shopbox.models import Project

from .rule_cases import box, image

DUPLICATE = image(box(1, (10, 10, 100, 100)), box(2, (11, 10, 100, 100)))
WIDE_SHOE = image(box(3, (10, 10, 500, 100)), id=8, file_name="wide.jpg")


def call(name, payload):
    reply, data = handle(name, json.dumps(payload))
    assert data is None
    return json.loads(reply)


def project_json(*records):
    return Project(images=list(records)).model_dump(mode="json")


def test_check_project_reply():
    reply = call("check_project", {"project": project_json(DUPLICATE, WIDE_SHOE)})
    assert reply["ok"] is True
    result = reply["result"]
    assert result["counts"] == {"error": 1, "warning": 1}
    assert [(f["code"], f["image_id"], f["box_ids"]) for f in result["findings"]] == [
        ("duplicate-box", 7, [1, 2]),
        ("shoe-pair-in-one-box", 8, [3]),
    ]


def test_check_project_with_settings():
    payload = {
        "project": project_json(DUPLICATE),
        "settings": {"duplicate-box": {"severity": "warning"}},
    }
    result = call("check_project", payload)["result"]
    assert result["counts"] == {"error": 0, "warning": 1}


def test_check_project_bad_settings():
    payload = {
        "project": project_json(DUPLICATE),
        "settings": {"duplicate-box": {"min_iou": 0}},
    }
    reply = call("check_project", payload)
    assert reply["ok"] is False
    assert reply["error"]["code"] == "invalid-settings"
    [problem] = reply["error"]["problems"]
    assert problem["path"] == "settings.duplicate-box.min_iou"
    assert problem["value"] == 0


def test_check_image_reply():
    payload = {"project": project_json(DUPLICATE, WIDE_SHOE), "image_id": 8}
    result = call("check_image", payload)["result"]
    assert result["counts"] == {"error": 0, "warning": 1}
    assert [f["code"] for f in result["findings"]] == ["shoe-pair-in-one-box"]
    assert result["findings"][0]["severity"] == "warning"


def test_check_image_unknown_id():
    reply = call("check_image", {"project": project_json(DUPLICATE), "image_id": 99})
    assert reply["ok"] is False
    assert reply["error"]["code"] == "unknown-image"
    assert "no image with id 99" in reply["error"]["message"]


def test_check_image_needs_integer_id():
    reply = call("check_image", {"project": project_json(DUPLICATE), "image_id": "7"})
    assert reply["error"]["code"] == "invalid-request"
    assert reply["error"]["problems"][0]["path"] == "image_id"


def test_check_without_project():
    reply = call("check_project", {})
    assert reply["error"]["code"] == "invalid-request"
    assert reply["error"]["problems"][0]["path"] == "project"
