"""CHECK: run the configured rules over a goal's parts and return findings."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from goalcheck.models import Dimension, Facets, Finding, GoalParts, Severity, Suggestion
from goalcheck.rulebook import RuleBook
from goalcheck.rulebook.spec import RuleSpec

from . import formats
from .context import Placeholders, book_values
from .kinds import KINDS, Kind, conditions

__all__ = ["Checker"]

_PLACEHOLDER = re.compile(r"{(\w+)}")

# A suggestion before it is a model: (template, source, values) for a pack suggestion, or
# (None, source, (match, new)) for a format rule's safe fix. Plain tuples hash in C, models do not.
_SuggestionKey = tuple[str | None, str, tuple[str, ...]]


@dataclass(frozen=True)
class _Planned:
    """One rule, with what deciding and reporting it needs worked out once."""

    rule: RuleSpec
    has: frozenset[str]
    lacks: frozenset[str]
    kind: Kind
    severity: Severity
    source: str
    templates: tuple[tuple[str, tuple[str, ...]], ...]  # fix title and suggestions, with their placeholders


class Checker:
    """Run a configuration's rules over goals' parts; built once per Linter, then called per goal."""

    def __init__(
        self,
        rules: Sequence[RuleSpec],
        book: RuleBook,
        *,
        severities: Mapping[str, Severity],
        fy_start: int,
        long_horizon_days: int,
    ) -> None:
        self.book = book
        self.fy_start = fy_start
        self.long_horizon_days = long_horizon_days
        self.plan = tuple(
            _Planned(
                rule=rule,
                has=frozenset(rule.when.has),
                lacks=frozenset(rule.when.lacks),
                kind=KINDS[rule.kind],
                severity=severities.get(rule.id, rule.severity),
                source=f"rules/{rule.id}",
                templates=tuple((t, _placeholders(t)) for t in (rule.fix_title, *rule.suggestions) if t),
            )
            for rule in rules
        )
        self.book_values = book_values(book)
        # The rules that apply to a combination of conditions, worked out on its first goal (at most 2**11).
        self._applicable: dict[tuple[bool, ...], tuple[_Planned, ...]] = {}

    def __call__(self, parts: GoalParts, facets: Facets | None = None) -> list[Finding]:
        """Return every finding on one goal, in text order."""
        conds = conditions(parts, self.long_horizon_days, facets)
        values = Placeholders(parts, self.book, self.fy_start, self.book_values)
        findings: list[Finding] = []
        for step in self._steps(conds):
            rule = step.rule
            for start, end, match in step.kind(parts, rule, conds):
                values["match"] = match
                keys = tuple(
                    (template, step.source, tuple([values[name] for name in names]))
                    for template, names in step.templates
                )
                if rule.kind == "format":
                    keys = _safe_fix(rule, parts, start, end, match, step.source) + keys
                message = rule.message.format_map(values)
                findings.append(_finding(rule.id, rule.name, rule.dimension, step.severity, message, start, end, keys))
        findings.sort(key=lambda f: (f.start, f.code))
        return findings

    def _steps(self, conds: dict[str, bool]) -> tuple[_Planned, ...]:
        """Return the planned rules whose `when` the conditions meet (`conds` always has the same keys)."""
        key = tuple(conds.values())
        steps = self._applicable.get(key)
        if steps is None:
            true = {name for name, value in conds.items() if value}
            steps = tuple(s for s in self.plan if s.has <= true and s.lacks.isdisjoint(true))
            self._applicable[key] = steps
        return steps


@lru_cache(maxsize=16384)
def _finding(
    code: str,
    name: str,
    dimension: Dimension,
    severity: Severity,
    message: str,
    start: int,
    end: int,
    suggestions: tuple[_SuggestionKey, ...],
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
        suggestions=tuple(_suggestion(*key) for key in suggestions),
    )


def _safe_fix(
    rule: RuleSpec, parts: GoalParts, start: int, end: int, match: str, source: str
) -> tuple[_SuggestionKey, ...]:
    """Return the format rule's standard spelling as a safe, applicable fix (`goalcheck check --fix`)."""
    new = formats.replacement(rule.check or "", parts, start, end)
    if new is None or new == match:
        return ()
    return ((None, source, (match, new)),)


@lru_cache(maxsize=1024)
def _placeholders(template: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_PLACEHOLDER.findall(template)))


@lru_cache(maxsize=16384)
def _suggestion(template: str | None, source: str, values: tuple[str, ...]) -> Suggestion:
    if template is None:
        match, new = values
        return Suggestion(text=f"Replace '{match}' with '{new}'.", replacement=new, safety="safe", source=source)
    text = template.format_map(dict(zip(_placeholders(template), values, strict=True)))
    return Suggestion(text=text, source=source)
