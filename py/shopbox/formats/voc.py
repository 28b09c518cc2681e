"""Pascal VOC: a zip with one XML file per image.

Layout: ``Annotations/<path>.xml`` for each image (``<path>`` is the image's
relative file name without its extension), ``ImageSets/Main/default.txt``
listing those paths, and the taxonomy's class names in ``labelmap.txt`` and
``dataset_meta.json``. ``<filename>`` contains the whole relative file name.

Coordinates: VOC numbers pixels from 1 and its ``xmax``/``ymax`` are the last
pixel inside the box, while COCO and shopbox measure from 0 at the image's
top-left corner. So ``xmin = x + 1``, ``ymin = y + 1``, ``xmax = x + w`` and
``ymax = y + h``: COCO ``[0, 0, 100, 100]`` is VOC ``1, 1, 100, 100``. Values
are written with at most 3 decimals and read back exactly.

Shopbox fields without a VOC element go in a ``<shopbox>`` element under
``<annotation>`` (image id, status, review, shot type, main category) and
under ``<object>`` (box id, face and body visible, note); VOC readers ignore it.
"""

from __future__ import annotations

import json
import posixpath
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from pydantic import ValidationError

from ..models import ImageRecord, Project
from . import Export, Imported, ImportOptions, format_number, safe_file_stem
from .builder import BoxExtras, ImageExtras, ImportBuilder
from .prepare import ExportBox, export_boxes
from .safe_xml import child_text, float_or_none, int_or_none, int_or_text, parse_xml
from .safe_zip import MEDIA_TYPE, is_zip, read_zip, write_zip

WHAT = "Pascal VOC file"
DIGITS = 3
ANNOTATIONS_DIR = "Annotations/"
IMAGE_SET = "ImageSets/Main/default.txt"
LABELMAP = "labelmap.txt"
DATASET_META = "dataset_meta.json"


def annotation_path(file_name: str) -> str:
    """Return the zip member name of an image's XML file.

    >>> annotation_path("front/0001.jpg")
    'Annotations/front/0001.xml'
    """
    return ANNOTATIONS_DIR + posixpath.splitext(file_name)[0] + ".xml"


def to_xml(project: Project, image: ImageRecord, boxes: list[ExportBox]) -> bytes:
    """Write the VOC XML document of one image."""
    root = Element("annotation")
    folder = posixpath.dirname(image.file_name)
    SubElement(root, "folder").text = folder
    SubElement(root, "filename").text = image.file_name
    size = SubElement(root, "size")
    SubElement(size, "width").text = str(image.width)
    SubElement(size, "height").text = str(image.height)
    SubElement(size, "depth").text = "3"
    SubElement(root, "segmented").text = "0"
    extras = SubElement(root, "shopbox")
    SubElement(extras, "id").text = str(image.id)
    SubElement(extras, "status").text = image.status
    SubElement(extras, "review").text = image.review
    if image.shot_type is not None:
        SubElement(extras, "shot_type").text = image.shot_type
    main = project.taxonomy.by_id(image.main_category_id or 0)
    if main is not None:
        SubElement(extras, "main_category").text = main.name
    if image.file_size is not None:
        SubElement(extras, "file_size").text = str(image.file_size)
    for item in boxes:
        _object_element(root, item)
    indent(root)
    return tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _object_element(root: Element, item: ExportBox) -> None:
    box = item.box
    x, y, w, h = item.bbox
    node = SubElement(root, "object")
    SubElement(node, "name").text = item.category.name
    SubElement(node, "pose").text = "Unspecified"
    SubElement(node, "truncated").text = str(int(box.truncated))
    SubElement(node, "occluded").text = str(int(box.occluded))
    SubElement(node, "difficult").text = "0"
    bndbox = SubElement(node, "bndbox")
    for tag, value in (
        ("xmin", x + 1),
        ("ymin", y + 1),
        ("xmax", x + w),
        ("ymax", y + h),
    ):
        SubElement(bndbox, tag).text = format_number(value, DIGITS)
    extras = SubElement(node, "shopbox")
    SubElement(extras, "id").text = str(box.id)
    if box.face_and_body_visible is not None:
        SubElement(extras, "face_and_body_visible").text = str(
            box.face_and_body_visible
        ).lower()
    if box.note:
        SubElement(extras, "note").text = box.note


def export(project: Project) -> Export:
    prepared, warnings = export_boxes(project)
    members = []
    for image, boxes in prepared:
        members.append(
            (annotation_path(image.file_name), to_xml(project, image, boxes))
        )
    stems = [name[len(ANNOTATIONS_DIR) : -len(".xml")] for name, _ in members]
    index = "".join(f"{stem}\n" for stem in stems).encode("utf-8")
    members += [(IMAGE_SET, index), *_label_files(project)]
    return Export(
        file_name=f"{safe_file_stem(project.name)}.voc.zip",
        media_type=MEDIA_TYPE,
        content=write_zip(members),
        warnings=warnings,
    )


def _label_files(project: Project) -> list[tuple[str, bytes]]:
    """Write the class list as labelmap.txt and as datumaro's dataset_meta.json.

    labelmap.txt separates fields with ":", so a name containing ":" is listed
    only in dataset_meta.json, which datumaro reads first when present.
    """
    names = [c.name for c in project.taxonomy.categories]
    lines = ["# label:color_rgb:parts:actions"]
    lines += [f"{name}:::" for name in names if ":" not in name and "\n" not in name]
    meta = json.dumps({"labels": names}, ensure_ascii=False, indent=1) + "\n"
    return [
        (LABELMAP, ("\n".join(lines) + "\n").encode("utf-8")),
        (DATASET_META, meta.encode("utf-8")),
    ]


