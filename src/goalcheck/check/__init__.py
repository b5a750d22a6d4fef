"""CHECK: run the configured rules over a goal's parts and return findings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from goalcheck.models import Facets, Finding, GoalParts, Severity, Suggestion, suggestion
from goalcheck.rulebook import RuleBook
from goalcheck.rulebook.spec import RuleSpec

from . import formats
from .context import Placeholders
from .kinds import KINDS, applies, conditions

__all__ = ["run_checks"]


def run_checks(
    parts: GoalParts,
    rules: Sequence[RuleSpec],
    book: RuleBook,
    *,
    severities: Mapping[str, Severity],
    fy_start: int,
    long_horizon_days: int,
    facets: Facets | None = None,
) -> list[Finding]:
    """Return every finding of `rules` on one goal, in text order."""
    conds = conditions(parts, long_horizon_days, facets)
    values = Placeholders(parts, book, fy_start)
    findings: list[Finding] = []
    for rule in rules:
        if not applies(rule, conds):
            continue
        for start, end, match in KINDS[rule.kind](parts, rule, conds):
            values["match"] = match
            suggestions = _suggestions(rule, values)
            if rule.kind == "format":
                suggestions = _safe_fix(rule, parts, start, end, match) + suggestions
            findings.append(
                Finding(
                    code=rule.id,
                    name=rule.name,
                    dimension=rule.dimension,
                    severity=severities.get(rule.id, rule.severity),
                    message=rule.message.format_map(values),
                    start=start,
                    end=end,
                    suggestions=suggestions,
                )
            )
    findings.sort(key=lambda f: (f.start, f.code))
    return findings


def _safe_fix(rule: RuleSpec, parts: GoalParts, start: int, end: int, match: str) -> tuple[Suggestion, ...]:
    """Return the format rule's standard spelling as a safe, applicable fix (`goalcheck check --fix`)."""
    new = formats.replacement(rule.check or "", parts, start, end)
    if new is None or new == match:
        return ()
    return (
        Suggestion(text=f"Replace '{match}' with '{new}'.", replacement=new, safety="safe", source=f"rules/{rule.id}"),
    )


def _suggestions(rule: RuleSpec, values: Mapping[str, str]) -> tuple[Suggestion, ...]:
    source = f"rules/{rule.id}"
    texts = (rule.fix_title, *rule.suggestions)
    return tuple(suggestion(t.format_map(values), source) for t in texts if t)
