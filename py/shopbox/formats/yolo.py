"""YOLO detection in the Ultralytics layout: ``data.yaml`` plus label files.

The zip holds:

- ``data.yaml``: ``path``, ``train``/``val`` image folders and ``names``, the
  class names in taxonomy order (class index = position).
- ``labels/train/<path>.txt`` for every image, ``<path>`` being its relative
  file name without extension: one ``class cx cy w h`` line per box, values
  normalized to the image size with 6 decimals. An image without boxes gets
  an empty file.
- ``shopbox.json``: the image sizes, ids, status and box attributes, which
  YOLO has no place for. YOLO readers ignore it; shopbox needs it (or the
  image sizes) to turn normalized values back into pixels.

The box edges are rounded to 6 decimals first and clamped to [0, 1]; the
centre and size are derived from the rounded edges, so ``cx - w/2 >= 0`` and
``cx + w/2 <= 1`` hold for every line as written.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError

from ..errors import Problem, ShopboxError, problems_from_validation
from ..models import Project
from . import Export, Imported, ImportOptions, json_lines, safe_file_stem
from .builder import BoxExtras, ImageExtras, ImportBuilder, bbox_from_points
from .image_header import image_size
from .native import parse_json
from .prepare import export_boxes
from .safe_zip import MEDIA_TYPE, read_zip, write_zip
from .yaml_names import parse_names, quote

WHAT = "YOLO zip"
SCALE = 1_000_000  # 6 decimals
IMAGES_DIR = "images/train"
LABELS_DIR = "labels/train/"
SIDECAR = "shopbox.json"
SPLITS = ("train", "val", "valid", "test")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp")


def label_path(file_name: str) -> str:
    """Return the label file of an image in the zip.

    >>> label_path("front/0001.jpg")
    'labels/train/front/0001.txt'
    """
    return LABELS_DIR + posixpath.splitext(file_name)[0] + ".txt"


def yolo_line(index: int, bbox, width: int, height: int) -> str | None:
    """Write one label line, or None when the box rounds to zero size.

    >>> yolo_line(0, (1244, 0, 36, 720), 1280, 720)
    '0 0.985938 0.500000 0.028124 1.000000'
    """
    x, y, w, h = bbox
    left, right = _edges(x, x + w, width)
    top, bottom = _edges(y, y + h, height)
    if right <= left or bottom <= top:
        return None
    # Whole numbers of 1e-6: the centre is exact because the edge sum is even.
    values = ((left + right) // 2, (top + bottom) // 2, right - left, bottom - top)
    return f"{index} " + " ".join(_decimal(v) for v in values)


def _edges(low: float, high: float, size: int) -> tuple[int, int]:
    a = min(max(round(low / size * SCALE), 0), SCALE)
    b = min(max(round(high / size * SCALE), 0), SCALE)
    if (a + b) % 2:
        # Shrink by one millionth so the centre stays a 6-decimal number. No
        # edge moves outward, and an edge on the image border stays there.
        if b == SCALE or (a != 0 and b == a + 1):
            a += 1
        else:
            b -= 1
    return a, b


def _decimal(units: int) -> str:
    return f"{units // SCALE}.{units % SCALE:06d}"


def data_yaml(names: list[str]) -> str:
    lines = [
        "# Ultralytics YOLO dataset written by shopbox. Put each image under",
        f"# {IMAGES_DIR}/ with the relative path of its label file.",
        "path: .",
        f"train: {IMAGES_DIR}",
        f"val: {IMAGES_DIR}",
        f"nc: {len(names)}",
        "names:",
    ]
    lines += [f"  {i}: {quote(name)}" for i, name in enumerate(names)]
    return "\n".join(lines) + "\n"


def export(project: Project) -> Export:
    prepared, warnings = export_boxes(project)
    index = {c.id: i for i, c in enumerate(project.taxonomy.categories)}
    members: list[tuple[str, bytes]] = []
    sidecar = []
    seen: dict[str, str] = {}
    for i, (image, boxes) in enumerate(prepared):
        path = label_path(image.file_name)
        if path in seen:
            warnings.append(
                Problem(
                    f"images[{i}].file_name",
                    f"{image.file_name} and {seen[path]} share the label file "
                    f"{path}; {image.file_name} was left out, so rename one",
                    "label-file-clash",
                    image.file_name,
                )
            )
            continue
        seen[path] = image.file_name
        lines = []
        written = []
        for item in boxes:
            line = yolo_line(
                index[item.category.id], item.bbox, image.width, image.height
            )
            if line is None:
                warnings.append(
                    Problem(
                        f"images[{i}].boxes",
                        f"box {item.box.id} is smaller than YOLO's 6 decimals "
                        "and was left out",
                        "box-too-small",
                        list(item.bbox),
                    )
                )
                continue
            lines.append(line + "\n")
            written.append(item.box)
        members.append((path, "".join(lines).encode("utf-8")))
        sidecar.append(_sidecar_image(image, path, written))
    names = [c.name for c in project.taxonomy.categories]
    document = {"format": "shopbox-yolo", "name": project.name, "images": sidecar}
    members += [
        ("data.yaml", data_yaml(names).encode("utf-8")),
        (SIDECAR, json_lines(document).encode("utf-8")),
    ]
    return Export(
        file_name=f"{safe_file_stem(project.name)}.yolo.zip",
        media_type=MEDIA_TYPE,
        content=write_zip(members),
        warnings=warnings,
    )


def _sidecar_image(image, path: str, boxes) -> dict[str, Any]:
    return {
        "id": image.id,
        "file_name": image.file_name,
        "width": image.width,
        "height": image.height,
        "label_file": path,
        "shopbox": {
            "status": image.status,
            "review": image.review,
            "shot_type": image.shot_type,
            "file_size": image.file_size,
        },
        "boxes": [
            {
                "id": box.id,
                "occluded": box.occluded,
                "truncated": box.truncated,
                "face_and_body_visible": box.face_and_body_visible,
                "note": box.note,
            }
            for box in boxes
        ],
    }


class _SidecarBox(BoxExtras):
    id: StrictInt | None = None


class _SidecarImage(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: StrictInt | None = None
    file_name: str
    width: StrictInt
    height: StrictInt
    label_file: str
    shopbox: ImageExtras = Field(default_factory=ImageExtras)
    boxes: list[_SidecarBox] = Field(default_factory=list)


class _Sidecar(BaseModel):
    model_config = ConfigDict(extra="ignore")

    name: str = "Imported YOLO"
    images: list[_SidecarImage]


def import_file(content: bytes, options: ImportOptions | None = None) -> Imported:
    """Import a YOLO zip.

    Image sizes come from ``shopbox.json`` in the zip, else from
    ``options.image_sizes``, else from the headers of the images in the zip
    (``images/<split>/<path>`` beside ``labels/<split>/<path>.txt``). A label
    file whose image size is unknown is an error.
    """
    options = options or ImportOptions()
    files = read_zip(content, WHAT)
    names = _read_names(files)
    sidecar = _read_sidecar(files)
    builder = ImportBuilder(WHAT, options.taxonomy, defined_categories=True)
    categories = [
        builder.category(f"data.yaml:names[{i}]", name) for i, name in enumerate(names)
    ]
    if sidecar is None:
        entries = _entries_without_sidecar(files, options.image_sizes)
    else:
        entries = [
            (image.label_file, f"{SIDECAR}:images[{k}]", image)
            for k, image in enumerate(sidecar.images)
        ]
    for path, image_path, entry in entries:
        if entry is None:
            builder.error(
                path,
                "the image size of this label file is unknown; include "
                f"{SIDECAR}, the image, or the image sizes",
                "missing-image-size",
            )
            continue
        image = builder.add_image(
            image_path,
            entry.file_name,
            entry.width,
            entry.height,
            entry.id,
            entry.shopbox,
        )
        if image is None:
            continue
        text = files.get(path)
        if text is None:
            builder.error(path, "label file is missing from the zip", "missing-file")
            continue
        _read_labels(builder, path, text, image, categories, entry.boxes)
    builder.check()
    return builder.finish(sidecar.name if sidecar else "Imported YOLO")


def _entries_without_sidecar(
    files: dict[str, bytes], sizes: Mapping[str, tuple[int, int]]
) -> list[tuple[str, str, _SidecarImage | None]]:
    """Pair each label file with its image's name and size."""
    given = {_dataset_key(name): (name, size) for name, size in sizes.items()}
    in_zip = {
        _dataset_key(path): path
        for path in files
        if _under(path, "images") and path.lower().endswith(IMAGE_SUFFIXES)
    }
    entries = []
    for path in sorted(p for p in files if _is_label(p)):
        key = _dataset_key(path)
        if key in given:
            file_name, (width, height) = given[key]
        elif key in in_zip and image_size(files[in_zip[key]]) is not None:
            image_path = in_zip[key]
            file_name = _dataset_relative(image_path)
            width, height = image_size(files[image_path])
        else:
            entries.append((path, path, None))
            continue
        entry = _SidecarImage(
            file_name=file_name, width=width, height=height, label_file=path
        )
        entries.append((path, path, entry))
    return entries


