"""Zoom, pan and view toggles, checked through the model and the viewport."""

from __future__ import annotations

import math

import pytest

from .ux_helpers import clothing_photos, message


@pytest.fixture
def photos(shared_data):
    return clothing_photos(shared_data, 1)


def wheel_at(studio, point, delta_y):
    studio.page.mouse.move(*point)
    studio.page.mouse.wheel(0, delta_y)
    studio.page.wait_for_timeout(50)


def image_point(studio, screen_point):
    """The image pixel under a client point, from the page's own transform."""
    origin = studio.screen(0, 0)
    scale = studio.view()["scale"]
    return tuple((s - o) / scale for s, o in zip(screen_point, origin, strict=True))


def test_wheel_zoom_keeps_point_under_cursor(studio, photos):
    studio.open(python=False)
    studio.open_files(photos)
    studio.press("1")
    # Wheel events carry whole CSS pixels, so aim at a whole pixel.
    cursor = tuple(round(v) for v in studio.screen(200, 150))
    before = image_point(studio, cursor)
    # The page zooms by exp(-deltaY * 0.0015) per wheel event.
    wheel_at(studio, cursor, -math.log(2.5) / 0.0015)
    assert studio.view()["scale"] == pytest.approx(2.5)
    assert image_point(studio, cursor) == pytest.approx(before)

    for _ in range(20):
        wheel_at(studio, cursor, 2000)
    assert studio.view()["scale"] == pytest.approx(0.1)
    for _ in range(20):
        wheel_at(studio, cursor, -2000)
    assert studio.view()["scale"] == pytest.approx(32)


def test_draw_at_250_percent_after_pan(studio, photos):
    studio.open(python=False)
    studio.open_files(photos)
    studio.press("1")
    wheel_at(studio, studio.screen(300, 200), -math.log(2.5) / 0.0015)

    # Pan with Space held, then with the middle button.
    origin = studio.screen(0, 0)
    page = studio.page
    page.mouse.move(700, 400)
    page.keyboard.down(" ")
    page.mouse.down()
    page.mouse.move(600, 350, steps=5)
    page.mouse.up()
    page.keyboard.up(" ")
    after_space = studio.screen(0, 0)
    assert after_space == pytest.approx((origin[0] - 100, origin[1] - 50))
    page.mouse.move(700, 400)
    page.mouse.down(button="middle")
    page.mouse.move(720, 430, steps=5)
    page.mouse.up(button="middle")
    assert studio.screen(0, 0) == pytest.approx(
        (after_space[0] + 20, after_space[1] + 30)
    )
    assert studio.current_image()["boxes"] == []

    box = studio.draw_box((250, 150), (330.4, 210.8), category="shoes")
    assert box["bbox"] == [250, 150, 80.4, 60.8]
    assert studio.view()["scale"] == pytest.approx(2.5)


def test_zoom_keys(studio, photos):
    studio.open(python=False)
    studio.open_files(photos)
    studio.press("1")
    assert studio.view()["scale"] == 1
    studio.press("+", "+")
    assert studio.view()["scale"] == pytest.approx(1.5625)
    studio.press("-")
    assert studio.view()["scale"] == pytest.approx(1.25)
    studio.press("0")
    fitted = studio.view()["scale"]
    studio.press("1", "0")
    assert studio.view()["scale"] == fitted
    assert studio.page.text_content("#zoom-level") == f"{round(fitted * 100)}%"


def test_view_toggles(studio, photos):
    studio.open(python=False)
    studio.open_files(photos)
    studio.press("h")
    assert message(studio) == "Boxes off"
    studio.press("h", "l")
    assert message(studio) == "Labels off"
    studio.press("Shift+C")
    assert message(studio) == "Crosshair off"
    fill = "#fill-opacity"
    assert studio.page.input_value(fill) == "0.08"
    studio.press("]", "]")
    assert studio.page.input_value(fill) == "0.28"
    studio.press(*["["] * 5)
    assert studio.page.input_value(fill) == "0"
