"""Import labelme JSON files (one image per file).

A rectangle is the box between its two points. Polygons, circles and other
shapes with points become the box that encloses them, with a warning.
``imageData`` is ignored.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from . import Imported, ImportOptions
from .builder import ImportBuilder, bbox_from_points
from .foreign import Number, validate_json

WHAT = "labelme file"


class _Shape(BaseModel):
    model_config = ConfigDict(extra="ignore")

    label: str
    points: list[tuple[Number, Number]]
    shape_type: str | None = "polygon"


class _Document(BaseModel):
    model_config = ConfigDict(extra="ignore")

    shapes: list[_Shape] = Field(default_factory=list)
    imagePath: str
    imageWidth: StrictInt
    imageHeight: StrictInt


def import_file(content: bytes, options: ImportOptions | None = None) -> Imported:
    """Import one labelme JSON file."""
    options = options or ImportOptions()
    document = validate_json(content, _Document, WHAT)
    builder = ImportBuilder(WHAT, options.taxonomy, defined_categories=False)
    image = builder.add_image(
        "", document.imagePath, document.imageWidth, document.imageHeight
    )
    builder.check()
    for k, shape in enumerate(document.shapes):
        path = f"shapes[{k}]"
        kind = shape.shape_type or "polygon"
        if not shape.points or (kind == "rectangle" and len(shape.points) != 2):
            builder.warn(
                f"{path}.points",
                f"a {kind} shape needs points; it was skipped",
                "invalid-shape",
                len(shape.points),
            )
            continue
        if kind == "circle" and len(shape.points) == 2:
            (cx, cy), (px, py) = shape.points
            radius = ((px - cx) ** 2 + (py - cy) ** 2) ** 0.5
            bbox = (cx - radius, cy - radius, 2 * radius, 2 * radius)
        else:
            bbox = bbox_from_points(
                [p[0] for p in shape.points], [p[1] for p in shape.points]
            )
        if kind != "rectangle":
            builder.warn(
                path,
                f"a {kind} shape was imported as the box around it",
                "shape-as-box",
                kind,
            )
        category = builder.category(f"{path}.label", shape.label)
        if category is not None:
            builder.add_box(path, image, category, bbox)
    builder.check()
    return builder.finish("Imported labelme")
