"""The studio end to end: boot, draw, label, persist and export, in Chromium."""

from __future__ import annotations

import pytest
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

from shopbox.migrations import FORMAT_VERSION

from .conftest import PageGuard

CLOTHING = "clothing-dataset-cc0/images"


@pytest.fixture
def photos(shared_data):
    folder = shared_data / CLOTHING
    return sorted(folder.glob("*.jpg"))[:3]


def assert_bbox_close(actual, expected, tolerance=0.5):
    assert len(actual) == 4
    for got, want in zip(actual, expected, strict=True):
        assert abs(got - want) <= tolerance, f"bbox {actual} != {expected}"


def test_python_boots_in_worker(studio):
    studio.open(python=False)
    assert studio.page.evaluate("document.documentElement.dataset.python") in (
        "loading",
        "ready",
    )
    studio.wait_python()
    assert studio.page.text_content("#python-text") == "Python ready"
    hello = studio.page.evaluate("window.shopbox.python.call('hello')")
    assert hello["version"] == "0.1.0"


def test_box_drawn_before_python_ready(studio, photos):
    held = []
    studio.page.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    studio.open(python=False)
    studio.open_files(photos[:1])
    assert studio.page.evaluate("document.documentElement.dataset.python") == "loading"
    box = studio.draw_box((50, 60), (250, 300), category="shoes")
    assert box["bbox"] == [50, 60, 200, 240]
    assert box["category_id"] == 6
    assert studio.page.evaluate("document.documentElement.dataset.python") == "loading"
    for route in held:
        route.continue_()
    studio.wait_python()


def test_label_real_photos_and_export_coco(studio, photos, tmp_path):
    studio.open()
    studio.open_files(photos)
    project = studio.project()
    assert [i["file_name"] for i in project["images"]] == [p.name for p in photos]

    expected = {}
    # Image 1 at 100% zoom.
    studio.page.click("#image-list li[data-image-id='1']")
    studio.press("1")
    assert studio.view()["scale"] == 1
    box = studio.draw_box((40, 30), (210, 190), category="sunglasses")
    expected[box["id"]] = (1, 10, [40, 30, 170, 160])
    box = studio.draw_box((220, 100), (300, 260), category="shampoo")
    expected[box["id"]] = (1, 15, [220, 100, 80, 160])

    # Image 2 zoomed in to 1.25^4 = 244%.
    studio.page.click("#image-list li[data-image-id='2']")
    studio.press("1", "+", "+", "+", "+")
    assert studio.view()["scale"] == pytest.approx(1.25**4)
    box = studio.draw_box((100.5, 120.25), (180.75, 200), category="sneakers")
    expected[box["id"]] = (2, 6, [100.5, 120.25, 80.25, 79.75])
    # Image 3 has no boxes but must still be listed.

    for box_id, (image_id, category_id, bbox) in expected.items():
        (box,) = [
            b
            for i in studio.project()["images"]
            for b in i["boxes"]
            if b["id"] == box_id and i["id"] == image_id
        ]
        assert box["category_id"] == category_id
        assert_bbox_close(box["bbox"], bbox)

    path = studio.export("coco")
    coco = COCO(str(path))
    assert sorted(coco.getImgIds()) == [1, 2, 3]
    assert [coco.imgs[i]["file_name"] for i in (1, 2, 3)] == [p.name for p in photos]
    assert sorted(coco.getAnnIds()) == sorted(expected)
    assert min(c["id"] for c in coco.dataset["categories"]) == 1
    for box_id, (image_id, category_id, bbox) in expected.items():
        annotation = coco.anns[box_id]
        assert annotation["image_id"] == image_id
        assert annotation["category_id"] == category_id
        assert annotation["iscrowd"] == 0
        assert_bbox_close(annotation["bbox"], bbox)
        assert annotation["area"] == pytest.approx(
            annotation["bbox"][2] * annotation["bbox"][3]
        )

    detections = [{**a, "score": 1.0} for a in coco.dataset["annotations"]]
    evaluation = COCOeval(coco, coco.loadRes(detections), "bbox")
    evaluation.evaluate()
    evaluation.accumulate()
    evaluation.summarize()
    assert evaluation.stats[0] == pytest.approx(1.0)


def test_click_without_drag_creates_no_box(studio, photos):
    studio.open(python=False)
    studio.open_files(photos[:1])
    studio.page.mouse.click(*studio.screen(100, 100))
    studio.page.mouse.move(*studio.screen(100, 100))
    studio.page.mouse.down()
    studio.page.mouse.move(*studio.screen(100.5, 100.5))
    studio.page.mouse.up()
    assert studio.current_image()["boxes"] == []
    assert studio.page.is_hidden("#picker")


