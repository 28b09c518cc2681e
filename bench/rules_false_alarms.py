"""Measure how often the rules fire on clean, real annotations.

Runs every rule over two clean sets. The first is a real COCO file with
polygons, by default the sample of the Fashionpedia API (2 photos, 12
annotations), with boxes derived from the polygons. The second is the
hand-labeled shopbox project in ``tests/data/clean_real_boxes.json`` (43
public photos), reported per source folder and in total.

For each set it prints the findings and the false-alarm rate: findings that
name a box, divided by the number of boxes. Prompts that only ask the
annotator to look again are listed apart and not counted. It also prints how
close the clean boxes come to each geometric threshold.

Fashionpedia also boxes garment parts (sleeves, collars, pockets), closures
and decorations. Under the shop's guide those are parts of the garment's own
box, so they are dropped before the check and counted in the report.

Usage: PYTHONPATH=py python bench/rules_false_alarms.py [SAMPLE_JSON [CLEAN_JSON]]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from shopbox.formats import coco
from shopbox.models import Project, load_project
from shopbox.rules import Finding, RuleSettings, check_project
from shopbox.rules.rects import Rect, intersection, iou, overlapping_pairs

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT.parent / "shared" / "data" / "fashionpedia-api" / "data" / "sample.json"
CLEAN = ROOT / "tests" / "data" / "clean_real_boxes.json"
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
    top_cover = 0.0
    smallest_side = float("inf")
    taxonomy = project.taxonomy
    shoes, bottom = taxonomy.by_name("shoes").id, taxonomy.by_name("bottom").id
    top = taxonomy.by_name("top").id
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
            if pair == {top, bottom}:
                other = a if a.box.category_id == top else b
                top_cover = max(top_cover, shared / other.area)
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
        f"max top share under bottom:   {top_cover:.2f} "
        f"(bottom-covers-top from {settings.bottom_covers_top.min_covered:g})",
        f"min box side:                 {smallest_side:g} px "
        f"(box-too-small below {settings.box_too_small.min_side:g} px)",
    ]


def box_findings(project: Project) -> tuple[list[Finding], list[Finding]]:
    """Split the findings that name a box into claims and prompts."""
    named = [f for f in check_project(project) if f.box_ids]
    claims = [f for f in named if f.code not in PROMPTS]
    return claims, [f for f in named if f.code in PROMPTS]


def print_findings(project: Project, findings: list[Finding]) -> None:
    names = {image.id: image.file_name for image in project.images}
    for finding in findings:
        print(f"  {finding.code} on {names[finding.image_id]} boxes {finding.box_ids}:")
        print(f"    {finding.message}")


def report_coco(path: Path) -> None:
    """Check a COCO file with the garment parts dropped."""
    document, dropped = drop_parts(json.loads(path.read_text("utf-8")))
    project = coco.load(json.dumps(document))
    boxes = sum(len(image.boxes) for image in project.images)
    findings, _ = box_findings(project)
    flagged = {box_id for f in findings for box_id in f.box_ids}

    print(f"file: {path.name}, {len(project.images)} images")
    print(f"boxes checked: {boxes} (dropped {len(dropped)} part annotations:")
    print(f"  {', '.join(sorted(dropped))})")
    print_findings(project, findings)
    print(f"findings on boxes: {len(findings)} = {len(findings) / boxes:.1%} of boxes")
    print(f"boxes flagged:     {len(flagged)} = {len(flagged) / boxes:.1%} of boxes")
    for line in threshold_margins(project, project.rules):
        print(line)


def source_of(file_name: str) -> str:
    """Return the top folder of an image path, which names its data set."""
    return file_name.split("/", 1)[0]


def report_project(path: Path) -> None:
    """Check a native shopbox project and report the rate per source folder."""
    project = load_project(json.loads(path.read_text("utf-8")))
    findings, prompts = box_findings(project)
    source = {image.id: source_of(image.file_name) for image in project.images}
    images = Counter(source[image.id] for image in project.images)
    boxes = Counter()
    for image in project.images:
        boxes[source[image.id]] += len(image.boxes)
    alarms = Counter(source[f.image_id] for f in findings)
    flagged_boxes = {(f.image_id, b) for f in findings for b in f.box_ids}
    flagged = Counter(source[image_id] for image_id, _ in flagged_boxes)

    print(f"file: {path.name}, {len(project.images)} images")
    print_findings(project, findings)
    print(f"prompts, not counted: {len(prompts)}")
    print_findings(project, prompts)
    header = ("source", "images", "boxes", "findings", "rate", "flagged", "rate")
    print("{:<24}{:>7}{:>7}{:>9}{:>7}{:>8}{:>7}".format(*header))
    counters = (images, boxes, alarms, flagged)
    rows = [(name, *(c[name] for c in counters)) for name in sorted(images)]
    rows.append(("total", *(sum(c.values()) for c in counters)))
    for name, n_images, n_boxes, n_alarms, n_flagged in rows:
        per_box = max(n_boxes, 1)
        print(
            f"{name:<24}{n_images:>7}{n_boxes:>7}{n_alarms:>9}"
            f"{n_alarms / per_box:>7.1%}{n_flagged:>8}{n_flagged / per_box:>7.1%}"
        )
    for line in threshold_margins(project, project.rules):
        print(line)


def main(argv: list[str]) -> int:
    report_coco(Path(argv[1]) if len(argv) > 1 else SAMPLE)
    print()
    report_project(Path(argv[2]) if len(argv) > 2 else CLEAN)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
