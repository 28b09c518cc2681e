"""Classification crops: one image per box in ImageFolder layout.

The zip contains ``<category>/<image>_<box id>.jpg`` for each labeled box, where
``<image>`` is the image's relative file name without its extension and with
``/`` replaced by ``_``. Python never decodes pixels here: ``crop_boxes``
returns the rectangles to cut, the page (or the CLI with Pillow) cuts and
encodes them, and ``crops_zip`` packs the JPEG bytes.
"""

from __future__ import annotations

import math
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import Problem, ShopboxError
from ..models import Project
from . import Export, safe_file_stem
from .prepare import export_boxes
from .safe_zip import MEDIA_TYPE, write_zip


@dataclass(frozen=True)
class Crop:
    """A pixel rectangle to cut from an image, and where its JPEG goes in the zip.

    ``left``/``top`` are inclusive and ``right``/``bottom`` exclusive, as in
    Pillow's ``Image.crop`` and the canvas ``drawImage`` source rectangle.
    """

    image_id: int
    box_id: int
    file_name: str
    left: int
    top: int
    right: int
    bottom: int
    path: str

    def to_dict(self) -> dict[str, object]:
        return self.__dict__.copy()


def folder_name(name: str) -> str:
    """Make a category name safe as a folder name.

    >>> folder_name('Shoes, women\\'s "heels"/flats')
    "Shoes, women's _heels__flats"
    """
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name).strip(" .")
    return cleaned or "_"


def crop_boxes(
    project: Project, padding: float = 0
) -> tuple[list[Crop], list[Problem]]:
    """List the rectangle to cut for each labeled box.

    Args:
        project: the project whose boxes are cropped.
        padding: pixels added on every side, then clamped to the image.

    Returns:
        The crops in image and box order, and warnings for boxes left out.
    """
    if not (isinstance(padding, (int, float)) and 0 <= padding <= 10_000):
        raise ShopboxError(
            "invalid-padding",
            "Crop padding must be a number of pixels from 0 to 10000.",
            [Problem("padding", "out of range", "invalid-padding", padding)],
        )
    prepared, warnings = export_boxes(project)
    crops = []
    for image, boxes in prepared:
        stem = posixpath.splitext(image.file_name)[0].replace("/", "_")
        for item in boxes:
            x, y, w, h = item.bbox
            left = max(math.floor(x - padding), 0)
            top = max(math.floor(y - padding), 0)
            right = min(math.ceil(x + w + padding), image.width)
            bottom = min(math.ceil(y + h + padding), image.height)
            path = f"{folder_name(item.category.name)}/{stem}_{item.box.id}.jpg"
            crops.append(
                Crop(
                    image.id,
                    item.box.id,
                    image.file_name,
                    left,
                    top,
                    right,
                    bottom,
                    path,
                )
            )
    return crops, warnings


def crops_zip(
    project: Project, jpegs: Mapping[tuple[int, int], bytes], padding: float = 0
) -> Export:
    """Pack cut crops into the ImageFolder zip.

    Args:
        project: the project the crops come from.
        jpegs: JPEG bytes by ``(image_id, box_id)``; a missing crop is left out
            with a warning.
        padding: the padding that the crops were cut with.
    """
    crops, warnings = crop_boxes(project, padding)
    members = []
    for crop in crops:
        content = jpegs.get((crop.image_id, crop.box_id))
        if content is None:
            warnings.append(
                Problem(
                    "jpegs",
                    f"no JPEG was given for box {crop.box_id} of {crop.file_name}; "
                    "it was left out",
                    "missing-crop",
                    [crop.image_id, crop.box_id],
                )
            )
            continue
        members.append((crop.path, content))
    return Export(
        file_name=f"{safe_file_stem(project.name)}.crops.zip",
        media_type=MEDIA_TYPE,
        content=write_zip(members),
        warnings=warnings,
    )
