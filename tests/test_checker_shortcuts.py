"""The checker's, scorer's and linter's shortcuts give what the plain code they stand for gives."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goalcheck.check.context import DATE_FIELDS, FIELDS, Placeholders, date_values
from goalcheck.check.kinds import KINDS, bind, conditions
from goalcheck.extract import extract
from goalcheck.models import SCHEMA_VERSION, Dimension, Finding, GoalResult, Severity
from goalcheck.score import score

from .corpus_data import SETS, linter_for, load


def _checked(name: str) -> list:
    linter = linter_for(name)
    out = []
    for goal in load(name):
        parts = extract(linter.nlp(goal.text), linter.rulebook, linter.grammar, linter.reference_date, goal.text)
        out.append((linter, parts))
    return out


@pytest.mark.parametrize("name", sorted(SETS))
def test_date_values_are_the_fields_values(name: str) -> None:
    for linter, parts in _checked(name)[:20]:
        fy = linter.config.fiscal_year_start_month
        known = date_values(parts, linter.rulebook, fy, {"kept": "as is"})
        assert known == {"kept": "as is", **{key: FIELDS[key](parts, linter.rulebook, fy) for key in DATE_FIELDS}}
        lazy = Placeholders.of(parts, linter.rulebook, fy)
        eager = Placeholders.of(parts, linter.rulebook, fy, date_values(parts, linter.rulebook, fy, {}))
        for key in (*FIELDS, "skill", "activity", "unknown"):
            assert eager[key] == lazy[key], key


@pytest.mark.parametrize("name", sorted(SETS))
def test_assembled_result_is_the_trusted_one(name: str) -> None:
    for linter, parts in _checked(name):
        facets = parts.summarize()
        findings = tuple(linter.checker(parts, facets))
        total, dimensions = score(parts, findings, facets)
        fast = GoalResult.assemble(parts, score=total, dimensions=dimensions, facets=facets, findings=findings)
        # The validated model: assemble (through `trusted`) must build what validation would keep.
        plain = GoalResult(
            **parts.__dict__,
            schema_version=SCHEMA_VERSION,
            score=total,
            dimensions=dimensions,
            facets=facets,
            findings=findings,
        )
        assert fast == plain
        assert list(fast.__dict__) == list(plain.__dict__)
        assert fast.model_fields_set == plain.model_fields_set
        assert fast.model_dump_json() == plain.model_dump_json()


@pytest.mark.parametrize("name", sorted(SETS))
def test_bound_kinds_find_what_the_kinds_find(name: str) -> None:
    checked = _checked(name)
    rules = checked[0][0].rules
    for linter, parts in checked:
        conds = conditions(parts, linter.config.long_horizon_days)
        for rule in rules:
            assert list(bind(rule)(parts, rule, conds)) == list(KINDS[rule.kind](parts, rule, conds)), rule.id


def _finding(dimension: Dimension, severity: Severity) -> Finding:
    return Finding(code="XX01", name="x", dimension=dimension, severity=severity, message="m", start=0, end=1)


@settings(deadline=None)  # the first example builds a Linter
@given(st.lists(st.tuples(st.sampled_from(list(Dimension)), st.sampled_from(list(Severity))), max_size=6))
def test_achievable_score_is_the_plain_rule(found: list[tuple[Dimension, Severity]]) -> None:
    _, parts = _first_seed_goal()
    findings = [_finding(d, s) for d, s in found]
    plausibility = [s for d, s in found if d == Dimension.ACHIEVABLE]
    expected = 0 if Severity.ERROR in plausibility else 50 if plausibility else 100
    _, dimensions = score(parts, findings)
    assert dimensions[Dimension.ACHIEVABLE].score == expected


@pytest.mark.parametrize("name", sorted(SETS))
def test_facets_are_the_plain_summary(name: str) -> None:
    for _, parts in _checked(name):
        facets = parts.summarize()
        assert facets.target == any(m.target is not None for m in parts.metrics)
        assert facets.baseline == any(m.baseline is not None for m in parts.metrics)


@cache
def _first_seed_goal() -> tuple:
    return _checked("seed")[0]
