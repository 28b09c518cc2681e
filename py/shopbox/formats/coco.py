"""COCO object detection: export and import.

Export: category ids come from the taxonomy (they start at 1). ``bbox`` is
``[x, y, w, h]`` in pixels from the image's top-left corner, cut to the image;
``area`` is ``w * h``; ``iscrowd`` is 0. Every image is listed, boxes or not.
Shopbox's own fields travel in an extra ``shopbox`` object on each image and
annotation, which COCO readers ignore. The output has no timestamps, so the
same project always gives the same bytes.

Import: ids are kept where valid; ``iscrowd``, ``area``, ``info``, ``licenses``
and ``segmentation`` are optional. A missing ``bbox`` is derived from the
polygon segmentation.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StrictInt,
    ValidationError,
)

from ..errors import Problem, ShopboxError, problems_from_validation
from ..models import Project
from . import Export, Imported, ImportOptions, json_lines, json_number, safe_file_stem
from .builder import BoxExtras, ImageExtras, ImportBuilder
from .native import parse_json
from .prepare import export_boxes

MEDIA_TYPE = "application/json"
WHAT = "COCO file"

Number = Annotated[float, Strict(), Field(allow_inf_nan=False, ge=-1e7, le=1e7)]
Polygon = list[Number]


def _four_items(value: object) -> object:
    if not isinstance(value, list) or len(value) != 4:
        raise ValueError("bbox must be a list of 4 numbers [x, y, width, height]")
    return value


BBoxField = Annotated[
    tuple[Number, Number, Number, Number], BeforeValidator(_four_items)
]


def to_dict(project: Project) -> tuple[dict, list[Problem]]:
    """Build the COCO document and the warnings about boxes it left out."""
    prepared, warnings = export_boxes(project)
    images = []
    annotations = []
    for image, boxes in prepared:
        images.append(
            {
                "id": image.id,
                "file_name": image.file_name,
                "width": image.width,
                "height": image.height,
                "shopbox": {
                    "status": image.status,
                    "review": image.review,
                    "shot_type": image.shot_type,
                    "main_category_id": image.main_category_id,
                    "file_size": image.file_size,
                },
            }
        )
        for item in boxes:
            x, y, w, h = item.bbox
            box = item.box
            annotations.append(
                {
                    "id": box.id,
                    "image_id": image.id,
                    "category_id": item.category.id,
                    "bbox": [json_number(v) for v in (x, y, w, h)],
                    "area": json_number(w * h),
                    "segmentation": [],
                    "iscrowd": 0,
                    "shopbox": {
                        "occluded": box.occluded,
                        "truncated": box.truncated,
                        "face_and_body_visible": box.face_and_body_visible,
                        "note": box.note,
                    },
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
    text = json_lines(document)
    return Export(
        file_name=f"{safe_file_stem(project.name)}.coco.json",
        media_type=MEDIA_TYPE,
        content=text.encode("utf-8"),
        warnings=warnings,
    )


class _Image(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: StrictInt
    file_name: str
    width: StrictInt
    height: StrictInt
    shopbox: ImageExtras | None = None


class _Annotation(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: StrictInt
    image_id: StrictInt
    category_id: StrictInt
    bbox: BBoxField | None = None
    segmentation: list[Polygon] | Polygon | dict[str, Any] | None = None
    iscrowd: StrictInt = 0
    shopbox: BoxExtras | None = None


class _Category(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: StrictInt
    name: str
    supercategory: str | None = None


class _Document(BaseModel):
    model_config = ConfigDict(extra="ignore")

    info: dict[str, Any] | None = None
    images: list[_Image]
    annotations: list[_Annotation] = Field(default_factory=list)
    categories: list[_Category] = Field(default_factory=list)


def import_file(content: bytes, options: ImportOptions | None = None) -> Imported:
    """Import a COCO detection file.

    Raises:
        ShopboxError: ``invalid-json`` or ``invalid-import`` with field paths
            such as ``annotations[3].bbox``.
    """
    data = parse_json(content, WHAT)
    try:
        document = _Document.model_validate(data)
    except ValidationError as exc:
        raise ShopboxError(
            "invalid-import",
            f"The {WHAT} does not have the COCO structure.",
            problems_from_validation(exc),
        ) from None
    builder = ImportBuilder(
        WHAT, (options or ImportOptions()).taxonomy, defined_categories=True
    )
    for i, category in enumerate(document.categories):
        builder.category(
            f"categories[{i}].name",
            category.name,
            file_id=category.id,
            supercategory=category.supercategory,
        )
    images = {}
    for i, image in enumerate(document.images):
        path = f"images[{i}]"
        if image.id in images:
            builder.error(
                f"{path}.id",
                f"image id {image.id} is used twice, so its annotations are ambiguous",
                "duplicate-id",
                image.id,
            )
            continue
        images[image.id] = builder.add_image(
            path, image.file_name, image.width, image.height, image.id, image.shopbox
        )
    builder.check()
    for i, annotation in enumerate(document.annotations):
        _add_annotation(builder, f"annotations[{i}]", annotation, images)
    info = document.info or {}
    name = info.get("description")
    return builder.finish(name if isinstance(name, str) else "Imported COCO")


def _add_annotation(
    builder: ImportBuilder, path: str, annotation: _Annotation, images: dict
) -> None:
    label = f"annotation {annotation.id}"
    image = images.get(annotation.image_id)
    if image is None:
        builder.warn(
            f"{path}.image_id",
            f"{label} refers to image id {annotation.image_id}, which is not in "
            "images; the annotation was skipped",
            "unknown-image",
            annotation.image_id,
        )
        return
    category = builder.category_by_file_id(annotation.category_id)
    if category is None:
        builder.warn(
            f"{path}.category_id",
            f"{label} has category id {annotation.category_id}, which is not in "
            "categories; the annotation was skipped",
            "unknown-category",
            annotation.category_id,
        )
        return
    bbox = annotation.bbox
    if bbox is None:
        bbox = polygon_bbox(annotation.segmentation)
        if bbox is None:
            builder.warn(
                f"{path}.bbox",
                f"{label} has no bbox and no polygon to derive one from; it was "
                "skipped",
                "missing-bbox",
            )
            return
    if annotation.iscrowd:
        builder.warn(
            f"{path}.iscrowd",
            f"{label} is a crowd region; it was imported as one box",
            "crowd-box",
            annotation.iscrowd,
        )
    builder.add_box(
        f"{path}.bbox", image, category, bbox, annotation.id, annotation.shopbox
    )


def polygon_bbox(segmentation: object) -> list[float] | None:
    """Return ``[x, y, w, h]`` around COCO polygons, or None for RLE or no data.

    A flat list of numbers is read as one polygon written without the outer
    list.

    >>> polygon_bbox([[10, 20, 30, 20, 30, 50], [5, 25, 12, 25]])
    [5, 20, 25, 30]
    >>> polygon_bbox([10, 20, 60, 20, 60, 70])
    [10, 20, 50, 50]
    """
    if not isinstance(segmentation, list):
        return None
    if segmentation and not isinstance(segmentation[0], list):
        segmentation = [segmentation]
    xs: list[float] = []
    ys: list[float] = []
    for polygon in segmentation:
        if not isinstance(polygon, list) or len(polygon) % 2:
            return None
        xs.extend(polygon[0::2])
        ys.extend(polygon[1::2])
    if not xs or not all(isinstance(v, (int, float)) for v in xs + ys):
        return None
    return [min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)]
