"""The native project model: images, boxes and their attributes, in image pixels.

Boxes are ``bbox = [x, y, w, h]`` floats in the pixels of the image as displayed
(EXIF orientation applied), with the origin at the top-left corner of the
top-left pixel. This is COCO's convention.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import Problem, ShopboxError, problems_from_validation
from .migrations import FORMAT_VERSION, migrate
from .rules.settings import RuleSettings
from .taxonomy import Taxonomy, default_taxonomy

FORMAT_NAME = "shopbox"

# A side longer than this is refused before any pixel is decoded. 30,000 px
# covers every camera and scanner we know of, and a 30,000 x 30,000 RGBA canvas
# is already 3.6 GB.
MAX_IMAGE_SIDE = 30_000
MAX_IMAGE_PIXELS = 200_000_000
MAX_IMAGES = 100_000
MAX_BOXES_PER_IMAGE = 20_000

ImageStatus = Literal["todo", "done", "skipped", "no-objects"]
IMAGE_STATUSES: tuple[str, ...] = ("todo", "done", "skipped", "no-objects")
ReviewState = Literal["unreviewed", "approved", "rejected"]

# The shot types of a project that does not list its own. The page shows them
# in this order, and Shift+1, Shift+2 and so on set them.
DEFAULT_SHOT_TYPES: tuple[str, ...] = (
    "product only",
    "worn by model",
    "flat lay",
    "lifestyle scene",
    "detail close-up",
    "size chart or text",
)

# A shot type name: 1-80 characters, not all blank.
ShotType = Annotated[str, Field(min_length=1, max_length=80, pattern=r"\S")]

Coordinate = Annotated[float, Field(allow_inf_nan=False, ge=-1e7, le=1e7)]


class Box(BaseModel):
    """A 2D box with its category and per-box attributes."""

    model_config = ConfigDict(extra="forbid")

    id: int = Field(ge=1)
    category_id: int | None = Field(
        default=None, description="None while the box is unlabeled."
    )
    bbox: tuple[Coordinate, Coordinate, Coordinate, Coordinate] = Field(
        description=(
            "[x, y, w, h] in image pixels, top-left origin, in the displayed "
            "orientation (EXIF orientation applied)."
        )
    )
    occluded: bool = False
    truncated: bool = False
    face_and_body_visible: bool | None = Field(
        default=None, description="Required true before a box may be man or woman."
    )
    note: str = Field(default="", max_length=2000)

    @field_validator("bbox")
    @classmethod
    def _positive_size(cls, bbox: tuple[float, ...]) -> tuple[float, ...]:
        if not (bbox[2] > 0 and bbox[3] > 0):
            raise ValueError(
                f"width and height must be positive, got w={bbox[2]:g} h={bbox[3]:g}"
            )
        return bbox

    @property
    def area(self) -> float:
        return self.bbox[2] * self.bbox[3]


class ImageRecord(BaseModel):
    """One image of the project: its identity, size, review state and boxes."""

    model_config = ConfigDict(extra="forbid")

    id: int = Field(ge=1)
    file_name: str = Field(
        min_length=1,
        max_length=1024,
        description="Name or relative path as the user opened it, unicode kept.",
    )
    width: int = Field(
        ge=1,
        le=MAX_IMAGE_SIDE,
        description="Width as displayed, after the EXIF orientation is applied.",
    )
    height: int = Field(
        ge=1,
        le=MAX_IMAGE_SIDE,
        description="Height as displayed, after the EXIF orientation is applied.",
    )
    file_size: int | None = Field(default=None, ge=0)
    status: ImageStatus = "todo"
    review: ReviewState = Field(
        default="unreviewed", description="A reviewer's verdict on the labels."
    )
    shot_type: str | None = Field(
        default=None, max_length=80, description="One of the project's shot_types."
    )
    main_category_id: int | None = None
    boxes: list[Box] = Field(default_factory=list, max_length=MAX_BOXES_PER_IMAGE)

    @field_validator("height")
    @classmethod
    def _pixel_limit(cls, height: int, info) -> int:
        width = info.data.get("width")
        if width is not None and width * height > MAX_IMAGE_PIXELS:
            raise ValueError(
                f"{width}x{height} is {width * height:,} pixels, over the limit "
                f"of {MAX_IMAGE_PIXELS:,}"
            )
        return height


class Project(BaseModel):
    """A whole labeling project in the native format."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["shopbox"] = FORMAT_NAME
    version: Literal[2] = FORMAT_VERSION
    name: str = Field(default="Untitled project", max_length=200)
    taxonomy: Taxonomy = Field(default_factory=default_taxonomy)
    shot_types: list[ShotType] = Field(
        default_factory=lambda: list(DEFAULT_SHOT_TYPES),
        min_length=1,
        max_length=50,
        description="The choices for an image's shot_type, unique.",
    )
    images: list[ImageRecord] = Field(default_factory=list, max_length=MAX_IMAGES)
    rules: RuleSettings = Field(default_factory=RuleSettings)

    def image(self, image_id: int) -> ImageRecord | None:
        return next((i for i in self.images if i.id == image_id), None)


