"""Import Label Studio JSON exports (rectangle labels).

Label Studio stores ``x``, ``y``, ``width`` and ``height`` as percentages of
``original_width`` and ``original_height``, so pixels are
``x / 100 * original_width``. A rotated rectangle becomes the box that
encloses it, with a warning. Only the first annotation of each task is read;
predictions are ignored.
"""

from __future__ import annotations

import math
import posixpath
from typing import Any
from urllib.parse import unquote, urlparse

from pydantic import BaseModel, ConfigDict, Field, RootModel, StrictInt

from . import Imported, ImportOptions
from .builder import ImportBuilder
from .foreign import Number, validate_json

WHAT = "Label Studio file"


class _Value(BaseModel):
    model_config = ConfigDict(extra="ignore")

    x: Number
    y: Number
    width: Number
    height: Number
    rotation: Number = 0
    rectanglelabels: list[str] = Field(default_factory=list)


class _Result(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str | int | None = None
    type: str
    value: dict[str, Any]
    original_width: StrictInt | None = None
    original_height: StrictInt | None = None


class _Annotation(BaseModel):
    model_config = ConfigDict(extra="ignore")

    result: list[_Result] = Field(default_factory=list)
    was_cancelled: bool = False


class _Task(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: StrictInt | None = None
    data: dict[str, Any]
    annotations: list[_Annotation] = Field(default_factory=list)


class _Export(RootModel[list[_Task]]):
    pass


def image_name(data: dict[str, Any]) -> str | None:
    """Return the image's file name from a task's data, without URL parts.

    >>> image_name({"image": "/data/upload/3/a1b2-shoe%201.jpg"})
    'a1b2-shoe 1.jpg'
    """
    value = data.get("image")
    if not isinstance(value, str):
        value = next((v for v in data.values() if isinstance(v, str)), None)
    if not value:
        return None
    path = unquote(urlparse(value).path) if "/" in value else value
    return posixpath.basename(path) or None


def import_file(content: bytes, options: ImportOptions | None = None) -> Imported:
    """Import a Label Studio JSON export (a list of tasks)."""
    options = options or ImportOptions()
    tasks = validate_json(content, _Export, WHAT).root
    builder = ImportBuilder(WHAT, options.taxonomy, defined_categories=False)
    for t, task in enumerate(tasks):
        _add_task(builder, f"[{t}]", task, options)
    builder.check()
    return builder.finish("Imported Label Studio")


def _add_task(builder: ImportBuilder, path: str, task: _Task, options) -> None:
    name = image_name(task.data)
    annotations = [a for a in task.annotations if not a.was_cancelled]
    results = annotations[0].result if annotations else []
    if len(annotations) > 1:
        builder.warn(
            f"{path}.annotations",
            f"task {task.id} has {len(annotations)} annotations; only the first "
            "was imported",
            "extra-annotations",
            len(annotations),
        )
    rectangles = [(r, k) for k, r in enumerate(results) if r.type == "rectanglelabels"]
    size = options.image_sizes.get(name or "")
    for result, _ in rectangles:
        if result.original_width and result.original_height:
            size = (result.original_width, result.original_height)
            break
    if size is None:
        # Only a task without rectangles gets here, so skipping it loses no box.
        builder.warn(
            f"{path}.data",
            f"image {name!r} was skipped because its size is unknown: it has no "
            "rectangle with original_width and original_height; pass the image "
            "sizes to keep it",
            "missing-image-size",
            name,
        )
        return
    image = builder.add_image(f"{path}.data.image", name, size[0], size[1])
    if image is None:
        return
    for result, k in rectangles:
        _add_rectangle(builder, f"{path}.annotations[0].result[{k}]", image, result)


def _add_rectangle(builder: ImportBuilder, path: str, image, result: _Result) -> None:
    try:
        value = _Value.model_validate(result.value)
    except ValueError:
        builder.error(
            f"{path}.value",
            "a rectangle needs numbers x, y, width and height",
            "invalid-rectangle",
            result.value,
        )
        return
    width = result.original_width or image.width
    height = result.original_height or image.height
    x, y = value.x / 100 * width, value.y / 100 * height
    w, h = value.width / 100 * width, value.height / 100 * height
    bbox = (x, y, w, h)
    if value.rotation:
        bbox = _rotated_bounds(x, y, w, h, value.rotation)
        builder.warn(
            f"{path}.value.rotation",
            f"a rectangle rotated by {value.rotation:g} degrees was imported as "
            "the box around it",
            "rotated-box",
            value.rotation,
        )
    labels = value.rectanglelabels
    category = (
        builder.category(f"{path}.value.rectanglelabels[0]", labels[0])
        if labels
        else None
    )
    if not labels:
        builder.warn(
            f"{path}.value.rectanglelabels",
            "rectangle has no label; it was imported without a category",
            "unlabeled-box",
        )
    builder.add_box(path, image, category, tuple(round(v, 6) for v in bbox))


def _rotated_bounds(x, y, w, h, degrees) -> tuple[float, float, float, float]:
    # Label Studio rotates around the top-left corner (x, y).
    angle = math.radians(degrees)
    cos, sin = math.cos(angle), math.sin(angle)
    points = [
        (x + dx * cos - dy * sin, y + dx * sin + dy * cos)
        for dx, dy in ((0, 0), (w, 0), (w, h), (0, h))
    ]
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return (min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