def test_drag_past_opposite_corner_is_positive(studio, photos):
    studio.open(python=False)
    studio.open_files(photos[:1])
    studio.press("1")
    box = studio.draw_box((300, 250), (120, 90))
    assert box["bbox"] == [120, 90, 180, 160]
    assert box["category_id"] is None


def test_box_is_clamped_to_image(studio, photos):
    studio.open(python=False)
    studio.open_files(photos[:1])
    image = studio.current_image()
    box = studio.draw_box(
        (image["width"] - 50, image["height"] - 40),
        (
            image["width"] + 80,
            image["height"] + 90,
        ),
    )
    assert box["bbox"] == [image["width"] - 50, image["height"] - 40, 50, 40]


def test_select_move_resize_and_delete(studio, photos):
    studio.open(python=False)
    studio.open_files(photos[:1])
    studio.press("1")
    box = studio.draw_box((100, 100), (200, 150), category=None)
    studio.page.mouse.click(*studio.screen(20, 20))
    assert studio.view()["selectedBoxId"] is None

    # A click selects the box; dragging the selected box moves it by (+30, +20).
    studio.page.mouse.click(*studio.screen(150, 125))
    assert studio.view()["selectedBoxId"] == box["id"]
    studio.drag((150, 125), (180, 145))
    assert studio.view()["selectedBoxId"] == box["id"]
    assert studio.current_image()["boxes"][0]["bbox"] == [130, 120, 100, 50]

    # Resize: drag the bottom-right handle past the top-left corner.
    studio.drag((230, 170), (90, 100))
    assert studio.current_image()["boxes"][0]["bbox"] == [90, 100, 40, 20]

    # Each of the other handles moves only its own edges.
    cases = {
        "n": ((110, 100), (110, 80), [90, 80, 40, 40]),
        "e": ((130, 100), (150, 100), [90, 80, 60, 40]),
        "s": ((120, 120), (120, 130), [90, 80, 60, 50]),
        "w": ((90, 105), (70, 105), [70, 80, 80, 50]),
        "nw": ((70, 80), (60, 70), [60, 70, 90, 60]),
        "ne": ((150, 70), (160, 60), [60, 60, 100, 70]),
        "sw": ((60, 130), (50, 140), [50, 60, 110, 80]),
    }
    for handle, (start, end, expected) in cases.items():
        studio.drag(start, end)
        assert studio.current_image()["boxes"][0]["bbox"] == expected, handle

    studio.press("Delete")
    assert studio.current_image()["boxes"] == []


def test_picker_search_shows_definitions(studio, photos):
    studio.open()
    studio.open_files(photos[:1])
    studio.drag((10, 10), (100, 100))
    studio.wait("!document.querySelector('#picker').hidden")
    assert studio.page.evaluate("document.activeElement.type") == "search"
    studio.page.keyboard.type("sham")
    studio.wait(
        "document.querySelector('#picker [role=option] strong')?.textContent"
        " === 'cosmetics'"
    )
    definition = studio.page.text_content("#picker [role=option] .definition")
    assert "shampoo" in definition
    studio.page.keyboard.press("Enter")
    assert studio.current_image()["boxes"][0]["category_id"] == 15


def test_reload_restores_boxes_and_photos(studio, photos):
    studio.open(python=False)
    studio.open_files(photos[:2])
    studio.press("1")
    studio.draw_box((10, 20), (110, 220), category="hat")
    studio.page.evaluate("window.shopbox.flush()")
    saved = studio.project()

    studio.page.reload()
    studio.wait("document.documentElement.dataset.studio === 'ready'")
    assert studio.project() == saved
    # The photos come back from browser storage, so none is marked missing.
    assert studio.page.get_attribute("#image-list li[data-image-id='1']", "class") in (
        None,
        "",
    )

    studio.open_files(photos[:2])
    restored = studio.project()
    assert [i["id"] for i in restored["images"]] == [1, 2]
    assert restored["images"][0]["boxes"] == saved["images"][0]["boxes"]
    assert studio.page.get_attribute("#image-list li[data-image-id='1']", "class") in (
        None,
        "",
    )


def test_drop_files_onto_page(studio, photos):
    studio.open(python=False)
    data = list(photos[0].read_bytes())
    transfer = studio.page.evaluate_handle(
        """([bytes, name]) => {
            const transfer = new DataTransfer();
            const bytes8 = new Uint8Array(bytes);
            const file = new File([bytes8], name, { type: "image/jpeg" });
            transfer.items.add(file);
            return transfer;
        }""",
        [data, photos[0].name],
    )
    studio.page.dispatch_event("#stage", "drop", {"dataTransfer": transfer})
    studio.wait("window.shopbox.project().images.length === 1")
    assert studio.project()["images"][0]["file_name"] == photos[0].name


