"""Find which column holds the goal text, and the optional id, owner, team, manager and role columns.

Explicit names always win. Otherwise a column is chosen only when the choice is obvious: a header
such as "Goal" or "Objective", a single header mentioning a goal, or one column whose values are
clearly longer prose than every other's. When it is not obvious the error lists the columns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from goalcheck.batch.rows import Record
from goalcheck.errors import InputError

TEXT_NAMES = (
    "goal",
    "goal text",
    "goal statement",
    "goal description",
    "smart goal",
    "objective",
    "objective text",
    "goal objective",
    "development goal",
    "coaching goal",
    "text",
    "description",
    "statement",
)
_GOAL_WORDS = {"goal", "goals", "objective", "objectives"}
_NOT_TEXT_WORDS = {
    "id",
    "no",
    "number",
    "owner",
    "status",
    "date",
    "due",
    "weight",
    "type",
    "category",
    "score",
    "count",
    "progress",
    "code",
    "key",
    "rating",
    "year",
    "period",
}
OPTIONAL_NAMES: dict[str, tuple[str, ...]] = {
    "id": ("id", "goal id", "goalid", "record id", "row id", "objective id"),
    "owner": ("owner", "goal owner", "employee", "employee name", "employee id", "person", "assignee"),
    "team": ("team", "team name", "department", "dept", "business unit", "unit", "division", "group"),
    "manager": ("manager", "manager name", "line manager", "supervisor", "reports to", "coach"),
    "role": ("role", "job role", "job title", "position", "job"),
}
MIN_PROSE_CHARS = 25  # mean length a column's values need before content alone can mark it as the goal text


@dataclass(frozen=True)
class Columns:
    """The columns batch scoring reads: goal text, and the optional grouping columns."""

    text: str
    id: str | None = None
    owner: str | None = None
    team: str | None = None
    manager: str | None = None
    role: str | None = None

    def grouping(self) -> dict[str, str]:
        """Return the summary groupings present, e.g. {"team": "Department"}."""
        return {k: v for k in ("team", "manager", "role") if (v := getattr(self, k)) is not None}


def normalize_name(name: str) -> str:
    """Return a header as compared: lower case, separators as single spaces."""
    return " ".join(re.sub(r"[_\-./:#]+", " ", name.casefold()).split())


def detect_columns(
    columns: Sequence[str],
    sample: Iterable[Record],
    *,
    text: str | None = None,
    source: str | None = None,
    **explicit: str | None,
) -> Columns:
    """Resolve every column: the explicit ones must exist, the others are detected when obvious."""
    for name in (text, *explicit.values()):
        if name is not None and name not in columns:
            raise InputError(source, None, f"no column {name!r} (columns: {_listing(columns)})")
    chosen_text = text or _detect_text(columns, list(sample), source)
    found: dict[str, str | None] = {}
    for key in OPTIONAL_NAMES:
        found[key] = explicit.get(key) or _by_name(columns, OPTIONAL_NAMES[key], exclude=chosen_text)
    return Columns(text=chosen_text, **found)


def _detect_text(columns: Sequence[str], sample: list[Record], source: str | None) -> str:
    by_name = _by_name(columns, TEXT_NAMES, exclude=None)
    if by_name is not None:
        return by_name
    words = {c: set(normalize_name(c).split()) for c in columns}
    goalish = [c for c in columns if words[c] & _GOAL_WORDS and not words[c] & _NOT_TEXT_WORDS]
    if len(goalish) == 1:
        return goalish[0]
    lengths = sorted(((_mean_length(c, sample), c) for c in columns), reverse=True)
    clear = len(lengths) == 1 or (len(lengths) > 1 and lengths[0][0] >= 2 * lengths[1][0])
    if lengths and lengths[0][0] >= MIN_PROSE_CHARS and clear:
        return lengths[0][1]
    raise InputError(
        source, None, f"cannot tell which column holds the goal text; pass --text-column (columns: {_listing(columns)})"
    )


def _by_name(columns: Sequence[str], names: Sequence[str], exclude: str | None) -> str | None:
    normalized = {normalize_name(c): c for c in reversed(columns) if c != exclude}
    return next((normalized[n] for n in names if n in normalized), None)


def _mean_length(column: str, sample: Sequence[Record]) -> float:
    values = [v for r in sample if isinstance(v := r.values.get(column), str) and v.strip()]
    return sum(len(v) for v in values) / len(values) if values else 0.0


def _listing(columns: Sequence[str]) -> str:
    shown = ", ".join(repr(c) for c in columns[:30])
    return shown + (f", ... ({len(columns)} in all)" if len(columns) > 30 else "")
