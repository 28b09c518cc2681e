"""Box geometry in image pixels: corner order, clamping and handle resizing.

A box is ``(x, y, w, h)`` with the origin at the top-left corner of the image,
as in the models. The page keeps its own JavaScript copy of the drag logic;
this module is the reference that the importers and exporters use.
"""

from __future__ import annotations

from typing import Literal

BBox = tuple[float, float, float, float]
Handle = Literal["nw", "n", "ne", "e", "se", "s", "sw", "w"]
HANDLES: tuple[str, ...] = ("nw", "n", "ne", "e", "se", "s", "sw", "w")


def bbox_from_corners(x1: float, y1: float, x2: float, y2: float) -> BBox:
    """Build ``(x, y, w, h)`` from two opposite corners given in any order.

    >>> bbox_from_corners(200, 150, 100, 100)
    (100, 100, 100, 50)
    """
    left, right = min(x1, x2), max(x1, x2)
    top, bottom = min(y1, y2), max(y1, y2)
    return (left, top, right - left, bottom - top)


def clamp_bbox(bbox: BBox, width: float, height: float) -> BBox:
    """Cut a box to the image rectangle ``[0, width] x [0, height]``.

    A box wholly outside the image comes back with zero width or height, so
    callers test the result with ``is_empty``.

    >>> clamp_bbox((600, 450, 100, 70), 640, 480)
    (600, 450, 40, 30)
    """
    x, y, w, h = bbox
    if x >= 0 and y >= 0 and x + w <= width and y + h <= height:
        # Already inside: returned as is, so float rounding in right - left
        # cannot report a change that did not happen.
        return (x, y, w, h)
    left = min(max(x, 0), width)
    top = min(max(y, 0), height)
    right = min(max(x + w, 0), width)
    bottom = min(max(y + h, 0), height)
    return (left, top, max(right - left, 0), max(bottom - top, 0))


def is_empty(bbox: BBox) -> bool:
    """Return True when a box has no area (zero or negative width or height)."""
    return not (bbox[2] > 0 and bbox[3] > 0)


def resize_bbox(
    bbox: BBox,
    handle: Handle,
    point: tuple[float, float],
    width: float | None = None,
    height: float | None = None,
) -> BBox:
    """Move one handle of a box to ``point`` and return the normalized box.

    The corner or edge opposite the handle stays put. Dragging past it flips the
    box instead of giving it a negative size. When the image size is given, the
    result is clamped to the image.

    >>> resize_bbox((100, 100, 100, 50), "se", (60, 80))
    (60, 80, 40, 20)
    """
    if handle not in HANDLES:
        raise ValueError(f"unknown handle {handle!r}; use one of {HANDLES}")
    x, y, w, h = bbox
    left, top, right, bottom = x, y, x + w, y + h
    px, py = point
    if "w" in handle:
        left = px
    if "e" in handle:
        right = px
    if "n" in handle:
        top = py
    if "s" in handle:
        bottom = py
    result = bbox_from_corners(left, top, right, bottom)
    if width is not None and height is not None:
        result = clamp_bbox(result, width, height)
    return result
