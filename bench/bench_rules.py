"""Time the rules on one image with 200 boxes, as the page checks after an edit.

Target: findings within 100 ms of an edit. Three layouts:

- mixed: a seeded shop scene, a grid of lipsticks plus garments, shoes and
  a person, with one duplicated box so that rules fire. Every lipstick box
  has its own note, which the note rules match against the taxonomy;
- stacked: 200 boxes of one category that all overlap, the worst case for
  the sweep over x, which then compares every pair;
- api: the mixed image through ``api.handle("check_image")``, which also
  decodes and validates the whole project JSON as the page sends it.

Usage: PYTHONPATH=py python bench/bench_rules.py [--boxes N] [--repeat N]
"""

from __future__ import annotations

import argparse
import functools
import json
import platform
import random
import statistics
import time

from shopbox.api import handle
from shopbox.models import Box, ImageRecord, Project
from shopbox.rules import check_image

MAKEUP, TOP, BOTTOM, SHOES, WOMAN = 14, 1, 2, 6, 35


def mixed_image(count: int, seed: int = 7) -> ImageRecord:
    """Build a 4000x3000 scene: mostly a dense lipstick grid, some garments."""
    rng = random.Random(seed)
    boxes = [
        Box(id=1, category_id=WOMAN, bbox=(2600, 100, 900, 2800)),
        Box(id=2, category_id=TOP, bbox=(2700, 600, 700, 800)),
        Box(id=3, category_id=BOTTOM, bbox=(2750, 1350, 600, 1300)),
        Box(id=4, category_id=SHOES, bbox=(2750, 2650, 250, 200)),
        Box(id=5, category_id=SHOES, bbox=(3050, 2650, 250, 200)),
    ]
    while len(boxes) < count:
        index = len(boxes)
        column, row = index % 20, index // 20
        x = 50 + column * 120 + rng.uniform(-5, 5)
        y = 50 + row * 280 + rng.uniform(-5, 5)
        note = f"lipstick shade {index}, matte finish"
        box = Box(id=index + 1, category_id=MAKEUP, bbox=(x, y, 90, 240), note=note)
        boxes.append(box)
    # Two near-duplicates so that duplicate-box has work to report.
    boxes[-1] = boxes[-1].model_copy(update={"bbox": boxes[-2].bbox})
    return ImageRecord(
        id=1, file_name="scene.jpg", width=4000, height=3000, status="done", boxes=boxes
    )


def stacked_image(count: int) -> ImageRecord:
    boxes = [
        Box(id=i + 1, category_id=MAKEUP, bbox=(10 + i * 2, 10 + i, 1200, 900))
        for i in range(count)
    ]
    return ImageRecord(
        id=1, file_name="stack.jpg", width=4000, height=3000, boxes=boxes
    )


def time_ms(function, repeat: int) -> tuple[float, float]:
    """Return the median and the 95th percentile of ``repeat`` calls, in ms."""
    function()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), statistics.quantiles(samples, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boxes", type=int, default=200, help="boxes per image")
    parser.add_argument("--repeat", type=int, default=50, help="timed runs each")
    args = parser.parse_args()

    print(
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"{platform.processor() or platform.platform()}"
    )
    for name, record in [
        ("mixed", mixed_image(args.boxes)),
        ("stacked", stacked_image(args.boxes)),
    ]:
        project = Project(images=[record])
        findings = check_image(record, project)
        median, p95 = time_ms(
            functools.partial(check_image, record, project), args.repeat
        )
        print(
            f"{name:8} {len(record.boxes)} boxes, {len(findings):3} findings: "
            f"median {median:.2f} ms, p95 {p95:.2f} ms"
        )

    payload = json.dumps(
        {
            "project": Project(images=[mixed_image(args.boxes)]).model_dump(
                mode="json"
            ),
            "image_id": 1,
        }
    )
    median, p95 = time_ms(
        functools.partial(handle, "check_image", payload), args.repeat
    )
    print(
        f"api      {args.boxes} boxes with project validation: "
        f"median {median:.2f} ms, p95 {p95:.2f} ms"
    )


if __name__ == "__main__":
    main()
