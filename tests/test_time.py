"""Time idioms resolve to the right last day, for calendar and fiscal years (no pipeline needed)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import goalcheck
from goalcheck.extract.backwards import EndSearch
from goalcheck.extract.grammar import GatePlan
from goalcheck.extract.regexscan import WordScan
from goalcheck.extract.time import (
    _MONTHS,
    TimeContext,
    dateparser_date,
    find_cadences,
    find_time,
    fiscal_quarter,
    fiscal_year_bounds,
    named_date,
)
from goalcheck.nlp.components import grammar_for

from .corpus_data import SETS, load

GRAMMAR = grammar_for(("generic", "life-sciences"), ())
REF = dt.date(2025, 1, 15)


def deadline(text: str, fy_start: int = 1, reference: dt.date = REF) -> dt.date | None:
    times = find_time(text, GRAMMAR, TimeContext(reference, fy_start), find_cadences(text, GRAMMAR))
    due = [t.period_end for t in times if t.deadline]
    return max(due) if due else None


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("by Q2 2025", "2025-06-30"),
        ("by end of Q3 2025", "2025-09-30"),
        ("by the end of Q3 2025", "2025-09-30"),
        ("by Q3-2025", "2025-09-30"),
        ("by 2025Q4", "2025-12-31"),
        ("in H1 2026", "2026-06-30"),
        ("in the second half of 2025", "2025-12-31"),
        ("in FY25", "2025-12-31"),
        ("by FY2026", "2026-12-31"),
        ("by June 30, 2025", "2025-06-30"),
        ("by 30 June 2025", "2025-06-30"),
        ("by 2025-09-30", "2025-09-30"),
        ("by 6/30/2025", "2025-06-30"),
        ("by year-end", "2025-12-31"),
        ("by EOY", "2025-12-31"),
        ("by the end of the year", "2025-12-31"),
        ("within 90 days", "2025-04-15"),
        ("within six months", "2025-07-15"),
        ("within the next quarter", "2025-06-30"),
        ("by mid-year", "2025-06-30"),
        ("this quarter", "2025-03-31"),
        ("by next quarter", "2025-06-30"),
        ("by June", "2025-06-30"),
        ("by the end of September", "2025-09-30"),
        ("by October 2025", "2025-10-31"),
        ("in early 2026", "2026-04-30"),
        ("by late 2025", "2025-12-31"),
        ("by Labor Day", "2025-09-01"),
        ("by Thanksgiving", "2025-11-27"),
        ("today", "2025-01-15"),
        ("by next Friday", "2025-01-24"),
        ("by Q3", "2025-09-30"),
        ("by the third quarter", "2025-09-30"),
        ("by the end of the school year", "2025-06-30"),
        ("by 2026", "2026-12-31"),
        ("in advance of 2025-12-09", "2025-12-09"),
        ("by end of yr", "2025-12-31"),
        ("in one month", "2025-02-15"),
        ("by the end of their first month", "2025-02-15"),
        ("by end of FY", "2025-12-31"),
        ("by EOFY", "2025-12-31"),
        ("Win 60% of placements by 12/31", "2025-12-31"),
        ("Hit 110% of my FY26 quota.", "2026-12-31"),
        ("Deliver the workshop before the Q2 launch.", "2025-06-30"),
        ("Support the Q3 launch of Ovexa by completing the launch modules.", "2025-09-30"),
        # A school or academic year named by its two years ends in June of the second.
        ("by the end of the 2025-26 school year", "2026-06-30"),
        ("by the end of AY 2026-27", "2027-06-30"),
        ("in SY2025-2026", "2026-06-30"),
        ("during academic year 2025/26", "2026-06-30"),
        ("by the end of the 1999-00 school year", "2000-06-30"),
        # Seasons: "by summer" is due at its end, "by the start of ..." at its start; the holidays are Nov-Dec.
        ("by the holiday season", "2025-12-31"),
        ("by the end of the holiday season", "2025-12-31"),
        ("before the holidays", "2025-12-31"),
        ("by the start of summer season", "2025-06-01"),
        ("by the beginning of the fall semester", "2025-09-01"),
        ("by the end of spring term", "2025-05-31"),
        ("by the spring conference", "2025-05-31"),
        # "for the year" and "for the quarter" are the current ones.
        ("for the year", "2025-12-31"),
        ("for the full fiscal year", "2025-12-31"),
        ("for the quarter", "2025-03-31"),
        ("by the class of 2028", "2028-06-30"),  # a graduating class: the end of its last school year
        ("by next Christmas", "2025-12-25"),
        ("by the end of my first 90 days", "2025-04-15"),
        ("by the end of their first year", "2026-01-15"),
        ("within one semester", "2025-07-15"),
        ("by the end of the first semester", "2025-07-15"),
        # A period before the occasion the goal is measured at dates it: "in the FY26 engagement survey".
        ("in the FY26 engagement survey", "2026-12-31"),
        # A date in brackets after a due phrase of words, the end of a range included.
        ("by peak season (Nov 15)", "2025-11-15"),
        ("during peak season (Nov 1 – Dec 31)", "2025-12-31"),
    ],
)
def test_calendar_idioms(text: str, end: str) -> None:
    assert deadline(f"Finish the plan {text}.") == dt.date.fromisoformat(end)


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("by Q1 FY26", "2025-06-30"),
        ("in FY26", "2026-03-31"),
        ("by end of FY25", "2025-03-31"),
        ("by Q3", "2025-12-31"),
        ("by year-end", "2025-03-31"),
        ("this quarter", "2025-03-31"),
        ("by H1 FY26", "2025-09-30"),
        ("by mid-year", "2025-09-30"),
    ],
)
def test_fiscal_year_starting_in_april(text: str, end: str) -> None:
    assert deadline(f"Finish the plan {text}.", fy_start=4) == dt.date.fromisoformat(end)


def test_same_words_differ_between_calendar_and_fiscal() -> None:
    assert deadline("by Q3", fy_start=1) == dt.date(2025, 9, 30)
    assert deadline("by Q3", fy_start=4) == dt.date(2025, 12, 31)
    assert deadline("in FY25", fy_start=1) == dt.date(2025, 12, 31)
    assert deadline("in FY25", fy_start=7) == dt.date(2025, 6, 30)


@pytest.mark.parametrize(
    "text",
    [
        "Conduct monthly role-play sessions.",
        "Make 40 calls per day.",
        "Grow revenue year over year.",
        "Increase sales by 15%.",
        "Respond to every page within 4 hours of the alert.",
        "Give feedback within 48 hours.",
        "Shadow a senior rep for 2 days.",
        "Reviewed by the district manager.",
        "Launch the product soon.",
        "Present the FY26 budget story to payers.",
        "Keep discounts below 12% (Q3 avg was 17.5%).",
        "Grow pipeline share to 45% (FY25: 33%).",
        "Keep first-year turnover under 10% (FY24 baseline 19%).",
        "Distribute 1.2 million pounds of food, a 20% increase over FY25.",
        "Call every account over 30 days past due.",
        "Score 4/5 on the quiz.",
        "Cut ticket times to 12 minutes during Friday and Saturday dinner service.",
        "Staff the floor on Saturday and Sunday shifts.",
        "Year 9 maths teachers: raise scores from 48% to 60%.",
        "Raise proficiency to 80%, up from 62% on the fall benchmark.",
        "Two years that do not follow each other: the 2025-27 school year.",
        "Attend training for the week of the launch.",
        "Pay 100% of invoices within terms.",
        "Improve in terms of quality.",
    ],
)
def test_not_deadlines(text: str) -> None:
    assert deadline(text) is None


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Reach 30 days off by the end of the quarter (20 for those who started in June).", ["end of the quarter"]),
        ("Reps hired in March complete 12 ride-alongs by Q3 2025.", ["Q3 2025"]),
        ("Since January, log every call; close 5 accounts by June 30, 2025.", ["June 30, 2025"]),
    ],
)
def test_a_date_pointing_back_is_not_a_deadline(text: str, due: list[str]) -> None:
    times = find_time(text, GRAMMAR, TimeContext(REF, 1), find_cadences(text, GRAMMAR))
    assert [t.text for t in times if t.deadline] == due


def test_a_length_before_another_time_is_not_a_standard_of_it() -> None:
    # "within 2 days from the request" is a length per case; "from" followed by a preposition ("within 90 days",
    # "in FY26") names no event to count from, so the first length stays a deadline (a hypothesis property found
    # both cases).
    assert deadline("Close tickets within days from within 90 days.") == REF + dt.timedelta(days=1)
    assert deadline("Close tickets within days from in FY26.") == REF + dt.timedelta(days=1)
    assert deadline("Answer within 2 days from the request.") is None


def test_an_ordinal_day_of_an_event_is_a_checkpoint_not_a_standard() -> None:
    # "within 2 hours of the page" is a length per case; "on the first day of the course" is a point in time.
    text = "On the first day of the course, hand out the syllabus; by the end of the first month, all pass quiz 1."
    result = goalcheck.check(text, goalcheck.Config(reference_date=REF))
    assert [m.due.text for m in result.milestones] == ["the first day", "the end of the first month"]
    assert result.facets.milestones


def test_a_named_period_does_not_push_the_phases_inside_it_to_next_year() -> None:
    goal = "Plan for the year: Q1 finish the course, Q2 lead a project, Q4 take on a direct report."
    result = goalcheck.check(goal, goalcheck.Config(reference_date=REF))
    assert [m.due.end for m in result.milestones] == [dt.date(2025, 3, 31), dt.date(2025, 6, 30), dt.date(2025, 12, 31)]
    # Phases after a later one still step into the next year: "Q4 ..., Q1 ..." is Q1 2026.
    later = goalcheck.check("Q4: finish the course. Q1: lead a project.", goalcheck.Config(reference_date=REF))
    assert [m.due.end for m in later.milestones] == [dt.date(2025, 12, 31), dt.date(2026, 3, 31)]


def test_a_period_of_each_persons_own_is_no_checkpoint() -> None:
    goal = "Lift graduation to 68% by the Class of 2028 by giving each student a mentor in their first semester."
    result = goalcheck.check(goal, goalcheck.Config(reference_date=REF))
    assert result.deadline is not None and result.deadline.end == dt.date(2028, 6, 30)
    assert result.milestones == ()


def test_a_date_in_brackets_restates_the_deadline_before_it() -> None:
    goal = "Lift our rating from 4.1 to 4.5 by the end of summer season (Sept 30) by asking every guest for a review."
    result = goalcheck.check(goal, goalcheck.Config(reference_date=REF))
    assert result.deadline is not None and result.deadline.end == dt.date(2025, 9, 30)
    assert result.milestones == ()


def test_reference_date_moves_relative_dates() -> None:
    assert deadline("within 90 days", reference=dt.date(2026, 3, 1)) == dt.date(2026, 5, 30)
    assert deadline("by June", reference=dt.date(2025, 7, 1)) == dt.date(2026, 6, 30)


def test_fiscal_arithmetic() -> None:
    assert fiscal_year_bounds(2026, 4) == (dt.date(2025, 4, 1), dt.date(2026, 3, 31))
    assert fiscal_quarter(2026, 1, 4) == (dt.date(2025, 4, 1), dt.date(2025, 6, 30))
    assert fiscal_quarter(2025, 4, 1) == (dt.date(2025, 10, 1), dt.date(2025, 12, 31))


def test_cadences() -> None:
    found = find_cadences("Hold bi-weekly ride-alongs, 3 times a week, every two months, year over year.", GRAMMAR)
    assert [(c.text, c.period, c.every) for c in found] == [
        ("bi-weekly", "week", 2),
        ("3 times a week", "week", 1),
        ("every two months", "month", 2),
        ("year over year", "year", 1),
    ]


# The grammar with no gate at all: every idiom and cadence scanned on every goal.
UNGATED = dataclasses.replace(
    GRAMMAR,
    time_plan=GatePlan([(0, False, None, (order, tr)) for order, tr in enumerate(GRAMMAR.time)]),
    cadence_plan=GatePlan([(0, False, None, WordScan(regex)) for _, regex in GRAMMAR.cadence]),
)
GOAL_WORDS = [
    "by",
    "in",
    "the",
    "end",
    "of",
    "within",
    "for",
    "every",
    "q3",
    "2025",
    "fy26",
    "h1",
    "june",
    "may",
    "mayor",
    "30,",
    "days",
    "weeks",
    "(",
    ":",
    "monthly",
    "weekly",
    "today",
    "quarter",
    "half",
    "year-end",
    "mid-year",
    "since",
    "per",
    "90",
    "two",
    "march",
    "fall",
]


def _both(text: str, grammar) -> tuple[list, list]:
    cadences = find_cadences(text, grammar)
    return cadences, find_time(text, grammar, TimeContext(REF, 4), cadences)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(GOAL_WORDS), max_size=14).map(" ".join))
def test_gates_only_skip_idioms_that_find_nothing(text: str) -> None:
    assert _both(text, GRAMMAR) == _both(text, UNGATED)


def test_gates_skip_nothing_the_corpus_needs() -> None:
    for goal in (goal for name in SETS for goal in load(name)):
        assert _both(goal.text, GRAMMAR) == _both(goal.text, UNGATED), goal.id


# ---- "since", "compared to": the pointer-back check, searched from the end of the text -------------------

BACK_WORDS = [
    *("since", "after", "from", "vs.", "vs", "compared", "to", "with", "than", "per", "each", "last", "prior"),
    *("increase", "growth", "up", "down", "over", "on", "started", "hired", "begins", "was", "in", "at"),
    *("during", "by", "the", "a", "q3", "2024", "sales", "x", "-", "(", ":"),
]
back_like = st.lists(st.one_of(st.sampled_from(BACK_WORDS), st.text(max_size=3)), max_size=8).flatmap(
    lambda words: st.sampled_from([" ", "", "  ", "\n", "\t"]).map(lambda sep: sep.join(words))
)


def _same_as_search(scan, text: str) -> None:
    plain = scan.pattern.search(text)
    assert scan.found(text) == (plain is not None), (scan.pattern.pattern, text)
    got = scan.search(text)
    assert (got and (got.span(), got.groups())) == (plain and (plain.span(), plain.groups())), text


def test_pointer_back_is_searched_from_the_end() -> None:
    assert GRAMMAR.not_deadline_scan._reversed is not None


@settings(max_examples=1000, deadline=None)
@given(st.one_of(back_like, back_like.map(lambda t: t + " "), back_like.map(lambda t: t + "\n"), st.text(max_size=40)))
def test_pointer_back_finds_what_search_finds(text: str) -> None:
    _same_as_search(GRAMMAR.not_deadline_scan, text)


def test_pointer_back_on_the_corpus() -> None:
    for goal in (goal for name in SETS for goal in load(name)):
        text = goal.text.lower()
        for end in range(0, len(text), 5):
            _same_as_search(GRAMMAR.not_deadline_scan, text[max(0, end - 40) : end])


@pytest.mark.parametrize(
    ("pattern", "hits", "misses"),
    [
        (r"(?:\bab\s*$|cd$)", ["x ab ", "ab\n", "cd"], ["abc", "cd ", "ab\nx"]),
        (r"\b(?:a(?:b$|c\Z)|d$)", ["ab", "ac", "ab\n", "x d"], ["ac\n", "xab", "ad "]),
        (r"x(?:(?:y$)|z$)", ["xy", "xz\n"], ["xyz", "x"]),
    ],
)
def test_alternatives_that_each_end_the_text(pattern: str, hits: list[str], misses: list[str]) -> None:
    scan = EndSearch(re.compile(pattern))
    assert scan._reversed is not None
    for text in hits + misses:
        _same_as_search(scan, text)
    assert [bool(scan.found(t)) for t in hits + misses] == [True] * len(hits) + [False] * len(misses)


def test_an_alternative_without_the_end_is_searched_as_written() -> None:
    for pattern in (r"(?:a$|b)", r"a$|^b", r"(?:a$)+", r"(?i:a$|b$)"):
        scan = EndSearch(re.compile(pattern))
        assert scan._reversed is None, pattern
        _same_as_search(scan, "xab")


DAYS = [str(d) for d in range(1, 32)] + [f"0{d}" for d in range(1, 10)]


def test_a_named_date_with_its_year_is_read_as_dateparser_reads_it() -> None:
    # Every month spelling, day (and a few days no month has), dot and comma; suffixes and "of" on a sample.
    # A sweep of 47,530 such texts (every suffix, years 1900-2099, three reference dates) agreed to the day.
    ref = dt.date(2025, 1, 15)
    texts = [
        f"{mon}{dot} {day}{comma} 2024" for mon in _MONTHS for dot in ("", ".") for day in DAYS for comma in (",", "")
    ]
    rng = random.Random(5)
    for _ in range(600):
        mon, day, year = rng.choice(list(_MONTHS)), rng.choice(DAYS), rng.choice((1900, 1999, 2023, 2025, 2099))
        suffix, of, dot = rng.choice(("", "st", "nd", "rd", "th")), rng.choice(("", "of ")), rng.choice(("", "."))
        texts += [f"{mon}{dot} {day}{suffix}, {year}", f"{day}{suffix} {of}{mon}{dot}{rng.choice(('', ','))} {year}"]
    checked = 0
    for text in texts:
        day = named_date(text, ref)
        if day is not None:
            checked += 1
            assert day == dateparser_date(text, ref), text
    assert checked > 3000
    # Left to dateparser: a day its month lacks, a year that is no year4, digits of other scripts, a dot at the end.
    for text in ["february 29, 2025", "june 31, 2026", "may 1, 2127", "may \u0663, 2026", "june 30.", "30 june."]:
        assert named_date(text, ref) is None, text
    assert named_date("february 29, 2024", ref) == dt.date(2024, 2, 29)


@pytest.mark.parametrize(
    "ref",
    [dt.date(2024, 12, 31), dt.date(2025, 1, 1), dt.date(2025, 1, 15), dt.date(2024, 2, 28), dt.date(2024, 2, 29)],
)
def test_a_named_date_without_its_year_is_read_as_dateparser_reads_it(ref: dt.date) -> None:
    # Every day of every month once, spelled and shaped at random: the next such day after the reference, which
    # on the reference's own day is a year later. A sweep of 7,665 such texts on 21 reference dates agreed.
    rng = random.Random(ref.toordinal())
    names = {month: [name for name, number in _MONTHS.items() if number == month] for month in range(1, 13)}
    checked = 0
    for month, day in ((month, day) for month in range(1, 13) for day in range(1, 32)):
        name, suffix = rng.choice(names[month]), rng.choice(("", "st", "nd", "rd", "th"))
        text = rng.choice([f"{name} {day}{suffix}", f"{name}. {day}", f"{day}{suffix} {name}", f"{day} of {name}"])
        found = named_date(text, ref)
        if found is not None:
            checked += 1
            assert found == dateparser_date(text, ref), (text, ref)
    assert checked == 365  # February 29 and the days no month has are left to dateparser
