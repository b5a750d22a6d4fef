"""Extraction through the real pipeline: metrics, values, roles, activities, priorities, vague terms."""

from __future__ import annotations

import datetime as dt

import pytest

import goalcheck


def test_seed_measurable_example(linter: goalcheck.Linter) -> None:
    result = linter.check(
        "Increase average customer engagement scores from 3.2 to 4.0 on scientific dialogue quality by Q2 2025."
    )
    metric = result.primary_metric
    assert metric is not None
    assert (metric.name, metric.baseline.value, metric.target.value, metric.direction) == (
        "engagement scores",
        3.2,
        4.0,
        "increase",
    )
    assert result.deadline is not None and result.deadline.end == dt.date(2025, 6, 30)
    assert [p.id for p in result.priorities if p.configured] == ["customer-engagement"]


@pytest.mark.parametrize(
    ("text", "target", "baseline", "unit", "direction"),
    [
        ("Grow win rate from 12% to 18% by Q4 2025.", 18, 12, "percent", "increase"),
        ("Increase oncology revenue by 15% in FY25.", 15, None, "percent", "increase"),
        ("Reach 90% proficiency in field assessments.", 90, None, "percent", "reach"),
        ("Present budget impact models in 80% of key account meetings.", 80, None, "percent", "reach"),
        ("Close $2.4M in new ARR by Q3 2025.", 2_400_000, None, "USD", "reach"),
        ("Cut average handle time from 9 minutes to 6 minutes.", 6, 9, "minute", "decrease"),
        ("Double enrollments by 2026.", 2, None, "times", "increase"),
        ("Reach 4.5 out of 5 on the coaching survey.", 4.5, None, None, "reach"),
        ("Complete 40 customer calls per week.", 40, None, None, "reach"),
        ("Sign 25 new hospital accounts in the region.", 25, None, None, "reach"),
        ("Improve churn from 8% to 5% by Q4 2025.", 5, 8, "percent", "decrease"),
        ("Lower the mean time to recovery (MTTR) to 30 minutes, currently 2.5 hours.", 30, 2.5, "minute", "decrease"),
        ("KR1: activation rate 35% -> 50% by Q3 2025.", 50, 35, "percent", "increase"),
        ("Reduce payroll corrections from ~30/month to fewer than 10/month.", 10, 30, None, "decrease"),
        ("Grow average deal size from EUR 48k to EUR 60k by FY27.", 60_000, 48_000, "EUR", "increase"),
        ("Keep p95 latency < 200ms for the checkout API.", 200, None, "ms", "maintain"),
        ("Cut build time from 14min to 6min.", 6, 14, "min", "decrease"),
        ("Grow log retention to 500GB per cluster.", 500, None, "gigabyte", "increase"),
        ("Grow qualified pipeline 3 x by Q4 2025.", 3, None, "times", "increase"),  # a spaced "x" multiplies too
    ],
)
def test_values(
    linter: goalcheck.Linter, text: str, target: float, baseline: float | None, unit: str | None, direction: str
) -> None:
    metric = linter.check(text).primary_metric
    assert metric is not None and metric.target is not None
    assert metric.target.value == pytest.approx(target)
    assert (metric.baseline.value if metric.baseline else None) == baseline
    assert metric.target.unit == unit
    assert metric.direction == direction


@pytest.mark.parametrize(
    "text",
    [
        "Pass the Grade 4 reading module.",
        "Detail the 10 mg dose to cardiologists.",
        "Join the Phase 3 investigator meeting in 2025.",
        "Resolve ticket #4521.",
        "Support the team 24/7.",
        # A count right after a possessive sizes the scope the goal covers.
        "Roll out the new dashboards for our 5 regional teams.",
        "Grow procedure volume across my 12 accounts by improving case follow-up.",
    ],
)
def test_numbers_that_are_not_targets(linter: goalcheck.Linter, text: str) -> None:
    assert not linter.check(text).facets.target


def test_a_count_of_every_one_of_a_named_set_is_still_a_target(linter: goalcheck.Linter) -> None:
    # "each/every/all over a named set counts as target" (eval/LABELING.md), possessive or not.
    assert linter.check("Hold 1:1s with each of my 7 direct reports every week.").facets.target
    assert linter.check("Maintain our 95% satisfaction rate.").facets.target  # a percent is no scope count
    assert linter.check("Grow TRx in my 12 target practices from 310 to 400 by Q3 2025.").facets.baseline


