"""Project bundles: one zip with the project JSON and every image's bytes.

A bundle is the file an annotator hands on: ``project.json`` (the native
format), ``bundle.json`` (maps each image id to its archive member) and the
photos under ``images/``. Import rejects archives that would expand past the
limits below before it decompresses anything, and counts the bytes it really
reads, so a header that lies about sizes is caught too.
"""

from __future__ import annotations

import io
import json
import logging
import re
import zipfile
from dataclasses import dataclass

from ..errors import Problem, ShopboxError
from ..models import Project
from . import Export, native, safe_file_stem

log = logging.getLogger(__name__)

MEDIA_TYPE = "application/zip"
BUNDLE_FORMAT = "shopbox-bundle"
BUNDLE_VERSION = 1
PROJECT_MEMBER = "project.json"
MANIFEST_MEMBER = "bundle.json"

#: Largest bundle file accepted, in bytes, checked before it is opened.
MAX_BUNDLE_BYTES = 1 << 30
#: Largest sum of uncompressed member sizes, in bytes.
MAX_TOTAL_UNCOMPRESSED = 1 << 30
#: Largest project.json, uncompressed, in bytes.
MAX_PROJECT_JSON_BYTES = 256 << 20
#: Most members in one archive: every image plus the two JSON files.
MAX_ENTRIES = 20_002
#: Highest uncompressed/compressed ratio for a member over RATIO_FLOOR bytes.
MAX_COMPRESSION_RATIO = 200
RATIO_FLOOR = 1 << 20

_CHUNK = 1 << 16
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class BundleImage:
    """The bytes of one image in a bundle, keyed by the project's image id."""

    image_id: int
    content: bytes


@dataclass
class Bundle:
    """A project read from a bundle, with the images whose bytes it carried."""

    project: Project
    images: list[BundleImage]
    warnings: list[Problem]


def member_name(image_id: int, file_name: str) -> str:
    """Return the archive path for an image: its id, then a safe base name.

    >>> member_name(7, "shoes/red boot.JPG")
    'images/7_red_boot.JPG'
    """
    base = file_name.replace("\\", "/").rsplit("/", 1)[-1]
    safe = _SAFE_NAME.sub("_", base).strip("._")[:100] or "image"
    return f"images/{image_id}_{safe}"


def export(project: Project, images: dict[int, bytes]) -> Export:
    """Write a bundle of the project and the image bytes given by image id."""
    known = {image.id: image for image in project.images}
    manifest = {"format": BUNDLE_FORMAT, "version": BUNDLE_VERSION, "images": {}}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            PROJECT_MEMBER, native.dumps(project), compress_type=zipfile.ZIP_DEFLATED
        )
        for image_id, content in sorted(images.items()):
            image = known.get(image_id)
            if image is None:
                raise ShopboxError(
                    "unknown-image",
                    f"Image bytes were given for id {image_id}, "
                    "which is not in the project.",
                    [Problem("images", "no such image id", "unknown-image", image_id)],
                )
            name = member_name(image_id, image.file_name)
            manifest["images"][str(image_id)] = name
            # Photos are compressed already; storing them keeps export fast.
            archive.writestr(name, content, compress_type=zipfile.ZIP_STORED)
        archive.writestr(
            MANIFEST_MEMBER,
            json.dumps(manifest, indent=1) + "\n",
            compress_type=zipfile.ZIP_DEFLATED,
        )
    missing = [image.id for image in project.images if image.id not in images]
    warnings = []
    if missing:
        warnings.append(
            Problem(
                "images",
                f"{len(missing)} images have no stored photo and are exported "
                "without one",
                "image-missing",
                missing[:20],
            )
        )
    return Export(
        file_name=f"{safe_file_stem(project.name)}.shopbox.zip",
        media_type=MEDIA_TYPE,
        content=buffer.getvalue(),
        warnings=warnings,
    )


def _reject(message: str, path: str, value: object, code: str = "bundle-too-large"):
    raise ShopboxError(code, message, [Problem(path, message, code, value)])


def _check_members(infos: list[zipfile.ZipInfo]) -> None:
    """Reject an archive by its declared sizes before anything is inflated."""
    if len(infos) > MAX_ENTRIES:
        _reject(
            f"The bundle has {len(infos):,} members; the limit is {MAX_ENTRIES:,}.",
            "",
            len(infos),
        )
    total = 0
    for info in infos:
        total += info.file_size
        ratio_base = max(info.compress_size, 1)
        if (
            info.file_size > RATIO_FLOOR
            and info.file_size / ratio_base > MAX_COMPRESSION_RATIO
        ):
            _reject(
                f"{info.filename} expands {info.file_size // ratio_base}-fold; "
                f"the limit is {MAX_COMPRESSION_RATIO}-fold.",
                info.filename,
                info.file_size,
            )
    if total > MAX_TOTAL_UNCOMPRESSED:
        _reject(
            f"The bundle expands to {total:,} bytes; the limit is "
            f"{MAX_TOTAL_UNCOMPRESSED:,}.",
            "",
            total,
        )


