"""The native shopbox JSON format: the whole project, versioned.

Older versions are upgraded on load by ``shopbox.migrations``.
"""

from __future__ import annotations

import json

from ..errors import Problem, ShopboxError
from ..models import Project, load_project
from . import Export, Imported, ImportOptions, safe_file_stem

MEDIA_TYPE = "application/json"


def dumps(project: Project) -> str:
    """Serialize a project as stable, human-readable JSON."""
    data = project.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def export(project: Project) -> Export:
    return Export(
        file_name=f"{safe_file_stem(project.name)}.shopbox.json",
        media_type=MEDIA_TYPE,
        content=dumps(project).encode("utf-8"),
    )


def parse_json(content: bytes | str, what: str) -> object:
    """Decode JSON bytes, turning every failure into a ShopboxError with a position."""
    try:
        text = content.decode("utf-8-sig") if isinstance(content, bytes) else content
    except UnicodeDecodeError as exc:
        raise ShopboxError(
            "invalid-json",
            f"The {what} is not UTF-8 text.",
            [Problem("", f"byte {exc.start} cannot be decoded", "invalid-utf8")],
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ShopboxError(
            "invalid-json",
            f"The {what} is not valid JSON.",
            [Problem("", f"{exc.msg} at line {exc.lineno} column {exc.colno}")],
        ) from None
    except ValueError as exc:
        # Integers longer than Python's digit limit land here.
        raise ShopboxError(
            "invalid-json", f"The {what} has a value that cannot be read: {exc}"
        ) from None
    except RecursionError:
        raise ShopboxError(
            "invalid-json", f"The {what} is nested too deeply to read."
        ) from None


def load(content: bytes | str) -> Project:
    """Read a native project file of any supported version."""
    return load_project(parse_json(content, "project file"))


def import_file(content: bytes, options: ImportOptions | None = None) -> Imported:
    """Import a native file; its own taxonomy wins over ``options.taxonomy``."""
    return Imported(load(content))
