"""The public API and the contracts SPEC.md promises."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator

import pytest

import goalcheck
from goalcheck.models import FACET_NAMES, Dimension, Status

from .conftest import REFERENCE_DATE

SEED_EXAMPLES = [
    "By end of Q2 2025, develop team capability to effectively communicate health economic data to payer audiences, "
    "demonstrated by successful presentation of budget impact models in 80% of key account meetings.",
    "Improve team's ability to engage in scientific dialogue about new biomarker data, achieving 90% proficiency "
    "ratings in field assessments by Q3 2025.",
    "Build advanced account planning capabilities, with each manager developing and executing comprehensive "
    "strategic plans for top 3 IDN accounts by end of Q2 2025.",
]


def test_weak_goal_scores_low_with_a_suggestion_per_dimension(linter: goalcheck.Linter) -> None:
    result = linter.check("Improve selling skills.")
    assert result.score < 30
    by_dimension = {f.dimension for f in result.findings}
    assert {
        Dimension.MEASURABLE,
        Dimension.ACTIONABLE,
        Dimension.ROLE,
        Dimension.TIME,
        Dimension.STRATEGIC,
    } <= by_dimension
    for finding in result.findings:
        assert finding.suggestions and all(s.text for s in finding.suggestions)
    assert [f.code for f in result.findings] == ["AC01", "CL01", "ME01", "RO01", "ST01", "TI01"]
    vague = next(f for f in result.findings if f.code == "CL01")
    assert "'Improve'" in vague.message
    assert any("selling skills" in s.text for s in next(f for f in result.findings if f.code == "ME01").suggestions)


@pytest.mark.parametrize("text", SEED_EXAMPLES)
def test_seed_examples_are_good_goals(linter: goalcheck.Linter, text: str) -> None:
    result = linter.check(text)
    assert result.facets.deadline and result.facets.target
    assert result.score >= 70


def test_one_shot_check_uses_config() -> None:
    result = goalcheck.check("Increase sales by 10% within 90 days.", goalcheck.Config(reference_date=REFERENCE_DATE))
    assert result.deadline is not None and result.deadline.end == dt.date(2025, 4, 15)


def test_result_shape_and_json(linter: goalcheck.Linter) -> None:
    result = linter.check(SEED_EXAMPLES[0])
    data = json.loads(result.model_dump_json())
    assert data["schema_version"] == goalcheck.SCHEMA_VERSION
    assert list(data["facets"]) == list(FACET_NAMES)
    assert set(data["dimensions"]) == {d.value for d in Dimension}
    assert 0 <= data["score"] <= 100
    for finding in data["findings"]:
        assert set(finding) >= {"code", "name", "dimension", "severity", "message", "start", "end", "suggestions"}
    assert goalcheck.GoalResult.model_validate_json(result.model_dump_json()) == result
    assert result.dimensions[Dimension.TIME].status == Status.MET
    assert result.dimensions[Dimension.ROLE].status == Status.MISSING


def test_check_many_streams_in_order(linter: goalcheck.Linter) -> None:
    texts = [f"Make {n} calls per week by Q3 2025." for n in range(1, 40)]
    stream = linter.check_many(iter(texts))
    first = next(stream)
    assert first.text == texts[0]
    rest = list(stream)
    assert [r.primary_metric.target.value for r in [first, *rest]] == list(range(1, 40))


def test_check_many_equals_check(linter: goalcheck.Linter) -> None:
    for text, streamed in zip(SEED_EXAMPLES, linter.check_many(SEED_EXAMPLES), strict=True):
        assert streamed == linter.check(text)


def test_check_many_paces_the_collector_only_while_it_works(linter: goalcheck.Linter) -> None:
    import gc

    before = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []

    class Watching(list[str]):  # the texts, read by the pipeline while goalcheck works
        def __iter__(self) -> Iterator[str]:
            for text in super().__iter__():
                seen.append(gc.get_threshold())
                yield text

    for _ in linter.check_many(Watching(SEED_EXAMPLES), batch_size=1):
        assert gc.get_threshold() == before  # the caller's loop body runs at its own pace
    assert seen and all(t[0] >= 10_000 and t[1:] == before[1:] for t in seen)
    assert gc.get_threshold() == before
    gc.set_threshold(0)  # automatic collection turned off by the program: it stays off
    try:
        linter.check("Improve sales.")
        list(linter.check_many(Watching(SEED_EXAMPLES)))
        assert gc.get_threshold()[0] == 0 and seen[-1][0] == 0
    finally:
        gc.set_threshold(*before)


def test_threads_checking_at_once_leave_the_collector_as_it_was(linter: goalcheck.Linter) -> None:
    import gc
    import sys
    import threading

    before = gc.get_threshold()
    texts = [*SEED_EXAMPLES, "Improve sales.", "Grow revenue by 5% by Q3 2025."] * 8
    start = threading.Barrier(3)

    def run() -> None:
        start.wait()
        for _ in linter.check_many(texts, batch_size=2):
            pass

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns inside each other's goals
    try:
        threads = [threading.Thread(target=run) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(interval)
    assert gc.get_threshold() == before


@pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork is POSIX only")
def test_a_fork_while_another_thread_checks_leaves_the_child_at_the_programs_pace() -> None:
    import gc
    import threading

    from goalcheck.linter import FewerCollections

    before = gc.get_threshold()
    inside, leave = threading.Event(), threading.Event()

    def hold() -> None:
        with FewerCollections():
            inside.set()
            leave.wait()

    holder = threading.Thread(target=hold)
    holder.start()
    inside.wait()
    pid = os.fork()
    if pid == 0:  # the child: only this thread; the holder's block is gone with its thread
        ok = gc.get_threshold() == before and FewerCollections.open_blocks() == 0
        with FewerCollections():
            ok = ok and gc.get_threshold()[0] >= 10_000
        os._exit(0 if ok and gc.get_threshold() == before else 1)
    _, status = os.waitpid(pid, 0)
    leave.set()
    holder.join()
    assert os.waitstatus_to_exitcode(status) == 0
    assert gc.get_threshold() == before


def test_select_ignore_and_severity() -> None:
    config = goalcheck.Config(
        reference_date=REFERENCE_DATE, select=("TI", "vague-verb"), ignore=("TI04",), severity={"TI01": "info"}
    )
    result = goalcheck.Linter(config).check("Improve selling skills.")
    assert [(f.code, f.severity.value) for f in result.findings] == [("CL01", "warning"), ("TI01", "info")]


def test_select_by_dimension() -> None:
    result = goalcheck.Linter(goalcheck.Config(reference_date=REFERENCE_DATE, select=("achievable",))).check(
        "Lift the proposal win rate to 130% by Q2 2019."
    )
    assert [f.code for f in result.findings] == ["PL01", "PL04"]


def test_unknown_rule_code_is_a_config_error() -> None:
    with pytest.raises(goalcheck.ConfigError, match=r"unknown rule code or name 'XX99'.*known: AC01"):
        goalcheck.Linter(goalcheck.Config(select=("XX99",)))


def test_config_rejects_unknown_fields() -> None:
    with pytest.raises(ValueError, match="extra"):
        goalcheck.Config(reference_dat=REFERENCE_DATE)  # type: ignore[call-arg]


def test_plausibility(linter: goalcheck.Linter) -> None:
    def codes(text: str) -> list[str]:
        return [f.code for f in linter.check(text).findings if f.dimension == Dimension.ACHIEVABLE]

    assert codes("Lift win rate to 130% by Q4 2025.") == ["PL01"]
    assert codes("Grow sign-ups by 130% by Q4 2025.") == []
    assert codes("Reach 112% of the annual territory quota by Q4 2025.") == []
    assert codes("Raise account planning coverage to 130% by Q4 2025.") == ["PL01"]
    assert codes("Reach 6 on a 5-point scale by Q4 2025.") == ["PL02"]
    assert codes("Reduce churn from 5% to 8% by Q4 2025.") == ["PL03"]
    assert codes("Grow revenue by 10% by Q2 2024.") == ["PL04"]
    assert codes("Reduce resolution time from 3 hours to 40% by Q3 2025.") == ["PL05"]
    assert codes("Reduce resolution time from 3 hours to 2 hours by Q3 2025.") == []


def test_weak_goal_is_findings_not_an_exception(linter: goalcheck.Linter) -> None:
    for text in ["", "   ", "\x00\x01", "😀" * 50, "Q9 2025 FY99 H3", "by 31/31/2025"]:
        result = linter.check(text)
        assert 0 <= result.score <= 100


def test_non_string_input_is_a_type_error(linter: goalcheck.Linter) -> None:
    with pytest.raises(TypeError, match="a goal is a str"):
        linter.check(b"bytes")  # type: ignore[arg-type]


def test_results_built_without_validation_equal_validated_ones() -> None:
    # Extraction and the linter build models with `trusted` (no validation) from values they typed themselves.
    # Validating the same data again must give an equal model, field for field, on every corpus goal.
    from .corpus_data import SETS, linter_for, load

    for name in SETS:
        goals = load(name)
        for goal, result in zip(goals, linter_for(name).check_many(g.text for g in goals), strict=True):
            again = goalcheck.GoalResult.model_validate(result.model_dump())
            assert again == result, goal.id
            assert again.model_dump_json() == result.model_dump_json(), goal.id
            assert hash(again.primary_metric) == hash(result.primary_metric), goal.id
