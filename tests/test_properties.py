"""Properties over arbitrary text: no exception, offsets inside the text, bounded and stable scores."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import goalcheck

from .conftest import REFERENCE_DATE

LINTER = goalcheck.Linter(goalcheck.Config(reference_date=REFERENCE_DATE))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
GOALISH = st.lists(
    st.sampled_from(
        [
            "Improve",
            "increase",
            "sales",
            "by",
            "15%",
            "from",
            "3.2",
            "to",
            "4.0",
            "Q2",
            "2025",
            "monthly",
            "reps",
            "role-play",
            "sessions",
            "within",
            "90",
            "days",
            "FY25",
            "H1",
            "more",
            "$2.4M",
            "each",
            "manager",
            "top",
            "3",
            "accounts",
            ",",
            ".",
            ":",
            "new",
            "specialty",
            "representatives",
            "by end of",
            "every",
            "week",
            "soon",
        ]
    ),
    max_size=40,
).map(" ".join)
TEXT = st.one_of(st.text(max_size=10_000), GOALISH)


def _check_offsets(text: str, result: goalcheck.GoalResult) -> None:
    for finding in result.findings:
        assert 0 <= finding.start <= finding.end <= len(text)
    spans = [m.span for m in result.metrics if m.span] + [q.span for q in result.quantities]
    spans += [a.span for a in result.activities] + [r.span for r in result.roles] + [v.span for v in result.vague_terms]
    if result.deadline:
        spans.append(result.deadline.span)
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start : span.end] == span.text


@SETTINGS
@given(TEXT)
def test_any_text_gives_a_result(text: str) -> None:
    result = LINTER.check(text)
    assert 0 <= result.score <= 100
    _check_offsets(text, result)


@SETTINGS
@given(TEXT)
def test_same_input_same_output(text: str) -> None:
    assert LINTER.check(text) == LINTER.check(text)


@SETTINGS
@given(GOALISH, st.sampled_from(["by Q3 2025", "by June 30, 2025", "within 90 days", "by year-end", "in FY26"]))
def test_appending_a_deadline_never_lowers_time(text: str, deadline: str) -> None:
    before = LINTER.check(text).dimensions[goalcheck.Dimension.TIME].score
    after = LINTER.check(f"{text} {deadline}").dimensions[goalcheck.Dimension.TIME].score
    assert after >= before


@SETTINGS
@given(GOALISH, st.integers(0, 99), st.integers(0, 99))
def test_appending_from_x_to_y_never_removes_baseline(text: str, x: int, y: int) -> None:
    base = LINTER.check(text).facets.baseline
    extended = LINTER.check(f"{text} from {x}% to {y}%")
    assert extended.facets.baseline or not base
    assert extended.facets.baseline
