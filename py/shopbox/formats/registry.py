"""Format names, their exporters and importers, and import format detection.

``api`` and ``cli`` go through this module only, so the page and the command
line offer the same formats.
"""

from __future__ import annotations

import logging
import posixpath
import re
from collections.abc import Callable

from ..errors import Problem, ShopboxError
from ..models import Project
from . import (
    Export,
    Imported,
    ImportOptions,
    coco,
    csv_table,
    cvat,
    labelme,
    labelstudio,
    native,
    via,
    voc,
    yolo,
)
from .safe_xml import parse_xml
from .safe_zip import is_zip, zip_names

log = logging.getLogger(__name__)

Exporter = Callable[[Project], Export]
Importer = Callable[[bytes, ImportOptions | None], Imported]

EXPORTERS: dict[str, Exporter] = {
    "shopbox": native.export,
    "coco": coco.export,
    "voc": voc.export,
    "yolo": yolo.export,
    "csv": csv_table.export,
}
IMPORTERS: dict[str, Importer] = {
    "shopbox": native.import_file,
    "coco": coco.import_file,
    "voc": voc.import_file,
    "yolo": yolo.import_file,
    "csv": csv_table.import_file,
    "via": via.import_file,
    "labelme": labelme.import_file,
    "labelstudio": labelstudio.import_file,
    "cvat": cvat.import_file,
}


def export_project(project: Project, format_name: str) -> Export:
    """Export with the named exporter, raising ``unknown-format`` for a bad name."""
    exporter = EXPORTERS.get(format_name)
    if exporter is None:
        raise _no_such_format("export to", format_name, EXPORTERS)
    return exporter(project)


def import_file(
    file_name: str,
    content: bytes,
    format_name: str | None = None,
    options: ImportOptions | None = None,
) -> Imported:
    """Import a file, detecting its format from the name and content if not given.

    Raises:
        ShopboxError: ``unknown-format`` when the format cannot be detected, or the
            importer's own error.
    """
    if format_name is None:
        format_name = detect(file_name, content)
    importer = IMPORTERS.get(format_name)
    if importer is None:
        raise _no_such_format("import", format_name, IMPORTERS)
    log.info("importing %s as %s", file_name, format_name)
    return importer(content, options)


def detect(file_name: str, content: bytes) -> str:
    """Name the format of an import file from its name and first bytes.

    Raises:
        ShopboxError: ``unknown-format`` when no format matches.
    """
    extension = posixpath.splitext(file_name.lower())[1]
    if is_zip(content):
        return _detect_zip(file_name, content)
    head = content[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        root = parse_xml(content, f"file {file_name}")
        if root.tag == "annotation":
            return "voc"
        if root.tag == "annotations":
            return "cvat"
        raise _unknown(file_name, f"XML with root element <{root.tag}>")
    if head.startswith((b"{", b"[")):
        return _detect_json(file_name, content)
    if extension == ".csv" or head.startswith(b"image_id,"):
        return "csv"
    raise _unknown(file_name, "neither JSON, XML, CSV nor a zip")


def _detect_json(file_name: str, content: bytes) -> str:
    data = native.parse_json(content, f"file {file_name}")
    if isinstance(data, list):
        if all(isinstance(t, dict) and "data" in t for t in data):
            return "labelstudio"
        raise _unknown(file_name, "a JSON list that is not Label Studio tasks")
    if not isinstance(data, dict):
        raise _unknown(file_name, "JSON that is not an object")
    if data.get("format") == "shopbox":
        return "shopbox"
    if "_via_img_metadata" in data:
        return "via"
    if "shapes" in data and "imagePath" in data:
        return "labelme"
    if "images" in data and ("annotations" in data or "categories" in data):
        return "coco"
    if data and all(
        isinstance(v, dict) and "filename" in v and "regions" in v
        for v in data.values()
    ):
        return "via"
    raise _unknown(file_name, f"JSON with keys {sorted(data)[:8]}")


def _detect_zip(file_name: str, content: bytes) -> str:
    names = zip_names(content, f"zip {file_name}")
    if "bundle.json" in names and "project.json" in names:
        # A whole project with its photos opens as a project of its own; it is
        # not an annotation file to merge.
        raise ShopboxError(
            "project-bundle",
            f"{file_name} is a shopbox project with its photos. Open it with "
            "Projects, Import project.",
            [Problem("file_name", "project bundle", "project-bundle", file_name)],
        )
    if any(n.endswith((".yaml", ".yml")) for n in names) and any(
        re.search(r"(^|/)labels/.*\.txt$", n) for n in names
    ):
        return "yolo"
    if any(n.lower().endswith(".xml") for n in names):
        return "voc"
    raise _unknown(file_name, "a zip without data.yaml and labels, or VOC XML files")


def _no_such_format(action: str, format_name: str, choices: dict) -> ShopboxError:
    return ShopboxError(
        "unknown-format",
        f"Cannot {action} {format_name!r}; choose one of {', '.join(choices)}.",
        [Problem("format", "unknown format name", "unknown-format", format_name)],
    )


def _unknown(file_name: str, what: str) -> ShopboxError:
    return ShopboxError(
        "unknown-format",
        f"Cannot tell the format of {file_name}: it is {what}. Choose the format "
        "explicitly.",
        [Problem("file_name", "format not recognized", "unknown-format", file_name)],
    )
