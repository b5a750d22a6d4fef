"""Document and meta rules (DO.., GC..): every example runs as a test, and suppression comments end to end."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from goalcheck.parse import parse_document
from goalcheck.project.catalog import document_rules, meta_rules
from goalcheck.project.run import Runner
from goalcheck.project.settings import Overrides

from .conftest import REFERENCE_DATE

RULES = (*document_rules(), *meta_rules())
CASES = [
    pytest.param(rule.id, kind, text, id=f"{rule.id}-{kind}-{i}")
    for rule in RULES
    for kind, texts in (("bad", rule.examples.bad), ("good", rule.examples.good))
    for i, text in enumerate(texts)
]


@pytest.fixture(scope="module")
def runner() -> Runner:
    return Runner(Overrides(reference_date=REFERENCE_DATE), Path.cwd())


def findings(runner: Runner, text: str, name: str = "goals.md") -> list[tuple[str, int, int]]:
    settings = runner.resolver.for_path(None)
    doc = parse_document(name, textwrap.dedent(text).lstrip("\n"))
    assert doc is not None
    report = runner.check_document(doc, settings, name)
    return [(d.code, d.location.line, d.location.column) for d in report.diagnostics]


@pytest.mark.parametrize(("code", "kind", "text"), CASES)
def test_rule_example(runner: Runner, code: str, kind: str, text: str) -> None:
    codes = [c for c, _, _ in findings(runner, text)]
    if kind == "bad":
        assert code in codes, f"{code} should flag {text!r}; got {codes}"
    else:
        assert code not in codes, f"{code} should not flag {text!r}; got {codes}"


def test_document_and_meta_codes_do_not_collide_with_goal_rules(runner: Runner) -> None:
    book = runner.resolver.for_path(None).catalog
    assert [r.id for r in book.document] == ["DO01", "DO02", "DO03", "DO04", "DO05"]
    assert [r.id for r in book.meta] == ["GC01", "GC02"]
    assert not {r.id for r in book.engine} & {r.id for r in RULES}


STRUCTURED = """
    ## Scientific dialogue
    - Objective: Increase average engagement scores from 3.2 to 4.0 by Q2 2025.
    - Success metrics: engagement score on scientific dialogue quality
    """


def test_structured_record_findings_point_at_its_first_label(runner: Runner) -> None:
    assert [f for f in findings(runner, STRUCTURED) if f[0].startswith("DO")] == [
        ("DO03", 2, 3),
        ("DO04", 2, 3),
        ("DO05", 2, 3),
    ]


def test_plain_goals_are_not_asked_for_documentation(runner: Runner) -> None:
    assert [
        f for f in findings(runner, "## Team\n- Raise NPS from 40 to 55 by Q4 2025.\n") if f[0].startswith("DO")
    ] == []


def test_yaml_records_and_a_shared_review(runner: Runner) -> None:
    text = """
        review: monthly progress checks
        goals:
          - goal: Raise NPS from 40 to 55 by Q4 2025.
            metrics: NPS from the quarterly survey
            activities: [weekly call reviews]
            milestones: ["Q2 2025: 47"]
          - metrics: [calls per week]
        """
    assert [f for f in findings(runner, text, "goals.yaml") if f[0].startswith("DO")] == [
        ("DO01", 7, 5),
        ("DO03", 7, 5),
        ("DO04", 7, 5),
    ]


SUPPRESSED = """
    ## New specialty representatives
    <!-- goalcheck: ignore[ME01, vague-verb] reason="pilot" -->
    - Improve selling skills.
    - Improve selling skills. <!-- goalcheck: ignore[TI01] -->
    <!-- goalcheck: disable[TI] -->
    - Become a better presenter.
    - Improve selling skills.
    <!-- goalcheck: enable[TI] -->
    - Become a better presenter.
    """


def test_suppressions_next_goal_inline_and_ranges(runner: Runner) -> None:
    codes = {"ME01", "TI01", "CL01", "GC01", "GC02"}
    assert [f for f in findings(runner, SUPPRESSED) if f[0] in codes] == [
        ("TI01", 3, 3),
        ("CL01", 4, 3),
        ("ME01", 4, 3),
        ("ME01", 6, 3),
        ("CL01", 7, 3),
        ("ME01", 7, 3),
        ("ME01", 9, 3),
        ("TI01", 9, 3),
    ]


def test_unused_and_invalid_suppressions_are_reported(runner: Runner) -> None:
    text = """
        ## New specialty representatives
        <!-- goalcheck: ignore[PL01] -->
        - Improve selling skills.
        - Improve selling skills. <!-- goalcheck: ignore[CL01, PL02] -->
        <!-- goalcheck: ignore[XX99] -->
        <!-- goalcheck: disable -->
        <!-- goalcheck: enable[ME01] -->
        <!-- goalcheck: disable[RO01] -->
        - Raise NPS from 40 to 55 by Q4 2025.
        """
    settings = runner.resolver.for_path(None)
    doc = parse_document("goals.md", textwrap.dedent(text).lstrip("\n"))
    assert doc is not None
    report = runner.check_document(doc, settings, "goals.md")
    meta = [
        (d.code, d.location.line, d.location.column, d.message) for d in report.diagnostics if d.code.startswith("GC")
    ]
    assert meta == [
        ("GC01", 2, 1, "'ignore[PL01]' suppresses nothing here."),
        ("GC01", 4, 27, "'PL02' suppresses nothing here."),
        ("GC02", 5, 1, "'ignore[XX99]' is not a valid suppression: unknown rule code or name 'XX99'."),
        (
            "GC02",
            6,
            1,
            "'disable' is not a valid suppression: 'disable' needs rule codes, e.g. disable[CL01].",
        ),
        (
            "GC02",
            7,
            1,
            "'enable[ME01]' is not a valid suppression: 'enable[ME01]' without a 'disable[ME01]' before it.",
        ),
        ("GC01", 8, 1, "'RO01' suppresses nothing here."),
    ]
    assert report.goals[-1].kind == "document"


def test_file_level_ignores(runner: Runner) -> None:
    front = "---\ngoalcheck: {ignore: [ME01]}\n---\n## Team\n- Improve selling skills.\n"
    assert "ME01" not in [c for c, _, _ in findings(runner, front)]
    comment = "<!-- goalcheck: file-ignore[TI01] -->\n## Team\n- Improve selling skills.\n"
    assert "TI01" not in [c for c, _, _ in findings(runner, comment)]
    yaml = "goals:\n  - Improve selling skills.   # goalcheck: ignore\n"
    assert [c for c, _, _ in findings(runner, yaml, "g.yaml")] == []
