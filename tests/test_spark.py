"""goalcheck.spark on a real local Spark session: the same result as score_records, row for row."""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import goalcheck
from goalcheck.batch import MissingDependencyError
from goalcheck.batch.rows import result_columns
from goalcheck.errors import GoalcheckError, InputError
from tests.engine_data import (
    MALFORMED,
    ROWS,
    local_results,
    relabel,
    score_cli,
    score_folder,
    without_location,
)

warnings.filterwarnings("ignore", "PySpark does not yet fully support pandas", FutureWarning)  # on import
# The `test` extra installs pyspark: a missing one is a failed set-up, reported as an error, never skipped.
import pyspark.sql as pyspark_sql  # noqa: E402 - after the warning filter

from goalcheck.spark import score_dataframe, session  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")

SCHEMA = "id long, goal string, score long"


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    spark = session("local[2]", {"spark.sql.shuffle.partitions": "2", "spark.default.parallelism": "2"})
    yield spark
    spark.stop()


def frame(spark: Any, engine_rows: list[dict[str, Any]], partitions: int) -> Any:
    # Contiguous slices, like the row groups of a file: partition p holds its rows in input order.
    data = spark.sparkContext.parallelize([(r["id"], r["goal"], r["score"]) for r in engine_rows], partitions)
    return spark.createDataFrame(data, SCHEMA)


def collect(df: Any) -> list[tuple[int, dict[str, Any]]]:
    """Return (partition, row) in partition order, rows in the order their task produced them."""
    with_partition = df.withColumn("__partition", pyspark_sql.functions.spark_partition_id())
    return [
        (r["__partition"], {k: v for k, v in r.asDict().items() if k != "__partition"})
        for r in with_partition.collect()
    ]


def test_rows_match_score_records_exactly(
    spark: Any, engine_rows: list, engine_expected: dict, config: goalcheck.Config
) -> None:
    scored = collect(score_dataframe(frame(spark, engine_rows, 3), "goal", config=config))
    assert len(scored) == ROWS
    counts: dict[int, int] = {}
    for partition, row in scored:
        counts[partition] = counts.get(partition, 0) + 1
        assert row == relabel(engine_expected[row["id"]], partition, counts[partition])
    assert sorted(counts) == [0, 1, 2]
    statuses = sorted(row["status"] for _, row in scored if row["status"] != "ok")
    assert statuses == ["binary", "empty", "empty", "empty", "too-long"]  # "", "   ", None, junk, 50k chars


def test_partition_count_does_not_change_results(spark: Any, engine_rows: list, config: goalcheck.Config) -> None:
    some = engine_rows[:300] + [r for r in engine_rows[300:] if r["goal"] in MALFORMED]
    results = []
    for partitions in (1, 4, 7):
        scored = [row for _, row in collect(score_dataframe(frame(spark, some, partitions), config=config))]
        results.append(without_location(sorted(scored, key=lambda r: r["id"])))
    assert results[0] == results[1] == results[2]
    assert {r["status"] for r in results[0]} == {"ok", "binary", "empty", "too-long"}


def test_schema_and_rewrite_column(spark: Any, engine_rows: list, config: goalcheck.Config) -> None:
    sample = engine_rows[:40]
    scored = score_dataframe(frame(spark, sample, 2), "goal", config=config, rewrite=True)
    assert scored.columns == ["id", "goal", "input.score", *result_columns(with_rewrite=True)]
    types = {f.name: f.dataType.simpleString() for f in scored.schema.fields}
    assert (types["score"], types["facet.metric"], types["dimension.time"], types["id"]) == (
        "smallint",
        "boolean",
        "string",
        "bigint",
    )
    got = {row["id"]: row for _, row in collect(scored)}
    want = local_results(sample, config, rewrite=True)
    assert {i: got[i]["rewrite"] for i in got} == {i: want[i]["rewrite"] for i in want}
    assert got[0]["rewrite"] is None and got[1]["rewrite"].startswith("For [role]")


def test_binary_goal_column_is_decoded_or_reported(spark: Any, config: goalcheck.Config) -> None:
    values = [b"Improve selling skills by Q3 2025.", b"\xff\xfe\x00\x81 junk", None]
    df = spark.createDataFrame(list(enumerate(values)), "id int, goal binary")
    got = {row["id"]: row for _, row in collect(score_dataframe(df, config=config))}
    want = local_results([{"id": i, "goal": v} for i, v in enumerate(values)], config)
    assert [got[i]["status"] for i in range(3)] == ["ok", "encoding", "empty"]
    assert [got[i]["score"] for i in range(3)] == [want[0]["score"], None, None]
    assert got[0]["codes"] == want[0]["codes"]


def test_unknown_text_column_names_the_columns(spark: Any) -> None:
    df = spark.createDataFrame([(1, "Improve selling skills.")], "id int, text string")
    with pytest.raises(InputError, match=r"^DataFrame: no column 'goal' \(columns: 'id', 'text'\)$"):
        score_dataframe(df)


def test_cli_engine_spark_scores_a_parquet_folder(
    spark: Any, tmp_path: Path, engine_rows: list, engine_expected: dict[int, dict[str, Any]]
) -> None:
    out = score_folder(tmp_path, engine_rows[:900], 500, "spark", "local[2]")
    assert without_location(sorted(out, key=lambda r: r["id"])) == without_location(
        engine_expected[i] for i in range(900)
    )
    again = score_cli(str(tmp_path / "goals"), "--engine", "spark", "-o", "scored", cwd=tmp_path)
    assert (again.code, again.err.strip()) == (2, "goalcheck: error: scored: already exists; the engine writes a "
                                               "new folder: remove it or pick another")  # fmt: skip


def test_cli_without_java_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "goals").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    run = score_cli("goals", "--engine", "spark", "-o", "out", cwd=tmp_path)
    assert run.code == 2
    assert run.err.splitlines() == [
        "goalcheck: error: Spark needs Java, and no `java` is installed: install Java 17 or later "
        "(Debian/Ubuntu: apt-get install openjdk-17-jre-headless) or set JAVA_HOME"
    ]


def test_missing_extra_gives_the_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)
    with pytest.raises(MissingDependencyError, match=r"needs pyspark: pip install 'goalcheck\[spark\]'$"):
        session()
    with pytest.raises(GoalcheckError, match=r"^scoring in Spark \(goalcheck.spark, --engine spark\) needs pyspark"):
        session()


def test_cli_rejects_what_is_not_a_master_url(tmp_path: Path) -> None:
    (tmp_path / "goals").mkdir()
    run = score_cli("goals", "--engine", "spark", "--master", "spark:/host", "-o", "out", cwd=tmp_path)
    assert (run.code, run.err) == (
        2,
        "goalcheck: error: 'spark:/host' is not a Spark master URL (local[*], spark://HOST:PORT, yarn, k8s://...)\n",
    )
