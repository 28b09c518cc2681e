"""Structured errors that carry a field path, the offending value and a stable code."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

MAX_VALUE_CHARS = 200

ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass(frozen=True)
class Problem:
    """One problem in an input: where it is, what is wrong and with which value."""

    path: str
    message: str
    code: str = "invalid"
    value: Any = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def __str__(self) -> str:
        where = self.path or "(root)"
        if self.value is None:
            return f"{where}: {self.message}"
        return f"{where}: {self.message} (got {short_repr(self.value)})"


class ShopboxError(Exception):
    """An input or request that shopbox rejects, with every problem found."""

    def __init__(self, code: str, message: str, problems: Iterable[Problem] = ()):
        self.code = code
        self.message = message
        self.problems = list(problems)
        super().__init__(self.summary())

    def summary(self, limit: int = 5) -> str:
        lines = [self.message]
        lines += [f"  {p}" for p in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(f"  ... and {len(self.problems) - limit} more")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message,
            "problems": [p.to_dict() for p in self.problems],
        }


def format_path(loc: Iterable[str | int], prefix: str = "") -> str:
    """Join a pydantic location into a field path such as ``images[0].boxes[3].bbox``.

    >>> format_path(("images", 0, "boxes", 3, "bbox"))
    'images[0].boxes[3].bbox'
    """
    path = prefix
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif path:
            path += f".{part}"
        else:
            path = str(part)
    return path


def problems_from_validation(exc: ValidationError, prefix: str = "") -> list[Problem]:
    """Convert a pydantic ValidationError into problems with field paths."""
    problems = []
    for error in exc.errors(include_url=False):
        # Tagged unions and function validators add their own names to the
        # location; they are not fields a user can find in the file.
        loc = [p for p in error["loc"] if not _is_internal_loc(p)]
        value = error.get("input")
        problems.append(
            Problem(
                path=format_path(loc, prefix),
                message=error["msg"],
                code=error["type"],
                value=_plain(value),
            )
        )
    return problems


def validate_model(
    model: type[ModelT], data: object, code: str, message: str, path: str = ""
) -> ModelT:
    """Validate data as a pydantic model, raising ShopboxError with field paths.

    Args:
        model: The pydantic model class.
        data: The decoded JSON value.
        code: The ShopboxError code, such as ``invalid-taxonomy``.
        message: The ShopboxError message.
        path: Prefix for the problems' field paths.
    """
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ShopboxError(code, message, problems_from_validation(exc, path)) from None


def _is_internal_loc(part: str | int) -> bool:
    return isinstance(part, str) and (
        part.startswith("function-") or part in {"tuple", "list"}
    )


def _plain(value: Any) -> Any:
    """Keep a JSON-friendly, size-limited copy of an offending value."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return value if len(value) <= MAX_VALUE_CHARS else value[:MAX_VALUE_CHARS] + "…"
    return short_repr(value)


def short_repr(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= MAX_VALUE_CHARS else text[:MAX_VALUE_CHARS] + "…"
