"""CHECK: run the configured rules over a goal's parts and return findings."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from goalcheck.models import Dimension, Facets, Finding, GoalParts, Severity, Suggestion
from goalcheck.rulebook import RuleBook
from goalcheck.rulebook.spec import RuleSpec

from . import formats
from .context import Placeholders
from .kinds import KINDS, applies, conditions

__all__ = ["run_checks"]

_PLACEHOLDER = re.compile(r"{(\w+)}")


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
            severity = severities.get(rule.id, rule.severity)
            message = rule.message.format_map(values)
            findings.append(_finding(rule.id, rule.name, rule.dimension, severity, message, start, end, suggestions))
    findings.sort(key=lambda f: (f.start, f.code))
    return findings


@lru_cache(maxsize=16384)
def _finding(
    code: str,
    name: str,
    dimension: Dimension,
    severity: Severity,
    message: str,
    start: int,
    end: int,
    suggestions: tuple[Suggestion, ...],
) -> Finding:
    # Findings are frozen, and many repeat exactly from goal to goal ("no deadline" at the first word): share them.
    return Finding(
        code=code,
        name=name,
        dimension=dimension,
        severity=severity,
        message=message,
        start=start,
        end=end,
        suggestions=suggestions,
    )


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
    out = []
    for template in (rule.fix_title, *rule.suggestions):
        if template:
            # Most templates use only pack-wide values ("{next_quarter}", "{activity}"): format those once.
            key = tuple(values[name] for name in _placeholders(template))
            out.append(_formatted(template, source, key))
    return tuple(out)


@lru_cache(maxsize=1024)
def _placeholders(template: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_PLACEHOLDER.findall(template)))


@lru_cache(maxsize=16384)
def _formatted(template: str, source: str, values: tuple[str, ...]) -> Suggestion:
    text = template.format_map(dict(zip(_placeholders(template), values, strict=True)))
    return Suggestion(text=text, source=source)
