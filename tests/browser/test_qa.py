"""The QA panel follows edits, focuses boxes, and export warns about errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture
def photo(shared_data):
    return sorted((shared_data / "clothing-dataset-cc0/images").glob("*.jpg"))[0]


def codes(studio):
    return sorted(
        f["code"] for f in studio.page.evaluate("window.shopbox.checks()")["findings"]
    )


def panel_codes(studio):
    return studio.page.eval_on_selector_all(
        "#qa-list li", "items => items.map(i => i.dataset.code)"
    )


def test_panel_follows_box_into_and_out_of_violation(studio, photo):
    studio.open()
    studio.open_files([photo])
    studio.press("1")
    studio.draw_box((20, 20), (120, 200), category="shoes")
    studio.draw_box((200, 20), (300, 200), category="shoes")
    assert codes(studio) == []
    assert panel_codes(studio) == []

    # Move the second shoe onto the first: IoU 1.0 makes a duplicate.
    studio.drag((250, 110), (70, 110))
    assert codes(studio) == ["duplicate-box"]
    studio.wait("document.querySelectorAll('#qa-list li').length === 1")
    assert panel_codes(studio) == ["duplicate-box"]
    summary = studio.page.text_content("#qa-summary")
    assert summary.startswith("This image: 1 error, 0 warnings.")

    # Move it back out: the finding goes away.
    studio.drag((70, 110), (250, 110))
    assert codes(studio) == []
    studio.wait("document.querySelectorAll('#qa-list li').length === 0")


def test_gender_finding_clears_with_attribute(studio, photo):
    studio.open()
    studio.open_files([photo])
    studio.press("1")
    box = studio.draw_box((10, 10), (200, 300), category="woman")
    assert "gender-not-confirmed" in codes(studio)
    studio.page.check("#box-form [name=face_and_body_visible]")
    assert "gender-not-confirmed" not in codes(studio)
    project = studio.project()
    assert project["images"][0]["boxes"][0]["id"] == box["id"]
    assert project["images"][0]["boxes"][0]["face_and_body_visible"] is True


def test_clicking_finding_selects_and_shows_box(studio, photo):
    studio.open()
    studio.open_files([photo])
    studio.press("1")
    box = studio.draw_box((30, 40), (90, 120))
    studio.press("Escape")
    assert studio.view()["selectedBoxId"] is None
    codes(studio)
    studio.page.click("#qa-list li[data-code='unlabeled-box']")
    view = studio.view()
    assert view["selectedBoxId"] == box["id"]
    # The box is centred on the canvas.
    center = studio.screen(60, 80)
    canvas = studio.page.locator("#canvas").bounding_box()
    assert center[0] == pytest.approx(canvas["x"] + canvas["width"] / 2, abs=1)
    assert center[1] == pytest.approx(canvas["y"] + canvas["height"] / 2, abs=1)


def test_export_warns_about_errors_and_allows_export(studio, photo):
    studio.open()
    studio.open_files([photo])
    studio.draw_box((30, 40), (90, 120))
    studio.press("Escape")
    studio.page.click("#export-button")
    studio.page.click("#export-menu [data-format=coco]")
    studio.wait("document.querySelector('#confirm-dialog').open")
    message = studio.page.text_content("#confirm-dialog p")
    assert message.startswith("1 error remains in")
    with studio.page.expect_download() as info:
        studio.page.click("#confirm-dialog [value=confirm]")
    document = json.loads(Path(info.value.path()).read_text("utf-8"))
    assert len(document["images"]) == 1
    # The unlabeled box is left out of COCO, and the status line names it.
    assert document["annotations"] == []
    studio.wait("document.querySelector('#message').textContent.startsWith('Exported')")
    status = studio.page.text_content("#message")
    assert "1 warning: box" in status


def test_export_cancel_downloads_nothing(studio, photo):
    studio.open()
    studio.open_files([photo])
    studio.draw_box((30, 40), (90, 120))
    studio.press("Escape")
    downloads = []
    studio.page.on("download", lambda download: downloads.append(download))
    studio.page.click("#export-button")
    studio.page.click("#export-menu [data-format=coco]")
    studio.wait("document.querySelector('#confirm-dialog').open")
    studio.page.click("#confirm-dialog [value=cancel]")
    studio.page.wait_for_timeout(300)
    assert downloads == []