def _under(path: str, folder: str) -> bool:
    return path.startswith(f"{folder}/") or f"/{folder}/" in path


def _dataset_relative(path: str) -> str:
    """Return the path below ``images/`` or ``labels/`` and the split folder.

    >>> _dataset_relative("data/labels/train/front/0001.txt")
    'front/0001.txt'
    """
    for folder in ("images/", "labels/"):
        if path.startswith(folder) or f"/{folder}" in path:
            path = path[path.index(folder) + len(folder) :]
            break
    first, _, rest = path.partition("/")
    return rest if rest and first in SPLITS else path


def _dataset_key(path: str) -> str:
    return posixpath.splitext(_dataset_relative(path))[0]


def _is_label(path: str) -> bool:
    return (
        path.endswith(".txt")
        and _under(path, "labels")
        and not path.startswith("__MACOSX/")
    )


def _read_names(files: dict[str, bytes]) -> list[str]:
    yaml_files = sorted(p for p in files if p.endswith((".yaml", ".yml")))
    if not yaml_files:
        raise ShopboxError(
            "invalid-import",
            f"The {WHAT} has no data.yaml, so its class names are unknown.",
            [Problem("data.yaml", "file is missing", "missing-file")],
        )
    path = "data.yaml" if "data.yaml" in files else yaml_files[0]
    try:
        names = parse_names(files[path].decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ShopboxError(
            "invalid-import",
            f"The class names in {path} cannot be read.",
            [Problem(f"{path}:names", str(exc), "invalid-names")],
        ) from None
    if names is None:
        raise ShopboxError(
            "invalid-import",
            f"{path} has no names list.",
            [Problem(f"{path}:names", "names is missing", "missing-names")],
        )
    return names


def _read_sidecar(files: dict[str, bytes]) -> _Sidecar | None:
    if SIDECAR not in files:
        return None
    try:
        return _Sidecar.model_validate(parse_json(files[SIDECAR], SIDECAR))
    except ValidationError as exc:
        raise ShopboxError(
            "invalid-import",
            f"{SIDECAR} in the {WHAT} is not valid.",
            problems_from_validation(exc, SIDECAR),
        ) from None


def _read_labels(builder, path, content, image, categories, extras) -> None:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        builder.error(path, "label file is not UTF-8 text", "invalid-utf8")
        return
    lines = [line for line in text.splitlines() if line.strip()]
    if extras and len(extras) != len(lines):
        builder.warn(
            path,
            f"{SIDECAR} lists {len(extras)} boxes but the file has {len(lines)} "
            "lines; box attributes were ignored",
            "sidecar-mismatch",
        )
        extras = []
    for n, line in enumerate(lines):
        where = f"{path}:{n + 1}"
        parsed = _parse_line(builder, where, line, image)
        if parsed is None:
            continue
        index, bbox = parsed
        if not 0 <= index < len(categories) or categories[index] is None:
            builder.warn(
                where,
                f"class {index} is not in data.yaml names; the box was skipped",
                "unknown-category",
                index,
            )
            continue
        extra = extras[n] if extras else None
        box_id = extra.id if extra else None
        builder.add_box(where, image, categories[index], bbox, box_id, extra)


def _parse_line(builder, where, line, image):
    """Return ``(class index, bbox in pixels)``, or None after recording an error."""
    parts = line.split()
    try:
        index = int(parts[0])
        values = [float(v) for v in parts[1:]]
    except ValueError:
        values = []
        index = -1
    # A detection line has 4 values; a segmentation line an even number above 4.
    shape_ok = len(values) == 4 or (len(values) > 4 and len(values) % 2 == 0)
    # NaN fails the range check too.
    if not shape_ok or index < 0 or not all(abs(v) <= 1e3 for v in values):
        builder.error(
            where,
            "a label line is a class number and 4 numbers (or a polygon)",
            "invalid-label-line",
            line[:200],
        )
        return None
    if len(values) == 4:
        cx, cy, w, h = values
        x, y = cx - w / 2, cy - h / 2
    else:
        x, y, w, h = bbox_from_points(values[0::2], values[1::2])
    bbox = (x * image.width, y * image.height, w * image.width, h * image.height)
    return index, tuple(round(v, 9) for v in bbox)
