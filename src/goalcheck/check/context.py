"""Build the words a rule's message and suggestions are filled with, from the goal and the packs."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from goalcheck.models import GoalParts, Metric
from goalcheck.rulebook import RuleBook

_OBJECT = re.compile(
    r"^\s*((?:(?!(?:by|to|for|in|on|with|through|within|from|and|so|that)\b)[\w'’-]+\s*){1,4})", re.IGNORECASE
)


def goal_object(parts: GoalParts) -> str:
    """Return the words after the goal's first weak verb ("improve selling skills" -> "selling skills")."""
    for term in parts.vague_terms:
        if term.category == "weak-verb":
            m = _OBJECT.match(parts.text[term.span.end :])
            if m:
                return m.group(1).strip().rstrip(".,;")
    return ""


def next_quarter_label(parts: GoalParts, fy_start: int) -> str:
    """Name the first quarter that ends at least a quarter after the reference date ("Q2 2025")."""
    ref = parts.reference_date
    index = (ref.month - fy_start) % 12 // 3 + 1  # fiscal quarter of the reference date
    q = index % 4 + 1
    year = ref.year + (1 if q == 1 and ref.month >= 10 else 0)
    if fy_start == 1:
        return f"Q{q} {year}"
    fy = ref.year + 1 if ref.month >= fy_start else ref.year
    return f"Q{q} FY{(fy + (1 if q == 1 else 0)) % 100:02d}"


def _primary(parts: GoalParts) -> Metric | None:
    return next((m for m in parts.metrics if m.target), parts.metrics[0] if parts.metrics else None)


def _skill(parts: GoalParts, book: RuleBook) -> str:
    priority = next((p for p in parts.priorities if p.configured), None)
    skills: tuple[str, ...] = ()
    if priority is not None:
        skills = next((p.skills for p in book.priorities if p.id == priority.id), ())
    skills = skills or book.suggest.skills
    return " or ".join(skills[:2]) if skills else "the specific skill"


def _metric_example(book: RuleBook) -> str:
    ex = book.suggest.metrics[0] if book.suggest.metrics else None
    if ex is None:
        return "a metric"
    return f"{ex.name} ({ex.scale or ex.unit})" if ex.scale or ex.unit else ex.name


def _mid_sentence(name: str) -> str:
    """Lower-case a title's first letter to quote it mid-sentence ("Expanding market access"), not an acronym."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


_Compute = Callable[[GoalParts, RuleBook, int], str]
FIELDS: dict[str, _Compute] = {
    "goal": lambda p, b, f: p.text if len(p.text) <= 60 else p.text[:57] + "...",
    "metric": lambda p, b, f: m.name if (m := _primary(p)) else "",
    "target": lambda p, b, f: m.target.span.text if (m := _primary(p)) and m.target else "",
    "baseline": lambda p, b, f: m.baseline.span.text if (m := _primary(p)) and m.baseline else "",
    "unit": lambda p, b, f: (m.unit or "") if (m := _primary(p)) else "",
    "scale": lambda p, b, f: m.scale.span.text if (m := _primary(p)) and m.scale else "",
    "deadline": lambda p, b, f: p.deadline.text if p.deadline else "",
    "reference": lambda p, b, f: p.reference_date.isoformat(),
    "object": lambda p, b, f: goal_object(p) or "the skill",
    "skill": lambda p, b, f: _skill(p, b),
    "next_quarter": lambda p, b, f: next_quarter_label(p, f),
}
# Values that depend on the packs alone: a Checker computes them once, not once a goal.
BOOK_FIELDS: dict[str, Callable[[RuleBook], str]] = {
    "metric_example": _metric_example,
    "activity": lambda b: b.suggest.activities[0] if b.suggest.activities else "a practice activity",
    "role_example": lambda b: " or ".join(b.suggest.roles[:2]) if b.suggest.roles else "the role",
    "priority_example": lambda b: ", ".join(x.name for x in b.priorities[:3]) or "none",
    "priority_name": lambda b: _mid_sentence(b.priorities[0].name) if b.priorities else "a business outcome",
}


def book_values(book: RuleBook) -> dict[str, str]:
    """Return the placeholder values that depend on the packs alone."""
    return {key: compute(book) for key, compute in BOOK_FIELDS.items()}


class Placeholders(dict):
    """The values a rule's message and suggestions may use for one goal, each computed on first use.

    `known` holds values worked out already: the packs' own (`book_values`), shared by every goal.
    """

    def __init__(self, parts: GoalParts, book: RuleBook, fy_start: int, known: Mapping[str, str] | None = None) -> None:
        super().__init__(known if known is not None else book_values(book))
        self._args = (parts, book, fy_start)

    def __missing__(self, key: str) -> str:
        compute = FIELDS.get(key)
        value = compute(*self._args) if compute else ""
        self[key] = value
        return value


def fields(parts: GoalParts, book: RuleBook, fy_start: int) -> dict[str, str]:
    """Return every placeholder value a message or suggestion may use."""
    values = Placeholders(parts, book, fy_start)
    return {key: values[key] for key in (*FIELDS, *BOOK_FIELDS)}
