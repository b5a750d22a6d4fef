"""Write a goal's new text in its document's syntax: as it is, escaped, or quoted.

Each function yields candidates, most faithful first; the caller keeps the first that parses back to
exactly the new goal (`documents._replace`), so a value that needs quoting in YAML (": " would start a
mapping) gets it, and one that cannot be written safely is not written at all.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!])")


def encode_value(kind: str, text: str, start: int, end: int, new: str) -> Iterator[str]:
    """Yield ways to write `new` in place of text[start:end] in a document of this kind."""
    if kind == "json":
        yield json.dumps(new, ensure_ascii=False)[1:-1]
    elif kind == "yaml":
        yield from _yaml(text, start, new)
    elif kind == "markdown":
        yield new
        yield _MARKDOWN_SPECIAL.sub(r"\\\1", new)
    else:
        yield new


def _yaml(text: str, start: int, new: str) -> Iterator[str]:
    quote = text[start - 1] if start > 0 else ""
    if quote == '"':
        yield json.dumps(new, ensure_ascii=False)[1:-1]
    elif quote == "'":
        yield new.replace("'", "''")
    else:
        yield new
        yield json.dumps(new, ensure_ascii=False)  # a plain scalar that needs quotes: ": " or " #" inside
