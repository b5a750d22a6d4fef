"""Achievable: targets a reader cannot believe (130 %, 6 on a 5-point scale, a past deadline ...)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache

from goalcheck.models import GoalParts, Quantity

Hit = tuple[int, int, str]


def _hit(q: Quantity) -> Hit:
    return q.span.start, q.span.end, q.span.text


def percent_over_100(parts: GoalParts) -> Iterator[Hit]:
    """A share or rate cannot exceed 100 %; a change ("by 200%") can."""
    for m in parts.metrics:
        for q in (m.target, m.baseline):
            if q is not None and q.kind == "percent" and q.value > 100 and not (q is m.target and m.change):
                yield _hit(q)


def beyond_scale(parts: GoalParts) -> Iterator[Hit]:
    """A score cannot exceed the scale it is measured on."""
    for m in parts.metrics:
        if m.scale is None:
            continue
        for q in (m.target, m.baseline):
            if q is not None and q.kind in {"count", "score"} and not m.change and (
                q.value > m.scale.high or q.value < m.scale.low
            ):
                yield _hit(q)


def direction_contradiction(parts: GoalParts) -> Iterator[Hit]:
    """"Reduce churn from 5% to 8%": the target moves against the goal's own verb."""
    for m in parts.metrics:
        if m.target is None or m.baseline is None or m.change or not _comparable(m.target, m.baseline):
            continue
        up = m.target.value > m.baseline.value
        down = m.target.value < m.baseline.value
        if (m.direction == "increase" and down) or (m.direction == "decrease" and up):
            yield _hit(m.target)


def deadline_past(parts: GoalParts) -> Iterator[Hit]:
    """A deadline that has passed by the reference date cannot be planned for."""
    if parts.deadline is not None and parts.deadline.end < parts.reference_date:
        yield parts.deadline.span.start, parts.deadline.span.end, parts.deadline.text


@lru_cache(maxsize=1)
def _units():  # noqa: ANN202 - pint.UnitRegistry, created once and lazily (~0.3 s)
    import pint

    return pint.UnitRegistry()


@lru_cache(maxsize=256)
def dimensionality(unit: str) -> str:
    """Return a unit's dimension: a currency code, "percent", or pint's dimensionality ("[time]")."""
    if unit.isupper() and len(unit) == 3:
        return f"currency:{unit}"
    if unit in {"percent", "times"}:
        return "dimensionless"
    try:
        return str(_units().parse_units(unit).dimensionality)
    except Exception:  # noqa: BLE001 - pint raises many types for an unknown word; treat as a count
        return "dimensionless"


def _comparable(a: Quantity, b: Quantity) -> bool:
    return not (a.unit and b.unit) or dimensionality(a.unit) == dimensionality(b.unit)


def unit_mismatch(parts: GoalParts) -> Iterator[Hit]:
    """Baseline and target in incompatible units ("from 3 hours to 40%") cannot be compared."""
    for m in parts.metrics:
        if m.target is None or m.baseline is None or not m.target.unit or not m.baseline.unit:
            continue
        if not _comparable(m.target, m.baseline):
            yield _hit(m.target)


CHECKS: dict[str, Callable[[GoalParts], Iterator[Hit]]] = {
    "percent-over-100": percent_over_100,
    "beyond-scale": beyond_scale,
    "direction-contradiction": direction_contradiction,
    "deadline-past": deadline_past,
    "unit-mismatch": unit_mismatch,
}
