"""Request dispatch for the page's worker, in plain Python.

The worker sends a method name, a JSON payload and optional raw bytes; ``handle``
returns a JSON reply and optional bytes. A reply is either
``{"ok": true, "result": ...}`` or ``{"ok": false, "error": {"code", "message",
"problems"}}``. Nothing here imports ``js`` or ``pyodide``, so the same calls run
in tests on CPython.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from . import __version__
from .errors import Problem, ShopboxError
from .formats import ImportOptions, bundle
from .formats.crops import crop_boxes, crops_zip
from .formats.registry import EXPORTERS, IMPORTERS, export_project, import_file
from .merge import MERGE_MODES, merge_into
from .models import load_project
from .rules import check_image_id, check_project, count_by_severity, load_settings
from .taxonomy import Taxonomy, default_taxonomy, load_taxonomy

log = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any], bytes | None], tuple[Any, bytes | None]]
_HANDLERS: dict[str, Handler] = {}


def method(name: str) -> Callable[[Handler], Handler]:
    def register(function: Handler) -> Handler:
        _HANDLERS[name] = function
        return function

    return register


def handle(name: str, payload_json: str, data: bytes | None = None):
    """Run one request and return ``(reply_json, reply_bytes_or_None)``."""
    try:
        handler = _HANDLERS.get(name)
        if handler is None:
            raise ShopboxError("unknown-method", f"No method named {name!r}.")
        payload = json.loads(payload_json) if payload_json else {}
        result, out = handler(payload, data)
        return json.dumps({"ok": True, "result": result}, ensure_ascii=False), out
    except ShopboxError as exc:
        return json.dumps(
            {"ok": False, "error": exc.to_dict()}, ensure_ascii=False
        ), None
    except Exception as exc:
        log.exception("method %s failed", name)
        error = {
            "code": "internal-error",
            "message": f"{type(exc).__name__}: {exc}",
            "problems": [],
        }
        return json.dumps({"ok": False, "error": error}), None


_current_taxonomy: Taxonomy | None = None


def current_taxonomy() -> Taxonomy:
    return _current_taxonomy or default_taxonomy()


def _category_dict(category) -> dict[str, Any]:
    return category.model_dump(mode="json")


@method("hello")
def _hello(payload, data):
    return {"version": __version__}, None


@method("taxonomy")
def _taxonomy(payload, data):
    return current_taxonomy().model_dump(mode="json"), None


@method("use_taxonomy")
def _use_taxonomy(payload, data):
    """Make the given taxonomy the one that search and checks use."""
    global _current_taxonomy
    taxonomy = load_taxonomy(payload["taxonomy"], "taxonomy")
    _current_taxonomy = taxonomy
    return {"categories": len(taxonomy.categories)}, None


@method("search_categories")
def _search(payload, data):
    query = str(payload.get("query", ""))[:200]
    limit = int(payload.get("limit", 50))
    matches = current_taxonomy().search(query, limit=limit)
    return [
        {**_category_dict(m.category), "term": m.term, "score": m.score}
        for m in matches
    ], None


@method("validate_project")
def _validate(payload, data):
    load_project(payload["project"])
    return {"valid": True}, None


@method("formats")
def _formats(payload, data):
    return {"export": list(EXPORTERS), "import": list(IMPORTERS)}, None


@method("export")
def _export(payload, data):
    """Export the project; zip formats reply with media type application/zip."""
    format_name = str(payload.get("format"))
    project = _payload_project(payload)
    return _export_reply(export_project(project, format_name))


def _export_reply(result) -> tuple[dict[str, Any], bytes]:
    meta = {
        "file_name": result.file_name,
        "media_type": result.media_type,
        "warnings": [w.to_dict() for w in result.warnings],
    }
    return meta, result.content


def _findings_reply(findings) -> dict[str, Any]:
    return {
        "findings": [f.model_dump(mode="json") for f in findings],
        "counts": count_by_severity(findings),
    }


def _payload_settings(payload):
    settings = payload.get("settings")
    return None if settings is None else load_settings(settings, "settings")


def _payload_project(payload):
    if "project" not in payload:
        raise ShopboxError(
            "invalid-request",
            "The request has no project.",
            [Problem("project", "missing", "missing")],
        )
    return load_project(payload["project"])


@method("check_project")
def _check_project(payload, data):
    """Check every image; ``settings`` in the payload replaces the project's."""
    project = _payload_project(payload)
    findings = check_project(project, _payload_settings(payload))
    return _findings_reply(findings), None


@method("check_image")
def _check_image(payload, data):
    """Check the image with ``image_id``, as the page does after each edit."""
    project = _payload_project(payload)
    image_id = payload.get("image_id")
    if not isinstance(image_id, int) or isinstance(image_id, bool):
        raise ShopboxError(
            "invalid-request",
            "check_image needs an integer image_id.",
            [Problem("image_id", "must be an integer", "int_type", image_id)],
        )
    findings = check_image_id(project, image_id, _payload_settings(payload))
    return _findings_reply(findings), None


@method("check_image_record")
def _check_image_record(payload, data):
    """Check one image sent on its own, against the taxonomy in use.

    The page calls this after every edit. It sends only the edited image, so
    the cost follows that image's boxes, not the size of the project.
    """
    from pydantic import ValidationError

    from .errors import problems_from_validation
    from .models import ImageRecord, Project
    from .rules import check_image

    try:
        record = ImageRecord.model_validate(payload.get("image"))
    except ValidationError as exc:
        raise ShopboxError(
            "invalid-image",
            "The image record is not valid.",
            problems_from_validation(exc, "image"),
        ) from None
    project = Project(taxonomy=current_taxonomy())
    findings = check_image(record, project, _payload_settings(payload))
    return _findings_reply(findings), None


