"""Images: a keyboard-only labeling pass, image-level labels, list and EXIF."""

from __future__ import annotations

import struct

import pytest

from .ux_helpers import clothing_photos, drag_new_box, message, pick

EXIF = "exif-orientation-examples"


def jpeg_stored_size(path) -> tuple[int, int]:
    """Width and height from a JPEG's frame header, before any EXIF rotation."""
    data = path.read_bytes()
    i = 2
    while i < len(data):
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2 : i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return width, height
        i += 2 + length
    raise AssertionError(f"no frame header in {path}")


def test_keyboard_only_pass(studio, shared_data):
    photos = clothing_photos(shared_data, 3)
    studio.open(python=False)
    studio.page.focus("#canvas")
    with studio.page.expect_file_chooser() as chooser:
        # Playwright turns on file chooser interception asynchronously; a key
        # press sent at once lost the chooser in one run out of several.
        studio.page.wait_for_timeout(200)
        studio.page.keyboard.press("Control+o")
    chooser.value.set_files([str(p) for p in photos])
    studio.wait("window.shopbox.project().images.length === 3")

    plan = [
        ("dress", "Shift+1", "top"),
        ("shoes", "Shift+3", "shoes"),
        ("hat", "Shift+2", "hat"),
    ]
    for step, (category, shot_key, main) in enumerate(plan):
        assert studio.view()["currentImageId"] == step + 1
        studio.press("0")
        drag_new_box(studio, (20, 20), (200, 200))  # the mouse only draws
        pick(studio, category)
        studio.page.keyboard.press("Shift+O")
        studio.page.keyboard.press(shot_key)
        studio.page.keyboard.press("Shift+M")
        pick(studio, main)
        studio.page.keyboard.press("Shift+D")

    assert message(studio) == f"Marked {photos[2].name} done. It is the last image."
    images = studio.project()["images"]
    assert [i["status"] for i in images] == ["done", "done", "done"]
    assert [i["shot_type"] for i in images] == [
        "product only",
        "flat lay",
        "worn by model",
    ]
    assert [i["main_category_id"] for i in images] == [1, 6, 7]
    assert [[b["category_id"] for b in i["boxes"]] for i in images] == [[3], [6], [7]]
    assert all(i["boxes"][0]["occluded"] for i in images)
    assert (
        studio.page.evaluate("document.querySelector('#project-progress').value") == 3
    )
    assert studio.page.text_content(".progress-text") == "3 of 3 finished"


def test_status_keys_and_filters(studio, shared_data):
    studio.open(python=False)
    studio.open_files(clothing_photos(shared_data, 3))
    studio.page.click("#image-list li[data-image-id='1']")
    studio.press("Shift+S")
    assert studio.view()["currentImageId"] == 2
    studio.press("Shift+E")
    assert [i["status"] for i in studio.project()["images"]] == [
        "skipped",
        "no-objects",
        "todo",
    ]
    studio.page.select_option("select[aria-label='Filter by status']", "todo")
    listed = studio.page.eval_on_selector_all(
        "#image-list li", "items => items.map(i => i.dataset.imageId)"
    )
    assert listed == ["3"]
    studio.page.select_option("select[aria-label='Filter by status']", "")
    studio.page.click("#image-list li[data-image-id='3']")
    studio.press("1")
    studio.draw_box((10, 10), (60, 60), category="belt")
    studio.page.select_option("select[aria-label='Filter by category']", "8")
    listed = studio.page.eval_on_selector_all(
        "#image-list li", "items => items.map(i => i.dataset.imageId)"
    )
    assert listed == ["3"]
    assert studio.page.text_content("#image-count") == "(1 of 3)"
    # No QA findings are loaded, so their filter stays hidden.
    assert studio.page.is_hidden("select[aria-label='Filter by QA findings']")
    assert studio.page.text_content(".progress-text") == "2 of 3 finished"


