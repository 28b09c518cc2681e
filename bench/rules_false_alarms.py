"""Measure how often the rules fire on clean, real annotations.

Runs every rule over a real COCO file with polygons, by default the sample
of the Fashionpedia API (2 photos, 12 annotations), with boxes derived from
the polygons. It prints the false-alarm rate: findings that name a box,
divided by the number of boxes. It also prints how close the clean boxes
come to each geometric threshold.

Fashionpedia also boxes garment parts (sleeves, collars, pockets), closures
and decorations. Under the shop's guide those are parts of the garment's own
box, so they are dropped before the check and counted in the report.

Usage: PYTHONPATH=py python bench/rules_false_alarms.py [SAMPLE_JSON]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from shopbox.formats import coco
from shopbox.rules import RuleSettings, check_project
from shopbox.rules.rects import Rect, intersection, iou, overlapping_pairs

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT.parent / "shared" / "data" / "fashionpedia-api" / "data" / "sample.json"
PART_SUPERCATEGORIES = {"garment parts", "closures", "decorations"}
# A prompt to look again, not a claim that a box is wrong.
PROMPTS = {"check-worn-jewelry"}


def drop_parts(document: dict) -> tuple[dict, list[str]]:
    """Remove annotations of garment parts, closures and decorations."""
    part_ids = {
        c["id"]: c["name"]
        for c in document["categories"]
        if c.get("supercategory") in PART_SUPERCATEGORIES
    }
    kept = [a for a in document["annotations"] if a["category_id"] not in part_ids]
    dropped = [
        part_ids[a["category_id"]]
        for a in document["annotations"]
        if a["category_id"] in part_ids
    ]
    return {**document, "annotations": kept}, dropped


def threshold_margins(project, settings: RuleSettings) -> list[str]:
    """Describe how close the clean boxes come to each geometric threshold."""
    same_iou = 0.0
    contained = 0.0
    shoe_aspect = 0.0
    bottom_cover = 0.0
    smallest_side = float("inf")
    taxonomy = project.taxonomy
    shoes, bottom = taxonomy.by_name("shoes").id, taxonomy.by_name("bottom").id
    for image in project.images:
        rects = [Rect.of(b) for b in image.boxes]
        for a, b in overlapping_pairs(rects):
            shared = intersection(a, b)
            if a.box.category_id == b.box.category_id:
                same_iou = max(same_iou, iou(a, b))
                contained = max(contained, shared / min(a.area, b.area))
            pair = {a.box.category_id, b.box.category_id}
            if pair == {shoes, bottom}:
                other = a if a.box.category_id == shoes else b
                bottom_cover = max(bottom_cover, shared / other.area)
        for rect in rects:
            smallest_side = min(smallest_side, rect.width, rect.height)
            if rect.box.category_id == shoes:
                shoe_aspect = max(shoe_aspect, rect.width / rect.height)
    return [
        f"max IoU, same category:       {same_iou:.2f} "
        f"(duplicate-box from {settings.duplicate_box.min_iou:g})",
        f"max share inside, same cat.:  {contained:.2f} "
        f"(group-box from {settings.group_box.min_contained:g})",
        f"max shoes width / height:     {shoe_aspect:.2f} "
        f"(shoe-pair-in-one-box from {settings.shoe_pair_in_one_box.min_aspect:g})",
        f"max shoes share under bottom: {bottom_cover:.2f} "
        f"(bottom-covers-shoes from {settings.bottom_covers_shoes.min_covered:g})",
        f"min box side:                 {smallest_side:g} px "
        f"(box-too-small below {settings.box_too_small.min_side:g} px)",
    ]


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else SAMPLE
    document, dropped = drop_parts(json.loads(path.read_text("utf-8")))
    project = coco.load(json.dumps(document))
    settings = project.rules
    boxes = sum(len(image.boxes) for image in project.images)
    findings = [
        f for f in check_project(project) if f.box_ids and f.code not in PROMPTS
    ]
    flagged = {box_id for f in findings for box_id in f.box_ids}

    print(f"file: {path.name}, {len(project.images)} images")
    print(f"boxes checked: {boxes} (dropped {len(dropped)} part annotations:")
    print(f"  {', '.join(sorted(dropped))})")
    for finding in findings:
        print(f"  {finding.code} on {finding.box_ids}: {finding.message}")
    print(f"findings on boxes: {len(findings)} = {len(findings) / boxes:.1%} of boxes")
    print(f"boxes flagged:     {len(flagged)} = {len(flagged) / boxes:.1%} of boxes")
    for line in threshold_margins(project, settings):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
