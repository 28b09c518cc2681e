"""The boxes that an export writes: labeled, clamped to the image, never empty.

Every exporter goes through ``export_boxes`` so that all formats leave out the
same boxes with the same warnings.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Problem
from ..geometry import BBox, clamp_bbox, is_empty
from ..models import Box, ImageRecord, Project
from ..taxonomy import Category


@dataclass(frozen=True)
class ExportBox:
    """A box ready to write: the model box, its clamped bbox and its category."""

    box: Box
    bbox: BBox
    category: Category


def export_boxes(
    project: Project,
) -> tuple[list[tuple[ImageRecord, list[ExportBox]]], list[Problem]]:
    """List each image with the boxes to write, plus warnings for boxes left out.

    A box is left out when it has no category, its category is not in the
    taxonomy, or it lies wholly outside the image. A box that crosses the image
    edge is cut to the image and reported.
    """
    warnings: list[Problem] = []
    result = []
    for i, image in enumerate(project.images):
        boxes = []
        for j, box in enumerate(image.boxes):
            path = f"images[{i}].boxes[{j}]"
            category = (
                None
                if box.category_id is None
                else project.taxonomy.by_id(box.category_id)
            )
            if category is None:
                warnings.append(_left_out(path, image, box))
                continue
            bbox = clamp_bbox(box.bbox, image.width, image.height)
            if is_empty(bbox):
                warnings.append(
                    Problem(
                        f"{path}.bbox",
                        f"box {box.id} on {image.file_name} lies outside the "
                        f"{image.width}x{image.height} image and was left out",
                        "box-outside-image",
                        list(box.bbox),
                    )
                )
                continue
            if bbox != tuple(box.bbox):
                warnings.append(
                    Problem(
                        f"{path}.bbox",
                        f"box {box.id} on {image.file_name} was cut to the "
                        f"{image.width}x{image.height} image",
                        "box-clamped",
                        list(box.bbox),
                    )
                )
            boxes.append(ExportBox(box, bbox, category))
        result.append((image, boxes))
    return result, warnings


def _left_out(path: str, image: ImageRecord, box: Box) -> Problem:
    if box.category_id is None:
        return Problem(
            path,
            f"box {box.id} on {image.file_name} has no category and was left out; "
            "give it a category to export it",
            "unlabeled-box",
            box.id,
        )
    return Problem(
        f"{path}.category_id",
        f"box {box.id} on {image.file_name} has a category id that is not in the "
        "taxonomy and was left out",
        "unknown-category",
        box.category_id,
    )
