import random

import pytest

from shopbox.models import Box
from shopbox.rules.rects import Rect, intersection, iou, overlapping_pairs, overlaps


def random_rects(seed: int, count: int) -> list[Rect]:
    rng = random.Random(seed)
    return [
        Rect.of(
            Box(
                id=i + 1,
                bbox=(
                    rng.randint(0, 900),
                    rng.randint(0, 900),
                    rng.randint(1, 200),
                    rng.randint(1, 200),
                ),
            )
        )
        for i in range(count)
    ]


def brute_force(rects: list[Rect]) -> dict[frozenset, float]:
    found = {}
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            shared = intersection(a, b)
            if shared > 0:
                found[frozenset((a.box.id, b.box.id))] = shared
    return found


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sweep_matches_brute_force(seed):
    rects = random_rects(seed, 300)
    expected = brute_force(rects)
    swept = {
        frozenset((a.box.id, b.box.id)): shared for a, b, shared in overlaps(rects)
    }
    assert len(expected) > 100
    assert swept == expected
    pairs = {frozenset((a.box.id, b.box.id)) for a, b in overlapping_pairs(rects)}
    assert pairs == set(expected)


def test_touching_boxes_do_not_overlap():
    a = Rect.of(Box(id=1, bbox=(0, 0, 10, 10)))
    b = Rect.of(Box(id=2, bbox=(10, 0, 10, 10)))
    assert overlaps([a, b]) == []
    assert iou(a, b) == 0.0


def test_iou_of_contained_box():
    outer = Rect.of(Box(id=1, bbox=(0, 0, 10, 10)))
    inner = Rect.of(Box(id=2, bbox=(2, 2, 5, 5)))
    assert intersection(outer, inner) == 25
    assert iou(outer, inner) == 0.25
