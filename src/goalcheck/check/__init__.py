"""CHECK: run the configured rules over a goal's parts and return findings."""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter, itemgetter

from goalcheck.models import Dimension, Facets, Finding, GoalParts, Severity, Suggestion
from goalcheck.rulebook import RuleBook
from goalcheck.rulebook.spec import RuleSpec

from . import formats
from .context import Placeholders, book_values, date_values
from .kinds import Kind, bind, condition_values, goal_conditions, long_horizon, may_fire

__all__ = ["Checker"]

_PLACEHOLDER = re.compile(r"{(\w+)}")
_FIELD_ROOT = re.compile(r"[^.\[]*")  # "{metric.upper}" and "{metric[0]}" read the value of "metric"

# A suggestion before it is a model: (template, source, values) for a pack suggestion, or
# (None, source, (match, new)) for a format rule's safe fix. Plain tuples hash in C, models do not.
_SuggestionKey = tuple[str | None, str, tuple[str, ...]]
_START = attrgetter("start")


@dataclass(frozen=True, eq=False)
class _Planned:
    """One rule, with what deciding and reporting it needs worked out once."""

    rule: RuleSpec
    has: frozenset[str]
    lacks: frozenset[str]
    kind: Kind
    dimension: Dimension
    severity: Severity
    source: str
    templates: tuple[tuple[str, tuple[str, ...]], ...]  # fix title and suggestions, with their placeholders
    # Every placeholder the message and the templates read: a finding is a function of these values, its
    # span and its safe fix, so findings are shared on that key (see Checker._finding).
    names: tuple[str, ...]
    # The values of `names` in one C call (operator.itemgetter): a tuple, or one name's value alone; None reads none.
    values: Callable[[Mapping[str, str]], tuple[str, ...] | str] | None
    fixes: bool  # a format rule: its findings carry the standard spelling as a safe fix


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
        # In code order (a stable sort: rules that share a code keep theirs), so findings come out in
        # (start, code) order by a sort on their start alone (see __call__).
        planned = (_plan(rule, severities.get(rule.id, rule.severity)) for rule in rules)
        self.plan = tuple(sorted(planned, key=lambda step: step.rule.id))
        self.book_values = book_values(book)
        # The book's values and those of a reference date, by reference date (Checker._known).
        self._dated: dict[dt.date, dict[str, str]] = {}
        # The rules that apply to a combination of conditions, worked out on its first goal (at most 2**11).
        self._applicable: dict[tuple[bool, ...], tuple[_Planned, ...]] = {}
        # The conditions and the rules that apply, by the goal's Facets object (one a combination of facets is shared,
        # models.summarize), cadence and horizon: (facets, conditions, rules); the facets are kept, so their id
        # names them while they are here.
        self._by_facets: dict[tuple[int, bool, bool], tuple[Facets, dict[str, bool], tuple[_Planned, ...]]] = {}
        # Findings are frozen, and many repeat exactly from goal to goal ("no deadline" at the first word):
        # share them. Keyed on the rule and the values its texts read, so a repeat skips formatting too.
        self._finding = lru_cache(maxsize=16384)(self._build)

    def __call__(self, parts: GoalParts, facets: Facets | None = None) -> list[Finding]:
        """Return every finding on one goal, in text order."""
        facets = facets or parts.summarize()
        # Looked up on the facets' identity and two booleans, not on a tuple of the eleven conditions' values built
        # anew each goal (with goal_conditions and Placeholders.of: the checker's 136k -> 124k instructions a goal).
        key = (id(facets), bool(parts.cadences), long_horizon(parts, self.long_horizon_days))
        plan = self._by_facets.get(key)
        if plan is None or plan[0] is not facets:
            plan = self._conditions(facets, key)
        conds = goal_conditions(parts, plan[1])
        values = Placeholders.of(parts, self.book, self.fy_start, self._known(parts))
        found: list[Finding] = []
        for step in plan[2]:
            for start, end, match in step.kind(parts, step.rule, conds):
                values["match"] = match
                fix = _safe_fix(step.rule, parts, start, end, match, step.source) if step.fixes else ()
                read = step.values(values) if step.values is not None else ()
                found.append(self._finding(step, start, end, read, fix))
        # In (start, code) order: the plan runs in code order and a stable sort keeps each rule's equal-start
        # findings as found, so the start alone is the key (cheaper than a tuple per finding). A sort reads the key of
        # a lone finding too.
        if len(found) > 1:
            found.sort(key=_START)
        return found

    def _known(self, parts: GoalParts) -> dict[str, str]:
        """Return the placeholder values a goal shares with every goal of its reference date (worked out once)."""
        known = self._dated.get(parts.reference_date)
        if known is None:
            if len(self._dated) >= 64:  # a Linter has one reference date; keep the table small all the same
                self._dated.clear()
            known = self._dated[parts.reference_date] = date_values(parts, self.book, self.fy_start, self.book_values)
        return known

    def _conditions(
        self, facets: Facets, key: tuple[int, bool, bool]
    ) -> tuple[Facets, dict[str, bool], tuple[_Planned, ...]]:
        """Return the conditions of a goal with these facets, cadence and horizon (`key`), and the rules that apply."""
        if len(self._by_facets) >= 4096:  # Facets made anew for each goal (a caller's own): keep the table small
            self._by_facets.clear()
        values = condition_values(facets, key[1], key[2])
        plan = self._by_facets[key] = (facets, values, self._steps(values))
        return plan

    def _steps(self, conds: dict[str, bool]) -> tuple[_Planned, ...]:
        """Return the planned rules whose `when` the conditions meet and that may fire (`conds` has fixed keys)."""
        key = tuple(conds.values())
        steps = self._applicable.get(key)
        if steps is None:
            true = {name for name, value in conds.items() if value}
            steps = tuple(
                s for s in self.plan if s.has <= true and s.lacks.isdisjoint(true) and may_fire(s.rule, conds)
            )
            self._applicable[key] = steps
        return steps

    @staticmethod
    def _build(
        step: _Planned, start: int, end: int, values: tuple[str, ...] | str, fix: tuple[_SuggestionKey, ...]
    ) -> Finding:
        """Build one finding from its rule, span, placeholder values (as `step.values` reads them) and safe fix."""
        rule = step.rule
        named = dict(zip(step.names, (values,) if len(step.names) == 1 else values, strict=True))
        keys = tuple(
            (template, step.source, tuple([named[name] for name in names])) for template, names in step.templates
        )
        return Finding(
            code=rule.id,
            name=rule.name,
            dimension=step.dimension,
            severity=step.severity,
            message=rule.message.format_map(named),
            start=start,
            end=end,
            suggestions=tuple(_suggestion(*key) for key in fix + keys),
        )


def _plan(rule: RuleSpec, severity: Severity) -> _Planned:
    """Work out once what running and reporting one rule needs."""
    templates = tuple((t, _placeholders(t)) for t in (rule.fix_title, *rule.suggestions) if t)
    names = dict.fromkeys(_message_names(rule.message))
    for _, template_names in templates:
        names.update(dict.fromkeys(template_names))
    return _Planned(
        rule=rule,
        has=frozenset(rule.when.has),
        lacks=frozenset(rule.when.lacks),
        kind=bind(rule),
        dimension=rule.dimension,
        severity=severity,
        source=f"rules/{rule.id}",
        templates=templates,
        names=tuple(names),
        values=itemgetter(*names) if names else None,
        fixes=rule.kind == "format",
    )


def _message_names(message: str) -> tuple[str, ...]:
    """Return the placeholders a message reads, as `str.format_map` reads them ("{metric!r}" reads "metric")."""
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(message) if field is not None]
    except ValueError:  # a malformed message: `format_map` raises the same error when a finding is built
        return _placeholders(message)
    return tuple(dict.fromkeys(_FIELD_ROOT.match(field).group() for field in fields))  # type: ignore[union-attr]


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
