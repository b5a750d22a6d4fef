"""PARSE YAML and JSON goal files and plain text: schema, positions, directives, errors with line numbers."""

from __future__ import annotations

import textwrap

import pytest

import goalcheck
from goalcheck.parse import LineIndex, decode, parse_document

GOAL_FILE = """
    # Team goals
    plan_year: 2025
    fiscal-year-start: April
    role: Hospital account managers
    goals:
      - Improve selling skills.   # goalcheck: ignore[CL01]
      # goalcheck: ignore[TI01]
      - goal: "Grow signed account plans from 2 to 6 by Q3 2025."
        # goalcheck: ignore[DO03]
        success-metrics: [signed account plans]
        milestones:
          - {due: Q1 2025, label: four plans drafted}
      - >
        Cut the time to a formulary decision
        from 9 to 6 months by Q4 2025.
      - metrics: x
    """


def located(path: str, text: str) -> list[tuple[str | None, int, int, list[str] | None]]:
    source = textwrap.dedent(text).lstrip("\n")
    doc = parse_document(path, source)
    assert doc is not None
    index = LineIndex(source)
    return [
        (
            g.goal.text if g.goal else None,
            *index.position(g.goal.doc_offset(0) if g.goal else g.anchor.start),
            sorted(g.fields) if g.fields is not None else None,
        )
        for g in doc.goals
    ]


def test_yaml_goal_file_goals_fields_and_positions() -> None:
    assert located("goals.yaml", GOAL_FILE) == [
        ("Improve selling skills.", 6, 5, None),
        ("Grow signed account plans from 2 to 6 by Q3 2025.", 8, 12, ["metrics", "milestones", "objective"]),
        ("Cut the time to a formulary decision from 9 to 6 months by Q4 2025.", 14, 5, None),
        (None, 16, 5, ["metrics"]),
    ]


def test_yaml_goal_file_context_and_directives() -> None:
    source = textwrap.dedent(GOAL_FILE).lstrip("\n")
    doc = parse_document("goals.yaml", source)
    assert doc is not None
    assert (doc.context.plan_year, doc.context.fiscal_year_start, doc.context.role) == (
        2025,
        4,
        "Hospital account managers",
    )
    index = LineIndex(source)
    assert [(d.action, d.selectors, index.position(d.start)[0], d.target) for d in doc.directives] == [
        ("ignore", ("CL01",), 6, 0),
        ("ignore", ("TI01",), 7, None),  # own line at the dashes' indentation: the next goal
        ("ignore", ("DO03",), 9, 1),  # inside the goal's mapping: that goal
    ]


def test_json_goal_file() -> None:
    doc = parse_document("goals.json", '{"goals": ["Raise NPS to 55 by Q4 2025.", {"objective": "Cut churn to 5%"}]}')
    assert doc is not None
    assert [(g.goal.text, g.goal.doc_offset(0)) for g in doc.goals if g.goal] == [
        ("Raise NPS to 55 by Q4 2025.", 12),
        ("Cut churn to 5%", 57),
    ]


def test_json_escapes_map_to_the_escaped_characters() -> None:
    source = '{"goals": ["Cut churn \\u00e9 to 5%"]}'
    doc = parse_document("goals.json", source)
    assert doc is not None
    goal = doc.goals[0].goal
    assert goal.text == "Cut churn \u00e9 to 5%"
    assert source[goal.doc_offset(goal.text.index("to 5%")) :].startswith("to 5%")


def test_a_list_of_goal_mappings_is_a_goal_file() -> None:
    assert located("g.yaml", "- goal: Raise NPS to 55 by Q4 2025.\n  review: monthly\n") == [
        ("Raise NPS to 55 by Q4 2025.", 1, 9, ["objective", "review"])
    ]


@pytest.mark.parametrize(
    "text",
    [
        "name: CI\non: [push]\njobs: {}\n",
        "- one\n- two\n",
        "repos:\n  - repo: local\n",
        "",
        "just a string\n",
    ],
)
def test_other_yaml_is_not_a_goal_file(text: str) -> None:
    assert parse_document("other.yaml", text) is None


@pytest.mark.parametrize(
    ("path", "text", "message"),
    [
        (
            "g.yaml",
            "goals:\n  - goal: Raise NPS\n    milestone: Q1\n",
            "g.yaml:3: goals.0.milestone: unknown key (known keys: activities, goal, id, metrics, "
            "milestones, notes, owner, review, role, status, title)",
        ),
        ("g.yaml", "goals:\n  - goal: [1, 2]\n", "g.yaml:2: goals.0.goal: Input should be a valid string"),
        (
            "g.yaml",
            "plan_year: 1492\ngoals: []\n",
            "g.yaml:1: plan_year: Input should be greater than or equal to 1900",
        ),
        (
            "g.yaml",
            "titel: x\ngoals: []\n",
            "g.yaml:1: titel: unknown key (known keys: description, fiscal_year_start, "
            "goalcheck, goals, owner, plan_year, reference_date, review, role, team, title)",
        ),
        ("g.yaml", "goals:\n  - a: [\n", "g.yaml:3: invalid YAML:"),
        ("g.yaml", "goals: []\ngoals: []\n", "g.yaml:2: invalid YAML: duplicate key 'goals'"),
        ("g.yaml", "goals:\n  - Raise NPS\x07\n", "g.yaml:2: invalid YAML: character #x0007 is not allowed"),
        # (a trailing comma's message changed in Python 3.13; a missing comma's is the same in 3.11-3.13)
        ("g.json", '{"goals": ["a" "b"]}', "g.json:1: invalid JSON: Expecting ',' delimiter (column 16)"),
        ("g.yaml", "fiscal_year_start: Smarch\ngoals: []\n", "g.yaml:1: fiscal_year_start: expected a month"),
    ],
)
def test_goal_file_errors_name_file_and_line(path: str, text: str, message: str) -> None:
    with pytest.raises(goalcheck.InputError) as info:
        parse_document(path, text)
    assert str(info.value).startswith(message)


def test_plain_text_one_goal_per_line_with_wrapped_lines() -> None:
    text = """
        # Our goals (a comment)
        Improve selling skills.   # goalcheck: ignore[CL01]
        - Increase calls from 10 to 15 a week
          by Q2 2025.
        goalcheck: ignore[TI01]
        Owner: Maria
        2. Raise NPS to 55
        so that renewals follow.
        """
    assert located("goals.txt", text) == [
        ("Improve selling skills.", 2, 1, None),
        ("Increase calls from 10 to 15 a week by Q2 2025.", 3, 3, None),
        ("Raise NPS to 55 so that renewals follow.", 7, 4, None),
    ]
    source = textwrap.dedent(text).lstrip("\n")
    doc = parse_document("goals.txt", source)
    assert doc is not None
    assert [(d.selectors, d.target) for d in doc.directives] == [(("CL01",), 0), (("TI01",), None)]


def test_decode_rejects_binary_and_invalid_utf8_with_line_and_column() -> None:
    with pytest.raises(goalcheck.InputError, match=r"^x.png: not a text file \(binary content\)$"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00", "x.png")
    with pytest.raises(goalcheck.InputError) as info:
        decode("ok line\nbad \xff here\n".encode("latin-1"), "goals.md")
    assert str(info.value) == "goals.md:2: not valid UTF-8 (byte 0xff at column 5); save the file as UTF-8"
    assert decode("\ufeffGoal\r\n".encode(), "bom.txt") == "Goal\r\n"
