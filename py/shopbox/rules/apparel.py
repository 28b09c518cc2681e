"""Apparel rules: one box per shoe, bottoms apart from shoes and tops, sleeves."""

from __future__ import annotations

from collections.abc import Iterator

from .boxes import contained_boxes
from .rects import intersection, overlapping_pairs
from .registry import ImageContext, rule


@rule("shoe-pair-in-one-box", severity="warning", guide_rule=5)
def shoe_pairs(context: ImageContext, config):
    shoes = context.named("shoes")
    max_iou = context.settings.duplicate_box.min_iou
    pairs = context.overlaps(context.category_id("shoes"))
    nested = contained_boxes(pairs, config.min_contained, max_iou)
    for rect in shoes:
        inners = nested.get(rect.box.id, (rect, []))[1]
        if len(inners) >= 2:
            inner_ids = sorted(r.box.id for r in inners)
            listed = ", ".join(str(i) for i in inner_ids)
            yield (
                (rect.box.id, *inner_ids),
                f"Shoes box {rect.box.id} contains the shoes boxes {listed}, so it "
                "boxes a pair. Two shoes get two boxes: delete box "
                f"{rect.box.id}.",
            )
        elif rect.width >= config.min_aspect * rect.height:
            ratio = rect.width / rect.height
            yield (
                (rect.box.id,),
                f"Shoes box {rect.box.id} is {ratio:.1f} times as wide as it is "
                f"high (from {config.min_aspect:g} it looks like a pair). If it "
                "holds two shoes, draw one box per shoe, each from toe to heel.",
            )


def _covered(
    context: ImageContext, covered_name: str, min_covered: float, fix: str
) -> Iterator[tuple[tuple[int, int], str]]:
    """Report each bottom box that covers most of a box of another category."""
    bottoms = context.named("bottom")
    others = context.named(covered_name)
    if not bottoms or not others:
        return
    bottom_ids = {id(r) for r in bottoms}
    for a, b in overlapping_pairs(bottoms + others):
        a_bottom, b_bottom = id(a) in bottom_ids, id(b) in bottom_ids
        if a_bottom == b_bottom:
            continue
        bottom, other = (a, b) if a_bottom else (b, a)
        share = intersection(bottom, other) / other.area
        if share >= min_covered:
            yield (
                (bottom.box.id, other.box.id),
                f"Bottom box {bottom.box.id} covers {share:.0%} of {covered_name} "
                f"box {other.box.id} (limit {min_covered:.0%}). A bottom excludes "
                f"the {covered_name}: {fix}",
            )


@rule("bottom-covers-shoes", severity="warning", guide_rule=7)
def bottom_covers_shoes(context: ImageContext, config):
    fix = "end the bottom box at the hem."
    return _covered(context, "shoes", config.min_covered, fix)


@rule("bottom-covers-top", severity="warning", guide_rule=7)
def bottom_covers_top(context: ImageContext, config):
    fix = "start the bottom box at the waistband."
    return _covered(context, "top", config.min_covered, fix)


@rule("sleeve-boxed-separately", severity="warning", guide_rule=7)
def sleeves(context: ImageContext, config):
    max_iou = context.settings.duplicate_box.min_iou
    pairs = context.overlaps(context.category_id("top"))
    nested = contained_boxes(pairs, config.min_contained, max_iou)
    for outer, inners in nested.values():
        inner_ids = sorted(r.box.id for r in inners)
        listed = ", ".join(str(i) for i in inner_ids)
        subject = "box" if len(inner_ids) == 1 else "boxes"
        verb = "lies" if len(inner_ids) == 1 else "lie"
        yield (
            (outer.box.id, *inner_ids),
            f"Top {subject} {listed} {verb} inside top box {outer.box.id}. "
            "Sleeves belong to the top: delete each inner box that holds only "
            "a sleeve.",
        )
