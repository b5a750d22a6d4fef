"""`goalcheck score` end to end through Typer: outputs, summary, errors, and a quiet pipe."""

from __future__ import annotations

import datetime as dt
import io
import json
import threading
import time
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

import goalcheck
from goalcheck.batch.cli import register
from goalcheck.batch.progress import REFRESH_PER_SECOND, ProgressBar, progress_wanted
from goalcheck.rewrite.rewriter import rewriter

from .test_batch_formats import ROWS, write_table

REFERENCE = ["--reference-date", "2025-01-15"]


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """A stand-in for the goalcheck application."""

    register(app)
    return app


def run(app: typer.Typer, *args: str | Path, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(app, ["score", *map(str, args)], env=env, catch_exceptions=False)


def test_rows_go_to_standard_output_as_json_lines_and_nothing_else(app: typer.Typer, tmp_path: Path) -> None:
    source = write_table(tmp_path / "goals.csv", ROWS)
    result = run(app, source, *REFERENCE)
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["goal_id"], r["status"]) for r in rows] == [
        ("G1", "ok"),
        ("G2", "empty"),
        ("G3", "ok"),
        ("G4", "ok"),
        ("G5", "ok"),
    ]
    assert result.stderr == ""  # no progress bar, no notes: piped output stays clean


def test_output_file_summary_and_summary_json(app: typer.Typer, tmp_path: Path) -> None:
    source = write_table(tmp_path / "goals.xlsx", ROWS)
    out, summary_json = tmp_path / "scored.parquet", tmp_path / "summary.json"
    result = run(app, source, "-o", out, "--summary", "--summary-json", summary_json, *REFERENCE)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("5 rows, 4 scored, mean score ")
    assert "By team" in result.stdout
    assert "No goal serves:" in result.stdout
    data = json.loads(summary_json.read_text(encoding="utf-8"))
    assert data["rows"] == 5
    assert data["statuses"] == {"ok": 4, "empty": 1}
    assert data["columns"] == {
        "text": "goal",
        "id": "goal_id",
        "owner": None,
        "team": "team",
        "manager": None,
        "role": None,
    }
    assert out.is_file()


@pytest.mark.parametrize("mode", [None, "suggest"])
def test_the_weakest_goals_carry_a_rewrite_with_or_without_the_column(
    app: typer.Typer, tmp_path: Path, mode: str | None
) -> None:
    source = write_table(tmp_path / "goals.csv", ROWS)
    out, summary_json = tmp_path / "scored.jsonl", tmp_path / "summary.json"
    chosen = ("--rewrite", mode) if mode else ()
    result = run(app, source, "-o", out, "--summary-json", summary_json, *chosen, *REFERENCE)
    assert result.exit_code == 0, result.stderr
    weakest = json.loads(summary_json.read_text(encoding="utf-8"))["weakest"]
    assert len(weakest) == 4
    config = goalcheck.Config(reference_date=dt.date(2025, 1, 15))
    scored = {r["goal"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    for goal in weakest:
        if mode is None:  # the weakest goals alone are rewritten, in placeholders mode (nothing invented)
            assert goal["rewrite"] == rewriter(config).rewrite(goal["text"], "placeholders").text
            assert "rewrite" not in scored[goal["text"]]
        else:  # the column's own rewrite
            assert goal["rewrite"] == scored[goal["text"]]["rewrite"]


def test_explicit_columns_and_configured_priorities(app: typer.Typer, tmp_path: Path) -> None:
    (tmp_path / "goalcheck.toml").write_text(
        '[tool.goalcheck]\npriorities = [{name = "Grow the Xelvora brand", synonyms = ["xelvora"]}]\n', encoding="utf-8"
    )
    source = tmp_path / "export.csv"
    source.write_text(
        "Ref,Statement,Unit\n1,Grow Xelvora NBRx by 10% by Q3 2025.,North\n2,Improve selling skills.,South\n",
        encoding="utf-8",
    )
    summary_json = tmp_path / "summary.json"
    result = run(
        app,
        source,
        "--text-column",
        "Statement",
        "--team-column",
        "Unit",
        "--id-column",
        "Ref",
        "--summary-json",
        summary_json,
        *REFERENCE,
    )
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["priorities"] for r in rows] == ["grow-the-xelvora-brand", ""]
    coverage = json.loads(summary_json.read_text(encoding="utf-8"))["coverage"]
    assert coverage["North"]["grow-the-xelvora-brand"] == 1
    assert coverage["South"]["grow-the-xelvora-brand"] == 0


@pytest.mark.parametrize(
    ("make", "args", "message"),
    [
        (None, [], "goalcheck: error: {dir}/missing.csv: no such file"),
        (
            "a,b\n1,2\n",
            [],
            "goalcheck: error: {dir}/in.csv: cannot tell which column holds the goal text; "
            "pass --text-column (columns: 'a', 'b')",
        ),
        (
            "goal\nImprove.\n",
            ["--text-column", "Goal"],
            "goalcheck: error: {dir}/in.csv: no column 'Goal' (columns: 'goal')",
        ),
        (
            "goal\nImprove.\n",
            ["-o", "{dir}/out.pdf"],
            "goalcheck: error: {dir}/out.pdf: cannot tell the format from '.pdf' (known: ",
        ),
        (
            "goal\nImprove.\n",
            ["-o", "{dir}/no/such/dir/out.csv"],
            "goalcheck: error: {dir}/no/such/dir/.out.csv.partial: No such file or directory",
        ),
        (
            "goal\nImprove.\n",
            ["--config", "{dir}/none.toml"],
            "goalcheck: error: {dir}/none.toml: configuration file not found",
        ),
        (
            "goal\nImprove.\n",
            ["-o", "{dir}/in.csv"],
            "goalcheck: error: {dir}/in.csv: the output would overwrite the input; write it to another file",
        ),
        ("goal\nImprove.\n", ["--jobs", "-2"], "goalcheck: error: --jobs must be 0 (all CPUs) or a positive number"),
    ],
)
def test_errors_are_one_line_and_exit_2(
    app: typer.Typer, tmp_path: Path, make: str | None, args: list[str], message: str
) -> None:
    source = tmp_path / ("missing.csv" if make is None else "in.csv")
    if make is not None:
        source.write_text(make, encoding="utf-8")
    result = run(app, source, *[a.format(dir=tmp_path) for a in args], *REFERENCE)
    assert result.exit_code == 2
    assert result.stderr.startswith(message.format(dir=tmp_path))
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_a_bad_reference_date_is_a_usage_error(app: typer.Typer, tmp_path: Path) -> None:
    source = write_table(tmp_path / "goals.csv", ROWS)
    result = run(app, source, "--reference-date", "31/01/2025")
    assert result.exit_code == 2
    assert "'31/01/2025' is not a date like 2025-01-31" in " ".join(result.stderr.replace("│", " ").split())


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("environ", "wanted"), [({}, True), ({"CI": "true"}, False), ({"PRE_COMMIT": "1"}, False)])
def test_progress_bar_only_on_a_terminal_outside_ci(environ: dict[str, str], wanted: bool) -> None:
    assert progress_wanted(FakeTerminal(), environ) is wanted
    assert progress_wanted(io.StringIO(), {}) is False


