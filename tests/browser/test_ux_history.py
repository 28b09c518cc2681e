"""Undo and redo: one step per action, per image, exact coordinates back."""

from __future__ import annotations

import pytest

from .ux_helpers import (
    bboxes,
    box_by_id,
    clothing_photos,
    drag_new_box,
    pick,
    select_box,
)


@pytest.fixture
def photos(shared_data):
    return clothing_photos(shared_data, 2)


def test_two_undos_after_one_box(studio, photos):
    studio.open(python=False)
    studio.open_files(photos[:1])
    studio.press("1")
    first = studio.draw_box((40, 40), (140, 120), category="hat")
    studio.press("Shift+O")
    assert box_by_id(studio, first["id"])["occluded"] is True

    # Draw a box and label it from the picker: one step.
    second = drag_new_box(studio, (200, 60), (300, 200))
    pick(studio, "shoes")
    assert box_by_id(studio, second["id"])["category_id"] == 6

    studio.press("Control+z")
    assert box_by_id(studio, second["id"]) is None
    first_now = box_by_id(studio, first["id"])
    assert first_now["occluded"] is True
    assert first_now["category_id"] == 7

    studio.press("Control+z")
    first_now = box_by_id(studio, first["id"])
    assert first_now["occluded"] is False
    assert first_now["category_id"] == 7
    assert first_now["bbox"] == [40, 40, 100, 80]

    studio.press("Control+Shift+Z")
    assert box_by_id(studio, first["id"])["occluded"] is True
    studio.press("Control+y")
    restored = box_by_id(studio, second["id"])
    assert restored["bbox"] == [200, 60, 100, 140]
    assert restored["category_id"] == 6
    studio.press("Control+y")
    assert studio.page.text_content("#message") == "Nothing to redo."
    assert len(studio.current_image()["boxes"]) == 2


def test_each_edit_is_one_step(studio, photos):
    studio.open(python=False)
    studio.open_files(photos[:1])
    studio.press("1")
    box = studio.draw_box((100, 100), (200, 150))
    states = [studio.current_image()["boxes"]]

    studio.drag((150, 125), (180.5, 145.25))  # move
    states.append(studio.current_image()["boxes"])
    studio.drag((230.5, 170.25), (260.75, 190))  # resize by the se handle
    states.append(studio.current_image()["boxes"])
    studio.press("Shift+T")  # attribute
    states.append(studio.current_image()["boxes"])
    studio.press("Control+c", "Control+v")  # paste
    states.append(studio.current_image()["boxes"])
    select_box(studio, box_by_id(studio, box["id"]))
    studio.press("Delete")  # delete
    states.append(studio.current_image()["boxes"])
    assert len(states[-2]) == 2
    assert states[-1][0]["id"] != box["id"]
    assert states[1][0]["bbox"] == [130.5, 120.25, 100, 50]
    assert states[2][0]["bbox"] == [130.5, 120.25, 130.25, 69.75]

    for expected in reversed(states[:-1]):
        studio.press("Control+z")
        assert studio.current_image()["boxes"] == expected
    studio.press("Control+z")
    assert studio.current_image()["boxes"] == []
    for expected in states:
        studio.press("Control+Shift+Z")
        assert studio.current_image()["boxes"] == expected


def test_history_survives_image_switch(studio, photos):
    studio.open(python=False)
    studio.open_files(photos)
    studio.page.click("#image-list li[data-image-id='1']")
    studio.press("1")
    studio.draw_box((10, 10), (60, 60), category="belt")
    studio.draw_box((70, 10), (120, 60), category="bag")
    studio.press("D")
    assert studio.view()["currentImageId"] == 2
    studio.press("1")
    studio.draw_box((20, 20), (90, 90), category="watch")

    studio.press("A")
    assert studio.view()["currentImageId"] == 1
    studio.press("Control+z")
    assert bboxes(studio) == [[10, 10, 50, 50]]
    image_2 = next(i for i in studio.project()["images"] if i["id"] == 2)
    assert [b["bbox"] for b in image_2["boxes"]] == [[20, 20, 70, 70]]

    studio.press("D", "Control+z")
    assert bboxes(studio) == []
    studio.press("A", "Control+Shift+Z")
    assert bboxes(studio) == [[10, 10, 50, 50], [70, 10, 50, 50]]
