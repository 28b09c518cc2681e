"""The ``convert`` command: read any supported file, write another format.

Pillow is imported only here and only for ``--to crops``, so the rest of the
package stays free of compiled dependencies.
"""

from __future__ import annotations

import argparse
import io
import logging
import sys
from pathlib import Path

from .errors import ShopboxError
from .formats import Export, ImportOptions
from .formats.crops import crop_boxes, crops_zip
from .formats.image_header import image_size
from .formats.registry import EXPORTERS, IMPORTERS, export_project, import_file

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_UNREADABLE = 2
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".bmp", ".gif"}
MAX_WARNINGS_SHOWN = 10


def add_convert_parser(commands: argparse._SubParsersAction) -> None:
    """Register ``convert`` on the CLI's subcommands."""
    parser = commands.add_parser("convert", help=cmd_convert.__doc__)
    parser.add_argument("input", type=Path, help="file to read")
    parser.add_argument(
        "--from",
        dest="source",
        choices=list(IMPORTERS),
        help="input format; detected from the name and content when left out",
    )
    parser.add_argument(
        "--to", required=True, choices=[*EXPORTERS, "crops"], help="output format"
    )
    parser.add_argument(
        "-o", "--output", type=Path, required=True, help="file to write"
    )
    parser.add_argument(
        "--images",
        type=Path,
        help="folder of the images: gives sizes to VIA, YOLO and Label Studio "
        "imports and the pixels for --to crops (which needs Pillow)",
    )
    parser.add_argument(
        "--padding", type=float, default=0, help="crop padding in pixels (--to crops)"
    )
    parser.set_defaults(run=cmd_convert)


def cmd_convert(args: argparse.Namespace) -> int:
    """Convert a labeling file to another format."""
    try:
        content = args.input.read_bytes()
    except OSError as exc:
        print(
            f"shopbox: error: cannot read {args.input}: {exc.strerror}", file=sys.stderr
        )
        return EXIT_UNREADABLE
    sizes = image_sizes(args.images) if args.images else {}
    imported = import_file(
        args.input.name, content, args.source, ImportOptions(image_sizes=sizes)
    )
    _report(imported.warnings, "import")
    if args.to == "crops":
        if args.images is None:
            print("shopbox: error: --to crops needs --images DIR", file=sys.stderr)
            return EXIT_UNREADABLE
        result = _crops(imported.project, args.images, args.padding)
    else:
        result = export_project(imported.project, args.to)
    _report(result.warnings, "export")
    try:
        args.output.write_bytes(result.content)
    except OSError as exc:
        print(
            f"shopbox: error: cannot write {args.output}: {exc.strerror}",
            file=sys.stderr,
        )
        return EXIT_UNREADABLE
    log.info("wrote %s (%d bytes)", args.output, len(result.content))
    return EXIT_OK


def _report(warnings, stage: str) -> None:
    for problem in warnings[:MAX_WARNINGS_SHOWN]:
        print(f"shopbox: warning: {problem}", file=sys.stderr)
    if len(warnings) > MAX_WARNINGS_SHOWN:
        print(
            f"shopbox: warning: ... and {len(warnings) - MAX_WARNINGS_SHOWN} more "
            f"{stage} warnings",
            file=sys.stderr,
        )


def image_sizes(folder: Path) -> dict[str, tuple[int, int]]:
    """Read the displayed size of every image under ``folder``, by relative path."""
    sizes = {}
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() not in IMAGE_SUFFIXES or not path.is_file():
            continue
        try:
            size = image_size(path.read_bytes())
        except OSError as exc:
            log.warning("skipped unreadable image %s: %s", path, exc.strerror)
            continue
        if size is None:
            log.warning("skipped %s: its image header cannot be read", path)
            continue
        sizes[path.relative_to(folder).as_posix()] = size
    return sizes


def _crops(project, folder: Path, padding: float) -> Export:
    from PIL import Image, ImageOps

    crops, _ = crop_boxes(project, padding)
    jpegs = {}
    opened: dict[str, Image.Image] = {}
    for crop in crops:
        if crop.file_name not in opened:
            path = folder / crop.file_name
            try:
                with Image.open(path) as image:
                    opened.clear()
                    opened[crop.file_name] = ImageOps.exif_transpose(image).convert(
                        "RGB"
                    )
            except OSError as exc:
                raise ShopboxError(
                    "unreadable-image", f"Cannot read image {path}: {exc}"
                ) from None
        region = opened[crop.file_name].crop(
            (crop.left, crop.top, crop.right, crop.bottom)
        )
        buffer = io.BytesIO()
        region.save(buffer, "JPEG", quality=92)
        jpegs[(crop.image_id, crop.box_id)] = buffer.getvalue()
    return crops_zip(project, jpegs, padding)
