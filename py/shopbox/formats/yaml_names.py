"""Write and read the small part of YAML that a YOLO ``data.yaml`` needs.

py/shopbox must not depend on PyYAML, and ``data.yaml`` only carries a few
scalar keys plus the class ``names``, as a block list, a flow list or an
index mapping. Anything else in the file is ignored.
"""

from __future__ import annotations

import json
import re

_DOUBLE_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')
_FLOW_ITEM = re.compile(r"""\s*("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^,\]]*)\s*(,|$)""")


# YAML reads these as line breaks even inside a quoted scalar.
_YAML_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def quote(text: str) -> str:
    """Quote a string as a YAML double-quoted scalar.

    A JSON string is a valid YAML double-quoted scalar once YAML's extra line
    break characters are escaped too.

    >>> quote('Shoes, "heels"')
    '"Shoes, \\\\"heels\\\\""'
    """
    quoted = json.dumps(text, ensure_ascii=False)
    for char, escape in _YAML_BREAKS.items():
        quoted = quoted.replace(char, escape)
    return quoted


def scalar(text: str) -> str:
    """Read a plain, single-quoted or double-quoted YAML scalar.

    >>> scalar("'it''s'"), scalar('"a\\\\u00e9"'), scalar("shoes  # note")
    ("it's", 'aé', 'shoes')
    """
    text = text.strip()
    if text.startswith('"'):
        match = _DOUBLE_QUOTED.match(text)
        if match is None:
            raise ValueError(f"unterminated double-quoted string {text!r}")
        # Only the escapes that YAML shares with JSON are read. A YAML-only
        # escape such as \x41 raises ValueError.
        return json.loads(match.group(0))
    if text.startswith("'"):
        if len(text) < 2 or not text.endswith("'"):
            raise ValueError("unterminated single-quoted string")
        return text[1:-1].replace("''", "'")
    return re.sub(r"\s+#.*$", "", text).strip()


def parse_names(text: str) -> list[str] | None:
    """Return the class names of a ``data.yaml`` text, or None if it has none.

    Raises:
        ValueError: when ``names`` is present but cannot be read.
    """
    lines = text.splitlines()
    for i, line in enumerate(lines):
        match = re.match(r"^names\s*:\s*(.*)$", line)
        if match is None:
            continue
        rest = re.sub(r"\s+#.*$", "", match.group(1)).strip()
        if rest.startswith("["):
            return _flow_list(rest)
        if rest:
            raise ValueError(f"names must be a list or a mapping, got {rest!r}")
        return _block(lines[i + 1 :])
    return None


def _flow_list(text: str) -> list[str]:
    if not text.endswith("]"):
        raise ValueError("a flow list must fit on the names line and end with ]")
    inner = text[1:-1].strip()
    names = []
    position = 0
    while position < len(inner):
        match = _FLOW_ITEM.match(inner, position)
        if match is None or match.end() == position:
            raise ValueError(f"cannot read the names list at {inner[position:]!r}")
        names.append(scalar(match.group(1)))
        position = match.end()
    return names


def _block(lines: list[str]) -> list[str]:
    items: list[str] = []
    indexed: dict[int, str] = {}
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            break
        body = line.strip()
        if body.startswith("- ") or body == "-":
            items.append(scalar(body[1:]))
            continue
        match = re.match(r"^(\d+)\s*:\s*(.*)$", body)
        if match is None:
            raise ValueError(f"cannot read the names entry {body!r}")
        indexed[int(match.group(1))] = scalar(match.group(2))
    if items and indexed:
        raise ValueError("names mixes list items and index keys")
    if indexed:
        if sorted(indexed) != list(range(len(indexed))):
            raise ValueError("names indexes must run 0, 1, 2, ... without gaps")
        return [indexed[k] for k in range(len(indexed))]
    return items
