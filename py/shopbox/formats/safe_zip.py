"""Zip archives: deterministic writing and bomb-safe reading.

Written archives have a fixed timestamp and file mode, so the same project
always gives the same bytes. Reading stops at ``MAX_ENTRIES`` members,
``MAX_TOTAL_BYTES`` of uncompressed data, or a compression ratio above
``MAX_RATIO`` once the data passes ``RATIO_FLOOR_BYTES``. The counts are of
bytes actually inflated, not of the sizes that the archive claims.
"""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Iterable

from ..errors import Problem, ShopboxError

log = logging.getLogger(__name__)

MEDIA_TYPE = "application/zip"
MAX_ENTRIES = 200_000
MAX_TOTAL_BYTES = 512 * 1024 * 1024
MAX_RATIO = 200
# Tiny archives of empty label files reach high ratios without being bombs.
RATIO_FLOOR_BYTES = 1024 * 1024
_CHUNK = 64 * 1024
_EPOCH = (1980, 1, 1, 0, 0, 0)


def write_zip(members: Iterable[tuple[str, bytes]]) -> bytes:
    """Build a deflated zip from ``(name, content)`` pairs, in the given order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members:
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    return buffer.getvalue()


def is_zip(content: bytes) -> bool:
    return content[:4] in (b"PK\x03\x04", b"PK\x05\x06")


def zip_names(content: bytes, what: str = "zip file") -> list[str]:
    """List the file names in a zip without inflating anything."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        return [i.filename for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise _invalid(what, str(exc)) from None


def read_zip(content: bytes, what: str = "zip file") -> dict[str, bytes]:
    """Inflate every file of a zip into memory, rejecting bombs and bad archives.

    Raises:
        ShopboxError: ``invalid-zip`` for a damaged archive, ``zip-too-large``
            when a limit is passed.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = [i for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise _invalid(what, str(exc)) from None
    if len(infos) > MAX_ENTRIES:
        raise _too_large(what, f"{len(infos)} files, the limit is {MAX_ENTRIES}")
    files: dict[str, bytes] = {}
    total = 0
    for info in infos:
        data = _read_member(archive, info, what, MAX_TOTAL_BYTES - total)
        total += len(data)
        if total > RATIO_FLOOR_BYTES and total > MAX_RATIO * max(len(content), 1):
            raise _too_large(
                what,
                f"{total:,} bytes inflated from {len(content):,}; the ratio "
                f"limit is {MAX_RATIO}",
            )
        files[info.filename] = data
    return files


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, what: str, budget: int
) -> bytes:
    parts = []
    size = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                size += len(chunk)
                if size > budget:
                    raise _too_large(
                        what,
                        f"more than {MAX_TOTAL_BYTES:,} bytes once inflated",
                    )
                parts.append(chunk)
    except ShopboxError:
        raise
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError) as exc:
        raise _invalid(what, f"{info.filename}: {exc}") from None
    except (ValueError, EOFError) as exc:
        raise _invalid(what, f"{info.filename}: {exc}") from None
    return b"".join(parts)


def _invalid(what: str, detail: str) -> ShopboxError:
    return ShopboxError(
        "invalid-zip",
        f"The {what} is not a readable zip archive.",
        [Problem("", detail, "invalid-zip")],
    )


def _too_large(what: str, detail: str) -> ShopboxError:
    log.warning("rejected %s: %s", what, detail)
    return ShopboxError(
        "zip-too-large",
        f"The {what} inflates past the import limits and was not read.",
        [Problem("", detail, "zip-too-large")],
    )