@method("import_file")
def _import_file(payload, data):
    """Read an exported or foreign file into a new project.

    Payload: ``file_name``, optional ``format`` (detected when missing) and
    ``image_sizes`` (``{file_name: [width, height]}``). The reply's project is
    new; the page decides whether to open it or merge it.
    """
    result = _read_import(payload, data, {})
    return {
        "project": result.project.model_dump(mode="json"),
        "warnings": [w.to_dict() for w in result.warnings],
    }, None


@method("merge_import")
def _merge_import(payload, data):
    """Read a file and merge it into the payload's ``project``.

    Payload: ``project``, ``file_name``, optional ``format`` and ``mode``
    (``keep``, ``replace`` or ``combine``; see ``merge.merge_into``). The sizes
    of the project's images serve formats that do not store them. The reply
    contains the merged project, a summary of what changed, and every warning.
    """
    project = _payload_project(payload)
    mode = payload.get("mode", "keep")
    if mode not in MERGE_MODES:
        raise _invalid_request("mode", f"must be one of {', '.join(MERGE_MODES)}", mode)
    known = {image.file_name: (image.width, image.height) for image in project.images}
    imported = _read_import(payload, data, known)
    merged = merge_into(project, imported.project, mode)
    return {
        "project": merged.project.model_dump(mode="json"),
        "summary": merged.summary.to_dict(),
        "warnings": [w.to_dict() for w in [*imported.warnings, *merged.warnings]],
    }, None


def _read_import(payload, data, known_sizes: dict[str, tuple[int, int]]):
    if data is None:
        raise ShopboxError("missing-data", "Importing needs the file's bytes.")
    sizes = payload.get("image_sizes") or {}
    if not isinstance(sizes, dict):
        raise _invalid_request("image_sizes", "must be an object", sizes)
    format_name = payload.get("format")
    options = ImportOptions(
        taxonomy=current_taxonomy(),
        image_sizes={**known_sizes, **{str(k): _size(k, v) for k, v in sizes.items()}},
    )
    return import_file(
        str(payload.get("file_name", "")),
        bytes(data),
        None if format_name is None else str(format_name),
        options,
    )


def _invalid_request(path: str, message: str, value: Any) -> ShopboxError:
    return ShopboxError(
        "invalid-request",
        f"The request's {path} {message}.",
        [Problem(path, message, "invalid-request", value)],
    )


def _size(name, value) -> tuple[int, int]:
    if isinstance(value, list) and len(value) == 2 and all(_is_whole(v) for v in value):
        return (value[0], value[1])
    raise _invalid_request(
        f"image_sizes[{name!r}]", "must be [width, height] in whole pixels", value
    )


def _is_whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


@method("crop_boxes")
def _crop_boxes(payload, data):
    """List the pixel rectangles that the page cuts for the crops zip."""
    project = _payload_project(payload)
    crops, warnings = crop_boxes(project, payload.get("padding", 0))
    return {
        "crops": [c.to_dict() for c in crops],
        "warnings": [w.to_dict() for w in warnings],
    }, None


@method("crops_zip")
def _crops_zip(payload, data):
    """Pack JPEG crops into the ImageFolder zip.

    Payload: ``project``, ``padding`` and ``crops``, a list of
    ``[image_id, box_id, byte_length]``; the data bytes are the JPEGs one after
    another in that order.
    """
    project = _payload_project(payload)
    blob = bytes(data or b"")
    jpegs = {}
    offset = 0
    spec = payload.get("crops", [])
    if not isinstance(spec, list):
        raise _invalid_request("crops", "must be a list", spec)
    for i, entry in enumerate(spec):
        if not (
            isinstance(entry, list) and len(entry) == 3 and all(map(_is_whole, entry))
        ):
            raise _invalid_request(
                f"crops[{i}]", "must be [image_id, box_id, byte_length]", entry
            )
        image_id, box_id, length = entry
        jpegs[(image_id, box_id)] = blob[offset : offset + length]
        offset += length
    if offset != len(blob):
        raise _invalid_request(
            "crops", f"lengths add up to {offset} bytes but {len(blob)} came", offset
        )
    return _export_reply(crops_zip(project, jpegs, payload.get("padding", 0)))


def _split_parts(parts: list[dict[str, Any]], data: bytes | None) -> dict[int, bytes]:
    """Cut concatenated image bytes into pieces by the sizes listed in ``parts``."""
    data = data or b""
    images: dict[int, bytes] = {}
    offset = 0
    for index, part in enumerate(parts):
        size = part.get("size")
        if not isinstance(size, int) or size < 0 or offset + size > len(data):
            raise ShopboxError(
                "invalid-request",
                "The image sizes do not match the bytes sent.",
                [Problem(f"images[{index}].size", "out of range", "invalid", size)],
            )
        images[int(part["id"])] = data[offset : offset + size]
        offset += size
    return images


@method("export_bundle")
def _export_bundle(payload, data):
    """Zip the project with its photos; ``images`` lists ``{id, size}`` in order."""
    project = _payload_project(payload)
    images = _split_parts(payload.get("images", []), data)
    return _export_reply(bundle.export(project, images))


@method("import_bundle")
def _import_bundle(payload, data):
    """Read a bundle; the photos come back concatenated, listed as ``{id, size}``."""
    loaded = bundle.load(data or b"")
    parts = [{"id": i.image_id, "size": len(i.content)} for i in loaded.images]
    result = {
        "project": loaded.project.model_dump(mode="json"),
        "images": parts,
        "warnings": [w.to_dict() for w in loaded.warnings],
    }
    return result, b"".join(i.content for i in loaded.images)
