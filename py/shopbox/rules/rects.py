"""Box geometry for the rules: corners, overlaps and a sweep over x."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..models import Box


@dataclass(frozen=True, slots=True)
class Rect:
    """A box as corner coordinates, with its area and the box it came from."""

    x0: float
    y0: float
    x1: float
    y1: float
    area: float
    box: Box

    @classmethod
    def of(cls, box: Box) -> Rect:
        x, y, w, h = box.bbox
        return cls(x, y, x + w, y + h, w * h, box)

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def intersection(a: Rect, b: Rect) -> float:
    """Return the area that two boxes share (0 when they do not overlap)."""
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return w * h if w > 0 and h > 0 else 0.0


def iou_of(a: Rect, b: Rect, shared: float) -> float:
    """Return the IoU of two boxes given the area they share."""
    return shared / (a.area + b.area - shared) if shared else 0.0


def iou(a: Rect, b: Rect) -> float:
    """Return the intersection over union of two boxes.

    >>> from shopbox.models import Box
    >>> a = Rect.of(Box(id=1, bbox=(0, 0, 10, 10)))
    >>> b = Rect.of(Box(id=2, bbox=(5, 0, 10, 10)))
    >>> round(iou(a, b), 4)
    0.3333
    """
    return iou_of(a, b, intersection(a, b))


Overlap = tuple[Rect, Rect, float]


def overlaps(rects: Iterable[Rect]) -> list[Overlap]:
    """List the overlapping pairs with the area that each pair shares.

    This is ``overlapping_pairs`` plus ``intersection`` written out in one
    loop without min and max calls, because it is the hot path when hundreds
    of boxes overlap.
    """
    found: list[Overlap] = []
    active: list[Rect] = []
    for rect in sorted(rects, key=lambda r: r.x0):
        x0, y0, x1, y1 = rect.x0, rect.y0, rect.x1, rect.y1
        active = [a for a in active if a.x1 > x0]
        for a in active:
            if a.y0 < y1 and y0 < a.y1:
                left = a.x0 if a.x0 > x0 else x0
                right = a.x1 if a.x1 < x1 else x1
                top = a.y0 if a.y0 > y0 else y0
                bottom = a.y1 if a.y1 < y1 else y1
                found.append((a, rect, (right - left) * (bottom - top)))
        active.append(rect)
    return found


def overlapping_pairs(rects: Iterable[Rect]) -> Iterator[tuple[Rect, Rect]]:
    """Yield every pair of boxes whose interiors overlap, each pair once.

    A sweep over x keeps only the boxes whose x-range is still open, so sparse
    images cost about O(n log n) instead of testing all n * (n - 1) / 2 pairs.
    The first rect of a pair is the one that starts further left.
    """
    active: list[Rect] = []
    for rect in sorted(rects, key=lambda r: r.x0):
        active = [a for a in active if a.x1 > rect.x0]
        for other in active:
            if other.y0 < rect.y1 and rect.y0 < other.y1:
                yield other, rect
        active.append(rect)
