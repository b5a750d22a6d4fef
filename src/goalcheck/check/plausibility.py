"""Achievable: targets a reader cannot believe (130 %, 6 on a 5-point scale, a past deadline ...).

Each check returns its hits as a list, not as a generator: most goals have none, and a generator costs
more to make and run than the list (a few checks a goal).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from goalcheck.extract.units import dimensionality, factor
from goalcheck.models import GoalParts, Quantity

Hit = tuple[int, int, str]


def _hit(q: Quantity) -> Hit:
    span = q.span  # one read: a model's field read goes through pydantic's `__getattr__` hook (check.kinds)
    return span.start, span.end, span.text


# A percentage of a plan can exceed 100 ("110% of quota"), and so can growth-type ratios ("net revenue
# retention of 115%"); a share of a population or a rate ("130% of calls", "a 130% win rate") cannot.
_OF_A_PLAN = re.compile(
    r"^\s*of\s+(?:the\s+|our\s+|my\s+|their\s+)?(?:\w+\s+){0,3}?(?:quota|plan|target|goal|budget|forecast|"
    r"last\s+year|prior\s+year|baseline)s?\b"
)
_UNBOUNDED = re.compile(r"\b(?:revenue\s+retention|nrr|attainment|growth|index|roi|return\s+on)\b")


def percent_over_100(parts: GoalParts) -> list[Hit]:
    """Flag a share or rate over 100 %; a change ("by 200%") or a share of a plan ("110% of quota") may exceed it."""
    hits = []
    for m in parts.metrics:
        target = m.target
        for q in (target, m.baseline):
            if q is None or q.kind != "percent" or q.value <= 100 or (q is target and m.change):
                continue
            text, span = parts.text, q.span
            before = f"{m.name} {text[max(0, span.start - 50) : span.start]}".lower()
            if _UNBOUNDED.search(before):
                continue
            if not _OF_A_PLAN.match(text[span.end : span.end + 60].lower()):
                hits.append(_hit(q))
    return hits


def beyond_scale(parts: GoalParts) -> list[Hit]:
    """Flag a score outside the scale it is measured on."""
    hits = []
    for m in parts.metrics:
        scale = m.scale
        if scale is None:
            continue
        for q in (m.target, m.baseline):
            if (
                q is not None
                and q.kind in {"count", "score"}
                and not m.change
                and (q.value > scale.high or q.value < scale.low)
            ):
                hits.append(_hit(q))
    return hits


def direction_contradiction(parts: GoalParts) -> list[Hit]:
    """Flag a target that moves against the goal's own verb ("reduce churn from 5% to 8%")."""
    hits = []
    for m in parts.metrics:
        target, baseline = m.target, m.baseline
        if target is None or baseline is None or m.change or not _comparable(target, baseline):
            continue
        value, start = target.value * factor(target.unit, baseline.unit), baseline.value
        direction = m.direction
        if (direction == "increase" and value < start) or (direction == "decrease" and value > start):
            hits.append(_hit(target))
    return hits


def deadline_past(parts: GoalParts) -> list[Hit]:
    """Flag a deadline that has passed by the reference date."""
    deadline = parts.deadline
    if deadline is not None and deadline.end < parts.reference_date:
        span = deadline.span
        return [(span.start, span.end, deadline.text)]
    return []


def _comparable(a: Quantity, b: Quantity) -> bool:
    a_unit, b_unit = a.unit, b.unit
    return not (a_unit and b_unit) or dimensionality(a_unit) == dimensionality(b_unit)


def unit_mismatch(parts: GoalParts) -> list[Hit]:
    """Flag baseline and target in incompatible units ("from 3 hours to 40%")."""
    hits = []
    for m in parts.metrics:
        target, baseline = m.target, m.baseline
        if target is None or baseline is None or not target.unit or not baseline.unit:
            continue
        if not _comparable(target, baseline):
            hits.append(_hit(target))
    return hits


CHECKS: dict[str, Callable[[GoalParts], list[Hit]]] = {
    "percent-over-100": percent_over_100,
    "beyond-scale": beyond_scale,
    "direction-contradiction": direction_contradiction,
    "deadline-past": deadline_past,
    "unit-mismatch": unit_mismatch,
}

# What each check's hits need, as conditions of the goal its parts summarize: each check reads only
# the parts named (a target or baseline quantity; both on one metric; the deadline), so without them it
# cannot fire and is not run. Most goals have no baseline: three checks a goal are skipped.
NEEDS: dict[str, Callable[[Mapping[str, bool]], bool]] = {
    "percent-over-100": lambda c: c["target"] or c["baseline"],
    "beyond-scale": lambda c: c["target"] or c["baseline"],
    "direction-contradiction": lambda c: c["target"] and c["baseline"],
    "deadline-past": lambda c: c["deadline"],
    "unit-mismatch": lambda c: c["target"] and c["baseline"],
}
