"""Properties over arbitrary documents: a result or an InputError, never a traceback; positions always exact."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import goalcheck
from goalcheck.parse import parse_document
from goalcheck.parse.models import Document
from goalcheck.project.run import Runner
from goalcheck.project.settings import Overrides

from .conftest import REFERENCE_DATE

PIECES = st.sampled_from(
    [
        "- ",
        "* ",
        "1. ",
        "## ",
        "# ",
        "---\n",
        "| Goal | Owner |\n|---|---|\n| ",
        " | ",
        "\n",
        "\n\n",
        "  ",
        "**",
        "_",
        "`",
        "[link](http://x.org)",
        "&amp;",
        "\\*",
        "<!-- goalcheck: ignore[CL01] -->",
        "goalcheck: disable[TI]",
        "# goalcheck: ignore[ME01]",
        "Objective: ",
        "Success metrics: ",
        "Review timeline\n",
        "goals:\n",
        "  - ",
        "goal: ",
        "Improve selling skills",
        "Raise NPS from 40 to 55 by Q4 2025",
        "by Q2",
        "é",
        "日本",
        "\t",
        ":",
        "{",
        "[",
        "'",
        '"',
        "plan_year: 2025\n",
    ]
)
DOCUMENTS = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=30).map("".join)


def parsed(name: str, text: str) -> Document | None:
    try:
        return parse_document(name, text)
    except goalcheck.InputError as exc:
        assert exc.path == name and (exc.line is None or exc.line >= 1)
        return None


@pytest.mark.parametrize("name", ["goals.md", "goals.yaml", "goals.json", "goals.txt"])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=DOCUMENTS)
def test_every_goal_character_maps_to_the_same_character(name: str, text: str) -> None:
    doc = parsed(name, text)
    if doc is None:
        return
    source = doc.source
    for record in doc.goals:
        assert 0 <= record.anchor.start <= record.anchor.end <= len(source)
        if record.goal is None:
            continue
        for seg in record.goal.segments:
            for i in range(seg.length):
                mine, theirs = record.goal.text[seg.goal + i], source[seg.doc + i]
                assert mine == theirs or (mine.isspace() and theirs.isspace()), (record.goal.text, seg)
    for directive in doc.directives:
        assert 0 <= directive.start <= directive.end <= len(source)
        assert directive.target is None or 0 <= directive.target < len(doc.goals)


@pytest.fixture(scope="module")
def runner() -> Runner:
    return Runner(Overrides(reference_date=REFERENCE_DATE), Path.cwd())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=DOCUMENTS)
def test_checking_any_markdown_locates_every_finding_inside_the_document(runner: Runner, text: str) -> None:
    doc = parsed("goals.md", text)
    if doc is None:
        return
    report = runner.check_document(doc, runner.resolver.for_path(None), "goals.md")
    lines = doc.source.count("\n") + 1
    for d in report.diagnostics:
        loc = d.location
        assert 1 <= loc.line <= loc.end_line <= lines
        assert 0 <= loc.offset <= loc.offset + loc.length <= len(doc.source)
