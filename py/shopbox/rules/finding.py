"""A finding: one problem that a rule found on an image or its boxes."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Severity = Literal["error", "warning"]


class Finding(BaseModel):
    """One rule violation, worded for the person who labels the image."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(description="Stable rule code such as 'duplicate-box'.")
    severity: Severity
    image_id: int
    box_ids: tuple[int, ...] = Field(
        default=(), description="Boxes involved; empty for image-level findings."
    )
    message: str = Field(description="What is wrong, with the values, and the fix.")
    rule: int | None = Field(
        default=None, description="Number of the labeling guide rule, 1 to 10."
    )