def import_file(content: bytes, options: ImportOptions | None = None) -> Imported:
    """Import a VOC zip, or a single VOC XML file.

    Raises:
        ShopboxError: for a damaged zip or XML, a missing size, a coordinate
            that is not a number, or a box whose max is below its min.
    """
    if is_zip(content):
        files = read_zip(content, "Pascal VOC zip")
        members = _ordered_members(files)
    else:
        files = {"annotation.xml": content}
        members = ["annotation.xml"]
    builder = ImportBuilder(
        WHAT, (options or ImportOptions()).taxonomy, defined_categories=False
    )
    for member in members:
        _read_document(builder, member, files[member])
    builder.check()
    return builder.finish("Imported Pascal VOC")


def _ordered_members(files: dict[str, bytes]) -> list[str]:
    """List the XML files in image-set order, then any others by name."""
    found = sorted(
        name
        for name in files
        if name.lower().endswith(".xml") and not name.startswith("__MACOSX/")
    )
    listed = []
    if IMAGE_SET in files:
        text = files[IMAGE_SET].decode("utf-8", errors="replace")
        paths = [f"{ANNOTATIONS_DIR}{line.strip()}.xml" for line in text.splitlines()]
        available = set(found)
        listed = list(dict.fromkeys(p for p in paths if p in available))
    rest = set(listed)
    return listed + [name for name in found if name not in rest]


def _read_document(builder: ImportBuilder, member: str, content: bytes) -> None:
    root = parse_xml(content, f"VOC file {member}")
    if root.tag != "annotation":
        builder.error(
            member, "root element must be <annotation>", "invalid-voc", root.tag
        )
        return
    file_name = child_text(root, "filename")
    width = int_or_text(child_text(root, "size/width"))
    height = int_or_text(child_text(root, "size/height"))
    extras_node = root.find("shopbox")
    image_id = None
    extras = ImageExtras()
    main = None
    if extras_node is not None:
        image_id = int_or_none(child_text(extras_node, "id"))
        extras = _image_extras(builder, member, extras_node)
        main_name = child_text(extras_node, "main_category")
        if main_name:
            main = builder.category(f"{member}:shopbox.main_category", main_name)
    image = builder.add_image(member, file_name, width, height, image_id, extras, main)
    if image is None:
        return
    for k, node in enumerate(root.findall("object")):
        _read_object(builder, f"{member}:object[{k}]", image, node)


def _image_extras(builder: ImportBuilder, member: str, node: Element) -> ImageExtras:
    values = {
        key: child_text(node, key)
        for key in ("status", "review", "shot_type", "file_size")
        if child_text(node, key) is not None
    }
    try:
        return ImageExtras.model_validate(values)
    except ValidationError as exc:
        builder.warn(
            f"{member}:shopbox",
            f"invalid shopbox fields were ignored: {exc.errors()[0]['msg']}",
            "invalid-extras",
            values,
        )
        return ImageExtras()


def _read_object(builder: ImportBuilder, path: str, image, node: Element) -> None:
    category = builder.category(f"{path}.name", child_text(node, "name"))
    corners = _read_corners(builder, path, node)
    if corners is None or category is None:
        return

    # VOC counts pixels from 1 and its max is the last pixel inside the box.
    x = round(corners["xmin"] - 1, 6)
    y = round(corners["ymin"] - 1, 6)
    w = round(corners["xmax"] - corners["xmin"] + 1, 6)
    h = round(corners["ymax"] - corners["ymin"] + 1, 6)
    box_id, extras = _box_extras(node)
    builder.add_box(f"{path}.bndbox", image, category, (x, y, w, h), box_id, extras)


def _read_corners(
    builder: ImportBuilder, path: str, node: Element
) -> dict[str, float] | None:
    corners = {}
    for tag in ("xmin", "ymin", "xmax", "ymax"):
        text = child_text(node, f"bndbox/{tag}")
        value = float_or_none(text)
        if value is None:
            builder.error(
                f"{path}.bndbox.{tag}",
                f"{tag} must be a number",
                "invalid-coordinate",
                text,
            )
            return None
        corners[tag] = value

    for low, high in (("xmin", "xmax"), ("ymin", "ymax")):
        if corners[high] < corners[low]:
            builder.error(
                f"{path}.bndbox.{high}",
                f"{high} {format_number(corners[high])} is less than {low} "
                f"{format_number(corners[low])}; swap them or fix the box",
                "inverted-box",
                corners[high],
            )
            return None
    return corners


def _box_extras(node: Element) -> tuple[int | None, BoxExtras]:
    extras_node = node.find("shopbox")
    box_id = None
    face = None
    note = ""
    if extras_node is not None:
        box_id = int_or_none(child_text(extras_node, "id"))
        face = {"true": True, "false": False}.get(
            child_text(extras_node, "face_and_body_visible") or ""
        )
        note = (extras_node.findtext("note") or "")[:2000]
    extras = BoxExtras(
        occluded=child_text(node, "occluded") == "1",
        truncated=child_text(node, "truncated") == "1",
        face_and_body_visible=face,
        note=note,
    )
    return box_id, extras
