"""A rule the checker skips (kinds.may_fire) finds nothing on any corpus goal: skipping it changes no output.

And findings come out in (start, code) order whatever order the rules came in (the checker sorts on the
start alone, its rules in code order).
"""

from __future__ import annotations

import pytest

from goalcheck.check import Checker
from goalcheck.check.kinds import conditions, may_fire
from goalcheck.extract import extract

from .corpus_data import SETS, linter_for, load


def _parts(linter, name: str) -> list:
    return [
        extract(linter.nlp(goal.text), linter.rulebook, linter.grammar, linter.reference_date, goal.text)
        for goal in load(name)
    ]


@pytest.mark.parametrize("name", sorted(SETS))
def test_skipped_rules_find_nothing(name: str) -> None:
    linter = linter_for(name)
    checker = linter.checker
    skipped = 0
    for goal in load(name):
        parts = extract(linter.nlp(goal.text), linter.rulebook, linter.grammar, linter.reference_date, goal.text)
        conds = conditions(parts, checker.long_horizon_days, parts.summarize())
        for step in checker.plan:
            if not may_fire(step.rule, conds):
                skipped += 1
                assert not list(step.kind(parts, step.rule, conds)), (goal.id, step.rule.id)
    assert skipped


@pytest.mark.parametrize("name", sorted(SETS))
def test_findings_in_start_and_code_order_whatever_the_rule_order(name: str) -> None:
    linter = linter_for(name)
    checker = linter.checker
    backwards = Checker(
        tuple(reversed(linter.rules)),
        linter.rulebook,
        severities=linter.severities,
        fy_start=checker.fy_start,
        long_horizon_days=checker.long_horizon_days,
    )
    for parts in _parts(linter, name):
        findings = checker(parts)
        assert findings == backwards(parts)
        assert [(f.start, f.code) for f in findings] == sorted((f.start, f.code) for f in findings)
