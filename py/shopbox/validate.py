"""The ``validate`` command: read a project or COCO file and report findings."""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

from .errors import Problem, ShopboxError
from .formats import coco_check
from .formats.native import parse_json
from .models import Project, load_project
from .rules import Finding, check_project, count_by_severity, with_settings
from .taxonomy import Taxonomy, load_taxonomy

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FINDINGS = 1


def read_bytes(path: Path) -> bytes:
    """Read a file, turning an OS error into a ShopboxError that names the file."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ShopboxError(
            "unreadable-file",
            f"Cannot read {path}: {exc.strerror or exc}.",
            [Problem(str(path), "cannot be read", "unreadable-file")],
        ) from None


def read_project(path: Path, taxonomy: Taxonomy | None = None) -> Project:
    """Read a native shopbox project or a COCO detection file.

    A native project keeps its own taxonomy unless ``taxonomy`` is given. A
    COCO file's categories map by name onto ``taxonomy`` or the default one.
    """
    content = read_bytes(path)
    data = parse_json(content, f"file {path.name}")
    if isinstance(data, dict) and data.get("format") == "shopbox":
        if taxonomy is not None:
            data = {**data, "taxonomy": taxonomy.model_dump(mode="json")}
        return load_project(data)
    if isinstance(data, dict) and "images" in data and "annotations" in data:
        return coco_check.load(content, taxonomy)
    raise ShopboxError(
        "unknown-format",
        f'{path.name} is neither a shopbox project (with "format": "shopbox") '
        'nor a COCO file (with "images" and "annotations").',
    )


def format_finding(finding: Finding, project: Project) -> str:
    record = project.image(finding.image_id)
    where = f"{record.file_name} (image {finding.image_id})" if record else ""
    return f"{where}: {finding.severity}: {finding.code}: {finding.message}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def cmd_validate(args: argparse.Namespace) -> int:
    """Check a project or COCO file against the labeling rules."""
    taxonomy = None
    if args.taxonomy:
        taxonomy_data = parse_json(read_bytes(args.taxonomy), "taxonomy file")
        taxonomy = load_taxonomy(taxonomy_data)
    project = read_project(args.file, taxonomy)
    if args.settings:
        settings_data = parse_json(read_bytes(args.settings), "settings file")
        project = with_settings(project, settings_data)

    findings = check_project(project)
    counts = count_by_severity(findings)
    if args.json:
        document = {
            "findings": [f.model_dump(mode="json") for f in findings],
            "counts": counts,
        }
        print(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        for finding in findings:
            print(format_finding(finding, project))
        print(
            f"{_plural(counts['error'], 'error')}, "
            f"{_plural(counts['warning'], 'warning')} in "
            f"{_plural(len(project.images), 'image')}"
        )
    return EXIT_FINDINGS if counts["error"] else EXIT_OK


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register the ``validate`` subcommand."""
    parser = commands.add_parser("validate", help=cmd_validate.__doc__)
    parser.add_argument("file", type=Path, help="shopbox project or COCO JSON file")
    parser.add_argument(
        "--taxonomy", type=Path, help="taxonomy JSON file to check categories against"
    )
    parser.add_argument(
        "--settings", type=Path, help="rule settings JSON file, keyed by finding code"
    )
    parser.add_argument(
        "--json", action="store_true", help="print findings and counts as JSON"
    )
    parser.set_defaults(run=cmd_validate)
