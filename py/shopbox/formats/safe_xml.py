"""XML parsing that rejects DOCTYPE and entity declarations.

Pascal VOC and CVAT files never need a DTD, so refusing one outright closes
entity-expansion attacks (billion laughs, external entities) without
depending on the expat version.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from xml.parsers import expat

from ..errors import Problem, ShopboxError


class _Forbidden(Exception):
    pass


def parse_xml(content: bytes, what: str) -> ET.Element:
    """Parse XML bytes into an Element tree, raising ShopboxError on any failure."""
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate()

    def forbid(*_args: object) -> None:
        raise _Forbidden

    parser.StartDoctypeDeclHandler = forbid
    parser.EntityDeclHandler = forbid
    parser.ExternalEntityRefHandler = forbid
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(content, True)
        return builder.close()
    except _Forbidden:
        raise ShopboxError(
            "invalid-xml",
            f"The {what} declares a DOCTYPE or entities, which shopbox does not "
            "read; remove the declaration.",
            [Problem("", "DOCTYPE or ENTITY declaration", "xml-doctype")],
        ) from None
    except expat.ExpatError as exc:
        raise ShopboxError(
            "invalid-xml",
            f"The {what} is not well-formed XML.",
            [Problem("", f"{expat.ErrorString(exc.code)} at line {exc.lineno}")],
        ) from None
    except LookupError as exc:
        # The XML declaration names an encoding that Python does not know.
        raise ShopboxError(
            "invalid-xml",
            f"The {what} declares an unknown text encoding.",
            [Problem("", str(exc), "unknown-encoding")],
        ) from None
    except (AssertionError, IndexError):
        # TreeBuilder raises these on an unbalanced tree, which expat reports
        # first in practice.
        raise ShopboxError(
            "invalid-xml", f"The {what} is not well-formed XML."
        ) from None


def child_text(element: ET.Element, tag: str) -> str | None:
    """Return the stripped text of the first child ``tag``, or None if absent."""
    node = element.find(tag)
    if node is None or node.text is None:
        return None
    return node.text.strip()


def float_or_none(text: str | None) -> float | None:
    """Read a coordinate from XML text; None unless it is a finite number <= 1e7.

    >>> float_or_none(" 12.5 "), float_or_none("1e999"), float_or_none("x")
    (12.5, None, None)
    """
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) and abs(value) <= 1e7 else None


def int_or_none(text: str | None) -> int | None:
    """Read a whole number from XML text, or None."""
    if text is None:
        return None
    try:
        return int(text)
    except ValueError:
        return None


def int_or_text(text: str | None) -> int | str | None:
    """Read a whole number, keeping the text when it is not one, for messages."""
    value = int_or_none(text)
    return text if value is None else value
