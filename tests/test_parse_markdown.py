"""PARSE Markdown: which blocks are goals, their exact text and position, headings, records, directives."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

import goalcheck
from goalcheck.parse import LineIndex, parse_document


def parse(text: str):
    source = textwrap.dedent(text).lstrip("\n")
    doc = parse_document("goals.md", source)
    assert doc is not None
    return doc, LineIndex(source)


def goals(text: str) -> list[tuple[str | None, int, int]]:
    doc, index = parse(text)
    out = []
    for g in doc.goals:
        if g.goal is None:
            out.append((None, *index.position(g.anchor.start)))
        else:
            out.append((g.goal.text, *index.position(g.goal.doc_offset(0))))
    return out


def test_list_items_table_rows_and_short_paragraphs_are_goals() -> None:
    assert goals("""
        # Plan 2025

        Prose under the title is not a goal.

        ## Field team

        - Improve **selling** skills.
        - [Training portal](https://example.org)
        - Owner: Maria
        1. Raise call quality scores to 4.2 by Q3 2025.
           - Shadow two senior representatives every month.

        Reply to every HCP question within two days by Q2 2025.

        This paragraph introduces a list:

        | Goal | Owner |
        |------|-------|
        | Sign 25 new hospital accounts by Q4 2025 | Ann |

        ```
        - code is never a goal
        ```
        """) == [
        ("Improve selling skills.", 7, 3),
        ("Raise call quality scores to 4.2 by Q3 2025. Shadow two senior representatives every month.", 10, 4),
        ("Reply to every HCP question within two days by Q2 2025.", 13, 1),
        ("Sign 25 new hospital accounts by Q4 2025", 19, 3),
    ]


def test_markup_is_removed_and_every_character_maps_back() -> None:
    doc, index = parse("""
        ## Team
        - Grow *key* accounts  [in the north](https://x.org) &amp; the west
          by Q4 2025. <!-- goalcheck: ignore[ST01] -->
        """)
    goal = doc.goals[0].goal
    assert goal.text == "Grow key accounts in the north & the west by Q4 2025."
    start = goal.text.index("west")
    line, column = index.position(goal.doc_offset(start))
    assert (line, column) == (2, 64)
    by = goal.text.index("by Q4")
    assert index.position(goal.doc_offset(by)) == (3, 3)
    assert [(d.action, d.selectors, d.target) for d in doc.directives] == [("ignore", ("ST01",), 0)]


def test_labels_task_boxes_and_quotes_are_stripped() -> None:
    assert [
        g
        for g, _, _ in goals("""
        ## Goals
        - Goal: "By end of Q2 2025, present budget impact models in 80% of key account meetings."
        - [ ] Objective: Cut onboarding time from 90 to 60 days by Q3 2025.
        """)
    ] == [
        "By end of Q2 2025, present budget impact models in 80% of key account meetings.",
        "Cut onboarding time from 90 to 60 days by Q3 2025.",
    ]


def test_sub_items_detail_their_goal_unless_it_heads_a_list() -> None:
    doc, index = parse("""
        ## Team
        - Raise call quality scores from 3.1 to 4.2 by Q4 2025
          - Q1: 3.4 in field assessments
          - Q2: 3.8 in field assessments <!-- goalcheck: ignore[CL01] -->
        - Hospital account managers:
          - Sign 25 new hospital accounts by Q4 2025.
          - Cut churn to 5% by Q3 2025.
        """)
    texts = [g.goal.text for g in doc.goals]
    assert texts == [
        "Raise call quality scores from 3.1 to 4.2 by Q4 2025; Q1: 3.4 in field assessments; "
        "Q2: 3.8 in field assessments",
        "Sign 25 new hospital accounts by Q4 2025.",
        "Cut churn to 5% by Q3 2025.",
    ]
    first = doc.goals[0].goal
    assert index.position(first.doc_offset(first.text.index("Q2"))) == (4, 5)
    assert [(d.selectors, d.target) for d in doc.directives] == [(("CL01",), 0)]
    assert doc.goals[1].headings == ("Team", "Hospital account managers")


def test_headings_are_kept_as_context() -> None:
    doc, _ = parse("""
        # Coaching goals
        ## New specialty representatives
        ### Launch readiness
        - Master the disease state discussion by Q1 2025.
        ## Success metrics
        - not a goal: this section documents the goals above
        """)
    assert [g.headings for g in doc.goals] == [("Coaching goals", "New specialty representatives", "Launch readiness")]


def test_structured_record_collects_its_labeled_parts() -> None:
    doc, index = parse("""
        ## Scientific dialogue
        - **Objective:** Increase engagement scores from 3.2 to 4.0 by Q2 2025.
        - **Success metrics:** engagement score, 1-5
        - Development activities:
          - monthly role-play sessions
        ### Progress milestones
        - 3.6 by the end of Q1 2025

        ## Second goal
        - Objective: Sign 10 new IDN contracts by Q4 2025.
        - Objective: Raise formulary wins from 4 to 7 by Q4 2025.
        - Review: quarterly account reviews
        """)
    records = [
        (
            g.goal.text if g.goal else None,
            sorted(g.fields) if g.fields is not None else None,
            index.position(g.anchor.start),
        )
        for g in doc.goals
    ]
    assert records == [
        (
            "Increase engagement scores from 3.2 to 4.0 by Q2 2025.",
            ["activities", "metrics", "milestones", "objective"],
            (2, 5),
        ),
        ("Sign 10 new IDN contracts by Q4 2025.", None, (10, 3)),
        ("Raise formulary wins from 4 to 7 by Q4 2025.", ["objective", "review"], (11, 3)),
    ]


def test_record_without_objective_is_reported_at_its_first_label() -> None:
    assert goals("""
        ## Dialogue
        - Success metrics: engagement score
        - Activities: role-play
        """) == [(None, 2, 3)]


def test_document_level_review_timeline() -> None:
    doc, _ = parse("""
        # Goals
        ## Review timeline
        Monthly progress checks and a mid-year adjustment.
        ## Dialogue
        - Objective: Increase engagement scores from 3.2 to 4.0 by Q2 2025.
        - Metrics: engagement score
        """)
    assert doc.context.review is True
    assert [g.goal.text for g in doc.goals] == ["Increase engagement scores from 3.2 to 4.0 by Q2 2025."]


def test_table_with_part_columns_makes_records() -> None:
    doc, _ = parse("""
        ## Goals
        | Objective | Success metrics | Review timeline |
        |---|---|---|
        | Sign 25 new hospital accounts by Q4 2025 | signed accounts | monthly |
        | Cut churn to 5% by Q3 2025 | | |
        """)
    assert [(g.goal.text, sorted(g.fields or ())) for g in doc.goals] == [
        ("Sign 25 new hospital accounts by Q4 2025", ["metrics", "objective", "review"]),
        ("Cut churn to 5% by Q3 2025", []),
    ]


def test_front_matter_context() -> None:
    doc, _ = parse("""
        ---
        title: Goals
        plan_year: FY2026
        fiscal-year-start: April
        role: Key account managers
        goalcheck: {ignore: [DO]}
        ---
        ## Goals
        - Grow key accounts by 10% by Q4.
        """)
    assert doc.context.model_dump() == {
        "plan_year": 2026,
        "reference_date": None,
        "fiscal_year_start": 4,
        "role": "Key account managers",
        "review": False,
        "ignore": ("DO",),
    }


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("plan_year: soon", "goals.md:2: plan_year: expected a year such as 2025, got 'soon'"),
        (
            "reference_date: 15/01/2025",
            "goals.md:2: reference_date: expected a date as YYYY-MM-DD, got '15/01/2025'",
        ),
        (
            "fiscal_year_start: 13",
            "goals.md:2: fiscal_year_start: expected a month number 1-12 or a month name, got 13",
        ),
        ("title: [unclosed", "goals.md:2: invalid YAML: expected ',' or ']'"),
    ],
)
def test_bad_front_matter_is_an_input_error_with_its_line(front: str, message: str) -> None:
    with pytest.raises(goalcheck.InputError) as info:
        parse_document("goals.md", f"---\n{front}\n---\n## Goals\n- Grow sales by 5% by Q4 2025.\n")
    assert str(info.value).startswith(message)


def test_reference_date_in_front_matter_is_a_date() -> None:
    doc = parse_document("goals.md", "---\nreference_date: 2025-03-01\n---\n")
    assert doc is not None and doc.context.reference_date == dt.date(2025, 3, 1)
