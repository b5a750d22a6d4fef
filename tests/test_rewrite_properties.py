"""Properties of every rewrite: over the whole labeled corpus, generated goals and arbitrary text.

- idempotent: rewriting a rewrite (same mode) changes nothing;
- never worse: the rewrite scores at least as high as the original;
- facts kept: every number, date, role and metric of the original is in the rewrite, unchanged;
- parts: joined they are the text; a kept part is the original's text at its span;
- placeholders mode invents nothing; suggest mode meets every SMART+ dimension, except where only the
  author can supply a fact (a baseline or target left as a placeholder), where the author's own values
  are implausible (kept, never changed), or where the author's own words are vague in a way no safe edit
  resolves ("be a better leader": the rewrite never adds a vague word, and the linter still says so).
"""

from __future__ import annotations

import re
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import goalcheck
from goalcheck.models import Dimension, Status
from goalcheck.rewrite import Rewrite, rewrite

from .corpus_data import REFERENCE, SETS, load

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
GOALS = [(name, goal) for name in SETS for goal in load(name)]
MODES = ("placeholders", "suggest")


@cache
def config_for(name: str) -> goalcheck.Config:
    return goalcheck.Config(reference_date=REFERENCE, fiscal_year_start_month=SETS[name])


@cache
def rewritten(name: str, text: str, mode: str) -> Rewrite:
    return rewrite(text, config_for(name), mode)  # type: ignore[arg-type]


def facts(result: goalcheck.GoalResult) -> list[str]:
    """Return the original's numbers and the text of its dates, roles and metrics."""
    spans = [result.deadline.span.text] if result.deadline else []
    spans += [m.due.span.text for m in result.milestones]
    spans += [r.span.text for r in result.roles]
    spans += [m.span.text for m in result.metrics if m.span]
    return NUMBER.findall(result.text) + spans


def check_parts(result: Rewrite) -> list[str]:
    problems = []
    if "".join(p.text for p in result.parts) != result.text:
        problems.append("parts do not join to the text")
    for p in result.parts:
        if p.origin == "kept" and p.span is not None and p.text.lower() != p.span.text.lower():
            problems.append(f"kept part {p.text!r} is not the original's {p.span.text!r}")
        if p.origin == "kept" and p.span is not None and result.original[p.span.start : p.span.end] != p.span.text:
            problems.append(f"kept span {p.span} is not where the original has it")
    return problems


@pytest.mark.parametrize("mode", MODES)
def test_corpus_rewrites_are_idempotent(mode: str) -> None:
    changed = [
        (goal.id, first.text, again.text)
        for name, goal in GOALS
        if (again := rewritten(name, (first := rewritten(name, goal.text, mode)).text, mode)).text != first.text
    ]
    assert changed == []


@pytest.mark.parametrize("mode", MODES)
def test_corpus_rewrites_never_score_lower(mode: str) -> None:
    lower = []
    for name, goal in GOALS:
        result = rewritten(name, goal.text, mode)
        rechecked = goalcheck.check(result.text, config_for(name)).score
        if not result.score_before <= result.score_after == rechecked:
            lower.append((goal.id, result.score_before, result.score_after, rechecked))
    assert lower == []


@pytest.mark.parametrize("mode", MODES)
def test_corpus_facts_survive(mode: str) -> None:
    lost = []
    for name, goal in GOALS:
        result = rewritten(name, goal.text, mode)
        before = goalcheck.check(goal.text, config_for(name))
        lost += [(goal.id, fact) for fact in facts(before) if fact not in result.text]
    assert lost == []


@pytest.mark.parametrize("mode", MODES)
def test_corpus_parts_account_for_the_text(mode: str) -> None:
    problems = [(goal.id, p) for name, goal in GOALS for p in check_parts(rewritten(name, goal.text, mode))]
    assert problems == []


def test_placeholders_mode_invents_nothing() -> None:
    invented = [
        (goal.id, p.text) for name, goal in GOALS for p in rewritten(name, goal.text, "placeholders").suggestions
    ]
    assert invented == []


