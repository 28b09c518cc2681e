"""Builders and real-reader helpers shared by the format tests."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from shopbox.models import Box, ImageRecord, Project

ROOT_DIR = Path(__file__).resolve().parent.parent


def make_project(*images: tuple, name: str = "Test project") -> Project:
    """Build a project from ``(file_name, width, height, boxes, status)`` tuples.

    ``boxes`` is a list of ``(category_id, bbox)``; box ids run from 1 across
    the project and image ids from 1.
    """
    records = []
    box_id = 1
    for image_id, spec in enumerate(images, start=1):
        file_name, width, height, boxes, *rest = spec
        status = rest[0] if rest else "todo"
        record_boxes = []
        for category_id, bbox in boxes:
            record_boxes.append(Box(id=box_id, category_id=category_id, bbox=bbox))
            box_id += 1
        records.append(
            ImageRecord(
                id=image_id,
                file_name=file_name,
                width=width,
                height=height,
                status=status,
                boxes=record_boxes,
            )
        )
    return Project(name=name, images=records)


def three_images() -> Project:
    """Three images; the third is done with no boxes."""
    return make_project(
        ("a.jpg", 640, 480, [(3, (10, 20, 100, 60)), (5, (600, 450, 40, 30))]),
        ("b.jpg", 1280, 720, [(3, (1244, 0, 36, 720))]),
        ("c.jpg", 100, 100, [], "done"),
    )


def unzip(content: bytes, root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    zipfile.ZipFile(io.BytesIO(content)).extractall(root)
    return root


def zip_members(content: bytes) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(content))
    return {name: archive.read(name) for name in archive.namelist()}


def write_images(project: Project, folder: Path) -> Path:
    """Write a black JPEG of the right size for every image of the project."""
    from PIL import Image

    for image in project.images:
        path = folder / image.file_name
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (image.width, image.height)).save(path)
    return folder