class _Budget:
    """Counts the bytes really inflated, whatever the headers claim."""

    def __init__(self) -> None:
        self.left = MAX_TOTAL_UNCOMPRESSED

    def read(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int):
        parts = []
        size = 0
        with archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                size += len(chunk)
                self.left -= len(chunk)
                if size > limit or self.left < 0:
                    _reject(
                        f"{info.filename} expands past the bundle limits.",
                        info.filename,
                        size,
                    )
                parts.append(chunk)
        return b"".join(parts)


def load(content: bytes) -> Bundle:
    """Read a bundle; raise ShopboxError for a bad, unsafe or oversized one."""
    if len(content) > MAX_BUNDLE_BYTES:
        _reject(
            f"The bundle is {len(content):,} bytes; the limit is {MAX_BUNDLE_BYTES:,}.",
            "",
            len(content),
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile as exc:
        raise ShopboxError(
            "invalid-bundle",
            "The file is not a zip archive.",
            [Problem("", str(exc), "invalid-zip")],
        ) from None
    with archive:
        infos = archive.infolist()
        _check_members(infos)
        by_name = {info.filename: info for info in infos}
        budget = _Budget()
        try:
            return _read(archive, by_name, budget)
        except (zipfile.BadZipFile, EOFError, NotImplementedError) as exc:
            raise ShopboxError(
                "invalid-bundle",
                "The bundle is damaged and cannot be read.",
                [Problem("", str(exc), "invalid-zip")],
            ) from None


def _read(archive, by_name, budget) -> Bundle:
    for name in (PROJECT_MEMBER, MANIFEST_MEMBER):
        if name not in by_name:
            raise ShopboxError(
                "invalid-bundle",
                f"The bundle has no {name}; is it a shopbox project bundle?",
                [Problem(name, "missing", "missing")],
            )
    project_bytes = budget.read(
        archive, by_name[PROJECT_MEMBER], MAX_PROJECT_JSON_BYTES
    )
    project = native.load(project_bytes)
    manifest = native.parse_json(
        budget.read(archive, by_name[MANIFEST_MEMBER], 16 << 20), "bundle manifest"
    )
    if not (
        isinstance(manifest, dict)
        and manifest.get("format") == BUNDLE_FORMAT
        and isinstance(manifest.get("images"), dict)
    ):
        raise ShopboxError(
            "invalid-bundle",
            f"{MANIFEST_MEMBER} is not a shopbox bundle manifest.",
            [Problem(MANIFEST_MEMBER, "unexpected content", "invalid")],
        )
    if manifest.get("version") != BUNDLE_VERSION:
        raise ShopboxError(
            "unsupported-version",
            f"Bundle version {manifest.get('version')!r} is not supported; "
            f"this shopbox reads version {BUNDLE_VERSION}.",
            [Problem(f"{MANIFEST_MEMBER}.version", "unsupported", "unsupported")],
        )
    ids = {image.id for image in project.images}
    images = []
    warnings = []
    for key, name in manifest["images"].items():
        path = f"{MANIFEST_MEMBER}.images.{key}"
        image_id = int(key) if key.isdigit() else None
        if image_id not in ids:
            raise ShopboxError(
                "invalid-bundle",
                f"The manifest names image {key!r}, which is not in the project.",
                [Problem(path, "unknown image id", "unknown-image", key)],
            )
        if not isinstance(name, str) or name not in by_name:
            raise ShopboxError(
                "invalid-bundle",
                f"The manifest points image {key} at a member that is missing.",
                [Problem(path, "no such member", "missing", name)],
            )
        data = budget.read(archive, by_name[name], MAX_TOTAL_UNCOMPRESSED)
        images.append(BundleImage(image_id, data))
    carried = {image.image_id for image in images}
    missing = [image.id for image in project.images if image.id not in carried]
    if missing:
        warnings.append(
            Problem(
                "images",
                f"{len(missing)} images come without a photo",
                "image-missing",
                missing[:20],
            )
        )
    log.info("read bundle: %d images, %d photos", len(project.images), len(images))
    return Bundle(project=project, images=images, warnings=warnings)