def integrity_problems(project: Project) -> list[Problem]:
    """Find cross-references that a field validator cannot see.

    Image ids, file names and box ids must be unique across the project, every
    category id must exist in the project's taxonomy, and every image's
    shot_type must be one of the project's shot_types.
    """
    problems: list[Problem] = []
    shot_types: set[str] = set()
    for k, shot_type in enumerate(project.shot_types):
        if shot_type in shot_types:
            problems.append(
                Problem(
                    f"shot_types[{k}]",
                    "shot type is listed twice",
                    "duplicate-shot-type",
                    shot_type,
                )
            )
        shot_types.add(shot_type)
    image_ids: set[int] = set()
    names: set[str] = set()
    box_ids: set[int] = set()
    for i, image in enumerate(project.images):
        path = f"images[{i}]"
        if image.id in image_ids:
            problems.append(
                Problem(
                    f"{path}.id", "image id is used twice", "duplicate-id", image.id
                )
            )
        image_ids.add(image.id)
        if image.file_name in names:
            problems.append(
                Problem(
                    f"{path}.file_name",
                    "file name is used by another image",
                    "duplicate-file-name",
                    image.file_name,
                )
            )
        names.add(image.file_name)
        if image.main_category_id is not None and not project.taxonomy.by_id(
            image.main_category_id
        ):
            problems.append(
                Problem(
                    f"{path}.main_category_id",
                    "category id is not in the taxonomy",
                    "unknown-category",
                    image.main_category_id,
                )
            )
        if image.shot_type is not None and image.shot_type not in shot_types:
            problems.append(
                Problem(
                    f"{path}.shot_type",
                    "shot type is not one of the project's shot_types",
                    "unknown-shot-type",
                    image.shot_type,
                )
            )
        for j, box in enumerate(image.boxes):
            box_path = f"{path}.boxes[{j}]"
            if box.id in box_ids:
                problems.append(
                    Problem(
                        f"{box_path}.id", "box id is used twice", "duplicate-id", box.id
                    )
                )
            box_ids.add(box.id)
            if box.category_id is not None and not project.taxonomy.by_id(
                box.category_id
            ):
                problems.append(
                    Problem(
                        f"{box_path}.category_id",
                        "category id is not in the taxonomy",
                        "unknown-category",
                        box.category_id,
                    )
                )
    return problems


def load_project(data: object) -> Project:
    """Validate a decoded native project, raising ShopboxError with field paths.

    A project of an older format version is migrated first.
    """
    try:
        project = Project.model_validate(migrate(data))
    except ValidationError as exc:
        raise ShopboxError(
            "invalid-project",
            "The project file is not a valid shopbox project.",
            problems_from_validation(exc),
        ) from None
    problems = integrity_problems(project)
    if problems:
        raise ShopboxError(
            "invalid-project", "The project file has inconsistent ids.", problems
        )
    return project
