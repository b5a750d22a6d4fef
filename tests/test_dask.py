"""goalcheck.dask on a real local Dask cluster (2 worker processes): the same result as score_records."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dask.dataframe as dd  # the `test` extra installs dask: a missing one is an error, never a skip
import pandas as pd
import pytest

import goalcheck
from goalcheck.batch import MissingDependencyError
from goalcheck.batch.rows import result_columns
from goalcheck.dask import client, score_dataframe
from goalcheck.errors import InputError
from tests.engine_data import (
    MALFORMED,
    ROWS,
    local_results,
    relabel,
    score_cli,
    score_folder,
    without_location,
)


@pytest.fixture(scope="session")
def cluster() -> Iterator[Any]:
    with client(workers=2, dashboard_address=":0") as connected:
        yield connected


def frame(engine_rows: list[dict[str, Any]], partitions: int) -> Any:
    pdf = pd.DataFrame(engine_rows, columns=["id", "goal", "score"])
    return dd.from_pandas(pdf, npartitions=partitions, sort=False)


def plain(row: dict[str, Any]) -> dict[str, Any]:
    """A pandas row as score_records writes it: missing values as None, numpy numbers as Python numbers."""
    return {k: _plain(v) for k, v in row.items()}


def _plain(value: Any) -> Any:
    if value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value.item() if hasattr(value, "item") else value


def test_rows_match_score_records_exactly(
    cluster: Any, engine_rows: list, engine_expected: dict, config: goalcheck.Config
) -> None:
    source = frame(engine_rows, 3)
    sizes = source.map_partitions(len).compute().tolist()
    out = [plain(r) for r in score_dataframe(source, "goal", config=config).compute().to_dict("records")]
    assert len(out) == ROWS and len(sizes) == 3
    where = [(p, n) for p, size in enumerate(sizes) for n in range(1, size + 1)]
    for row, (partition, number) in zip(out, where, strict=True):
        assert row == relabel(engine_expected[row["id"]], partition, number)
    statuses = sorted(r["status"] for r in out if r["status"] != "ok")
    assert statuses == ["binary", "empty", "empty", "empty", "too-long"]  # "", "   ", None, junk, 50k chars


def test_partition_count_does_not_change_results(cluster: Any, engine_rows: list, config: goalcheck.Config) -> None:
    some = engine_rows[:300] + [r for r in engine_rows[300:] if r["goal"] in MALFORMED]
    results = []
    for partitions in (1, 4, 7):
        out = score_dataframe(frame(some, partitions), config=config).compute()
        results.append(without_location(plain(r) for r in out.to_dict("records")))
    assert results[0] == results[1] == results[2]
    assert {r["status"] for r in results[0]} == {"ok", "binary", "empty", "too-long"}


def test_columns_dtypes_index_and_rewrite(cluster: Any, engine_rows: list, config: goalcheck.Config) -> None:
    sample = engine_rows[:40]
    pdf = pd.DataFrame(sample).set_index(pd.Index([i // 2 for i in range(40)], name="key"))  # repeated labels
    ddf = score_dataframe(dd.from_pandas(pdf, npartitions=2, sort=False), config=config, rewrite=True)
    assert list(ddf.columns) == ["id", "goal", "input.score", *result_columns(with_rewrite=True)]
    out = ddf.compute()
    assert out.dtypes.equals(ddf.dtypes), "the meta is what the partitions hold"
    assert (str(out.dtypes["score"]), str(out.dtypes["facet.metric"]), str(out.dtypes["codes"])) == (
        "Int16",
        "boolean",
        "string",
    )
    assert out.index.tolist() == pdf.index.tolist()
    want = local_results(sample, config, rewrite=True)
    assert [plain(r)["rewrite"] for r in out.to_dict("records")] == [want[r["id"]]["rewrite"] for r in sample]


def test_unknown_text_column_names_the_columns() -> None:
    ddf = dd.from_pandas(pd.DataFrame({"id": [1], "text": ["Improve selling skills."]}), npartitions=1)
    with pytest.raises(InputError, match=r"^DataFrame: no column 'goal' \(columns: 'id', 'text'\)$"):
        score_dataframe(ddf)


def test_cli_engine_dask_scores_a_parquet_folder(
    cluster: Any, tmp_path: Path, engine_rows: list, engine_expected: dict[int, dict[str, Any]]
) -> None:
    out = score_folder(tmp_path, engine_rows[:600], 350, "dask", cluster.scheduler.address)
    assert [r["id"] for r in out] == list(range(600)), "every row, in input order"
    assert without_location(out) == without_location(engine_expected[i] for i in range(600))


def test_cli_refuses_local_only_options(tmp_path: Path) -> None:
    run = score_cli("goals", "--engine", "dask", "--jobs", "2", "-o", "out", cwd=tmp_path)
    assert (run.code, run.err.splitlines()) == (
        2,
        [
            "goalcheck: error: --jobs is not available with --engine dask, which reads and writes Parquet "
            "and leaves summaries to the cluster's tools"
        ],
    )
    run = score_cli("goals.parquet", "--master", "tcp://127.0.0.1:8786", cwd=tmp_path)
    assert (run.code, run.err) == (2, "goalcheck: error: --master needs --engine spark or --engine dask\n")
    run = score_cli("goals", "--engine", "dask", "-o", "out", cwd=tmp_path)
    assert (run.code, run.err) == (2, "goalcheck: error: goals: no such file or folder\n")
    (tmp_path / "goals.csv").write_text("goal\nImprove selling skills.\n", encoding="utf-8")
    run = score_cli("goals.csv", "--engine", "dask", "-o", "out", cwd=tmp_path)
    assert (run.code, run.err) == (
        2,
        "goalcheck: error: goals.csv: --engine dask reads Parquet files; score this file without --engine, "
        "or convert it\n",
    )


def test_cli_engine_failure_is_one_line(cluster: Any, tmp_path: Path) -> None:
    (tmp_path / "goals").mkdir()
    (tmp_path / "goals" / "part-0.parquet").write_text("goal\nnot Parquet at all\n", encoding="utf-8")
    run = score_cli("goals", "--engine", "dask", "--master", cluster.scheduler.address, "-o", "out", cwd=tmp_path)
    assert run.code == 2 and len(run.err.splitlines()) == 1
    assert run.err.startswith("goalcheck: error: goals: dask failed: ") and "Could not read schema" in run.err
    assert not (tmp_path / "out").exists()


def test_missing_extra_gives_the_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dask.dataframe", None)
    with pytest.raises(
        MissingDependencyError,
        match=r"^scoring in Dask \(goalcheck.dask, --engine dask\) needs dask: pip install 'goalcheck\[dask\]'$",
    ):
        score_dataframe(object())
