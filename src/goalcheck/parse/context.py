"""Read a document's context from Markdown front matter or a goal file's header.

Recognized keys (hyphens or underscores): `plan_year`, `reference_date`, `fiscal_year_start` (a month
number or name), `role` (the default role of every goal), `review` / `review_timeline` (a review
timeline shared by every goal) and `goalcheck: {ignore: [...]}` (rules not to report in this file).
Other front-matter keys (title, author ...) belong to other tools and are left alone.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from goalcheck.errors import InputError

from .models import DocContext

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
LineOf = Callable[[str], int | None]


def normalize_key(key: object) -> str:
    """Return a front-matter key in snake case ("fiscal-year-start" -> "fiscal_year_start")."""
    return str(key).strip().lower().replace("-", "_").replace(" ", "_")


def month_number(value: object) -> int:
    """Return a month 1-12 from a number or a month name; raise ValueError otherwise."""
    if isinstance(value, bool):
        raise ValueError("expected a month number 1-12 or a month name")
    if isinstance(value, int) and 1 <= value <= 12:
        return value
    if isinstance(value, str):
        text = value.strip().lower()
        if text.isdigit() and 1 <= int(text) <= 12:
            return int(text)
        if text in _MONTHS:
            return _MONTHS[text]
    raise ValueError(f"expected a month number 1-12 or a month name, got {value!r}")


def to_date(value: object) -> dt.date:
    """Return a date from a YAML date or an ISO string; raise ValueError otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}")


def to_year(value: object) -> int:
    """Return a plan year such as 2025 (also "FY2025"); raise ValueError otherwise."""
    text = str(value).strip().upper().removeprefix("FY")
    if text.isdigit() and 1900 <= int(text) <= 2200:
        return int(text)
    raise ValueError(f"expected a year such as 2025, got {value!r}")


def _ignore_list(value: object) -> tuple[str, ...]:
    if isinstance(value, Mapping):
        value = value.get("ignore", ())
    if isinstance(value, str):
        return tuple(v for v in value.replace(",", " ").split() if v)
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ValueError("expected goalcheck: {ignore: [CODE, ...]}")


def _has_review(value: object) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | tuple | Mapping):
        return bool(value)
    raise ValueError("expected a text or a list of review steps")


_READERS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "plan_year": ("plan_year", to_year),
    "reference_date": ("reference_date", to_date),
    "fiscal_year_start": ("fiscal_year_start", month_number),
    "role": ("role", lambda v: str(v).strip() or None),
    "review": ("review", _has_review),
    "review_timeline": ("review", _has_review),
    "goalcheck": ("ignore", _ignore_list),
}


def read_context(data: Mapping[Any, Any], path: str, line_of: LineOf) -> DocContext:
    """Return the DocContext of a front-matter or header mapping; a bad value is an InputError at its line."""
    values: dict[str, Any] = {}
    for key, value in data.items():
        name = normalize_key(key)
        if name not in _READERS or value is None:
            continue
        field, reader = _READERS[name]
        try:
            values[field] = reader(value)
        except ValueError as exc:
            raise InputError(path, line_of(str(key)), f"{key}: {exc}") from exc
    return DocContext(**values)
