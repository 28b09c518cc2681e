"""Command-line interface: ``python -m shopbox COMMAND``."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable

from . import __version__, validate
from .convert import add_convert_parser
from .errors import ShopboxError
from .models import Project
from .taxonomy import Taxonomy

log = logging.getLogger(__name__)

# Exit codes shared by every command.
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNREADABLE = 2

Command = Callable[[argparse.Namespace], int]
SCHEMAS = {"project": Project, "taxonomy": Taxonomy}


def schema_text(kind: str) -> str:
    """Return the JSON Schema of the native project or taxonomy file as text."""
    schema = SCHEMAS[kind].model_json_schema()
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of the native project or taxonomy file."""
    sys.stdout.write(schema_text(args.kind))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m shopbox",
        description="Check and convert shopbox labeling projects.",
    )
    parser.add_argument("--version", action="version", version=__version__)
    parser.add_argument("-v", "--verbose", action="store_true", help="log details")
    commands = parser.add_subparsers(dest="command", required=True)

    schema = commands.add_parser("schema", help=cmd_schema.__doc__)
    schema.add_argument("kind", choices=sorted(SCHEMAS), help="which file's schema")
    schema.set_defaults(run=cmd_schema)

    validate.add_parser(commands)

    add_convert_parser(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="shopbox: %(levelname)s: %(message)s",
    )
    try:
        return args.run(args)
    except ShopboxError as exc:
        print(f"shopbox: error: {exc.summary()}", file=sys.stderr)
        return EXIT_UNREADABLE
