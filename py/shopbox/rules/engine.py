"""Run the registered rules over one image or a whole project."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ..errors import ShopboxError
from . import apparel, boxes, image, labels  # noqa: F401  (they register rules)
from .finding import Finding
from .registry import RULES, ImageContext
from .settings import RuleSettings

if TYPE_CHECKING:
    from ..models import ImageRecord, Project

log = logging.getLogger(__name__)


def check_image(
    image_record: ImageRecord,
    project: Project,
    settings: RuleSettings | None = None,
) -> list[Finding]:
    """Check one image's boxes and status against the labeling guide.

    Args:
        image_record: The image to check; it need not be in ``project`` yet.
        project: Supplies the taxonomy and, unless given, the settings.
        settings: Rule settings that replace ``project.rules``.

    Returns:
        The findings in rule order, each with its severity after overrides.
    """
    context = ImageContext(image_record, project.taxonomy, settings or project.rules)
    findings: list[Finding] = []
    for rule in RULES.values():
        findings.extend(rule.findings(context))
    log.debug("image %s: %d findings", image_record.id, len(findings))
    return findings


def check_project(
    project: Project, settings: RuleSettings | None = None
) -> list[Finding]:
    """Check every image of a project, in image order."""
    findings: list[Finding] = []
    for record in project.images:
        findings.extend(check_image(record, project, settings))
    return findings


def check_image_id(
    project: Project, image_id: int, settings: RuleSettings | None = None
) -> list[Finding]:
    """Check the image with this id, raising ShopboxError if there is none."""
    record = project.image(image_id)
    if record is None:
        raise ShopboxError(
            "unknown-image",
            f"The project has no image with id {image_id}; pass the id of one of "
            f"its {len(project.images)} images.",
        )
    return check_image(record, project, settings)


def count_by_severity(findings: list[Finding]) -> dict[str, int]:
    """Count findings per severity, always with both keys."""
    counts = {"error": 0, "warning": 0}
    for finding in findings:
        counts[finding.severity] += 1
    return counts
