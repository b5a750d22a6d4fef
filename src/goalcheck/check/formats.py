"""Format: values written in a form that has one standard, unambiguous spelling.

Each check finds its spans and says what the standard spelling is; `goalcheck check --fix` writes it
(a safe fix: the meaning does not change). "20 pct", "20 per cent" and "20 percent" are "20%"; a date
without its year, such as "by June 30", gets the year the reference date gives it ("June 30, 2025"),
but only when no other year is plausible: the date is ahead of the reference date, within a year, and
the same day a year earlier is long past (written on January 15, "by Jan 10" could mean five days ago,
so it is left alone).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache

from goalcheck.models import DateRange, GoalParts

Hit = tuple[int, int, str]

_PERCENT = re.compile(
    # "3 pct-point" and "3 percent points" are percentage points, not percentages: left alone.
    # The number's first digit comes before the test of the character ahead of it, `(?<![\w.]\d)`, the same
    # as `(?<![\w.])\d`: a pattern that starts with a digit lets `re` skip to the digits of a goal, not try
    # the look-behind at every character (a third of the scan).
    r"(\d(?<![\w.]\d)\d*(?:[.,]\d+)?)(?:\s*(?:pct\b(?:\.(?=\s+[a-z]))?|per\s?cent\b|percent\b)|\s+%)"
    r"(?!-|\s*points?\b)",
    re.IGNORECASE,
)
_SPACED_PERCENT = re.compile(r"\s%")  # `_PERCENT`'s "20 %": a "%" right after a space
_MONTH = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b|'\d\d\b|\bfy", re.IGNORECASE)
# How long before the reference date the same day a year earlier must be for the year to be certain.
PAST_MARGIN_DAYS = 60


def nonstandard_percent(parts: GoalParts) -> list[Hit]:
    """Flag a percentage written as a word or with a space ("20 pct", "20 per cent", "20 %")."""
    # Every match ends in "pct", "per cent", "percent" (so holds "pct" or "cent" in some case) or in a "%" right
    # after a space (`\s+%`); most goals have none of these, even those that write "20%" or "per week", and the
    # tests cost a tenth of the scan. A list, not a generator: cheaper for the goals that stop here.
    text = parts.text
    low = text.lower()
    if "pct" not in low and "cent" not in low and ("%" not in low or not _SPACED_PERCENT.search(text)):
        return []
    return [(m.start(), m.end(), m.group()) for m in _PERCENT.finditer(text)]


def _dates(parts: GoalParts) -> list[DateRange]:
    # Each field read once: a read goes through pydantic's `__getattr__` hook (check.kinds).
    deadline, milestones = parts.deadline, parts.milestones
    found = [deadline] if deadline is not None else []
    if not milestones:  # most goals: the deadline at most
        return found
    found += [m.due for m in milestones]
    seen: set[tuple[int, int]] = set()
    out = []
    for d in found:
        key = (d.span.start, d.span.end)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return sorted(out, key=lambda d: d.span.start)


def year_is_certain(end: dt.date, reference: dt.date) -> bool:
    """Tell whether a year-less date resolved to `end` could mean no other year."""
    if not reference < end <= reference + dt.timedelta(days=366):
        return False
    try:
        year_before = end.replace(year=end.year - 1)
    except ValueError:  # February 29
        return False
    return (reference - year_before).days > PAST_MARGIN_DAYS


def year_less_date(parts: GoalParts) -> list[Hit]:
    """Flag a calendar date without its year ("by June 30") when the reference date makes the year certain."""
    hits = []  # a list, not a generator: cheaper, and most goals have one date at most
    for d in _dates(parts):
        span = d.span
        text = span.text
        if d.grain in {"day", "month"} and _month_without_year(text) and year_is_certain(d.end, parts.reference_date):
            hits.append((span.start, span.end, text))
    return hits


@lru_cache(maxsize=4096)
def _month_without_year(text: str) -> bool:
    """Tell whether a date phrase names a month but no year ("by June 30"); goals repeat their date phrases."""
    return bool(_MONTH.search(text)) and not _YEAR.search(text)


def _percent_fix(parts: GoalParts, start: int, end: int) -> str | None:
    m = _PERCENT.match(parts.text, start)
    return f"{m.group(1)}%" if m and m.end() == end else None


def _date_fix(parts: GoalParts, start: int, end: int) -> str | None:
    for d in _dates(parts):
        if (d.span.start, d.span.end) == (start, end):
            text = d.span.text.rstrip(".,")
            suffix = d.span.text[len(text) :]
            sep = ", " if text[-1:].isdigit() or text.lower()[-2:] in {"st", "nd", "rd", "th"} else " "
            return f"{text}{sep}{d.end.year}{suffix}"
    return None


CHECKS: dict[str, Callable[[GoalParts], list[Hit]]] = {
    "nonstandard-percent": nonstandard_percent,
    "year-less-date": year_less_date,
}
FIXES: dict[str, Callable[[GoalParts, int, int], str | None]] = {
    "nonstandard-percent": _percent_fix,
    "year-less-date": _date_fix,
}


def replacement(check: str, parts: GoalParts, start: int, end: int) -> str | None:
    """Return the standard spelling of the span a format check flagged, or None if it has none."""
    fix = FIXES.get(check)
    return fix(parts, start, end) if fix else None
