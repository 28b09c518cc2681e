"""Time export and import of every file format on a large project.

No target is set; the numbers show how long a large project takes to save or
load. The project is seeded: 5,000 images in 10 folders with 20 boxes each
(100,000 boxes), fractional coordinates, 36 categories.

Usage: PYTHONPATH=py python bench/bench_formats.py [--images N] [--repeat N]
"""

from __future__ import annotations

import argparse
import functools
import platform
import random
import statistics
import time

from shopbox.formats.registry import EXPORTERS, IMPORTERS
from shopbox.models import Box, ImageRecord, Project

BOXES_PER_IMAGE = 20


def build_project(image_count: int, seed: int = 11) -> Project:
    rng = random.Random(seed)
    images = []
    box_id = 1
    for index in range(image_count):
        boxes = []
        for _ in range(BOXES_PER_IMAGE):
            x, y = rng.uniform(0, 1100), rng.uniform(0, 600)
            w, h = rng.uniform(5, 180), rng.uniform(5, 120)
            category = rng.randint(1, 36)
            boxes.append(Box(id=box_id, category_id=category, bbox=(x, y, w, h)))
            box_id += 1
        images.append(
            ImageRecord(
                id=index + 1,
                file_name=f"shelf-{index % 10}/{index:05d}.jpg",
                width=1280,
                height=720,
                boxes=boxes,
            )
        )
    return Project(name="bench", images=images)


def seconds(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=5000, help="number of images")
    parser.add_argument("--repeat", type=int, default=3, help="runs per format")
    args = parser.parse_args()

    project = build_project(args.images)
    print(f"{args.images} images, {args.images * BOXES_PER_IMAGE} boxes")
    print(f"CPython {platform.python_version()} on {platform.machine()}")
    print(f"{'format':<8} {'size MB':>8} {'export s':>9} {'import s':>9}")
    for name, exporter in EXPORTERS.items():
        content = exporter(project).content
        export_once = functools.partial(exporter, project)
        import_once = functools.partial(IMPORTERS[name], content, None)
        exports = [seconds(export_once) for _ in range(args.repeat)]
        imports = [seconds(import_once) for _ in range(args.repeat)]
        print(
            f"{name:<8} {len(content) / 1e6:>8.1f} "
            f"{statistics.median(exports):>9.2f} {statistics.median(imports):>9.2f}"
        )


if __name__ == "__main__":
    main()
