"""Upgrade native project files written by older shopbox versions.

``MIGRATIONS[n]`` turns a decoded version-``n`` document into version ``n+1``.
``migrate`` applies the steps in order until the document reaches
``FORMAT_VERSION``. ``models.load_project`` runs it before validation, so
every caller (file import, the page's saved projects, ``validate``) reads
old versions.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from typing import Any

from .errors import Problem, ShopboxError

# The version that this shopbox writes. Version 2 added ImageRecord.review.
FORMAT_VERSION = 2

log = logging.getLogger(__name__)

Document = dict[str, Any]


def _v1_to_v2(document: Document) -> Document:
    # Version 2 added ImageRecord.review; its default "unreviewed" is the
    # truth for every version-1 image.
    for image in document.get("images") or []:
        if isinstance(image, dict):
            image.setdefault("review", "unreviewed")
    document["version"] = 2
    return document


MIGRATIONS: dict[int, Callable[[Document], Document]] = {1: _v1_to_v2}


def migrate(data: object) -> object:
    """Return ``data`` upgraded to the current version, leaving the input intact.

    Anything that is not a shopbox document passes through unchanged, so that
    validation reports it with field paths.

    Raises:
        ShopboxError: ``unsupported-version`` for a version newer than this
            shopbox or one that no migration starts from.
    """
    if not isinstance(data, dict) or data.get("format") != "shopbox":
        return data
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        return data
    if version > FORMAT_VERSION:
        raise ShopboxError(
            "unsupported-version",
            f"The project file is version {version}, written by a newer shopbox; "
            f"this one reads up to version {FORMAT_VERSION}. Update shopbox.",
            [Problem("version", "version is newer than supported", "too-new", version)],
        )
    if version == FORMAT_VERSION:
        return data
    document = copy.deepcopy(data)
    while version < FORMAT_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise ShopboxError(
                "unsupported-version",
                f"No migration reads project files of version {version}.",
                [Problem("version", "unknown version", "unknown-version", version)],
            )
        log.info("migrating project file from version %d", version)
        document = step(document)
        version = document["version"]
    return document
