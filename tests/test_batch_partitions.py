"""What a Spark or Dask task receives (plain data, scoring like score_records), and engine errors in one line."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

import pytest

import goalcheck
from goalcheck.batch.partitions import PartitionJob, partition_label
from goalcheck.batch.rows import result_columns
from goalcheck.spark import first_line


def test_job_is_plain_data_with_a_fixed_date_and_absolute_pack_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path(__file__).parent)
    job = PartitionJob.of("goal", goalcheck.Config(rule_paths=(Path("packs/acme"),)), rewrite=True)
    assert job.config_data["reference_date"] == dt.date.today().isoformat()
    assert job.config_data["rule_paths"] == [str(Path(__file__).parent / "packs" / "acme")]
    assert job.rewrite == "placeholders" and job.columns == result_columns(with_rewrite=True)
    assert pickle.loads(pickle.dumps(job)) == job
    assert PartitionJob.of("goal", None).rewrite is None


def test_job_scores_like_score_records(config: goalcheck.Config) -> None:
    values = ["Improve selling skills.", None, "Raise the call quality score from 60 to 80 points by Q3 2025."]
    job = PartitionJob.of("goal", config)
    got = list(job.score(values, partition_label(4)))
    want = list(goalcheck.score_records([{"goal": v} for v in values], text_column="goal", config=config))
    assert got[1]["error"] == "partition 4 record 2: no goal text in 'goal'"
    assert [{**g, "error": None} for g in got] == [{c: w[c] for c in job.columns} | {"error": None} for w in want]
    assert [g["status"] for g in got] == ["ok", "empty", "ok"]


def test_an_engine_error_is_reduced_to_the_line_that_explains_it() -> None:
    py4j = RuntimeError(
        "An error occurred while calling o32.parquet.\n"
        ": org.apache.spark.SparkException: [FAILED_READ_FILE] Could not read footer of x.parquet.\n"
        "\tat org.apache.spark.sql.errors.QueryExecutionErrors$.cannotReadFooterForFileError(...)"
    )
    assert first_line(py4j) == "[FAILED_READ_FILE] Could not read footer of x.parquet."
    worker = RuntimeError(
        "An exception was thrown from the Python worker. Please see the stack trace below.\n"
        'Traceback (most recent call last):\n  File "worker.py", line 1, in main\n'
        "ModuleNotFoundError: No module named 'goalcheck'\n"
    )
    assert first_line(worker) == "ModuleNotFoundError: No module named 'goalcheck'"
    try:
        try:
            raise OSError("Parquet magic bytes not found in footer")
        except OSError as cause:
            raise RuntimeError("An error occurred while calling the read_parquet method") from cause
    except RuntimeError as wrapped:
        assert first_line(wrapped) == "Parquet magic bytes not found in footer"
    assert first_line(ValueError("x" * 400)) == "x" * 297 + "..."
