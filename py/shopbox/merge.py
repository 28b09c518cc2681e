"""Merge imported annotations into an open project.

Images are matched by ``file_name``. Categories are matched by name, then by the
taxonomy's free-text resolution ("T-Shirt" finds top), and a label that matches
nothing becomes "other" with the original label in the box note. Imported ids
are renumbered so that they never collide with the project's own.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Literal

from .errors import Problem
from .models import Box, ImageRecord, Project
from .taxonomy import OTHER_NAME, Taxonomy

log = logging.getLogger(__name__)

MergeMode = Literal["keep", "replace", "combine"]
MERGE_MODES: tuple[str, ...] = ("keep", "replace", "combine")


@dataclass
class MergeSummary:
    """Counts of what a merge did, for the message shown to the user."""

    images_added: int = 0
    images_matched: int = 0
    images_conflicting: int = 0
    boxes_added: int = 0
    boxes_replaced: int = 0
    categories_mapped: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return self.__dict__.copy()


@dataclass
class MergeResult:
    project: Project
    summary: MergeSummary
    warnings: list[Problem]


class _CategoryMap:
    """Maps the incoming taxonomy's ids onto the project's, with a cache per id."""

    def __init__(self, source: Taxonomy, target: Taxonomy, summary: MergeSummary):
        self.source = source
        self.target = target
        self.summary = summary
        self.cache: dict[int, tuple[int | None, str]] = {}
        self.other = target.by_name(OTHER_NAME)

    def map(self, category_id: int | None) -> tuple[int | None, str]:
        """Return the target id and, when the label was not found, the label."""
        if category_id is None:
            return None, ""
        if category_id not in self.cache:
            self.cache[category_id] = self._resolve(category_id)
        return self.cache[category_id]

    def _resolve(self, category_id: int) -> tuple[int | None, str]:
        category = self.source.by_id(category_id)
        name = category.name if category else str(category_id)
        match = self.target.by_name(name) or self.target.resolve(name)
        if match is not None:
            if match.name != name:
                self.summary.categories_mapped[name] = match.name
            return match.id, ""
        if self.other is None:
            return None, name
        self.summary.categories_mapped[name] = OTHER_NAME
        return self.other.id, name


def merge_into(
    project: Project, incoming: Project, mode: MergeMode = "keep"
) -> MergeResult:
    """Merge ``incoming`` into a copy of ``project``; ``project`` is not changed.

    Args:
        project: The open project.
        incoming: A project read from an imported file.
        mode: What to do with an image that has boxes on both sides: ``keep``
            the project's boxes, ``replace`` them with the imported ones, or
            ``combine`` both. An image with boxes on one side only always ends
            up with those boxes.
    """
    if mode not in MERGE_MODES:
        raise ValueError(f"mode must be one of {MERGE_MODES}, got {mode!r}")
    merged = project.model_copy(deep=True)
    summary = MergeSummary()
    warnings: list[Problem] = []
    categories = _CategoryMap(incoming.taxonomy, merged.taxonomy, summary)
    by_name = {image.file_name: image for image in merged.images}
    next_image_id = max((i.id for i in merged.images), default=0) + 1
    next_box_id = max((b.id for i in merged.images for b in i.boxes), default=0) + 1

    for index, source in enumerate(incoming.images):
        boxes = []
        for box in source.boxes:
            category_id, label = categories.map(box.category_id)
            note = box.note or (f"imported label: {label}" if label else "")
            boxes.append(
                box.model_copy(
                    update={"id": next_box_id, "category_id": category_id, "note": note}
                )
            )
            next_box_id += 1
        target = by_name.get(source.file_name)
        if target is None:
            record = source.model_copy(
                update={"id": next_image_id, "boxes": boxes, "main_category_id": None}
            )
            next_image_id += 1
            merged.images.append(record)
            by_name[record.file_name] = record
            summary.images_added += 1
            summary.boxes_added += len(boxes)
            continue
        summary.images_matched += 1
        if (target.width, target.height) != (source.width, source.height):
            warnings.append(
                Problem(
                    f"images[{index}]",
                    f"{source.file_name} is {source.width}x{source.height} in the "
                    f"imported file but {target.width}x{target.height} in the "
                    "project; its boxes were clamped to the project's size",
                    "size-mismatch",
                    source.file_name,
                )
            )
            boxes = _clamp_boxes(boxes, target)
        _merge_boxes(target, source, boxes, mode, summary)
    return MergeResult(merged, summary, warnings)


def _merge_boxes(
    target: ImageRecord,
    source: ImageRecord,
    boxes: list[Box],
    mode: MergeMode,
    summary: MergeSummary,
) -> None:
    if not boxes:
        return
    if target.boxes:
        summary.images_conflicting += 1
        if mode == "keep":
            return
        if mode == "replace":
            summary.boxes_replaced += len(target.boxes)
            target.boxes = []
    target.boxes.extend(boxes)
    summary.boxes_added += len(boxes)
    if target.status == "todo":
        target.status = source.status


def _clamp_boxes(boxes: list[Box], image: ImageRecord) -> list[Box]:
    clamped = []
    for box in boxes:
        x, y, w, h = box.bbox
        left, top = min(max(x, 0), image.width), min(max(y, 0), image.height)
        right = min(max(x + w, 0), image.width)
        bottom = min(max(y + h, 0), image.height)
        if right - left > 0 and bottom - top > 0:
            bbox = (left, top, right - left, bottom - top)
            clamped.append(box.model_copy(update={"bbox": bbox}))
    return clamped
