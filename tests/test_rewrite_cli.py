"""`goalcheck rewrite` on a Typer app of its own (register(app)), run with CliRunner."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from goalcheck.rewrite.cli import register

REF = ("--reference-date", "2025-01-15")


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.callback()
    def main() -> None:
        """A stand-in for the goalcheck command."""

    return app


def run(app: typer.Typer, *args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, ["rewrite", *args], catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def test_rewrite_text_prints_the_goal_and_what_is_missing(app: typer.Typer, tmp_path: Path) -> None:
    code, out, err = run(app, "Conduct monthly field visits.", *REF, cwd=tmp_path)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "For [role]: Conduct monthly field visits through [deadline], moving the [metric] from [baseline] to "
        "[target], to support [priority].",
        "",
        "score 30 -> 42 (shape: activity)",
        "to fill in (only the author knows): role, metric, baseline, target, deadline, priority",
    ]


def test_suggest_with_alternatives(app: typer.Typer, tmp_path: Path) -> None:
    code, out, _ = run(app, "Improve selling skills.", "--mode", "suggest", "--alternatives", "2", *REF, cwd=tmp_path)
    assert code == 0
    lines = out.splitlines()
    assert lines[2] == "score 12 -> 97 (shape: skill)"
    assert "  deadline   end of Q2 2025  (reference date 2025-01-15: the end of the next quarter)" in lines
    assert "  options for deadline: end of Q2 2025 | end of Q3 2025" in lines
    assert "  'Improve' -> 'Demonstrate' (weak-verb: a skill is shown, then measured)" in lines


def test_json_output(app: typer.Typer, tmp_path: Path) -> None:
    code, out, _ = run(app, "Improve selling skills.", "--format", "json", "--phased", *REF, cwd=tmp_path)
    assert code == 0
    result = json.loads(out)["results"][0]
    assert result["original"] == "Improve selling skills."
    assert "".join(p["text"] for p in result["parts"]) == result["text"]
    assert [p["due"] for p in result["phases"]] == ["2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31"]
    assert result["missing"][0] == "role"


def test_fiscal_year_start(app: typer.Typer, tmp_path: Path) -> None:
    code, out, _ = run(
        app, "Improve selling skills.", "--mode", "suggest", "--fiscal-year-start", "4", *REF, cwd=tmp_path
    )
    assert code == 0
    assert "by end of Q1 FY26" in out.splitlines()[0]


def test_document_diff_then_write_then_nothing_left(app: typer.Typer, tmp_path: Path) -> None:
    path = tmp_path / "goals.md"
    path.write_text("# Goals\n\n- Improve selling skills.\n- Keep this line.\n", encoding="utf-8")
    code, out, _ = run(app, "goals.md", "--diff", *REF, cwd=tmp_path)
    assert code == 1
    assert out.splitlines()[:3] == ["--- a/goals.md", "+++ b/goals.md", "@@ -1,4 +1,4 @@"]
    assert path.read_text() == "# Goals\n\n- Improve selling skills.\n- Keep this line.\n"
    code, _, err = run(app, "goals.md", "--write", *REF, cwd=tmp_path)
    assert (code, err) == (0, "goalcheck: rewrote 2 goal(s) in goals.md\n")
    assert path.read_text().splitlines()[2].startswith("- For [role]: Demonstrate selling skills in [skill],")
    assert run(app, "goals.md", "--diff", *REF, cwd=tmp_path)[:2] == (0, "")


def test_document_without_write_lists_the_rewrites(app: typer.Typer, tmp_path: Path) -> None:
    (tmp_path / "goals.txt").write_text("Improve selling skills.\n", encoding="utf-8")
    code, out, _ = run(app, "goals.txt", *REF, cwd=tmp_path)
    assert code == 0
    assert out.splitlines() == [
        "goals.txt:1: Improve selling skills.",
        "  -> For [role]: " + out.split("For [role]: ")[1].strip(),
    ]
    assert (tmp_path / "goals.txt").read_text() == "Improve selling skills.\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("Improve selling skills.", "--write"), "--write and --diff need a goal document"),
        (("goals.txt", "--write", "--diff"), "use --write or --diff, not both"),
        (("Improve selling skills.", "--reference-date", "15/01/2025"), "--reference-date: expected YYYY-MM-DD"),
        (("bad.yaml", "--write"), "bad.yaml:3: invalid YAML"),
    ],
)
def test_usage_and_input_errors_exit_2(app: typer.Typer, tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    (tmp_path / "goals.txt").write_text("Improve selling skills.\n", encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("goals:\n  - [unclosed\n", encoding="utf-8")
    code, out, err = run(app, *args, cwd=tmp_path)
    assert code == 2
    assert out == ""
    assert err.startswith("goalcheck: error: ") and message in err
    assert (tmp_path / "bad.yaml").read_text() == "goals:\n  - [unclosed\n"
