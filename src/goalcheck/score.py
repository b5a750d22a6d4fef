"""SCORE: rate a goal 0-100 overall and per SMART+ dimension, from its parts and findings."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from goalcheck.models import Dimension, DimensionResult, Facets, Finding, GoalParts, Severity, Status

# How much each dimension counts. Measurable and time-phased carry the most: without a value and a date
# nobody can tell whether a goal was met (seed: "Measurable Impact", "Time-phased Development"). The
# seed's own practical examples name no role and one names no activity, and still read as good goals.
WEIGHTS: dict[Dimension, int] = {
    Dimension.STRATEGIC: 15,
    Dimension.MEASURABLE: 30,
    Dimension.ACTIONABLE: 10,
    Dimension.ROLE: 5,
    Dimension.TIME: 25,
    Dimension.SPECIFIC: 10,
    Dimension.ACHIEVABLE: 5,
}
VAGUE_PENALTY = 30


@lru_cache(maxsize=512)
def _result(score: int) -> DimensionResult:
    # Results are frozen and few distinct: share them instead of validating seven models per goal.
    return DimensionResult(status=_status(score), score=score)


def _status(score: int) -> Status:
    if score == 100:
        return Status.MET
    return Status.PARTIAL if score > 0 else Status.MISSING


def dimension_scores(parts: GoalParts, findings: Sequence[Finding], facets: Facets) -> dict[Dimension, int]:
    """Return the 0-100 score of every dimension."""
    return dict(zip(DIMENSIONS, _scores(parts, findings, facets), strict=True))


# The dimensions in the order `_scores` rates them (the order of every result's `dimensions`).
DIMENSIONS: tuple[Dimension, ...] = (
    Dimension.STRATEGIC,
    Dimension.MEASURABLE,
    Dimension.ACTIONABLE,
    Dimension.ROLE,
    Dimension.TIME,
    Dimension.SPECIFIC,
    Dimension.ACHIEVABLE,
)


# Read once: an enum member read from its class costs a few hundred ns in Python 3.11, once a finding here.
_ACHIEVABLE = Dimension.ACHIEVABLE
_ERROR = Severity.ERROR


def _scores(parts: GoalParts, findings: Sequence[Finding], facets: Facets) -> tuple[int, ...]:
    """Return the 0-100 score of every dimension, in the order of DIMENSIONS."""
    # `any(...)` makes a generator: only for the goals that name a priority. Each field is read once: a read goes
    # through pydantic's `__getattr__` hook (check.kinds).
    priorities, target = parts.priorities, facets.target
    strategic = (100 if any(p.configured for p in priorities) else 80) if priorities else 0
    measurable = 100 if target and facets.baseline else 90 if target else 40 if facets.metric else 0
    actionable = 100 if facets.action else 0
    # Milestones are advice (TI04, info): a dated goal meets the time dimension.
    time = 100 if facets.deadline else 20 if parts.cadences else 0
    specific = max(0, 100 - VAGUE_PENALTY * len(parts.vague_terms))
    # 0 with a plausibility error, 50 with plausibility findings of other severities, else 100 (a loop, not a
    # list comprehension: that is a function call in Python 3.11, once a goal).
    achievable = 100
    for f in findings:
        if f.dimension == _ACHIEVABLE:
            if f.severity == _ERROR:
                achievable = 0
                break
            achievable = 50
    role = 100 if facets.role else 0
    return strategic, measurable, actionable, role, time, specific, achievable


def score(
    parts: GoalParts,
    findings: Sequence[Finding],
    facets: Facets | None = None,
) -> tuple[int, dict[Dimension, DimensionResult]]:
    """Return the overall score and the per-dimension results."""
    total, results = _scored(_scores(parts, findings, facets or parts.summarize()))
    return total, dict(results)  # a copy: the shared results stay as they are


@lru_cache(maxsize=4096)
def _scored(scores: tuple[int, ...]) -> tuple[int, dict[Dimension, DimensionResult]]:
    # Few combinations of seven scores occur: work the total and the results out once for each.
    total = round(sum(WEIGHTS[d] * s for d, s in zip(DIMENSIONS, scores, strict=True)) / sum(WEIGHTS.values()))
    return total, {d: _result(s) for d, s in zip(DIMENSIONS, scores, strict=True)}
