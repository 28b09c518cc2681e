"""Geometry rules that apply to boxes of any category."""

from __future__ import annotations

from collections import defaultdict

from .rects import Overlap, Rect, iou_of
from .registry import ImageContext, pixels, rule


def _describe(rect: Rect) -> str:
    values = ", ".join(pixels(v) for v in rect.box.bbox)
    return f"[{values}]"


@rule("box-outside-image", severity="error", guide_rule=2)
def outside_image(context: ImageContext, config):
    image = context.image
    limit = config.tolerance_px
    for rect in context.rects:
        overhang = max(
            -rect.x0, -rect.y0, rect.x1 - image.width, rect.y1 - image.height
        )
        if overhang > limit:
            yield (
                (rect.box.id,),
                f"Box {rect.box.id} {_describe(rect)} reaches {pixels(overhang)} px "
                f"outside the {image.width}x{image.height} image. Drag it back "
                "inside the image so it covers only visible pixels.",
            )


@rule("box-too-small", severity="warning", guide_rule=2)
def too_small(context: ImageContext, config):
    for rect in context.rects:
        side = min(rect.width, rect.height)
        if side < config.min_side or rect.area < config.min_area:
            yield (
                (rect.box.id,),
                f"Box {rect.box.id} is {pixels(rect.width)}x{pixels(rect.height)} px "
                f"({pixels(rect.area)} px²), below the minimum of "
                f"{pixels(config.min_side)} px a side and {pixels(config.min_area)} "
                "px². Delete it if it was a stray click, or redraw it around the "
                "whole object.",
            )


def _clusters(pairs: list[tuple[int, int]]) -> list[list[int]]:
    """Group box ids that are linked by pairs into connected sets (union-find)."""
    parent: dict[int, int] = {}

    def root(box_id: int) -> int:
        parent.setdefault(box_id, box_id)
        while parent[box_id] != box_id:
            parent[box_id] = parent[parent[box_id]]
            box_id = parent[box_id]
        return box_id

    for a, b in pairs:
        parent[root(a)] = root(b)
    groups: dict[int, list[int]] = defaultdict(list)
    for box_id in parent:
        groups[root(box_id)].append(box_id)
    return sorted(sorted(group) for group in groups.values())


@rule("duplicate-box", severity="error", guide_rule=2)
def duplicates(context: ImageContext, config):
    for category_id in context.by_category:
        if category_id is None:
            continue
        best: dict[int, float] = {}
        pairs = []
        for a, b, shared in context.overlaps(category_id):
            # IoU >= t, written without the division for the common miss.
            union = a.area + b.area - shared
            if shared < config.min_iou * union:
                continue
            overlap = shared / union
            pairs.append((a.box.id, b.box.id))
            for box_id in (a.box.id, b.box.id):
                if overlap > best.get(box_id, 0.0):
                    best[box_id] = overlap
        name = context.category_name(category_id)
        for ids in _clusters(pairs):
            overlap = max(best[i] for i in ids)
            if len(ids) == 2:
                yield (
                    tuple(ids),
                    f"Boxes {ids[0]} and {ids[1]} ({name}) overlap with IoU "
                    f"{overlap:.2f}, at or above {config.min_iou:.2f}, so they box "
                    "the same object twice. Delete one of them.",
                )
                continue
            listed = ", ".join(str(i) for i in ids)
            yield (
                tuple(ids),
                f"Boxes {listed} ({name}) overlap each other with IoU up to "
                f"{overlap:.2f}, at or above {config.min_iou:.2f}, so they box "
                f"one object {len(ids)} times. Keep one and delete the others.",
            )


def contained_boxes(
    pairs: list[Overlap], min_contained: float, max_iou: float
) -> dict[int, tuple[Rect, list[Rect]]]:
    """Map each outer box id to the smaller boxes that lie inside it.

    A box counts as inside when at least ``min_contained`` of its area lies in
    the outer box. Pairs at or above ``max_iou`` are duplicates, not nesting.
    """
    found: dict[int, tuple[Rect, list[Rect]]] = {}
    inner_of: dict[int, list[Rect]] = defaultdict(list)
    for a, b, shared in pairs:
        outer, inner = (a, b) if a.area >= b.area else (b, a)
        if outer.area == inner.area or shared < min_contained * inner.area:
            continue
        if iou_of(a, b, shared) < max_iou:
            inner_of[outer.box.id].append(inner)
            found[outer.box.id] = (outer, inner_of[outer.box.id])
    return found


@rule("group-box", severity="error", guide_rule=3)
def group_boxes(context: ImageContext, config):
    # Shoes and tops have their own rules for nesting: shoe-pair-in-one-box
    # and sleeve-boxed-separately.
    skipped = {None, context.category_id("shoes"), context.category_id("top")}
    max_iou = context.settings.duplicate_box.min_iou
    for category_id in context.by_category:
        if category_id in skipped:
            continue
        pairs = context.overlaps(category_id)
        nested = contained_boxes(pairs, config.min_contained, max_iou)
        for outer, inners in nested.values():
            if len(inners) < 2:
                continue
            inner_ids = sorted(r.box.id for r in inners)
            listed = ", ".join(str(i) for i in inner_ids)
            yield (
                (outer.box.id, *inner_ids),
                f"Box {outer.box.id} ({context.category_name(category_id)}) "
                f"contains {len(inner_ids)} boxes of its own category ({listed}). "
                "Each box holds one object: delete the group box and keep one box "
                "per object.",
            )
