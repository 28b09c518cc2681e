"""Rule settings: per rule on/off, severity override and thresholds.

The settings travel in the project file under ``rules``, keyed by finding code:

    {"duplicate-box": {"min_iou": 0.85}, "box-too-small": {"enabled": false}}

Every threshold is validated, so a bad settings file is rejected as a whole.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from ..errors import validate_model
from .finding import Severity

if TYPE_CHECKING:
    from ..models import Project


class RuleConfig(BaseModel):
    """Switch and severity override shared by every rule."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = True
    severity: Severity | None = Field(
        default=None, description="Replaces the rule's default severity when set."
    )


class OutsideImageConfig(RuleConfig):
    tolerance_px: float = Field(
        default=0.5,
        ge=0,
        le=100,
        description="Pixels a box may reach past an image edge, for rounding.",
    )


class DuplicateConfig(RuleConfig):
    min_iou: float = Field(
        default=0.9, gt=0, le=1, description="IoU at which two boxes are one."
    )


class ContainConfig(RuleConfig):
    min_contained: float = Field(
        default=0.9,
        gt=0.5,
        le=1,
        description="Share of the inner box's area that must lie in the outer box.",
    )


class ShoePairConfig(ContainConfig):
    min_aspect: float = Field(
        default=4.0,
        gt=1,
        le=100,
        description="Width-to-height ratio from which a shoes box looks like a pair.",
    )


class CoverConfig(RuleConfig):
    min_covered: float = Field(
        default=0.6,
        gt=0,
        le=1,
        description="Share of the other box's area that the bottom box covers.",
    )


class SmallBoxConfig(RuleConfig):
    min_side: float = Field(
        default=4.0, gt=0, le=1000, description="Smallest width or height, in px."
    )
    min_area: float = Field(
        default=64.0, ge=0, le=1_000_000, description="Smallest area, in px squared."
    )


def _code(field_name: str) -> str:
    return field_name.replace("_", "-")


class RuleSettings(BaseModel):
    """Settings for every rule, keyed by finding code."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        alias_generator=_code,
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
    )

    box_outside_image: OutsideImageConfig = OutsideImageConfig()
    box_too_small: SmallBoxConfig = SmallBoxConfig()
    duplicate_box: DuplicateConfig = DuplicateConfig()
    group_box: ContainConfig = ContainConfig()
    shoe_pair_in_one_box: ShoePairConfig = ShoePairConfig()
    # A trouser leg that breaks over a shoe seen from the side covers 61 % of
    # the shoe's box on the clean real set (docs/rules.md), so 0.6 was too low.
    bottom_covers_shoes: CoverConfig = CoverConfig(min_covered=0.75)
    bottom_covers_top: CoverConfig = CoverConfig(min_covered=0.5)
    sleeve_boxed_separately: ContainConfig = ContainConfig()
    unlabeled_box: RuleConfig = RuleConfig()
    gender_not_confirmed: RuleConfig = RuleConfig()
    other_without_note: RuleConfig = RuleConfig()
    other_matches_category: RuleConfig = RuleConfig()
    note_suggests_category: RuleConfig = RuleConfig()
    check_worn_jewelry: RuleConfig = RuleConfig()
    image_not_classified: RuleConfig = RuleConfig()
    done_image_without_boxes: RuleConfig = RuleConfig()
    boxes_on_empty_image: RuleConfig = RuleConfig()

    def config(self, code: str) -> RuleConfig:
        """Return the settings of the rule with this finding code."""
        return getattr(self, code.replace("-", "_"))

    @classmethod
    def codes(cls) -> list[str]:
        return [_code(name) for name in cls.model_fields]


def load_settings(data: object, path: str = "rules") -> RuleSettings:
    """Validate decoded rule settings, raising ShopboxError with field paths.

    Args:
        data: The decoded JSON object, keyed by finding code.
        path: Prefix for the field paths in the error, such as ``rules``.

    Raises:
        ShopboxError: ``invalid-settings`` with one problem per bad field.
    """
    return validate_model(
        RuleSettings,
        data,
        "invalid-settings",
        "The rule settings are not valid; the project was left unchanged.",
        path,
    )


def with_settings(project: Project, data: object) -> Project:
    """Return a copy of the project that uses the given rule settings.

    The settings are validated first, so on ShopboxError the caller still has
    the project exactly as it was.
    """
    settings = load_settings(data)
    return project.model_copy(update={"rules": settings})
