"""A rule the checker skips (kinds.may_fire) finds nothing on any corpus goal: skipping it changes no output."""

from __future__ import annotations

import pytest

from goalcheck.check.kinds import conditions, may_fire
from goalcheck.extract import extract

from .corpus_data import SETS, linter_for, load


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