def test_thumbnails_and_counts(studio, shared_data):
    studio.open(python=False)
    studio.open_files(clothing_photos(shared_data, 3))
    studio.wait(
        "[...document.querySelectorAll('#image-list canvas.thumbnail')]"
        ".every(c => c.dataset.state === 'ready')"
    )
    sizes = studio.page.eval_on_selector_all(
        "#image-list canvas.thumbnail", "items => items.map(c => [c.width, c.height])"
    )
    ratio = studio.page.evaluate("window.devicePixelRatio")
    assert sizes == [
        [round(48 * ratio), round(400 / 711 * 48 * ratio)],
        [round(48 * ratio), round(400 / 410 * 48 * ratio)],
        [round(400 / 712 * 48 * ratio), round(48 * ratio)],
    ]
    studio.page.click("#image-list li[data-image-id='2']")
    studio.draw_box((10, 10), (60, 60))
    counts = studio.page.eval_on_selector_all(
        "#image-list .boxes", "items => items.map(i => i.textContent)"
    )
    assert counts == ["0", "1", "0"]


def test_main_category_and_shot_type_in_export(studio, shared_data):
    studio.open()
    studio.open_files(clothing_photos(shared_data, 1))
    studio.press("Shift+4", "Shift+M")
    pick(studio, "dress")
    assert studio.page.is_checked("#image-info input[value='lifestyle scene']")
    exported = studio.export_json("shopbox")
    assert exported["shot_types"][3] == "lifestyle scene"
    assert exported["images"][0]["shot_type"] == "lifestyle scene"
    assert exported["images"][0]["main_category_id"] == 3


def test_exif_orientations_open_upright(studio, shared_data):
    paths = sorted((shared_data / EXIF).glob("Landscape_*.jpg"))
    assert len(paths) == 9
    assert {jpeg_stored_size(p) for p in paths} == {(1800, 1200), (1200, 1800)}
    studio.open(python=False)
    studio.open_files(paths)
    images = studio.project()["images"]
    assert len(images) == 9
    assert {(i["width"], i["height"]) for i in images} == {(1800, 1200)}


@pytest.mark.parametrize("key", ["?", "F1"])
def test_help_lists_every_key(studio, key):
    studio.open(python=False)
    keymap = studio.page.evaluate(
        "import('./static/keys.js').then(m => m.KEYMAP.map(e => ({...e})))"
    )
    studio.press(key)
    assert studio.page.is_visible("#help")
    rows = studio.page.eval_on_selector_all(
        "#help tr",
        """rows => rows.map(r => ({
            action: r.dataset.action,
            keys: [...r.querySelectorAll('kbd')].map(k => k.dataset.spec),
            description: r.cells[1].textContent,
        }))""",
    )
    assert rows == [
        {"action": e["action"], "keys": e["keys"], "description": e["description"]}
        for e in keymap
    ]
    assert len(rows) == len(keymap) > 30
    studio.page.keyboard.press("Escape")
    assert studio.page.is_hidden("#help")


def test_findings_filter_with_checks(studio, shared_data):
    studio.open()
    studio.open_files(clothing_photos(shared_data, 2))
    studio.page.click("#image-list li[data-image-id='2']")
    studio.draw_box((10, 10), (60, 60))  # left unlabeled: an error finding
    findings = "select[aria-label='Filter by QA findings']"
    studio.wait(f'!document.querySelector("{findings}").hidden')
    studio.page.select_option(findings, "yes")
    listed = studio.page.eval_on_selector_all(
        "#image-list li", "items => items.map(i => i.dataset.imageId)"
    )
    assert listed == ["2"]


def test_image_list_keyboard(studio, shared_data):
    studio.open(python=False)
    studio.open_files(clothing_photos(shared_data, 3))
    studio.page.focus("#image-list li[tabindex='0']")
    assert studio.page.evaluate("document.activeElement.dataset.imageId") == "1"
    studio.page.keyboard.press("ArrowDown")
    studio.page.keyboard.press("ArrowDown")
    assert studio.view()["currentImageId"] == 3
    assert studio.page.evaluate("document.activeElement.dataset.imageId") == "3"
    studio.page.keyboard.press("ArrowUp")
    assert studio.view()["currentImageId"] == 2
    assert studio.current_image()["boxes"] == []