def test_scale_and_score(linter: goalcheck.Linter) -> None:
    metric = linter.check("Raise the coaching rubric score to 4 on a 5-point scale by Q3 2025.").primary_metric
    assert metric is not None and metric.scale is not None
    assert (metric.target.value, metric.scale.high) == (4, 5)


def test_baseline_year_is_not_a_deadline(linter: goalcheck.Linter) -> None:
    result = linter.check("Raise attainment to 88%, up from 71% in 2024.")
    assert result.deadline is None
    assert result.primary_metric is not None and result.primary_metric.baseline.value == 71


def test_roles(linter: goalcheck.Linter) -> None:
    def roles(text: str) -> list[tuple[str, str]]:
        return [(r.kind, r.name) for r in linter.check(text).roles]

    assert roles("For new specialty representatives: master disease state discussions by Q1 2025.") == [
        ("level", "specialty representatives")
    ]
    assert roles("The market access team will present value dossiers to 12 payers.") == [("team", "market access team")]
    assert roles("Priya will run two lunch-and-learns by March.") == [("person", "Priya")]
    assert roles("Hire 3 nurses by Q2.") == []
    # A role joined to a role the goal acts on is acted on too; a new clause with its own subject is not.
    assert roles("Hire 5 account managers and 2 regional directors for the new site by May.") == []
    assert roles("Recruit 3 RNs or 1 senior nurse practitioner by Q4.") == []
    assert roles("Hire 3 nurses, and our charge nurses will onboard them by Q2.") == [("role", "charge nurses")]
    assert roles("We will grow sales.") == []
    assert roles("Grade 5 students will read 20 books this year.") == [("level", "grade 5 students")]
    # A team named by what it does, though the vocabulary does not list its function.
    assert roles("The sepsis team will raise bundle compliance to 75% by Q4.") == [("team", "sepsis team")]
    assert roles("Data engineering: publish data contracts by Feb 15.") == [("team", "data engineering")]
    assert roles("Grants team: submit 18 proposals in FY26.") == [("team", "grants team")]
    assert roles("Patient support hub team: cut time to first shipment to 10 days.") == [
        ("team", "patient support hub team")
    ]
    assert roles("Urban forestry crew: plant 5,000 street trees by 2030.") == [("team", "urban forestry crew")]
    assert roles("Our team will grow sales.") == []
    # "By <date>" opens the clause; "by the district manager" names an agent, an object of the goal.
    assert roles("By 6/30/26 the field reimbursement managers will cut time to therapy to 14 days.") == [
        ("role", "field reimbursement managers")
    ]
    assert roles("Call plans are reviewed by the district manager.") == []
    assert roles("Reviewed by 2 district managers each month.") == []
    # A spaced dash ends a label ("store mgrs - ..."); a joined hyphen makes a modifier ("nurse-led").
    assert roles("store mgrs - reduce shrink") == [("role", "mgrs")]
    assert roles("Run a nurse-led discharge class.") == []
    assert roles("The compliance team will review every vendor contract by Q3.") == [("team", "compliance team")]
    # A group of people made specific by a field, an acronym or a compound.
    assert roles("Raise retention of Pell-eligible students to 78%.") == [("level", "students")]
    assert roles("AP students will score 3 or higher.") == [("level", "students")]
    assert roles("Support students in reading.") == []
    # A hire verb makes a role the object only within its own clause.
    assert roles("Cut attrition (within 90 days of hire) for warehouse associates to 25%.") == [("role", "associates")]


def test_activities_and_cadence(linter: goalcheck.Linter) -> None:
    result = linter.check("Conduct monthly role-play sessions on clinical objections with structured feedback.")
    assert [a.name for a in result.activities][:2] == ["conduct", "role-play sessions"]
    assert result.activities[0].cadence is not None and result.activities[0].cadence.period == "month"
    assert not linter.check("Increase NPS to 50 by Q4 2025.").facets.action
    assert not linter.check("Develop the ability to handle objections.").facets.action
    # Routine practices of other fields are activities too, with their cadence.
    talks = linter.check("Site superintendents will run a toolbox talk every Monday.")
    assert "toolbox talk" in [a.name for a in talks.activities]
    assert linter.check("Cut no-shows to 10% by Q3 using text reminders before each visit.").facets.action
    assert linter.check("Complete annual competencies by Q2 2025.").facets.action
    assert linter.check("Raise scores to 60% using fortnightly low-stakes quizzes.").facets.action


def test_word_forms_match_one_pattern(linter: goalcheck.Linter) -> None:
    for verb in ("increase", "increases", "increased", "increasing"):
        assert linter.check(f"Sales {verb} to $5M.").primary_metric.direction == "increase"
    for noun in ("director", "directors"):
        assert [r.name for r in linter.check(f"Regional {noun} will review each account plan.").roles] == [noun]


