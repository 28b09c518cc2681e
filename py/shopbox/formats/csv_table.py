"""CSV: one row per box, the same columns in every row.

Columns are ``CSV_COLUMNS``. Coordinates are COCO's ``x, y, w, h`` in pixels.
An image without boxes gets one row with the box columns empty, so no image is
lost. Fields are quoted as RFC 4180 says (comma, quote or line break inside a
field) and lines end with CRLF.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from ..models import Project
from . import Export, Imported, ImportOptions, format_number, safe_file_stem
from .builder import BoxExtras, ImageExtras, ImportBuilder
from .prepare import export_boxes

MEDIA_TYPE = "text/csv"
WHAT = "CSV file"
CSV_COLUMNS = (
    "image_id",
    "file_name",
    "width",
    "height",
    "status",
    "box_id",
    "category_id",
    "category",
    "x",
    "y",
    "w",
    "h",
    "occluded",
    "truncated",
    "face_and_body_visible",
    "note",
)
_BOX_COLUMNS = CSV_COLUMNS[CSV_COLUMNS.index("box_id") :]
_BOOL = {"true": True, "false": False}


def export(project: Project) -> Export:
    prepared, warnings = export_boxes(project)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for image, boxes in prepared:
        head = [image.id, image.file_name, image.width, image.height, image.status]
        if not boxes:
            writer.writerow(head + [""] * len(_BOX_COLUMNS))
        for item in boxes:
            box = item.box
            face = box.face_and_body_visible
            writer.writerow(
                head
                + [box.id, item.category.id, item.category.name]
                + [format_number(v) for v in item.bbox]
                + [
                    _bool_text(box.occluded),
                    _bool_text(box.truncated),
                    "" if face is None else _bool_text(face),
                    box.note,
                ]
            )
    return Export(
        file_name=f"{safe_file_stem(project.name)}.csv",
        media_type=MEDIA_TYPE,
        content=buffer.getvalue().encode("utf-8"),
        warnings=warnings,
    )


def _bool_text(value: bool) -> str:
    return "true" if value else "false"


def import_file(content: bytes, options: ImportOptions | None = None) -> Imported:
    """Import a CSV file with the columns that ``export`` writes.

    Raises:
        ShopboxError: for a missing column or a value that cannot be read;
            paths look like ``rows[3].x`` (row 1 is the first after the header).
    """
    options = options or ImportOptions()
    builder = ImportBuilder(WHAT, options.taxonomy, defined_categories=True)
    try:
        text = content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except (UnicodeDecodeError, csv.Error) as exc:
        builder.error("", f"cannot read the CSV text: {exc}", "invalid-csv")
        builder.check()
    if not rows:
        builder.error("", "the file is empty; expected a header row", "invalid-csv")
        builder.check()
    header = [name.strip() for name in rows[0]]
    missing = [name for name in CSV_COLUMNS if name not in header]
    if missing:
        builder.error(
            "header",
            f"missing columns {', '.join(missing)}",
            "missing-column",
            ",".join(rows[0])[:200],
        )
        builder.check()
    images: dict[Any, Any] = {}
    for n, row in enumerate(rows[1:], start=1):
        if not any(cell.strip() for cell in row):
            continue
        path = f"rows[{n}]"
        if len(row) != len(header):
            builder.error(
                path,
                f"row has {len(row)} fields, the header has {len(header)}",
                "invalid-row",
                len(row),
            )
            continue
        _read_row(builder, path, dict(zip(header, row, strict=True)), images)
    builder.check()
    return builder.finish("Imported CSV")


def _read_row(builder: ImportBuilder, path: str, row: dict, images: dict) -> None:
    key = row["file_name"]
    if key not in images:
        # The first row of an image gives its size and status.
        images[key] = _row_image(builder, path, row)
    image = images[key]
    if image is None or not any(row[c].strip() for c in _BOX_COLUMNS):
        return

    box_id = _number(builder, path, row, "box_id", int, optional=True)
    category_id = _number(builder, path, row, "category_id", int, optional=True)
    bbox = tuple(_number(builder, path, row, c, float) for c in ("x", "y", "w", "h"))
    flags = _row_flags(builder, path, row)
    if None in bbox or flags is None:
        return
    if len(row["note"]) > 2000:
        builder.error(
            f"{path}.note",
            "note is longer than 2000 characters",
            "note-too-long",
            len(row["note"]),
        )
        return

    category = None
    if row["category"].strip():
        category = builder.category(f"{path}.category", row["category"], category_id)
    extras = BoxExtras(note=row["note"], **flags)
    builder.add_box(path, image, category, bbox, box_id, extras)


def _row_image(builder: ImportBuilder, path: str, row: dict):
    image_id = _number(builder, path, row, "image_id", int, optional=True)
    width = _number(builder, path, row, "width", int)
    height = _number(builder, path, row, "height", int)
    status = row["status"].strip() or "todo"
    try:
        extras = ImageExtras(status=status)
    except ValueError:
        builder.error(
            f"{path}.status", "unknown image status", "invalid-status", status
        )
        return None
    return builder.add_image(path, row["file_name"], width, height, image_id, extras)


def _row_flags(builder: ImportBuilder, path: str, row: dict) -> dict | None:
    flags = {}
    for column in ("occluded", "truncated", "face_and_body_visible"):
        text = row[column].strip().lower()
        # Only face_and_body_visible may be empty, meaning not yet answered.
        if text not in _BOOL and not (text == "" and column == "face_and_body_visible"):
            builder.error(
                f"{path}.{column}",
                "expected true or false",
                "invalid-boolean",
                row[column],
            )
            return None
        flags[column] = _BOOL.get(text)
    return flags


def _number(builder, path, row, column, kind, optional=False):
    text = row[column].strip()
    if text == "" and optional:
        return None
    try:
        value = kind(text)
    except ValueError:
        builder.error(
            f"{path}.{column}",
            f"{column} must be a number",
            "invalid-number",
            row[column][:200],
        )
        return None
    if kind is float and not -1e7 <= value <= 1e7:
        builder.error(
            f"{path}.{column}",
            f"{column} is out of range",
            "invalid-number",
            row[column][:200],
        )
        return None
    return value
