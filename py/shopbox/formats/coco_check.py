"""COCO reading for ``python -m shopbox validate``: the file as it is.

Unlike ``coco.import_file``, which fixes what it can (clamps boxes, skips
zero-size ones, renumbers ids) and adds unknown categories, ``load`` maps
categories onto a fixed taxonomy and reports every bad field as an error, so
that the rule checks see the boxes exactly as the file has them. It keeps no
COCO info, licenses, crowd flags or RLE masks.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from ..errors import Problem, ShopboxError, problems_from_validation, short_repr
from ..models import Box, ImageRecord, Project, load_project
from ..taxonomy import OTHER_NAME, Taxonomy, default_taxonomy
from .builder import BoxExtras, ImageExtras
from .coco import polygon_bbox
from .native import parse_json


def load(content: bytes | str, taxonomy: Taxonomy | None = None) -> Project:
    """Read a COCO object detection file into a project.

    Categories map by name onto the taxonomy (exact name first, then the best
    free-text match). A category that matches nothing becomes "other" with
    the COCO name as the box note. A missing ``bbox`` is derived from the
    polygon ``segmentation``.

    Raises:
        ShopboxError: ``invalid-coco`` with a problem per bad field, such as
            ``annotations[3].bbox``.
    """
    data = parse_json(content, "COCO file")
    taxonomy = taxonomy or default_taxonomy()
    problems: list[Problem] = []
    if not isinstance(data, dict):
        data = {}
        problems.append(Problem("", "must be a JSON object", "invalid-type"))
    labels = _category_labels(data.get("categories", []), taxonomy, problems)
    images = _images(data.get("images"), problems)
    for index, annotation in enumerate(_list(data, "annotations", problems)):
        _add_box(index, annotation, images, labels, problems)
    if problems:
        raise ShopboxError(
            "invalid-coco", "The file is not a valid COCO detection file.", problems
        )
    return load_project({"taxonomy": taxonomy, "images": list(images.values())})


def _list(data: dict, key: str, problems: list[Problem]) -> list:
    value = data.get(key, [])
    if isinstance(value, list):
        return value
    problems.append(Problem(key, "must be a list", "invalid-type", short_repr(value)))
    return []


def _category_labels(
    categories: object, taxonomy: Taxonomy, problems: list[Problem]
) -> dict[int, tuple[int, str]]:
    """Map COCO category ids to (taxonomy id, box note)."""
    labels: dict[int, tuple[int, str]] = {}
    other = taxonomy.by_name(OTHER_NAME)
    for k, category in enumerate(categories if isinstance(categories, list) else []):
        name = category.get("name") if isinstance(category, dict) else None
        coco_id = category.get("id") if isinstance(category, dict) else None
        if not isinstance(name, str) or not isinstance(coco_id, int):
            problems.append(
                Problem(f"categories[{k}]", "needs an integer id and a name string")
            )
            continue
        match = taxonomy.by_name(name) or taxonomy.resolve(name)
        if match is not None:
            labels[coco_id] = (match.id, "")
        elif other is not None:
            labels[coco_id] = (other.id, name)
        else:
            problems.append(
                Problem(
                    f"categories[{k}].name",
                    "matches no category of the taxonomy, which has no 'other'",
                    "unknown-category",
                    name,
                )
            )
    return labels


def _images(images: object, problems: list[Problem]) -> dict[int, dict]:
    if not isinstance(images, list):
        problems.append(Problem("images", "must be a list", "invalid-type"))
        return {}
    records: dict[int, dict] = {}
    for k, image in enumerate(images):
        try:
            fields = image
            if isinstance(image, dict):
                fields = {
                    key: image.get(key)
                    for key in ("id", "file_name", "width", "height")
                }
                # A studio export keeps status and classes in a "shopbox" object.
                fields |= _extras(ImageExtras, image, f"images[{k}]", problems)
            record = ImageRecord.model_validate(fields)
        except ValidationError as exc:
            problems.extend(problems_from_validation(exc, f"images[{k}]"))
            continue
        if record.id in records:
            problems.append(
                Problem(
                    f"images[{k}].id",
                    "image id is used twice",
                    "duplicate-id",
                    record.id,
                )
            )
        records[record.id] = record.model_dump()
    return records


def _json_scalar(value: object) -> object:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return short_repr(value)


def _lookup(table: dict[int, Any], key: object) -> Any:
    # A list or an object as an id would raise TypeError in a dict lookup.
    if isinstance(key, int) and not isinstance(key, bool):
        return table.get(key)
    return None


def _add_box(
    index: int,
    annotation: object,
    images: dict[int, dict],
    labels: dict[int, tuple[int, str]],
    problems: list[Problem],
) -> None:
    path = f"annotations[{index}]"
    if not isinstance(annotation, dict):
        problems.append(Problem(path, "must be an object", "invalid-type"))
        return

    image = _lookup(images, annotation.get("image_id"))
    if image is None:
        problems.append(
            Problem(
                f"{path}.image_id",
                "image not found in images",
                "unknown-image",
                _json_scalar(annotation.get("image_id")),
            )
        )
    label = _lookup(labels, annotation.get("category_id"))
    if label is None:
        problems.append(
            Problem(
                f"{path}.category_id",
                "category not found in categories",
                "unknown-category",
                _json_scalar(annotation.get("category_id")),
            )
        )

    bbox = annotation.get("bbox") or polygon_bbox(annotation.get("segmentation"))
    if bbox is None:
        problems.append(
            Problem(
                f"{path}.bbox",
                "missing, and no polygon segmentation to derive it from (this "
                "reader does not decode RLE masks); add a bbox",
                "missing",
            )
        )
        return

    fields = {"id": annotation.get("id"), "bbox": bbox}
    fields |= _extras(BoxExtras, annotation, path, problems)
    if label is not None:
        fields |= {"category_id": label[0], "note": fields.get("note") or label[1]}
    try:
        box = Box.model_validate(fields)
    except ValidationError as exc:
        problems.extend(problems_from_validation(exc, path))
        return
    if image is not None:
        image["boxes"].append(box)


def _extras(model, item: dict, path: str, problems: list[Problem]) -> dict:
    """Read the optional ``shopbox`` object of a COCO image or annotation."""
    extras = item.get("shopbox")
    if extras is None:
        return {}
    try:
        return model.model_validate(extras).model_dump(exclude_defaults=True)
    except ValidationError as exc:
        problems.extend(problems_from_validation(exc, f"{path}.shopbox"))
        return {}
