"""The labeling rules engine: findings about boxes and images, from boxes alone.

Each rule family is one module (``boxes``, ``apparel``, ``labels``, ``image``)
that registers its checks under stable finding codes.
"""

from .engine import check_image, check_image_id, check_project, count_by_severity
from .finding import Finding, Severity
from .registry import RULES
from .settings import RuleSettings, load_settings, with_settings

__all__ = [
    "RULES",
    "Finding",
    "RuleSettings",
    "Severity",
    "check_image",
    "check_image_id",
    "check_project",
    "count_by_severity",
    "load_settings",
    "with_settings",
]
