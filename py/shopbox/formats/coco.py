"""COCO object detection export.

Category ids come from the taxonomy (1 to 36 in the default one). ``bbox`` is
``[x, y, w, h]`` in pixels from the image's top-left corner, ``area`` is
``w * h`` and ``iscrowd`` is 0. Every image is listed, boxes or not.
"""

from __future__ import annotations

import json

from ..errors import Problem
from ..models import Project
from . import Export, safe_file_stem

MEDIA_TYPE = "application/json"


def to_dict(project: Project) -> tuple[dict, list[Problem]]:
    """Build the COCO document and the warnings about boxes it had to leave out."""
    warnings: list[Problem] = []
    images = []
    annotations = []
    for i, image in enumerate(project.images):
        images.append(
            {
                "id": image.id,
                "file_name": image.file_name,
                "width": image.width,
                "height": image.height,
            }
        )
        for j, box in enumerate(image.boxes):
            if box.category_id is None:
                warnings.append(
                    Problem(
                        f"images[{i}].boxes[{j}]",
                        f"box {box.id} on {image.file_name} has no category and "
                        "was left out; give it a category to export it",
                        "unlabeled-box",
                        box.id,
                    )
                )
                continue
            x, y, w, h = box.bbox
            annotations.append(
                {
                    "id": box.id,
                    "image_id": image.id,
                    "category_id": box.category_id,
                    "bbox": [x, y, w, h],
                    "area": w * h,
                    "iscrowd": 0,
                }
            )
    categories = [
        {"id": c.id, "name": c.name, "supercategory": c.supercategory}
        for c in project.taxonomy.categories
    ]
    document = {
        "info": {
            "description": project.name,
            "version": "1.0",
            "contributor": "shopbox",
        },
        "licenses": [],
        "images": images,
        "annotations": annotations,
        "categories": categories,
    }
    return document, warnings


def export(project: Project) -> Export:
    document, warnings = to_dict(project)
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    return Export(
        file_name=f"{safe_file_stem(project.name)}.coco.json",
        media_type=MEDIA_TYPE,
        content=text.encode("utf-8"),
        warnings=warnings,
    )
