"""Gestures shared by the labeling UX tests: drawing without the picker, keys."""

from __future__ import annotations

CLOTHING = "clothing-dataset-cc0/images"


def clothing_photos(shared_data, count: int = 3):
    return sorted((shared_data / CLOTHING).glob("*.jpg"))[:count]


def drag_new_box(studio, start, end) -> dict:
    """Draw a box and return it, leaving the picker (if it opened) open."""
    before = {b["id"] for b in studio.current_image()["boxes"]}
    studio.drag(start, end)
    (box,) = [b for b in studio.current_image()["boxes"] if b["id"] not in before]
    return box


def box_by_id(studio, box_id: int) -> dict | None:
    return next((b for b in studio.current_image()["boxes"] if b["id"] == box_id), None)


def bboxes(studio) -> list[list[float]]:
    return [b["bbox"] for b in studio.current_image()["boxes"]]


def select_box(studio, box: dict) -> None:
    """Click the middle of a box to select it."""
    x, y, w, h = box["bbox"]
    studio.page.mouse.click(*studio.screen(x + w / 2, y + h / 2))
    assert studio.view()["selectedBoxId"] == box["id"]


def message(studio) -> str:
    return studio.page.text_content("#message")


def picker_open(studio) -> bool:
    return studio.page.is_visible("#picker")


def pick(studio, text: str) -> None:
    """Type into the open picker and press Enter."""
    studio.wait("!document.querySelector('#picker').hidden")
    studio.page.keyboard.type(text)
    studio.page.keyboard.press("Enter")
    studio.wait("document.querySelector('#picker').hidden")
