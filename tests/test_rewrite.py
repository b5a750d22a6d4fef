"""The rewriter on single goals: shapes, placeholders, suggestions and their sources, role levels, phases."""

from __future__ import annotations

import datetime as dt

import pytest

import goalcheck
from goalcheck.rewrite import Rewrite, rewrite
from goalcheck.rewrite.dates import deadline_options, phase_dates


def _check_parts(result: Rewrite) -> None:
    assert "".join(p.text for p in result.parts) == result.text
    for part in result.parts:
        if part.origin == "kept":
            assert part.span is not None
            assert part.text.lower() == result.original[part.span.start : part.span.end].lower()
        if part.origin == "suggestion":
            assert part.source
        if part.origin == "placeholder":
            assert part.text == f"[{part.slot}]"


def test_seed_weak_skill_goal_placeholders(config: goalcheck.Config) -> None:
    result = rewrite("Improve selling skills.", config)
    assert result.text == (
        "For [role]: Demonstrate selling skills in [skill], moving the [metric] from [baseline] to [target] "
        "by [deadline] through [activity], to support [priority]."
    )
    assert result.shape == "skill"
    assert result.missing == ("role", "skill", "metric", "baseline", "target", "activity", "deadline", "priority")
    assert not result.suggestions
    assert [(e.action, e.span.text, e.replacement) for e in result.edits] == [("reframe", "Improve", "Demonstrate")]
    _check_parts(result)


def test_seed_weak_skill_goal_suggest(config: goalcheck.Config) -> None:
    result = rewrite("Improve selling skills.", config, "suggest")
    assert result.text == (
        "For new specialty representatives: Demonstrate foundational selling skills in scientific dialogue, "
        "moving the customer engagement score on scientific dialogue quality from [baseline] to 4.0 on a 1-5 "
        "scale by end of Q2 2025 through monthly role-play sessions on clinical objections, with video recording "
        "and structured feedback, to support improving customer engagement."
    )
    assert result.missing == ("baseline",)
    assert {p.slot: p.source for p in result.suggestions} == {
        "role": "life-sciences/pack.yaml: suggest.roles[0]",
        "skill": "life-sciences/pack.yaml: suggest.skills[0]",
        "metric": "life-sciences/pack.yaml: suggest.metrics[0]",
        "target": "life-sciences/rewrite/templates.yaml: targets[0]",
        "deadline": "reference date 2025-01-15: the end of the next quarter",
        "activity": "life-sciences/pack.yaml: suggest.activities[0]",
        "priority": "life-sciences/pack.yaml: priorities[customer-engagement]",
    }
    assert (result.score_before, result.score_after) == (12, 97)
    assert [f.code for f in result.findings] == ["ME03"]
    _check_parts(result)


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("Get better at territory planning.", "Get better at"),
        ("Strengthen account planning.", "Strengthen"),
        ("Work on time management.", "Work on"),
    ],
)
def test_a_planning_or_management_competency_is_a_skill(config: goalcheck.Config, text: str, verb: str) -> None:
    # Like "selling skills": the weak verb becomes the templates' verb, and the rewrite is no longer vague.
    result = rewrite(text, config)
    assert result.text.startswith(f"For [role]: Demonstrate {text.removeprefix(verb + ' ').rstrip('.')}, ")
    assert [(e.action, e.span.text) for e in result.edits] == [("reframe", verb)]
    assert not [v for v in goalcheck.check(result.text, config).vague_terms if v.category == "weak-verb"]


def test_seed_activity_goal(config: goalcheck.Config) -> None:
    result = rewrite("Conduct monthly field visits.", config)
    assert result.shape == "activity"
    assert result.text == (
        "For [role]: Conduct monthly field visits through [deadline], moving the [metric] from [baseline] "
        "to [target], to support [priority]."
    )
    assert result.edits == ()


def test_experienced_role_gets_advanced_wording_and_matching_values(config: goalcheck.Config) -> None:
    result = rewrite(
        "For experienced representatives: Develop advanced account strategy skills by Q3 2025.", config, "suggest"
    )
    assert result.text == (
        "For experienced representatives: Demonstrate advanced account strategy skills by Q3 2025, moving the "
        "share of key account meetings with a budget impact model presented from [baseline] to 80% through "
        "quarterly account planning reviews for the top 3 IDN accounts, to support growing key accounts."
    )


