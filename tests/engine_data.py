"""Goal rows for the Spark and Dask tests, and what `score_records` says about them.

Generated goals (tests/batch_data.py) plus the rows that break naive code: empty and blank text,
None, control-character junk, a 50,000-character cell. Each row has an `id` and a `score` column
(a goalcheck column name: it comes back as `input.score`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import typer
from typer.testing import CliRunner

import goalcheck
from goalcheck.batch.cli import register
from goalcheck.batch.rewrites import RewriteColumn
from tests.batch_data import generate
from tests.cli_support import Run

MALFORMED: tuple[str | None, ...] = (
    "",
    "   ",
    None,
    "\x00\x01\x02\x03 PK\x03\x04 \x7f\x80\x81\x90",
    "Deliver 4 payer presentations per quarter. " * 1_163,  # 50,009 characters
    "Improve selling skills.",
)


def goal_rows(n: int, *, seed: int = 11) -> list[dict[str, Any]]:
    """Return n generated goals with the malformed values spread among them, ids 0..n-1."""
    rows = [{"id": i, "goal": r["goal"], "score": i % 7} for i, r in enumerate(generate(n, seed=seed, teams=8))]
    for k, value in enumerate(MALFORMED):
        rows[(k * 7919) % n]["goal"] = value
    return rows


def local_results(
    rows: Sequence[dict[str, Any]], config: goalcheck.Config, *, rewrite: bool = False
) -> dict[int, dict[str, Any]]:
    """Score rows with score_records in this process; key each output row by its id."""
    column = RewriteColumn.of("placeholders", config) if rewrite else None
    return {out["id"]: out for out in goalcheck.score_records(rows, text_column="goal", config=config, rewrite=column)}


_WHERE = re.compile(r"^(partition \d+ )?record \d+: ")


def relabel(expected: dict[str, Any], partition: int, number: int) -> dict[str, Any]:
    """Return a local result as a partition's task reports it: the error names partition and record."""
    error = expected["error"]
    if error is None:
        return expected
    return {**expected, "error": _WHERE.sub(f"partition {partition} record {number}: ", error, count=1)}


def without_location(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop the row's location from error messages (it names the partition, which depends on the split)."""
    return [{**r, "error": _WHERE.sub("", r["error"]) if r["error"] else None} for r in rows]


ROWS = 2_000  # the goals every engine test scores (tests/conftest.py: engine_rows, engine_expected)


def parquet_folder(folder: Path, rows: list[dict[str, Any]], split: int) -> Path:
    """Write rows as a Parquet folder of two files, split after `split` rows, the way engines write tables."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir()
    table = pa.Table.from_pylist(rows)
    pq.write_table(table.slice(0, split), folder / "part-0.parquet")
    pq.write_table(table.slice(split), folder / "part-1.parquet")
    return folder


def score_folder(tmp_path: Path, rows: list[dict[str, Any]], split: int, engine: str, master: str) -> list[dict]:
    """Write rows as a Parquet folder `goals/`, score it with `goalcheck score --engine` into `scored/`; read that."""
    import pyarrow.parquet as pq

    from tests.cli_support import REF

    folder = parquet_folder(tmp_path / "goals", rows, split=split)
    run = score_cli(
        str(folder), "--engine", engine, "--master", master, "-o", "scored", "--reference-date", REF, cwd=tmp_path
    )
    assert run.code == 0, run.err
    assert run.err.strip() == f"goalcheck: wrote scored ({engine}, {master})"
    return pq.read_table(tmp_path / "scored").to_pylist()


def score_cli(*args: str, cwd: Path) -> Run:
    """Run `goalcheck score ARGS` in-process from folder `cwd` (the command as `goalcheck.cli` registers it)."""
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """A stand-in for the goalcheck application."""

    register(app)
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, ["score", *args], catch_exceptions=False)
    finally:
        os.chdir(old)
    return Run(result.exit_code, result.stdout, result.stderr)
