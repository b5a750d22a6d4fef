"""Load YAML with line numbers for goal documents and front matter; syntax errors become InputError."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from goalcheck.errors import InputError


@lru_cache(maxsize=1)
def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


def load_yaml(text: str, path: str, first_line: int = 1) -> Any:
    """Parse YAML text whose first line is line `first_line` of `path`; raise InputError on bad syntax."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        return _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark is not None else None
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        raise InputError(path, line, f"invalid YAML: {problem}") from exc
    except YAMLError as exc:  # e.g. a duplicate key reported without a mark
        raise InputError(path, first_line, f"invalid YAML: {str(exc).splitlines()[0]}") from exc


def key_line(data: Any, key: str, first_line: int = 1) -> int | None:
    """Return the 1-based line of `key` in a ruamel mapping, if known."""
    lc = getattr(data, "lc", None)
    if lc is None:
        return None
    try:
        return first_line + lc.key(key)[0]
    except (KeyError, TypeError):
        return first_line + lc.line
