"""The closed set of rule kinds: absence, presence, relation, count, plausibility and format.

A kind reads GoalParts and a RuleSpec and says where the rule fires; it never touches spaCy.
A new kind is a code change with a review; a new rule is a data change.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from goalcheck.models import FacetName, Facets, GoalParts, TextSpan
from goalcheck.rulebook.spec import RuleSpec

from . import formats, plausibility

_FIRST_WORD = re.compile(r"\s*(\S*)")  # `re`'s \s is str.isspace()

Hit = tuple[int, int, str]  # start, end, matched text
# A kind returns its hits as a tuple or a list: no generator to make and run.
Kind = Callable[[GoalParts, RuleSpec, "Conditions"], Iterable[Hit]]


class Conditions(dict[str, bool]):
    """Every condition a rule's `when` may name, for one goal; and where the goal starts, found once a goal.

    Absence findings (and relation and count findings without an anchor) point at the goal's first word:
    several rules a goal, so the word is looked for once, when the first of them fires. Built by `goal_conditions`.
    """

    __slots__ = ("_start", "parts")

    def goal_start(self) -> Hit:
        """Return the goal's first word, where absence findings point."""
        # Remembered by hand: functools.cached_property takes a lock on every read in Python 3.11.
        if self._start is None:
            m = _FIRST_WORD.match(self.parts.text)
            self._start = m.start(1), m.end(1), m.group(1)  # type: ignore[union-attr]
        return self._start


def goal_conditions(parts: GoalParts, values: Mapping[str, bool]) -> Conditions:
    """Return the conditions `values` of one goal, with its parts (where absence findings point is read from them)."""
    # dict's own __init__ copies the values in C, and slots hold the rest: a Python __init__ (and super()) cost
    # about 3,000 instructions more a goal (callgrind).
    conds = Conditions(values)
    conds.parts = parts
    conds._start = None
    return conds


def may_fire(rule: RuleSpec, conds: Mapping[str, bool]) -> bool:
    """Tell whether a rule can fire on a goal that meets `conds` (which summarize its parts).

    An absence rule cannot if its facet is there; a presence rule cannot without vague terms (it reads
    nothing else); a plausibility check cannot without the parts it reads (plausibility.NEEDS).
    """
    if rule.kind == "absence":
        return rule.facet is None or not conds[rule.facet]
    if rule.kind == "presence":
        return conds["vague"]
    if rule.kind == "plausibility":
        needs = plausibility.NEEDS.get(rule.check or "")
        return needs is None or needs(conds)
    return True


def conditions(parts: GoalParts, long_horizon_days: int, facets: Facets | None = None) -> Conditions:
    """Return every condition a rule's `when` may name, for one goal."""
    values = condition_values(facets or parts.summarize(), bool(parts.cadences), long_horizon(parts, long_horizon_days))
    return goal_conditions(parts, values)


def condition_values(facets: Facets, cadence: bool, long_horizon: bool) -> dict[str, bool]:
    """Return the conditions of a goal with these facets, cadence or none, and a deadline beyond the horizon or not."""
    return {**facets.__dict__, "cadence": cadence, "long_horizon": long_horizon}


def long_horizon(parts: GoalParts, days: int) -> bool:
    """Tell whether a goal is due more than `days` after its reference date."""
    deadline = parts.deadline
    return deadline is not None and (deadline.end - parts.reference_date).days > days


# The kinds read each field of a model once: a read goes through pydantic's `__getattr__` hook, which keeps
# Python 3.11 from specializing it (~350 instructions a read against ~30 for a plain object's; callgrind counted
# 116 such reads a goal).


def _absence(parts: GoalParts, rule: RuleSpec, conds: Conditions) -> Iterable[Hit]:
    return _absence_of(rule.facet)(parts, rule, conds)


def _absence_of(facet: FacetName | None) -> Kind:
    """Return the absence check of a facet: a hit at the goal's start when the goal lacks it (no facet: always)."""
    if facet is None:
        return lambda parts, rule, conds: (conds.goal_start(),)
    return lambda parts, rule, conds: () if conds[facet] else (conds.goal_start(),)


def _relation(parts: GoalParts, rule: RuleSpec, conds: Conditions) -> Iterable[Hit]:
    anchors: list[TextSpan] = []
    has = rule.when.has
    if "cadence" in has:
        anchors = [c.span for c in parts.cadences]
    elif "target" in has:
        anchors = [target.span for m in parts.metrics if (target := m.target)]
    elif "metric" in has:
        anchors = [span for m in parts.metrics if (span := m.span)]
    if anchors:
        first = anchors[0]
        return ((first.start, first.end, first.text),)
    return (conds.goal_start(),)


def _presence(parts: GoalParts, rule: RuleSpec, conds: Conditions) -> Iterable[Hit]:
    categories = rule.categories
    hits = []
    for term in parts.vague_terms:
        if term.category in categories:
            span = term.span
            hits.append((span.start, span.end, span.text))
    return hits


def _count(parts: GoalParts, rule: RuleSpec, conds: Conditions) -> Iterable[Hit]:
    if len(parts.milestones) >= (rule.min or 1):
        return ()
    deadline = parts.deadline
    if deadline is not None:
        span = deadline.span
        return ((span.start, span.end, deadline.text),)
    return (conds.goal_start(),)


def _plausibility(parts: GoalParts, rule: RuleSpec, conds: Conditions) -> Iterable[Hit]:
    return plausibility.CHECKS[rule.check](parts)  # type: ignore[index]


def _format(parts: GoalParts, rule: RuleSpec, conds: Conditions) -> Iterable[Hit]:
    return formats.CHECKS[rule.check](parts)  # type: ignore[index]


KINDS: dict[str, Kind] = {
    "absence": _absence,
    "relation": _relation,
    "presence": _presence,
    "count": _count,
    "plausibility": _plausibility,
    "format": _format,
}


def bind(rule: RuleSpec) -> Kind:
    """Return `KINDS[rule.kind]`, with the rule's facet or named check read once, not once a goal.

    The same hits: the checker binds each rule when it is built and runs it on every goal, and each read of a
    rule's field goes through pydantic's `__getattr__` hook.
    """
    if rule.kind == "absence":
        return _absence_of(rule.facet)
    checks = {"plausibility": plausibility.CHECKS, "format": formats.CHECKS}.get(rule.kind, {})
    check = checks.get(rule.check or "")
    if check is not None:
        return lambda parts, rule, conds: check(parts)
    return KINDS[rule.kind]  # an unknown check fails as before, when the rule runs
