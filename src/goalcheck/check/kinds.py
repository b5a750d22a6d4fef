"""The closed set of rule kinds: absence, presence, relation, count, plausibility and format.

A kind reads GoalParts and a RuleSpec and says where the rule fires; it never touches spaCy.
A new kind is a code change with a review; a new rule is a data change.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from goalcheck.models import Facets, GoalParts, TextSpan
from goalcheck.rulebook.spec import RuleSpec

from . import formats, plausibility

_FIRST_WORD = re.compile(r"\s*(\S*)")  # `re`'s \s is str.isspace()

Hit = tuple[int, int, str]  # start, end, matched text
# A kind returns its hits as a tuple or a list, or a check's generator: no generator of its own to run.
Kind = Callable[[GoalParts, RuleSpec, Mapping[str, bool]], Iterable[Hit]]


def conditions(parts: GoalParts, long_horizon_days: int, facets: Facets | None = None) -> dict[str, bool]:
    """Return every condition a rule's `when` may name, for one goal."""
    facet_values = dict((facets or parts.summarize()).__dict__)
    horizon = parts.deadline is not None and (parts.deadline.end - parts.reference_date).days > long_horizon_days
    return {**facet_values, "cadence": bool(parts.cadences), "long_horizon": horizon}


def _goal_start(parts: GoalParts) -> Hit:
    m = _FIRST_WORD.match(parts.text)
    return m.start(1), m.end(1), m.group(1)  # type: ignore[union-attr]


def _absence(parts: GoalParts, rule: RuleSpec, conds: Mapping[str, bool]) -> Iterable[Hit]:
    if rule.facet is None or not conds[rule.facet]:
        return (_goal_start(parts),)
    return ()


def _relation(parts: GoalParts, rule: RuleSpec, conds: Mapping[str, bool]) -> Iterable[Hit]:
    anchors: list[TextSpan] = []
    if "cadence" in rule.when.has:
        anchors = [c.span for c in parts.cadences]
    elif "target" in rule.when.has:
        anchors = [m.target.span for m in parts.metrics if m.target]
    elif "metric" in rule.when.has:
        anchors = [m.span for m in parts.metrics if m.span]
    if anchors:
        return ((anchors[0].start, anchors[0].end, anchors[0].text),)
    return (_goal_start(parts),)


def _presence(parts: GoalParts, rule: RuleSpec, conds: Mapping[str, bool]) -> Iterable[Hit]:
    return [
        (term.span.start, term.span.end, term.span.text)
        for term in parts.vague_terms
        if term.category in rule.categories
    ]


def _count(parts: GoalParts, rule: RuleSpec, conds: Mapping[str, bool]) -> Iterable[Hit]:
    if len(parts.milestones) >= (rule.min or 1):
        return ()
    if parts.deadline is not None:
        return ((parts.deadline.span.start, parts.deadline.span.end, parts.deadline.text),)
    return (_goal_start(parts),)


def _plausibility(parts: GoalParts, rule: RuleSpec, conds: Mapping[str, bool]) -> Iterable[Hit]:
    return plausibility.CHECKS[rule.check](parts)  # type: ignore[index]


def _format(parts: GoalParts, rule: RuleSpec, conds: Mapping[str, bool]) -> Iterable[Hit]:
    return formats.CHECKS[rule.check](parts)  # type: ignore[index]


KINDS: dict[str, Kind] = {
    "absence": _absence,
    "relation": _relation,
    "presence": _presence,
    "count": _count,
    "plausibility": _plausibility,
    "format": _format,
}
