import pytest

from shopbox.geometry import bbox_from_corners, clamp_bbox, is_empty, resize_bbox


def test_resize_bottom_right_past_top_left():
    # Box (100,100)-(200,150); the bottom-right handle is dragged to (60,80),
    # past the fixed top-left corner, so the box flips.
    assert resize_bbox((100, 100, 100, 50), "se", (60, 80)) == (60, 80, 40, 20)


@pytest.mark.parametrize(
    ("handle", "point", "expected"),
    [
        ("se", (250, 180), (100, 100, 150, 80)),
        ("nw", (90, 95), (90, 95, 110, 55)),
        ("e", (300, 999), (100, 100, 200, 50)),
        ("n", (999, 120), (100, 120, 100, 30)),
        ("w", (220, 0), (200, 100, 20, 50)),
        ("s", (0, 90), (100, 90, 100, 10)),
    ],
)
def test_resize_each_handle(handle, point, expected):
    assert resize_bbox((100, 100, 100, 50), handle, point) == expected


def test_resize_clamps_to_image():
    assert resize_bbox((100, 100, 100, 50), "se", (700, 520), 640, 480) == (
        100,
        100,
        540,
        380,
    )


def test_resize_unknown_handle_rejected():
    with pytest.raises(ValueError, match="unknown handle 'x'"):
        resize_bbox((0, 0, 1, 1), "x", (0, 0))


def test_drag_past_image_corner_clamps():
    # On a 640x480 image a box drawn from (600,450) to (700,520).
    bbox = bbox_from_corners(600, 450, 700, 520)
    assert bbox == (600, 450, 100, 70)
    assert clamp_bbox(bbox, 640, 480) == (600, 450, 40, 30)


def test_clamp_box_outside_is_empty():
    clamped = clamp_bbox((700, 10, 50, 50), 640, 480)
    assert clamped == (640, 10, 0, 50)
    assert is_empty(clamped)


def test_clamp_negative_origin():
    assert clamp_bbox((-5, -10, 20, 30), 100, 100) == (0, 0, 15, 20)


def test_corners_any_order():
    assert bbox_from_corners(200, 150, 100, 100) == (100, 100, 100, 50)
