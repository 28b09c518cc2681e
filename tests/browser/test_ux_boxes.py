"""Box editing from the keyboard: nudge, resize, copy and paste, categories."""

from __future__ import annotations

import pytest

from .ux_helpers import (
    bboxes,
    box_by_id,
    clothing_photos,
    drag_new_box,
    pick,
    picker_open,
    select_box,
)


@pytest.fixture
def photos(shared_data):
    return clothing_photos(shared_data, 2)


def test_nudge_and_resize(studio, photos):
    studio.open(python=False)
    studio.open_files(photos[:1])
    studio.press("1")
    image = studio.current_image()
    box = studio.draw_box((100, 100), (150, 140))
    steps = [
        ("ArrowRight", [101, 100, 50, 40]),
        ("ArrowDown", [101, 101, 50, 40]),
        ("ArrowLeft", [100, 101, 50, 40]),
        ("ArrowUp", [100, 100, 50, 40]),
        ("Shift+ArrowRight", [110, 100, 50, 40]),
        ("Shift+ArrowDown", [110, 110, 50, 40]),
        ("Alt+ArrowRight", [110, 110, 51, 40]),
        ("Alt+ArrowDown", [110, 110, 51, 41]),
        ("Alt+ArrowLeft", [110, 110, 50, 41]),
        ("Alt+Shift+ArrowUp", [110, 110, 50, 31]),
        ("Alt+Shift+ArrowRight", [110, 110, 60, 31]),
    ]
    for key, expected in steps:
        studio.press(key)
        assert box_by_id(studio, box["id"])["bbox"] == expected, key

    # Clamping: the box stops at the left and top edges.
    studio.press(*["Shift+ArrowLeft"] * 12, *["Shift+ArrowUp"] * 12)
    assert box_by_id(studio, box["id"])["bbox"] == [0, 0, 60, 31]
    # Shrinking stops at 1 px; growing stops at the image's right edge.
    studio.press(*["Alt+Shift+ArrowUp"] * 4)
    assert box_by_id(studio, box["id"])["bbox"] == [0, 0, 60, 1]
    studio.press(*["Shift+ArrowRight"] * ((image["width"] - 60) // 10 + 2))
    assert box_by_id(studio, box["id"])["bbox"] == [image["width"] - 60, 0, 60, 1]
    studio.press("Alt+ArrowRight")
    assert box_by_id(studio, box["id"])["bbox"] == [image["width"] - 60, 0, 60, 1]


def test_arrows_pan_without_selection(studio, photos):
    studio.open(python=False)
    studio.open_files(photos[:1])
    before = studio.screen(0, 0)
    studio.press("Escape", "ArrowRight", "ArrowDown")
    after = studio.screen(0, 0)
    assert (after[0] - before[0], after[1] - before[1]) == (-40, -40)


def test_copy_paste_boxes(studio, photos):
    studio.open(python=False)
    studio.open_files(photos)
    studio.page.click("#image-list li[data-image-id='1']")
    studio.press("1")
    first = studio.draw_box((30, 40), (130, 140), category="hat")
    studio.press("Control+c", "Control+v")
    pasted = studio.current_image()["boxes"][1]
    assert pasted["bbox"] == [40, 50, 100, 100]
    assert pasted["category_id"] == 7
    assert pasted["id"] > first["id"]
    assert studio.view()["selectedBoxId"] == pasted["id"]
    studio.press("Control+v")
    assert bboxes(studio)[2] == [50, 60, 100, 100]

    # Into another image: same place, new id.
    studio.press("D", "1", "Control+v")
    (copy,) = studio.current_image()["boxes"]
    assert copy["bbox"] == [30, 40, 100, 100]
    assert copy["category_id"] == 7
    ids = [b["id"] for i in studio.project()["images"] for b in i["boxes"]]
    assert len(ids) == len(set(ids)) == 4


def test_paste_fits_smaller_image(studio, photos):
    studio.open(python=False)
    studio.open_files(photos)
    studio.page.click("#image-list li[data-image-id='1']")
    studio.press("1")
    studio.draw_box((100, 50), (700, 150), category="top")
    studio.press("Control+c", "D", "Control+v")
    image = studio.current_image()
    assert image["width"] == 410
    assert bboxes(studio) == [[0, 50, 410, 100]]


def test_copy_all_from_previous_image(studio, photos):
    studio.open(python=False)
    studio.open_files(photos)
    studio.page.click("#image-list li[data-image-id='1']")
    studio.press("1")
    studio.draw_box((10, 10), (60, 70), category="belt")
    studio.draw_box((80, 20), (200, 220), category="dress")
    source = studio.current_image()["boxes"]
    studio.press("D", "Shift+P")
    copied = studio.current_image()["boxes"]
    assert [b["bbox"] for b in copied] == [b["bbox"] for b in source]
    assert [b["category_id"] for b in copied] == [8, 3]
    assert not {b["id"] for b in copied} & {b["id"] for b in source}
    studio.press("Control+z")
    assert studio.current_image()["boxes"] == []


def test_letter_opens_picker_prefilled(studio, photos):
    studio.open(python=False)
    studio.open_files(photos[:1])
    studio.press("1")
    box = studio.draw_box((10, 10), (80, 80), category="hat")
    studio.press("s")
    assert picker_open(studio)
    assert studio.page.input_value("#picker input") == "s"
    studio.page.keyboard.type("hoes")
    studio.page.keyboard.press("Enter")
    assert box_by_id(studio, box["id"])["category_id"] == 6
    # A bound letter is a command, not the picker: H hides the boxes.
    studio.press("h")
    assert not picker_open(studio)


def test_digit_keys_and_sticky_category(studio, photos):
    studio.open(python=False)
    studio.open_files(photos[:1])
    studio.press("1")
    first = studio.draw_box((10, 10), (80, 80), category="shoes")
    second = studio.draw_box((100, 10), (180, 80), category="bag")
    studio.press("Escape")
    assert studio.page.text_content("#category-memory .recent") == "1 bag2 shoes"

    # 2 gives the selected box the second most recent category.
    select_box(studio, second)
    studio.press("2")
    assert box_by_id(studio, second["id"])["category_id"] == 6
    # The numbering does not move when a digit key is used.
    select_box(studio, first)
    studio.press("1")
    assert box_by_id(studio, first["id"])["category_id"] == 9
    assert studio.page.text_content("#category-memory .recent") == "1 bag2 shoes"

    # Sticky: the current category (bag, from key 1) goes to new boxes at once.
    studio.press("Shift+K")
    assert studio.page.is_checked("#sticky-category")
    box = drag_new_box(studio, (200, 100), (260, 180))
    assert not picker_open(studio)
    assert box["category_id"] == 9
    studio.press("2")  # box selected: shoes, and shoes becomes current
    box = drag_new_box(studio, (300, 100), (360, 180))
    assert box["category_id"] == 6
    studio.press("Control+z")
    assert box_by_id(studio, box["id"]) is None

    # Sticky off: the picker opens again.
    studio.press("Shift+K")
    drag_new_box(studio, (20, 200), (60, 260))
    assert picker_open(studio)
    pick(studio, "watch")


def test_attribute_keys(studio, photos):
    studio.open(python=False)
    studio.open_files(photos[:1])
    box = studio.draw_box((10, 10), (80, 80), category="top")
    studio.press("Shift+O", "Shift+T", "Shift+V")
    changed = box_by_id(studio, box["id"])
    assert (changed["occluded"], changed["truncated"]) == (True, True)
    assert changed["face_and_body_visible"] is True
    assert studio.page.is_checked("#box-form [name=occluded]")
    studio.press("Shift+V")
    assert box_by_id(studio, box["id"])["face_and_body_visible"] is False

    studio.press("Shift+N")
    assert studio.page.evaluate("document.activeElement.name") == "note"
    studio.page.keyboard.type("tag hidden by the hanger")
    studio.page.keyboard.press("Escape")
    assert studio.page.evaluate("document.activeElement.id") == "canvas"
    assert box_by_id(studio, box["id"])["note"] == "tag hidden by the hanger"


def test_tab_cycles_boxes_under_pointer(studio, photos):
    studio.open(python=False)
    studio.open_files(photos[:1])
    studio.press("1")
    # The small box first: a drag that starts inside a box moves it.
    small = studio.draw_box((60, 60), (120, 120), category="belt")
    big = studio.draw_box((20, 20), (220, 220), category="dress")
    outside = studio.draw_box((300, 20), (350, 80), category="hat")
    studio.page.mouse.move(*studio.screen(80, 80))
    studio.press("Escape")
    # Smallest first, then the larger box under the pointer, then around again.
    seen = []
    for _ in range(3):
        studio.page.keyboard.press("Tab")
        seen.append(studio.view()["selectedBoxId"])
    assert seen == [small["id"], big["id"], small["id"]]
    studio.page.keyboard.press("Shift+Tab")
    assert studio.view()["selectedBoxId"] == big["id"]
    assert outside["id"] not in seen
    assert studio.page.evaluate("document.activeElement.id") == "canvas"

    # Away from every box, Tab moves the focus as usual.
    studio.page.mouse.move(*studio.screen(500, 300))
    studio.page.keyboard.press("Tab")
    assert studio.page.evaluate("document.activeElement.id") != "canvas"


def test_letter_without_selection_sets_current(studio, photos):
    studio.open(python=False)
    studio.open_files(photos[:1])
    studio.press("Escape", "b")
    assert studio.page.input_value("#picker input") == "b"
    studio.page.keyboard.type("elt")
    studio.page.keyboard.press("Enter")
    studio.press("Shift+K")
    box = drag_new_box(studio, (10, 10), (70, 50))
    assert not picker_open(studio)
    assert box["category_id"] == 8
