"""Import VGG Image Annotator 2 project files and annotation exports.

VIA stores no image width or height (its ``size`` is the file size in bytes),
so the import needs ``ImportOptions.image_sizes``. The class of a region is
read from its region attributes (see ``foreign.pick_label``). Rectangles are
taken as they are; polygons, circles and ellipses become the box that encloses
them, with a warning.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, RootModel

from . import Imported, ImportOptions
from .builder import ImportBuilder
from .foreign import Number, pick_label, validate_json

WHAT = "VIA file"


class _Region(BaseModel):
    model_config = ConfigDict(extra="ignore")

    shape_attributes: dict[str, Any]
    region_attributes: dict[str, Any] = Field(default_factory=dict)


class _Image(BaseModel):
    model_config = ConfigDict(extra="ignore")

    filename: str
    regions: list[_Region] = Field(default_factory=list)


class _Shape(BaseModel):
    model_config = ConfigDict(extra="ignore")

    name: str
    x: Number | None = None
    y: Number | None = None
    width: Number | None = None
    height: Number | None = None
    all_points_x: list[Number] | None = None
    all_points_y: list[Number] | None = None
    cx: Number | None = None
    cy: Number | None = None
    r: Number | None = None
    rx: Number | None = None
    ry: Number | None = None


class _Metadata(RootModel[dict[str, _Image]]):
    pass


class _Project(BaseModel):
    model_config = ConfigDict(extra="ignore")

    via_img_metadata: dict[str, _Image] = Field(alias="_via_img_metadata")


def import_file(content: bytes, options: ImportOptions | None = None) -> Imported:
    """Import a VIA 2 project (``_via_img_metadata``) or its annotation export."""
    options = options or ImportOptions()
    if b'"_via_img_metadata"' in content:
        metadata = validate_json(content, _Project, WHAT).via_img_metadata
        prefix = "_via_img_metadata"
    else:
        metadata = validate_json(content, _Metadata, WHAT).root
        prefix = ""
    builder = ImportBuilder(WHAT, options.taxonomy, defined_categories=False)
    for key, entry in metadata.items():
        path = f"{prefix}[{key!r}]" if prefix else f"[{key!r}]"
        size = options.image_sizes.get(entry.filename)
        if size is None:
            builder.error(
                f"{path}.filename",
                "VIA files do not store image sizes; open the images or pass "
                "their sizes",
                "missing-image-size",
                entry.filename,
            )
            continue
        image = builder.add_image(path, entry.filename, size[0], size[1])
        if image is None:
            continue
        for k, region in enumerate(entry.regions):
            _add_region(builder, f"{path}.regions[{k}]", image, region)
    builder.check()
    return builder.finish("Imported VIA")


def _add_region(builder: ImportBuilder, path: str, image, region: _Region) -> None:
    try:
        shape = _Shape.model_validate(region.shape_attributes)
    except ValueError:
        builder.warn(
            f"{path}.shape_attributes",
            "shape attributes cannot be read; the region was skipped",
            "invalid-shape",
            region.shape_attributes,
        )
        return
    bbox = _shape_bbox(shape)
    if bbox is None:
        builder.warn(
            f"{path}.shape_attributes",
            f"a {shape.name} region has no box; it was skipped",
            "unsupported-shape",
            shape.name,
        )
        return
    if shape.name != "rect":
        builder.warn(
            f"{path}.shape_attributes",
            f"a {shape.name} region was imported as the box around it",
            "shape-as-box",
            shape.name,
        )
    name = pick_label(region.region_attributes)
    category = None
    if name is not None:
        category = builder.category(f"{path}.region_attributes", name)
    else:
        builder.warn(
            f"{path}.region_attributes",
            "region has no class attribute; it was imported without a category",
            "unlabeled-box",
            region.region_attributes,
        )
    builder.add_box(path, image, category, bbox)


def _shape_bbox(shape: _Shape) -> tuple[float, ...] | None:
    if shape.name == "rect" and None not in (
        shape.x,
        shape.y,
        shape.width,
        shape.height,
    ):
        return (shape.x, shape.y, shape.width, shape.height)
    if (
        shape.name in ("polygon", "polyline")
        and shape.all_points_x
        and shape.all_points_y
    ):
        xs, ys = shape.all_points_x, shape.all_points_y
        return (min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
    if shape.name == "circle" and None not in (shape.cx, shape.cy, shape.r):
        return (shape.cx - shape.r, shape.cy - shape.r, 2 * shape.r, 2 * shape.r)
    if shape.name == "ellipse" and None not in (shape.cx, shape.cy, shape.rx, shape.ry):
        return (shape.cx - shape.rx, shape.cy - shape.ry, 2 * shape.rx, 2 * shape.ry)
    return None
