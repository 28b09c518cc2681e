"""The rule registry and the per-image context that every rule reads."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .finding import Finding, Severity
from .rects import Overlap, Rect, overlaps
from .settings import RuleConfig, RuleSettings

if TYPE_CHECKING:
    from ..models import ImageRecord
    from ..taxonomy import Taxonomy


@dataclass
class ImageContext:
    """One image prepared for the rules: boxes as rects, grouped by category."""

    image: ImageRecord
    taxonomy: Taxonomy
    settings: RuleSettings
    rects: list[Rect] = field(init=False)
    by_category: dict[int | None, list[Rect]] = field(init=False)
    _overlaps: dict[int, list[Overlap]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.rects = [Rect.of(box) for box in self.image.boxes]
        self.by_category = defaultdict(list)
        for rect in self.rects:
            self.by_category[rect.box.category_id].append(rect)

    def category_id(self, name: str) -> int | None:
        """Return the id of a category by name, or None if the taxonomy lacks it."""
        category = self.taxonomy.by_name(name)
        return category.id if category else None

    def named(self, name: str) -> list[Rect]:
        """Return the rects of the boxes in the named category."""
        category_id = self.category_id(name)
        return self.by_category.get(category_id, []) if category_id else []

    def overlaps(self, category_id: int | None) -> list[Overlap]:
        """Return the overlapping pairs within one category, computed once.

        Unlabeled boxes (``None``) have no category and so no pairs.
        """
        if category_id is None:
            return []
        if category_id not in self._overlaps:
            rects = self.by_category.get(category_id, [])
            self._overlaps[category_id] = overlaps(rects)
        return self._overlaps[category_id]

    def category_name(self, category_id: int | None) -> str:
        category = self.taxonomy.by_id(category_id) if category_id else None
        return category.name if category else "unlabeled"


Check = Callable[[ImageContext, RuleConfig], Iterable[tuple[tuple[int, ...], str]]]


@dataclass(frozen=True)
class Rule:
    """A registered rule: its code, defaults, guide rule and check function.

    The check yields ``(box_ids, message)`` pairs; the engine turns them into
    findings with the severity that the settings choose.
    """

    code: str
    severity: Severity
    guide_rule: int | None
    check: Check

    def findings(self, context: ImageContext) -> list[Finding]:
        config = context.settings.config(self.code)
        if not config.enabled:
            return []
        severity = config.severity or self.severity
        return [
            Finding(
                code=self.code,
                severity=severity,
                image_id=context.image.id,
                box_ids=box_ids,
                message=message,
                rule=self.guide_rule,
            )
            for box_ids, message in self.check(context, config)
        ]


RULES: dict[str, Rule] = {}


def rule(code: str, severity: Severity, guide_rule: int | None):
    """Register a check function under a finding code."""

    def register(check: Check) -> Check:
        if code in RULES:
            raise ValueError(f"rule code {code!r} is registered twice")
        RULES[code] = Rule(code, severity, guide_rule, check)
        return check

    return register


def pixels(value: float) -> str:
    """Format a pixel value without trailing zeros, such as ``12`` or ``3.5``."""
    return f"{value:.1f}".removesuffix(".0")
