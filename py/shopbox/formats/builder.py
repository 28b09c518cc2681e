"""Shared import pipeline: every importer feeds images and boxes through here.

Importers parse their file into plain values and call ``add_image`` and
``add_box`` with the field path of each item in the file. The builder checks
sizes, clamps boxes, keeps ids where it can, maps categories by name and
collects per-item warnings. ``finish`` raises ShopboxError if any error was
recorded, so a file is either rejected whole or loaded with warnings.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import Problem, ShopboxError, problems_from_validation
from ..geometry import BBox, clamp_bbox, is_empty
from ..models import MAX_IMAGE_SIDE, MAX_IMAGES, ImageStatus, Project, ReviewState
from ..taxonomy import Category, Taxonomy, default_taxonomy
from . import Imported

log = logging.getLogger(__name__)

MAX_ID = 2**53
MAX_CATEGORY_ID = 1_000_000
DEFAULT_SUPERCATEGORY = "imported"


class ImageExtras(BaseModel):
    """Shopbox fields that foreign formats carry in an extra ``shopbox`` object."""

    model_config = ConfigDict(extra="ignore")

    status: ImageStatus = "todo"
    review: ReviewState = "unreviewed"
    shot_type: str | None = Field(default=None, max_length=80)
    main_category_id: int | None = None
    file_size: int | None = Field(default=None, ge=0)


class BoxExtras(BaseModel):
    """Per-box attributes carried in an extra ``shopbox`` object."""

    model_config = ConfigDict(extra="ignore")

    occluded: bool = False
    truncated: bool = False
    face_and_body_visible: bool | None = None
    note: str = Field(default="", max_length=2000)


@dataclass
class _Category:
    name: str
    file_id: int | None
    supercategory: str | None
    project_id: int = 0


@dataclass
class _Image:
    path: str
    file_name: str
    width: int
    height: int
    file_id: int | None
    extras: ImageExtras
    main_category: _Category | None = None
    boxes: list[_Box] = field(default_factory=list)
    project_id: int = 0


@dataclass
class _Box:
    path: str
    category: _Category | None
    bbox: BBox
    file_id: int | None
    extras: BoxExtras
    project_id: int = 0


class ImportBuilder:
    """Collect the items of one imported file and build a validated Project.

    Args:
        what: the format's name for messages, such as ``"COCO file"``.
        base: the taxonomy whose categories names are matched against.
        defined_categories: True when the file lists its categories (COCO,
            YOLO, CSV); the project's taxonomy is then exactly that list.
            False adds the names found in the file to ``base``.
    """

    def __init__(self, what: str, base: Taxonomy | None, defined_categories: bool):
        self.what = what
        self.base = base or default_taxonomy()
        self.defined_categories = defined_categories
        self.warnings: list[Problem] = []
        self.errors: list[Problem] = []
        self._categories: list[_Category] = []
        self._by_name: dict[str, _Category] = {}
        self._by_file_id: dict[int, _Category] = {}
        self._images: list[_Image] = []
        self._file_names: dict[str, str] = {}

    # Recording problems

    def warn(self, path: str, message: str, code: str, value: Any = None) -> None:
        self.warnings.append(Problem(path, message, code, value))

    def error(self, path: str, message: str, code: str, value: Any = None) -> None:
        self.errors.append(Problem(path, message, code, value))

    def check(self) -> None:
        """Raise ShopboxError now if errors were recorded."""
        if self.errors:
            raise ShopboxError(
                "invalid-import",
                f"The {self.what} has {len(self.errors)} invalid item(s); nothing "
                "was imported.",
                self.errors,
            )

    # Categories

    def category(
        self,
        path: str,
        name: object,
        file_id: int | None = None,
        supercategory: object = None,
    ) -> _Category | None:
        """Declare a category by name and return its handle for ``add_box``."""
        if not isinstance(name, str) or not 1 <= len(name.strip()) <= 80:
            self.error(
                path,
                "category name must be text of 1 to 80 characters",
                "invalid-category-name",
                name,
            )
            return None
        name = name.strip()
        key = name.casefold()
        found = self._by_name.get(key)
        if found is None:
            if not isinstance(supercategory, str) or not supercategory.strip():
                supercategory = None
            found = _Category(
                name, file_id, supercategory.strip()[:80] if supercategory else None
            )
            self._by_name[key] = found
            self._categories.append(found)
        if file_id is not None:
            if file_id in self._by_file_id and self._by_file_id[file_id] is not found:
                self.error(
                    path,
                    f"category id {file_id} is used by two categories",
                    "duplicate-category-id",
                    file_id,
                )
            self._by_file_id[file_id] = found
        return found

    def category_by_file_id(self, file_id: int) -> _Category | None:
        return self._by_file_id.get(file_id)

    # Images and boxes

    def add_image(
        self,
        path: str,
        file_name: object,
        width: object,
        height: object,
        file_id: int | None = None,
        extras: ImageExtras | None = None,
        main_category: _Category | None = None,
    ) -> _Image | None:
        """Add one image; return None (with an error) if its name or size is bad.

        The main category comes either as a handle from ``category`` or as a
        file category id in ``extras.main_category_id``.
        """
        ok = True
        if not isinstance(file_name, str) or not 1 <= len(file_name) <= 1024:
            self.error(
                _field(path, "file_name"),
                "file name must be text of 1 to 1024 characters",
                "invalid-file-name",
                file_name,
            )
            ok = False
        for key, value in (("width", width), ("height", height)):
            if (
                isinstance(value, bool)
                or not isinstance(value, int)
                or not 1 <= value <= MAX_IMAGE_SIDE
            ):
                self.error(
                    _field(path, key),
                    f"image {key} must be a whole number of pixels from 1 to "
                    f"{MAX_IMAGE_SIDE}",
                    "invalid-image-size",
                    value,
                )
                ok = False
        if not ok:
            return None
        if file_name in self._file_names:
            self.error(
                _field(path, "file_name"),
                f"file name is also used by {self._file_names[file_name]}; each "
                "image needs its own name",
                "duplicate-file-name",
                file_name,
            )
            return None
        if len(self._images) >= MAX_IMAGES:
            self.error(path, f"more than {MAX_IMAGES} images", "too-many-images")
            return None
        self._file_names[file_name] = path
        image = _Image(
            path,
            file_name,
            width,
            height,
            file_id,
            extras or ImageExtras(),
            main_category,
        )
        self._images.append(image)
        return image

    def add_box(
        self,
        path: str,
        image: _Image,
        category: _Category | None,
        bbox: BBox,
        file_id: int | None = None,
        extras: BoxExtras | None = None,
    ) -> None:
        """Add one box in image pixels, skipping or clamping it with a warning."""
        label = f"box {file_id}" if file_id is not None else "box"
        if not all(isinstance(v, (int, float)) and math.isfinite(v) for v in bbox):
            self.warn(
                path,
                f"{label} has a non-finite coordinate and was skipped",
                "invalid-bbox",
                list(bbox),
            )
            return
        if is_empty(bbox):
            self.warn(
                path,
                f"{label} on {image.file_name} has zero or negative size and was "
                "skipped",
                "empty-box",
                list(bbox),
            )
            return
        clamped = clamp_bbox(bbox, image.width, image.height)
        if is_empty(clamped):
            self.warn(
                path,
                f"{label} lies outside the {image.width}x{image.height} image "
                f"{image.file_name} and was skipped",
                "box-outside-image",
                list(bbox),
            )
            return
        if clamped != tuple(bbox):
            self.warn(
                path,
                f"{label} crosses the edge of the {image.width}x{image.height} "
                f"image {image.file_name} and was cut to it",
                "box-clamped",
                list(bbox),
            )
        image.boxes.append(
            _Box(path, category, clamped, file_id, extras or BoxExtras())
        )

    # Building the project

    def finish(self, name: str) -> Imported:
        """Assign ids, build the taxonomy and return the validated project."""
        self.check()
        taxonomy = self._build_taxonomy()
        _assign_ids(self._images, "image", self.warnings)
        _assign_ids(
            [b for image in self._images for b in image.boxes], "box", self.warnings
        )
        images = [self._image_dict(image) for image in self._images]
        data = {
            "name": name[:200] or "Imported project",
            "taxonomy": taxonomy,
            "images": images,
        }
        try:
            project = Project.model_validate(data)
        except ValidationError as exc:
            raise ShopboxError(
                "invalid-import",
                f"The {self.what} does not make a valid project.",
                problems_from_validation(exc),
            ) from None
        log.info(
            "imported %d images from %s with %d warnings",
            len(images),
            self.what,
            len(self.warnings),
        )
        return Imported(project, self.warnings)

    def _image_dict(self, image: _Image) -> dict[str, Any]:
        extras = image.extras.model_dump()
        main = extras.pop("main_category_id")
        if image.main_category is not None:
            extras["main_category_id"] = image.main_category.project_id
        elif main is not None:
            category = self._by_file_id.get(main)
            if category is None:
                self.warn(
                    f"{image.path}.shopbox.main_category_id",
                    f"main category id {main} of {image.file_name} is not a "
                    "category of the file and was dropped",
                    "unknown-category",
                    main,
                )
            else:
                extras["main_category_id"] = category.project_id
        boxes = [
            {
                "id": box.project_id,
                "category_id": box.category.project_id if box.category else None,
                "bbox": box.bbox,
                **box.extras.model_dump(),
            }
            for box in image.boxes
        ]
        return {
            "id": image.project_id,
            "file_name": image.file_name,
            "width": image.width,
            "height": image.height,
            **extras,
            "boxes": boxes,
        }

    def _build_taxonomy(self) -> Taxonomy:
        used: set[int] = set()
        declared = self._categories
        if not self.defined_categories:
            used = {c.id for c in self.base.categories}
            for entry in declared:
                match = self.base.by_name(entry.name)
                if match is not None:
                    entry.project_id = match.id
        # Keep every valid id the file gives, then place the rest by name.
        for entry in declared:
            if entry.project_id:
                continue
            if (
                entry.file_id is not None
                and 1 <= entry.file_id <= MAX_CATEGORY_ID
                and entry.file_id not in used
            ):
                entry.project_id = entry.file_id
                used.add(entry.file_id)
        for entry in declared:
            if entry.project_id:
                continue
            match = self.base.by_name(entry.name)
            if match is not None and match.id not in used:
                entry.project_id = match.id
            else:
                entry.project_id = max(used, default=0) + 1
            used.add(entry.project_id)
        categories = [] if self.defined_categories else list(self.base.categories)
        known = {c.id for c in categories}
        for entry in declared:
            if entry.project_id in known:
                continue
            known.add(entry.project_id)
            categories.append(self._category_model(entry))
        if not categories:
            return self.base
        try:
            return Taxonomy(
                name=self.base.name if not self.defined_categories else "imported",
                categories=categories,
            )
        except ValidationError as exc:
            raise ShopboxError(
                "invalid-import",
                f"The categories of the {self.what} do not make a valid taxonomy.",
                problems_from_validation(exc, "categories"),
            ) from None

    def _category_model(self, entry: _Category) -> Category:
        match = self.base.by_name(entry.name)
        supercategory = entry.supercategory or (
            match.supercategory if match else DEFAULT_SUPERCATEGORY
        )
        if match is None:
            return Category(
                id=entry.project_id, name=entry.name, supercategory=supercategory
            )
        return match.model_copy(
            update={
                "id": entry.project_id,
                "name": entry.name,
                "supercategory": supercategory,
            }
        )


def _assign_ids(items: list, kind: str, warnings: list[Problem]) -> None:
    """Keep each valid, first-seen file id; give the others fresh ids after the max."""
    used: set[int] = set()
    pending = []
    for item in items:
        file_id = item.file_id
        if file_id is not None and 1 <= file_id <= MAX_ID and file_id not in used:
            item.project_id = file_id
            used.add(file_id)
        else:
            pending.append(item)
    next_id = max(used, default=0) + 1
    for item in pending:
        item.project_id = next_id
        next_id += 1
        if item.file_id is None:
            continue
        if item.file_id in used:
            reason = "is used twice"
        else:
            reason = f"is outside 1 to {MAX_ID}"
        warnings.append(
            Problem(
                f"{item.path}.id",
                f"{kind} id {item.file_id} {reason}; the {kind} was renumbered to "
                f"{item.project_id}",
                "renumbered-id",
                item.file_id,
            )
        )


def _field(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def bbox_from_points(xs: list[float], ys: list[float]) -> BBox:
    """Return the box that encloses a set of points."""
    left, top = min(xs), min(ys)
    return (left, top, max(xs) - left, max(ys) - top)