def test_new_role_from_context_gets_foundational_wording(config: goalcheck.Config) -> None:
    result = rewrite("Improve product knowledge.", config, role="New specialty representatives")
    assert result.text.startswith("Demonstrate foundational product knowledge in [skill], ")
    assert "role" not in result.missing


def test_outcome_goal_keeps_every_fact_and_adds_the_baseline_before_the_change(config: goalcheck.Config) -> None:
    text = "Increase Xelvora new-patient starts by 15% in the Northeast region by Q3 2025."
    result = rewrite(text, config)
    assert result.text == (
        "For [role]: Increase Xelvora new-patient starts by 15% from [baseline] in the Northeast region by Q3 2025, "
        "through [activity], to support [priority]."
    )
    assert result.score_after >= result.score_before


def test_baseline_goes_before_to_target(config: goalcheck.Config) -> None:
    result = rewrite("Increase our formulary win rate to 30% by end of Q3 2025.", config)
    assert "win rate from [baseline] to 30% by end of Q3 2025" in result.text


def test_purpose_goal_becomes_the_purpose_of_a_measured_goal(config: goalcheck.Config) -> None:
    result = rewrite("Support market access strategy.", config)
    assert result.shape == "purpose"
    assert result.text == (
        "For [role]: Raise the [metric] from [baseline] to [target] by [deadline] through [activity], "
        "to support market access strategy."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MSLs should attend congresses as needed to stay current.", "MSLs should attend congresses to stay current"),
        ("Several reps need to consistently hit call targets.", "[target] reps need to hit call targets"),
        ("Boost Xelvora patient starts significantly by June.", "Boost Xelvora patient starts from [baseline] to"),
        ("Build a strong employer brand", "Build an employer brand"),
        ("Conduct role-play sessions focused on objection handling.", "role-play sessions on objection handling"),
        ("Be more confident with KOLs.", "Show [observable behaviour] with KOLs"),
        ("Implement lean best practices where it makes sense.", "Implement lean [named practices] where it"),
        ("Grow social media presence significantly", "Grow the [metric] of social media presence, moving it from"),
    ],
)
def test_vague_words_are_dropped_or_become_slots(config: goalcheck.Config, text: str, expected: str) -> None:
    assert expected in rewrite(text, config).text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Be happier and less stressed in general.", "Be happier and show [observable behaviour] in general,"),
        ("Be a better leader.", "Be a leader who shows [observable behaviour],"),
        ("I want to become a better listener on calls.", "a listener who shows [observable behaviour] on calls,"),
        ("Become more strategic and less reactive.", "Become strategic and show [observable behaviour],"),
    ],
)
def test_words_the_sentence_needs_become_the_behaviour_that_shows_them(
    config: goalcheck.Config, text: str, expected: str
) -> None:
    for mode in ("placeholders", "suggest"):
        result = rewrite(text, config, mode)  # type: ignore[arg-type]
        assert expected in result.text
        assert [f.code for f in result.findings if f.code.startswith("CL")] == []
        assert "behaviour" in result.missing
        assert rewrite(result.text, config, mode).text == result.text  # type: ignore[arg-type]


def test_temporal_vague_word_becomes_the_deadline(config: goalcheck.Config) -> None:
    result = rewrite(
        "KAMs will raise the share of IDN accounts with an approved protocol to 55%, up from 40% — soon.",
        config,
        "suggest",
    )
    assert "up from 40% — by end of Q2 2025" in result.text
    assert result.findings == () or all(f.code != "TI03" for f in result.findings)


def test_goal_with_nothing_but_vague_words_becomes_the_skeleton(config: goalcheck.Config) -> None:
    assert rewrite("TBD", config).text == (
        "For [role]: Raise the [metric] from [baseline] to [target] by [deadline] through [activity], "
        "to support [priority]."
    )


def test_complete_goal_is_unchanged(config: goalcheck.Config) -> None:
    text = (
        "Increase average customer engagement scores on clinical dialogue from 3.4 to 4.1 (5-point scale) by end of "
        "Q3 2025 through role-play every two weeks with video feedback for all specialty reps in the Southeast."
    )
    result = rewrite(text, config, "suggest")
    assert result.text == text
    assert not result.changed
    assert result.parts[0].origin == "kept"


