"""File formats: one module per format, shared by the page and the CLI.

Every exporter takes a Project and returns an Export. Every importer takes the
file's bytes and returns an Imported (a Project plus warnings), or raises
ShopboxError. ``registry`` lists them by format name.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..errors import Problem
from ..models import Project
from ..taxonomy import Taxonomy


@dataclass
class Export:
    """A file ready to download: its suggested name, media type and content."""

    file_name: str
    media_type: str
    content: bytes
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class Imported:
    """The result of an import: a new project and the per-item warnings."""

    project: Project
    warnings: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class ImportOptions:
    """Import settings beyond the file itself.

    Attributes:
        taxonomy: the taxonomy whose category names the file's names map to;
            None means the shipped default.
        image_sizes: ``(width, height)`` by image file name, for formats that
            do not store the size (VIA, YOLO without ``shopbox.json``, Label
            Studio tasks without results).
    """

    taxonomy: Taxonomy | None = None
    image_sizes: Mapping[str, tuple[int, int]] = field(default_factory=dict)


def safe_file_stem(name: str) -> str:
    """Turn a project name into a download file name stem.

    >>> safe_file_stem("Spring shoes: batch 2")
    'Spring-shoes_-batch-2'
    """
    stem = "".join(c if c.isalnum() or c in "-_ " else "_" for c in name).strip()
    return stem.replace(" ", "-")[:80] or "project"


def format_number(value: float, digits: int | None = None) -> str:
    """Write a coordinate without float noise: ``100`` for 100.0, else shortest.

    >>> format_number(100.0), format_number(10.25), format_number(0.1 + 0.2, 3)
    ('100', '10.25', '0.3')
    """
    if digits is not None:
        value = round(value, digits)
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def json_lines(document: dict) -> str:
    """Write a JSON object with one item of each top-level list per line.

    The output stays readable and diff-friendly, and it is written by the C
    encoder, which ``json.dumps(indent=...)`` does not use (the pure-Python
    indenting encoder is about 10 times slower on large files).

    >>> print(json_lines({"a": 1, "b": [{"x": 1}, {"x": 2}], "c": []}), end="")
    {
    "a": 1,
    "b": [
    {"x": 1},
    {"x": 2}
    ],
    "c": []
    }
    """
    parts = []
    for key, value in document.items():
        name = json.dumps(key, ensure_ascii=False)
        if isinstance(value, list) and value:
            items = ",\n".join(json.dumps(v, ensure_ascii=False) for v in value)
            parts.append(f"{name}: [\n{items}\n]")
        else:
            parts.append(f"{name}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def json_number(value: float) -> int | float:
    """Return an int for integral floats so JSON shows ``100``, not ``100.0``."""
    return int(value) if float(value).is_integer() else float(value)
