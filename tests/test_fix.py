"""`goalcheck check --fix`: safe fixes are written where the words stand verbatim, then the files are re-checked.

The fixes come from rules of kind `format`; to test the writing on its own, a stand-in rule result here
offers the safe fix "20%" for every "20 pct" (the real rules are tested with the rule examples).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from goalcheck.models import Dimension, Finding, Severity, Suggestion
from goalcheck.project import roles
from goalcheck.project.fix import apply_edits
from goalcheck.report.models import Edit

from .cli_support import REF, goalcheck, write

PCT = re.compile(r"(\d+) pct")


@pytest.fixture
def pct_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    real = roles.RoleAwareChecker.check

    def check(self: roles.RoleAwareChecker, doc):
        results = real(self, doc)
        out = []
        for result in results:
            if result is not None:
                extra = tuple(
                    Finding(
                        code="CL02",
                        name="vague-quantifier",
                        dimension=Dimension.SPECIFIC,
                        severity=Severity.INFO,
                        message=f"'{m.group()}' is a percentage written out.",
                        start=m.start(),
                        end=m.end(),
                        suggestions=(
                            Suggestion(text="Write it with '%'.", replacement=f"{m.group(1)}%", safety="safe"),
                        ),
                    )
                    for m in PCT.finditer(result.text)
                )
                result = result.model_copy(update={"findings": result.findings + extra})
            out.append(result)
        return out

    monkeypatch.setattr(roles.RoleAwareChecker, "check", check)


def test_apply_edits_right_to_left_and_skips_overlaps() -> None:
    fix = Edit(offset=8, length=6, replacement="85%", code="X")
    assert apply_edits("Lift to 85 pct", [fix]) == ("Lift to 85%", 1)
    start = Edit(offset=0, length=4, replacement="Raise", code="X")
    assert apply_edits("Lift to 85 pct", [start, fix]) == ("Raise to 85%", 2)
    overlapping = Edit(offset=11, length=3, replacement="percent", code="X")
    assert apply_edits("Lift to 85 pct", [fix, overlapping]) == ("Lift to 85 percent", 1)


def test_fix_writes_safe_fixes_keeps_line_endings_and_reports_what_is_left(tmp_path: Path, pct_rule: None) -> None:
    source = (
        "## New specialty representatives\r\n- Lift attainment to 85 pct by Q3 2025.\r\n"
        "- Cut churn to *5 pct* by Q4 2025.\r\n- Raise the win rate to 30\r\n  pct by Q4 2025.\r\n"
    )
    (tmp_path / "goals.md").write_bytes(("\ufeff" + source).encode("utf-8"))
    run = goalcheck(
        "check", "--fix", "--format", "concise", "--select", "CL02", "--reference-date", REF, "goals.md", cwd=tmp_path
    )
    assert run.err == "goalcheck: fixed 2 findings in 1 file\n"
    assert (tmp_path / "goals.md").read_bytes().decode("utf-8") == (
        "\ufeff## New specialty representatives\r\n- Lift attainment to 85% by Q3 2025.\r\n"
        "- Cut churn to *5%* by Q4 2025.\r\n- Raise the win rate to 30\r\n  pct by Q4 2025.\r\n"
    )
    # "30\n  pct" spans a line break: the words do not stand verbatim, so the fix is shown, never written.
    assert run.lines == ["goals.md:4:25: CL02 [info] '30 pct' is a percentage written out."]
    assert run.code == 0


def test_fix_without_fixable_findings_changes_nothing(tmp_path: Path, pct_rule: None) -> None:
    path = write(tmp_path, "goals.md", "## Team\n- Improve selling skills.\n")
    before = path.read_bytes()
    run = goalcheck("check", "--fix", "--select", "ME01", "goals.md", cwd=tmp_path)
    assert (run.code, run.err, path.read_bytes()) == (1, "", before)


def test_standard_input_is_never_fixed(tmp_path: Path, pct_rule: None) -> None:
    run = goalcheck(
        "check",
        "--fix",
        "--format",
        "concise",
        "--select",
        "CL02",
        "--stdin-filename",
        "goals.txt",
        "-",
        cwd=tmp_path,
        stdin="Lift attainment to 85 pct by Q3 2025.\n",
    )
    assert run.lines == ["goals.txt:1:20: CL02 [info] '85 pct' is a percentage written out."]
    assert not (tmp_path / "goals.txt").exists()


def test_diff_prints_the_safe_fixes_and_writes_nothing(tmp_path: Path) -> None:
    goal = "- Grow oncology revenue 20 pct by June 30 for new specialty reps through monthly ride-alongs.\n"
    path = write(tmp_path, "goals.md", goal)
    run = goalcheck("check", "--diff", "--reference-date", REF, "goals.md", cwd=tmp_path)
    assert run.code == 1
    assert run.out.splitlines()[2:] == [
        "@@ -1 +1 @@",
        "-" + goal.rstrip("\n"),
        "+- Grow oncology revenue 20% by June 30, 2025 for new specialty reps through monthly ride-alongs.",
    ]
    assert path.read_text(encoding="utf-8") == goal
    goalcheck("check", "--fix", "--reference-date", REF, "goals.md", cwd=tmp_path)
    again = goalcheck("check", "--diff", "--reference-date", REF, "goals.md", cwd=tmp_path)
    assert (again.code, again.out) == (0, "")