def test_suggest_mode_fills_placeholders_of_an_earlier_rewrite(config: goalcheck.Config) -> None:
    first = rewrite("Improve selling skills.", config)
    assert rewrite(first.text, config, "suggest").text == rewrite("Improve selling skills.", config, "suggest").text


def test_alternatives_list_options_per_slot(config: goalcheck.Config) -> None:
    result = rewrite("Improve selling skills.", config, "suggest", alternatives=2)
    options = {p.slot: p.alternatives for p in result.parts if p.alternatives}
    assert options["deadline"] == ("end of Q2 2025", "end of Q3 2025")
    assert options["role"] == ("new specialty representatives", "experienced representatives")
    assert all(p.text == p.alternatives[0] for p in result.suggestions)
    placeholders = rewrite("Improve selling skills.", config, alternatives=1)
    assert {p.slot: p.alternatives for p in placeholders.parts if p.alternatives}["skill"] == ("scientific dialogue",)


def test_phased_path_is_dated_from_the_reference_date(config: goalcheck.Config) -> None:
    result = rewrite("Improve selling skills.", config, "suggest", phased=True)
    assert [(p.label, p.due) for p in result.phases] == [
        ("Q1 2025", dt.date(2025, 3, 31)),
        ("Q2 2025", dt.date(2025, 6, 30)),
        ("Q3 2025", dt.date(2025, 9, 30)),
        ("Q4 2025", dt.date(2025, 12, 31)),
    ]
    assert [p.stage for p in result.phases] == [
        "build knowledge",
        "practical application",
        "advanced capability",
        "coach others",
    ]
    assert "by end of Q4 2025" in result.text
    assert result.text.endswith(
        "Milestones: by Q1 2025, complete foundational training on scientific dialogue; by Q2 2025, use "
        "scientific dialogue in customer calls observed on ride-alongs; by Q3 2025, demonstrate advanced scientific "
        "dialogue in a field assessment; by Q4 2025, coach peers on scientific dialogue in team meetings."
    )
    after = goalcheck.check(result.text, config)
    assert after.facets.milestones and after.deadline is not None
    assert after.deadline.end == dt.date(2025, 12, 31)


def test_phases_follow_a_deadline_the_goal_has(config: goalcheck.Config) -> None:
    result = rewrite(
        "For new specialty representatives: Master foundational disease state discussions by Q1 2025.",
        config,
        phased=True,
    )
    assert [p.due for p in result.phases][-1] == dt.date(2025, 3, 31)
    assert [p.due for p in result.phases] == sorted({p.due for p in result.phases})


def test_deadline_and_phase_dates_follow_the_fiscal_year() -> None:
    assert [q.label for q in deadline_options(dt.date(2025, 1, 15), 4, 2)] == ["Q1 FY26", "Q2 FY26"]
    assert phase_dates(dt.date(2025, 3, 10), 1, None, 2) == [
        ("Q2 2025", dt.date(2025, 6, 30)),
        ("Q3 2025", dt.date(2025, 9, 30)),
    ]
    fiscal = goalcheck.Config(reference_date=dt.date(2025, 1, 15), fiscal_year_start_month=4)
    result = rewrite("Improve selling skills.", fiscal, "suggest")
    assert "by end of Q1 FY26" in result.text
    assert goalcheck.check(result.text, fiscal).deadline.end == dt.date(2025, 6, 30)  # type: ignore[union-attr]


def test_ignored_rule_does_not_ask_for_its_slot() -> None:
    config = goalcheck.Config(reference_date=dt.date(2025, 1, 15), ignore=("RO01", "ST01"))
    result = rewrite("Improve selling skills.", config)
    assert "[role]" not in result.text and "[priority]" not in result.text


def test_bad_arguments_are_errors(config: goalcheck.Config) -> None:
    with pytest.raises(ValueError, match="mode"):
        rewrite("Improve selling skills.", config, "invent")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="alternatives"):
        rewrite("Improve selling skills.", config, alternatives=-1)


def test_empty_and_odd_input_never_raise(config: goalcheck.Config) -> None:
    for text in ("", "   ", "!!!", "\x00", "🙂 " * 50, "a" * 5000):
        result = rewrite(text, config)
        assert "".join(p.text for p in result.parts) == result.text
        assert result.score_after >= result.score_before