def _unmet_for_no_reason(name: str, text: str) -> list[str]:
    result = rewritten(name, text, "suggest")
    before = goalcheck.check(text, config_for(name))
    after = goalcheck.check(result.text, config_for(name))
    kept = [(p.span.start, p.span.end) for p in result.parts if p.origin == "kept" and p.span is not None]
    offsets = [i for i, p in enumerate(result.parts) for _ in p.text]  # part index of each character
    unmet = []
    for dimension, status in after.dimensions.items():
        if status.status is Status.MET:
            continue
        if dimension is Dimension.MEASURABLE and {"baseline", "target"} & set(result.missing):
            continue  # a fact only the author knows is still a placeholder
        if dimension is Dimension.ACHIEVABLE and before.dimensions[dimension].status is not Status.MET:
            continue  # the author's own values, which a rewrite never changes
        if (
            dimension is Dimension.SPECIFIC
            and kept
            and all(result.parts[offsets[v.span.start]].origin == "kept" for v in after.vague_terms)
        ):
            continue  # the author's own vague words: the rewrite keeps them, the linter reports them
        unmet.append(dimension.value)
    return unmet


def test_suggest_mode_meets_every_dimension_it_can() -> None:
    unmet = [(goal.id, u) for name, goal in GOALS if (u := _unmet_for_no_reason(name, goal.text))]
    assert unmet == []


def test_suggest_mode_adds_no_vague_word() -> None:
    added = []
    for name, goal in GOALS:
        result = rewritten(name, goal.text, "suggest")
        offsets = [i for i, p in enumerate(result.parts) for _ in p.text]
        after = goalcheck.check(result.text, config_for(name))
        added += [
            (goal.id, v.span.text) for v in after.vague_terms if result.parts[offsets[v.span.start]].origin != "kept"
        ]
    assert added == []


# ---- generated goals -------------------------------------------------------------------------------------

ROLES = st.sampled_from(
    ["", "For new specialty representatives: ", "KAMs will ", "Experienced reps: ", "I will ", "Our team should "]
)
VERBS = st.sampled_from(
    ["Improve", "Increase", "Reduce", "Conduct", "Develop", "Hold", "Support", "Grow", "Master", "Enhance", "Work on"]
)
OBJECTS = st.sampled_from(
    [
        "selling skills",
        "call quality scores",
        "monthly role-play sessions",
        "product knowledge",
        "Xelvora market share",
        "strategic account plans",
        "customer engagement",
        "formulary wins",
        "relationships with key accounts",
        "a strong employer brand",
        "several new accounts",
    ]
)
VALUES = st.one_of(
    st.just(""),
    st.builds(lambda a, b: f" from {a}% to {b}%", st.integers(1, 99), st.integers(1, 99)),
    st.builds(lambda n: f" by {n}%", st.integers(1, 60)),
    st.builds(lambda n: f" to {n}", st.integers(2, 40)),
)
WHEN = st.sampled_from(["", " by Q3 2025", " by June 30", " by end of Q2 2025", " within 90 days", " soon", " monthly"])
EXTRA = st.sampled_from(
    [
        "",
        " effectively",
        " as needed",
        ", through bi-weekly ride-alongs",
        " to support the launch",
        " etc.",
        " significantly",
    ]
)
END = st.sampled_from([".", "!", ""])
GENERATED = st.builds(lambda *p: "".join(p), ROLES, VERBS, st.just(" "), OBJECTS, VALUES, WHEN, EXTRA, END)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=GENERATED, mode=st.sampled_from(MODES))
def test_generated_goals(text: str, mode: str) -> None:
    result = rewritten("goals", text, mode)
    assert rewritten("goals", result.text, mode).text == result.text
    assert result.score_after >= result.score_before
    before = goalcheck.check(text, config_for("goals"))
    assert [f for f in facts(before) if f not in result.text] == []
    assert check_parts(result) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=120), mode=st.sampled_from(MODES))
def test_arbitrary_text_never_raises_and_never_scores_lower(text: str, mode: str) -> None:
    result = rewritten("goals", text, mode)
    assert result.score_after >= result.score_before
    assert check_parts(result) == []


@pytest.mark.parametrize("mode", MODES)
def test_phased_rewrites_of_the_seed_are_idempotent_and_never_lower(mode: str) -> None:
    config = config_for("seed")
    problems = []
    for goal in load("seed"):
        first = rewrite(goal.text, config, mode, phased=True)  # type: ignore[arg-type]
        again = rewrite(first.text, config, mode, phased=True)  # type: ignore[arg-type]
        if again.text != first.text or first.score_after < first.score_before or check_parts(first):
            problems.append((goal.id, first.text))
    assert problems == []
