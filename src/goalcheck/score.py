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
    strategic = 100 if any(p.configured for p in parts.priorities) else 80 if parts.priorities else 0
    measurable = 100 if facets.target and facets.baseline else 90 if facets.target else 40 if facets.metric else 0
    actionable = 100 if facets.action else 0
    # Milestones are advice (TI04, info): a dated goal meets the time dimension.
    time = 100 if facets.deadline else 20 if parts.cadences else 0
    specific = max(0, 100 - VAGUE_PENALTY * len(parts.vague_terms))
    plausibility = [f for f in findings if f.dimension == Dimension.ACHIEVABLE]
    achievable = 0 if any(f.severity == Severity.ERROR for f in plausibility) else 50 if plausibility else 100
    return {
        Dimension.STRATEGIC: strategic,
        Dimension.MEASURABLE: measurable,
        Dimension.ACTIONABLE: actionable,
        Dimension.ROLE: 100 if facets.role else 0,
        Dimension.TIME: time,
        Dimension.SPECIFIC: specific,
        Dimension.ACHIEVABLE: achievable,
    }


def score(
    parts: GoalParts,
    findings: Sequence[Finding],
    facets: Facets | None = None,
) -> tuple[int, dict[Dimension, DimensionResult]]:
    """Return the overall score and the per-dimension results."""
    scores = dimension_scores(parts, findings, facets or parts.summarize())
    total = round(sum(WEIGHTS[d] * s for d, s in scores.items()) / sum(WEIGHTS.values()))
    return total, {d: _result(s) for d, s in scores.items()}