def test_vague_terms(linter: goalcheck.Linter) -> None:
    def vague(text: str) -> list[tuple[str, str]]:
        return [(v.category, v.span.text) for v in linter.check(text).vague_terms]

    assert vague("Improve selling skills.") == [("weak-verb", "Improve")]
    assert vague("Win more formulary listings soon.") == [("comparative", "more"), ("temporal", "soon")]
    assert vague("Improve the inbound demo booking rate to 22% by Q3 2025.") == []
    assert vague("Keep bugs at 5 or fewer per release.") == []
    assert vague("Share best practices as needed.") == [("loophole", "best practices"), ("loophole", "as needed")]
    # A weak verb on an outcome with nothing to measure it by says no more than "better".
    assert vague("Improve patient safety on the unit.") == [("weak-verb", "Improve")]
    assert vague("Improve customer satisfaction scores.") == []  # the object is a measure
    assert vague("Improve developer productivity.") == [("weak-verb", "Improve")]  # a concept: "better"
    assert vague("Improve developer productivity by 20% by Q3 2025.") == []
    assert vague("Improve patient safety: falls down 30% by Q4 2025.") == []
    assert vague("Managers should hold regular 1:1s.") == [("adjective", "regular")]
    assert vague("Complete sepsis training by Q2 2025, to improve patient safety.") == []  # the why
    # Terms of art the generic pack accepts: exact, though a word in them looks vague.
    assert vague("Answer every reasonable accommodation request within 10 business days.") == []
    assert vague("Cut timely filing denials to 1% by Q3 2025 and do good work.") == [("adjective", "good")]
    assert vague("Optimize spend wherever we can.") == [("weak-verb", "Optimize"), ("loophole", "wherever we can")]
    # A weak verb with a typo is still one; a word that only starts like one is not.
    assert vague("Imporve call quality") == [("weak-verb", "Imporve")]
    assert vague("get beter at excel") == [("weak-verb", "get beter at")]
    assert vague("Take an improv class every Tuesday.") == []


def test_periods_that_open_clauses_are_phases(linter: goalcheck.Linter) -> None:
    result = linter.check("Plan for the year: Q1 finish the course, Q2 lead the pricing project, Q4 take on a report.")
    assert [m.due.text for m in result.milestones] == ["Q1", "Q2", "Q4"]
    # The same period before a noun, after a determiner, names a topic: "the Q2 talent review".
    result = linter.check("Complete stay interviews with everyone flagged in the Q2 talent review by August 31, 2025.")
    assert result.deadline is not None and result.deadline.text == "August 31, 2025" and not result.milestones
    result = linter.check("Cut the ETL runtime to 3 hours before the FY26 planning cycle starts in September.")
    assert result.deadline is not None and result.deadline.text == "September" and not result.milestones


def test_adjacent_periods_read_as_one(linter: goalcheck.Linter) -> None:
    result = linter.check("Deliver 2 speaker programs per month in Q3 and Q4 2025.")
    assert result.deadline is not None and result.deadline.end.isoformat() == "2025-12-31" and not result.milestones
    result = linter.check("Reduce manual touches per invoice to 1.5 by FY26 year-end.")
    assert result.deadline is not None and result.deadline.end.isoformat() == "2026-12-31" and not result.milestones


def test_a_verb_after_each(linter: goalcheck.Linter) -> None:
    result = linter.check("Medical science liaisons will each present the Phase III data at 6 grand rounds.")
    assert [a.name for a in result.activities] == ["present"]


def test_clause_boundaries_inside_closing_punctuation(linter: goalcheck.Linter) -> None:
    # The tokenizer keeps "):" whole; the clause still ends there, so "train" opens the next one.
    result = linter.check("Phase 1 (Aug-Sept 2025): train all K-2 teachers in the phonics sequence.")
    assert [a.name for a in result.activities] == ["train"]
    assert linter.check("By Feb 15 publish data contracts for the 5 core event streams.").facets.action


def test_offsets_point_at_the_words(linter: goalcheck.Linter) -> None:
    text = "  Improve selling skills by Q3 2025, somehow."
    result = linter.check(text)
    for finding in result.findings:
        assert 0 <= finding.start <= finding.end <= len(text)
    vague = next(f for f in result.findings if f.code == "CL01")
    assert text[vague.start : vague.end] == "Improve"
    assert text[result.deadline.span.start : result.deadline.span.end] == "Q3 2025"
