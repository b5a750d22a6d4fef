"""Build the words a rule's message and suggestions are filled with, from the goal and the packs.

Example values (a skill, a metric, an activity, a role) come from the packs whose field the goal names,
or from the general packs when it names none (goalcheck.rulebook.domains): "Get fit." is not told to
add "monthly role-play sessions on clinical objections".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from goalcheck.models import GoalParts, Metric
from goalcheck.rulebook import RuleBook
from goalcheck.rulebook.spec import SuggestSpec

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
    metrics = parts.metrics  # one read: a model's field read goes through pydantic's `__getattr__` hook
    for m in metrics:
        if m.target:
            return m
    return metrics[0] if metrics else None


def suggestions(parts: GoalParts, book: RuleBook) -> SuggestSpec:
    """Return the pack suggestions that fit a goal: its field's, or the general packs'."""
    priorities = parts.priorities  # most goals name none: no list comprehension (a call in Python 3.11)
    return book.suggestions_for(parts.text, [p.id for p in priorities if p.configured] if priorities else ())


def _skill(parts: GoalParts, book: RuleBook, suggest: SuggestSpec) -> str:
    priorities = parts.priorities  # most goals name none: no generator to make
    priority = next((p for p in priorities if p.configured), None) if priorities else None
    skills: tuple[str, ...] = ()
    if priority is not None:
        skills = next((p.skills for p in book.priorities if p.id == priority.id), ())
    skills = skills or suggest.skills
    return " or ".join(skills[:2]) if skills else "the specific skill"


def _metric_example(suggest: SuggestSpec) -> str:
    ex = suggest.metrics[0] if suggest.metrics else None
    if ex is None:
        return "a metric"
    detail = ex.scale or ex.unit
    return f"{ex.name} ({detail})" if detail else ex.name


def _mid_sentence(name: str) -> str:
    """Lower-case a title's first letter to quote it mid-sentence ("Expanding market access"), not an acronym."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


_Compute = Callable[[GoalParts, RuleBook, int], str]
FIELDS: dict[str, _Compute] = {
    "goal": lambda p, b, f: p.text if len(p.text) <= 60 else p.text[:57] + "...",
    "metric": lambda p, b, f: m.name if (m := _primary(p)) else "",
    "target": lambda p, b, f: q.span.text if (m := _primary(p)) and (q := m.target) else "",
    "baseline": lambda p, b, f: q.span.text if (m := _primary(p)) and (q := m.baseline) else "",
    "unit": lambda p, b, f: (m.unit or "") if (m := _primary(p)) else "",
    "scale": lambda p, b, f: s.span.text if (m := _primary(p)) and (s := m.scale) else "",
    "deadline": lambda p, b, f: d.text if (d := p.deadline) else "",
    "reference": lambda p, b, f: p.reference_date.isoformat(),
    "object": lambda p, b, f: goal_object(p) or "the skill",
    "next_quarter": lambda p, b, f: next_quarter_label(p, f),
}
# Values from the pack suggestions that fit the goal (worked out once a goal, on first use).
SUGGEST_FIELDS: dict[str, Callable[[GoalParts, RuleBook, SuggestSpec], str]] = {
    "skill": _skill,
    "metric_example": lambda p, b, s: _metric_example(s),
    "activity": lambda p, b, s: s.activities[0] if s.activities else "a practice activity",
    "role_example": lambda p, b, s: " or ".join(s.roles[:2]) if s.roles else "the role",
}
# Values that depend on the packs alone: a Checker computes them once, not once a goal.
BOOK_FIELDS: dict[str, Callable[[RuleBook], str]] = {
    "priority_example": lambda b: ", ".join(x.name for x in b.priorities[:3]) or "none",
    "priority_name": lambda b: _mid_sentence(b.priorities[0].name) if b.priorities else "a business outcome",
}


def book_values(book: RuleBook) -> dict[str, str]:
    """Return the placeholder values that depend on the packs alone."""
    return {key: compute(book) for key, compute in BOOK_FIELDS.items()}


# FIELDS that read nothing of a goal but its reference date: a Checker works them out once a date (date_values).
DATE_FIELDS: tuple[str, ...] = ("reference", "next_quarter")


def date_values(parts: GoalParts, book: RuleBook, fy_start: int, known: Mapping[str, str]) -> dict[str, str]:
    """Return `known` with the values every goal of `parts`' reference date shares (DATE_FIELDS)."""
    return {**known, **{key: FIELDS[key](parts, book, fy_start) for key in DATE_FIELDS}}


class Placeholders(dict):
    """The values a rule's message and suggestions may use for one goal, each computed on first use.

    Built by `Placeholders.of`. `known` holds values worked out already: the packs' own (`book_values`),
    shared by every goal.
    """

    __slots__ = ("_args", "_suggest")
    _args: tuple[GoalParts, RuleBook, int]
    _suggest: SuggestSpec | None  # the pack suggestions that fit the goal, found on first use

    @classmethod
    def of(
        cls, parts: GoalParts, book: RuleBook, fy_start: int, known: Mapping[str, str] | None = None
    ) -> Placeholders:
        """Return the placeholders of one goal; `known` defaults to the packs' own values (`book_values`)."""
        # dict's own __new__ and update, in C, not a Python __init__ and super(): 3,800 instructions a build against
        # 4,500 (and 5,500 before the slots; callgrind).
        values = dict.__new__(cls)
        values.update(known if known is not None else book_values(book))
        values._args = (parts, book, fy_start)
        values._suggest = None
        return values

    def __missing__(self, key: str) -> str:
        compute = FIELDS.get(key)
        if compute is not None:
            value = compute(*self._args)
        elif key in SUGGEST_FIELDS:
            parts, book, _ = self._args
            if self._suggest is None:
                self._suggest = suggestions(parts, book)
            value = SUGGEST_FIELDS[key](parts, book, self._suggest)
        else:
            value = ""
        self[key] = value
        return value


def fields(parts: GoalParts, book: RuleBook, fy_start: int) -> dict[str, str]:
    """Return every placeholder value a message or suggestion may use."""
    values = Placeholders.of(parts, book, fy_start)
    return {key: values[key] for key in (*FIELDS, *SUGGEST_FIELDS, *BOOK_FIELDS)}
