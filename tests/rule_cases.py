"""Builders for the small hand-made images that the rules tests check."""

from __future__ import annotations

from shopbox.models import Box, ImageRecord, Project
from shopbox.rules import Finding, check_image

TOP, BOTTOM, SHOES, JEWELRY = 1, 2, 6, 12
MAKEUP, COSMETICS, MAN, WOMAN, OTHER = 14, 15, 34, 35, 36


def box(box_id: int, bbox, category_id: int | None = SHOES, **fields) -> Box:
    return Box(id=box_id, bbox=bbox, category_id=category_id, **fields)


def image(*boxes: Box, **fields) -> ImageRecord:
    values = {"id": 7, "file_name": "shot.jpg", "width": 1000, "height": 800}
    return ImageRecord(**(values | fields), boxes=list(boxes))


def findings(record: ImageRecord, code: str, **project_fields) -> list[Finding]:
    """Check one image inside a project and keep the findings with this code."""
    project = Project(images=[record], **project_fields)
    return [f for f in check_image(record, project) if f.code == code]
