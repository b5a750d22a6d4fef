"""Column detection: obvious choices are made, ambiguous ones are an error listing the columns."""

from __future__ import annotations

import pytest

from goalcheck.batch import Columns
from goalcheck.batch.columns import detect_columns
from goalcheck.batch.rows import Record
from goalcheck.errors import InputError

PROSE = "Increase the engagement score from 3.2 to 4.0 by Q4 2025 through monthly role-plays."


def sample(**values: str) -> list[Record]:
    return [Record(values, f"line {n}") for n in range(2, 5)]


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (["Employee", "Goal", "Team"], Columns(text="Goal", owner="Employee", team="Team")),
        (
            ["goal_id", "goal_text", "Department", "Line Manager", "Job Title"],
            Columns(text="goal_text", id="goal_id", team="Department", manager="Line Manager", role="Job Title"),
        ),
        (
            ["ID", "Objective", "Owner", "Reports To", "Position"],
            Columns(text="Objective", id="ID", owner="Owner", manager="Reports To", role="Position"),
        ),
        (
            ["Goal ID", "Goal Owner", "Goal Status", "Development goal for 2025"],
            Columns(text="Development goal for 2025", id="Goal ID", owner="Goal Owner"),
        ),
    ],
)
def test_obvious_columns_are_found_by_name(columns: list[str], expected: Columns) -> None:
    assert detect_columns(columns, []) == expected


def test_the_longest_prose_column_is_found_by_content() -> None:
    records = sample(ref="A-1", note="ok", body=PROSE)
    assert detect_columns(["ref", "note", "body"], records).text == "body"


def test_explicit_columns_win_and_must_exist() -> None:
    chosen = detect_columns(["Goal", "Summary", "Team"], [], text="Summary", team="Team")
    assert chosen == Columns(text="Summary", team="Team")
    expected = r"goals.csv: no column 'Teams' \(columns: 'Goal', 'Summary', 'Team'\)"
    with pytest.raises(InputError, match=expected):
        detect_columns(["Goal", "Summary", "Team"], [], team="Teams", source="goals.csv")


def test_ambiguous_text_column_is_an_error_listing_the_columns() -> None:
    records = sample(first=PROSE, second=PROSE[:60], third="x")
    with pytest.raises(InputError) as caught:
        detect_columns(["first", "second", "third"], records, source="goals.csv")
    assert str(caught.value) == (
        "goals.csv: cannot tell which column holds the goal text; "
        "pass --text-column (columns: 'first', 'second', 'third')"
    )
