"""File formats: one module per format, shared by the page and the CLI.

Every exporter takes a Project and returns an Export; every importer takes
the file's bytes and returns a Project plus warnings, or raises ShopboxError.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import Problem


@dataclass
class Export:
    """A file ready to download: its suggested name, media type and content."""

    file_name: str
    media_type: str
    content: bytes
    warnings: list[Problem] = field(default_factory=list)


def safe_file_stem(name: str) -> str:
    """Turn a project name into a download file name stem.

    >>> safe_file_stem("Spring shoes: batch 2")
    'Spring-shoes_-batch-2'
    """
    stem = "".join(c if c.isalnum() or c in "-_ " else "_" for c in name).strip()
    return stem.replace(" ", "-")[:80] or "project"
