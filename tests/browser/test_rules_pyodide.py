"""The rules engine inside the page's Pyodide worker, called as the QA panel will."""

from __future__ import annotations

from shopbox.models import Project

from ..rule_cases import box, image

CALL = "([method, payload]) => window.shopbox.python.call(method, payload)"


def duplicate_project() -> dict:
    record = image(box(1, (10, 10, 100, 100)), box(2, (11, 10, 100, 100)))
    return Project(images=[record]).model_dump(mode="json")


def test_check_image_in_pyodide(studio):
    studio.open()
    payload = {"project": duplicate_project(), "image_id": 7}
    result = studio.page.evaluate(CALL, ["check_image", payload])
    assert result["counts"] == {"error": 1, "warning": 0}
    [finding] = result["findings"]
    assert finding["code"] == "duplicate-box"
    assert finding["image_id"] == 7
    assert finding["box_ids"] == [1, 2]


def test_settings_in_pyodide(studio):
    studio.open()
    project = duplicate_project()
    project["rules"]["duplicate-box"]["severity"] = "warning"
    result = studio.page.evaluate(CALL, ["check_project", {"project": project}])
    assert result["counts"] == {"error": 0, "warning": 1}
    assert result["findings"][0]["severity"] == "warning"
