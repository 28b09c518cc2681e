"""Helpers shared by the importers of other labeling tools' files."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, Field, Strict, ValidationError

from ..errors import ShopboxError, problems_from_validation
from .native import parse_json

Number = Annotated[float, Strict(), Field(allow_inf_nan=False, ge=-1e7, le=1e7)]
LABEL_KEYS = ("label", "class", "category", "name", "type", "object")


def validate_json(content: bytes, model: type[BaseModel], what: str) -> Any:
    """Decode JSON and validate it against ``model``, raising ShopboxError."""
    data = parse_json(content, what)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ShopboxError(
            "invalid-import",
            f"The {what} does not have the expected structure.",
            problems_from_validation(exc),
        ) from None


def pick_label(attributes: dict[str, Any]) -> str | None:
    """Find the class name in a region's free-form attributes.

    A single attribute is the label whatever its name; otherwise the first of
    ``LABEL_KEYS`` that is present. A checkbox-style value ``{"shoes": true}``
    gives its first true key.

    >>> pick_label({"class": "shoes", "color": "red"}), pick_label({"x": {"a": True}})
    ('shoes', 'a')
    """
    if len(attributes) == 1:
        value = next(iter(attributes.values()))
    else:
        keys = [k for k in LABEL_KEYS if k in attributes]
        if not keys:
            return None
        value = attributes[keys[0]]
    if isinstance(value, dict):
        value = next((k for k, v in value.items() if v), None)
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, str) and value.strip():
        return value
    return None
