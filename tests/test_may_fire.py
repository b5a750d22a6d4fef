"""A rule the checker skips (kinds.may_fire) finds nothing on any corpus goal: skipping it changes no output.

And the checker's shortcuts give what the plain path gives: an absence rule it runs fires once, at the goal's
first word, without a call to its kind; a plausibility or format check called directly finds what its kind
finds; findings come out in (start, code) order whatever order the rules came in.
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
def test_shortcuts_give_the_kinds_hits(name: str) -> None:
    linter = linter_for(name)
    checker = linter.checker
    shortcut = direct = 0
    for parts in _parts(linter, name):
        conds = conditions(parts, checker.long_horizon_days, parts.summarize())
        for step in checker._steps(conds):
            assert step.at_start == (step.rule.kind == "absence")
            assert (step.check is not None) == (step.rule.kind in {"plausibility", "format"})
            if step.at_start:
                shortcut += 1
                assert list(step.kind(parts, step.rule, conds)) == [conds.goal_start()], step.rule.id
            if step.check is not None:
                direct += 1
                assert list(step.check(parts)) == list(step.kind(parts, step.rule, conds)), step.rule.id
    assert shortcut and direct


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