def test_progress_bar_shows_rate_and_eta() -> None:
    terminal = FakeTerminal()
    threads = threading.active_count()
    with ProgressBar("scoring", enabled=True, stream=terminal) as bar:
        assert threading.active_count() == threads  # redrawn by update, not a thread (workers may fork)
        time.sleep(1 / REFRESH_PER_SECOND)
        bar.update(500, 5_000, 10_000)
        assert "500 goals" in terminal.getvalue()  # drawn now, not only when the bar stops
    drawn = terminal.getvalue()
    assert "scoring" in drawn
    assert "500 goals" in drawn
    assert "goals/s" in drawn
    assert "50%" in drawn
    quiet = io.StringIO()
    with ProgressBar("scoring", enabled=False, stream=quiet) as bar:
        bar.update(500, 5_000, 10_000)
    assert quiet.getvalue() == ""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_rewrite_column(app: typer.Typer, tmp_path: Path, jobs: str) -> None:
    source = tmp_path / "goals.csv"
    source.write_text("id,goal\n1,Improve selling skills.\n2,\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run(app, source, "-o", out, "--rewrite", "placeholders", "--reference-date", "2025-01-15", "--jobs", jobs)
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["status"]) for r in rows] == [("1", "ok"), ("2", "empty")]
    assert rows[0]["rewrite"] == (
        "For [role]: Demonstrate selling skills in [skill], moving the [metric] from [baseline] to [target] "
        "by [deadline] through [activity], to support [priority]."
    )
    assert not rows[1]["rewrite"]


def test_report_without_its_extra_is_one_line_before_scoring(
    app: typer.Typer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    from goalcheck.batch import extras

    real = importlib.import_module

    def missing_matplotlib(name: str, *args: object) -> object:
        if name == "matplotlib":
            raise ImportError("No module named 'matplotlib'")
        return real(name, *args)

    monkeypatch.setattr(extras.importlib, "import_module", missing_matplotlib)
    source = tmp_path / "goals.csv"
    source.write_text("goal\nImprove selling skills.\n", encoding="utf-8")
    result = run(app, source, "-o", tmp_path / "out.csv", "--report", tmp_path / "r.html")
    assert result.exit_code == 2
    hint = "the HTML report needs matplotlib: pip install 'goalcheck[report]'"
    assert result.stderr.strip() == f"goalcheck: error: {hint}"
    assert not (tmp_path / "out.csv").exists()