def test_sample_photos_offered_on_first_screen(studio):
    studio.open(python=False)
    assert studio.page.is_visible("#welcome-samples")
    studio.page.click("#welcome-samples")
    studio.wait("window.shopbox.project().images.length === 3")
    names = [i["file_name"] for i in studio.project()["images"]]
    assert names == ["coffee.png", "astronaut.png", "chelsea.png"]
    assert studio.page.is_hidden("#welcome")


def test_native_export_round_trips(studio, photos):
    studio.open()
    studio.open_files(photos[:1])
    studio.draw_box((5, 5), (55, 65), category="belt")
    exported = studio.export_json("shopbox")
    assert exported["format"] == "shopbox"
    assert exported["version"] == FORMAT_VERSION
    # Export migrates the page's project, so a version-1 page gains the
    # version-2 review field with its default.
    expected = [
        {**image, "review": image.get("review", "unreviewed")}
        for image in studio.project()["images"]
    ]
    assert exported["images"] == expected


def test_requests_stay_on_origin(studio, photos):
    requests = []
    studio.page.on("request", lambda r: requests.append(r.url))
    studio.open()
    studio.open_files(photos[:1])
    studio.draw_box((5, 5), (55, 65), category="belt")
    studio.export("coco")
    assert any(url.endswith("pyodide.asm.wasm") for url in requests)
    assert any(".whl" in url for url in requests)
    origin = studio.url.rstrip("/")
    assert [u for u in requests if not u.startswith((origin, "data:", "blob:"))] == []


def test_guard_catches_page_errors(context, site_url):
    page = context.new_page()
    guard = PageGuard(page, site_url.rstrip("/"))
    page.goto(site_url)
    page.evaluate("setTimeout(() => { throw new Error('planted failure'); }, 0)")
    page.wait_for_timeout(200)
    with pytest.raises(AssertionError, match="planted failure"):
        guard.check()


def test_guard_catches_foreign_requests(context, site_url):
    page = context.new_page()
    guard = PageGuard(page, site_url.rstrip("/"))
    # about:blank has no Content-Security-Policy, so the request is really sent;
    # 127.0.0.2 is loopback with nothing listening, so it fails at once.
    page.evaluate("fetch('http://127.0.0.2:9/probe').catch(() => null)")
    page.wait_for_timeout(200)
    with pytest.raises(AssertionError, match=r"127\.0\.0\.2:9/probe"):
        guard.check()


def test_python_failure_shown_in_page(studio, photos):
    studio.page.route(
        "**/pydantic_core-*.whl", lambda route: route.fulfill(status=404, body="gone")
    )
    studio.open(python=False)
    state = studio.wait(
        "['ready', 'failed'].includes(document.documentElement.dataset.python)"
        " && document.documentElement.dataset.python",
        timeout=120,
    )
    assert state == "failed"
    text = studio.page.text_content("#python-text")
    assert text.startswith("Python failed: ")
    assert "pydantic" in text
    # Drawing still works without Python.
    studio.open_files(photos[:1])
    box = studio.draw_box((10, 10), (60, 60), category="hat")
    assert box["category_id"] == 7


def test_drag_inside_other_box_draws_new(studio, photos):
    studio.open(python=False)
    studio.open_files(photos[:1])
    studio.press("1")
    person = studio.draw_box((20, 20), (300, 400), category=None)
    studio.press("Escape")
    assert studio.view()["selectedBoxId"] is None
    # A drag that starts inside an unselected box draws a new box inside it.
    top = studio.draw_box((60, 80), (200, 220), category=None)
    boxes = {b["id"]: b["bbox"] for b in studio.current_image()["boxes"]}
    assert boxes == {person["id"]: [20, 20, 280, 380], top["id"]: [60, 80, 140, 140]}
    # Shift+drag draws even inside the selected box.
    assert studio.view()["selectedBoxId"] == top["id"]
    studio.page.keyboard.down("Shift")
    studio.drag((80, 100), (150, 160))
    studio.page.keyboard.up("Shift")
    studio.wait("!document.querySelector('#picker').hidden")
    studio.page.keyboard.press("Escape")
    assert len(studio.current_image()["boxes"]) == 3
    assert studio.current_image()["boxes"][2]["bbox"] == [80, 100, 70, 60]


def test_reload_returns_to_current_image(studio, photos):
    studio.open(python=False)
    studio.open_files(photos[:3])
    studio.page.click("#image-list li[data-image-id='2']")
    assert studio.view()["currentImageId"] == 2
    studio.page.evaluate("window.shopbox.flush()")
    studio.page.reload()
    studio.wait("document.documentElement.dataset.studio === 'ready'")
    studio.wait("window.shopbox.view().currentImageId === 2", timeout=5)
