"""Build the words a rule's message and suggestions are filled with, from the goal and the packs."""

from __future__ import annotations

import re

from goalcheck.models import GoalParts
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


def fields(parts: GoalParts, book: RuleBook, fy_start: int) -> dict[str, str]:
    """Return every placeholder value a message or suggestion may use (missing ones are empty)."""
    metric = next((m for m in parts.metrics if m.target), parts.metrics[0] if parts.metrics else None)
    priority = next((p for p in parts.priorities if p.configured), None)
    skills = ()
    if priority is not None:
        skills = next((p.skills for p in book.priorities if p.id == priority.id), ())
    skills = skills or book.suggest.skills
    metric_ex = book.suggest.metrics[0] if book.suggest.metrics else None
    values: dict[str, str] = {}
    values.update(
        goal=parts.text if len(parts.text) <= 60 else parts.text[:57] + "...",
        metric=metric.name if metric else "",
        target=metric.target.span.text if metric and metric.target else "",
        baseline=metric.baseline.span.text if metric and metric.baseline else "",
        unit=(metric.unit or "") if metric else "",
        scale=metric.scale.span.text if metric and metric.scale else "",
        deadline=parts.deadline.text if parts.deadline else "",
        reference=parts.reference_date.isoformat(),
        object=goal_object(parts) or "the skill",
        skill=" or ".join(skills[:2]) if skills else "the specific skill",
        metric_example=(
            f"{metric_ex.name} ({metric_ex.scale or metric_ex.unit})"
            if metric_ex and (metric_ex.scale or metric_ex.unit)
            else metric_ex.name
            if metric_ex
            else "a metric"
        ),
        activity=book.suggest.activities[0] if book.suggest.activities else "a practice activity with a cadence",
        role_example=" or ".join(book.suggest.roles[:2]) if book.suggest.roles else "the role",
        priority_example=", ".join(p.name for p in book.priorities[:3]) or "the business outcome it serves",
        next_quarter=next_quarter_label(parts, fy_start),
    )
    return values
