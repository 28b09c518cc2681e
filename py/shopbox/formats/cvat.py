"""Import CVAT for images 1.1 XML (boxes).

CVAT writes ``xtl``, ``ytl``, ``xbr`` and ``ybr`` in pixels from the image's
top-left corner, the same convention as COCO, so ``w = xbr - xtl``. The
``occluded`` flag and ``<attribute>`` elements named ``truncated`` or
``note`` are kept. Polygons and other shapes are skipped with a warning.
CVAT's image ids start at 0 and are not kept.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from . import Imported, ImportOptions
from .builder import BoxExtras, ImportBuilder
from .safe_xml import float_or_none, int_or_text, parse_xml

WHAT = "CVAT XML file"
_SHAPES = ("polygon", "polyline", "points", "ellipse", "cuboid", "mask", "skeleton")


def import_file(content: bytes, options: ImportOptions | None = None) -> Imported:
    """Import a CVAT for images 1.1 annotation file."""
    options = options or ImportOptions()
    root = parse_xml(content, WHAT)
    builder = ImportBuilder(WHAT, options.taxonomy, defined_categories=False)
    if root.tag != "annotations":
        builder.error(
            "", "root element must be <annotations>", "invalid-cvat", root.tag
        )
        builder.check()
    for k, label in enumerate(root.iterfind("meta/*/labels/label")):
        name = label.findtext("name")
        if name:
            builder.category(f"meta.labels[{k}].name", name)
    for i, node in enumerate(root.iterfind("image")):
        path = f"image[{i}]"
        image = builder.add_image(
            path,
            node.get("name"),
            int_or_text(node.get("width")),
            int_or_text(node.get("height")),
        )
        if image is None:
            continue
        for k, box in enumerate(node.iterfind("box")):
            _add_box(builder, f"{path}.box[{k}]", image, box)
        skipped = sum(len(node.findall(tag)) for tag in _SHAPES)
        if skipped:
            builder.warn(
                path,
                f"{skipped} shape(s) other than boxes were skipped",
                "unsupported-shape",
                skipped,
            )
    builder.check()
    return builder.finish("Imported CVAT")


def _add_box(builder: ImportBuilder, path: str, image, node: Element) -> None:
    corners = []
    for key in ("xtl", "ytl", "xbr", "ybr"):
        value = float_or_none(node.get(key))
        if value is None:
            builder.error(
                f"{path}.{key}",
                f"{key} must be a number",
                "invalid-coordinate",
                node.get(key),
            )
            return
        corners.append(value)

    xtl, ytl, xbr, ybr = corners
    if xbr < xtl or ybr < ytl:
        builder.error(
            path,
            "xbr/ybr must not be less than xtl/ytl",
            "inverted-box",
            corners,
        )
        return

    rotation = float_or_none(node.get("rotation")) or 0
    if rotation:
        builder.warn(
            f"{path}.rotation", "box rotation was ignored", "rotated-box", rotation
        )
    attributes = {a.get("name"): (a.text or "") for a in node.iterfind("attribute")}
    extras = BoxExtras(
        occluded=node.get("occluded") == "1",
        truncated=attributes.get("truncated", "").lower() in ("1", "true"),
        note=attributes.get("note", "")[:2000],
    )
    category = builder.category(f"{path}.label", node.get("label"))
    if category is None:
        return
    bbox = (xtl, ytl, round(xbr - xtl, 6), round(ybr - ytl, 6))
    builder.add_box(path, image, category, bbox, extras=extras)
