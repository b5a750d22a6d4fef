"""`goalcheck score --engine spark|dask`: score a Parquet folder (or file) into a Parquet folder.

The engine reads the input, scores every partition with `goalcheck.spark` or `goalcheck.dask`, and
writes one Parquet file per partition; nothing goes through this process but a 200-row sample used to
find the goal column. Engine failures (a JVM that does not start, a worker that dies) are reported as
one line, like every other error of `goalcheck score`.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from goalcheck.batch.columns import detect_columns
from goalcheck.batch.extras import require
from goalcheck.batch.partitions import RewriteMode
from goalcheck.batch.prepare import DEFAULT_MAX_CHARS
from goalcheck.batch.rows import Record
from goalcheck.config import Config
from goalcheck.errors import GoalcheckError, InputError

Engine = Literal["spark", "dask"]
SAMPLE = 200
PARTITIONS_PER_CORE = 2  # at least this many tasks per core, so one slow partition does not idle the others


@dataclass(frozen=True)
class EngineRun:
    """What to score, where to write it, and on which cluster."""

    engine: Engine
    source: str
    output: str | None
    master: str | None = None
    text_column: str | None = None
    rewrite: RewriteMode | None = None
    max_chars: int = DEFAULT_MAX_CHARS


def score_on_engine(run: EngineRun, config: Config) -> str:
    """Score `run.source` into `run.output` on the engine; return a one-line description of what was done."""
    source, output = _paths(run)
    try:
        if run.engine == "spark":
            _spark(run, config, source, output)
        else:
            _dask(run, config, source, output)
    except GoalcheckError:
        raise
    except Exception as exc:  # an engine's own error: its first line, not a JVM stack trace
        from goalcheck.spark import first_line

        raise GoalcheckError(f"{run.source}: {run.engine} failed: {first_line(exc)}") from exc
    return f"wrote {output} ({run.engine}, {run.master or _DEFAULT_MASTER[run.engine]})"


_DEFAULT_MASTER = {"spark": "local[*]", "dask": "a local cluster"}


def _paths(run: EngineRun) -> tuple[Path, Path]:
    source = Path(run.source)
    if run.source == "-":
        raise InputError("<stdin>", None, f"--engine {run.engine} reads a Parquet file or folder, not standard input")
    if not source.exists():
        raise InputError(source, None, "no such file or folder")
    if source.is_file() and source.suffix.lower() not in (".parquet", ".pq"):
        problem = f"--engine {run.engine} reads Parquet files; score this file without --engine, or convert it"
        raise InputError(source, None, problem)
    if run.output is None or run.output == "-":
        raise InputError("<stdout>", None, f"--engine {run.engine} writes a Parquet folder; pass -o FOLDER")
    output = Path(run.output)
    if output.exists():
        raise InputError(output, None, "already exists; the engine writes a new folder: remove it or pick another")
    return source, output


def _text_column(run: EngineRun, columns: list[str], sample: list[dict[str, Any]]) -> str:
    records = [Record(row, f"record {n}") for n, row in enumerate(sample, 1)]
    return detect_columns(columns, records, text=run.text_column, source=run.source).text


def _spark(run: EngineRun, config: Config, source: Path, output: Path) -> None:
    from goalcheck.spark import session

    sql = require("pyspark.sql", "spark")
    ours = sql.SparkSession.getActiveSession() is None  # in a notebook or a test, the session is the caller's
    spark = session(run.master or "local[*]")
    try:
        with warnings.catch_warnings():  # pyspark warns about pandas 3 when it checks pandas; goalcheck gives it none
            warnings.filterwarnings("ignore", "PySpark does not yet fully support pandas", FutureWarning)
            _spark_job(spark, run, config, source, output)
    finally:
        if ours:
            spark.stop()


def _spark_job(spark: Any, run: EngineRun, config: Config, source: Path, output: Path) -> None:
    from goalcheck.spark import score_dataframe

    df = spark.read.parquet(str(source.resolve()))  # the JVM's working folder may not be ours
    sample = [row.asDict() for row in df.limit(SAMPLE).collect()]
    text = _text_column(run, df.columns, sample)
    df = _spread_spark(df, PARTITIONS_PER_CORE * spark.sparkContext.defaultParallelism)
    scored = score_dataframe(df, text, config=config, rewrite=run.rewrite or False, max_chars=run.max_chars)
    scored.write.parquet(str(output.resolve()))


def _spread_spark(df: Any, partitions: int) -> Any:
    # A Parquet file is split by row group, and writers put up to a million rows in one: a 200k-row
    # export would be one task on one core. Range-partitioning on a row number spreads it and keeps
    # the row order in the output files.
    if df.rdd.getNumPartitions() >= partitions:
        return df
    from pyspark.sql import functions

    row = "__goalcheck_row"
    spread = df.withColumn(row, functions.monotonically_increasing_id()).repartitionByRange(partitions, row)
    return spread.sortWithinPartitions(row).drop(row)


def _dask(run: EngineRun, config: Config, source: Path, output: Path) -> None:
    dd = require("dask.dataframe", "dask")
    from goalcheck.dask import score_dataframe

    with _dask_client(run.master) as client:
        ddf = dd.read_parquet(str(source))
        sample = ddf.head(SAMPLE, npartitions=-1).to_dict("records")
        text = _text_column(run, [str(c) for c in ddf.columns], sample)
        partitions = PARTITIONS_PER_CORE * sum(client.nthreads().values())
        if ddf.npartitions < partitions:  # as for Spark: one big file would use one core (order is kept)
            ddf = ddf.repartition(npartitions=partitions)
        scored = score_dataframe(ddf, text, config=config, rewrite=run.rewrite or False, max_chars=run.max_chars)
        scored.to_parquet(str(output), write_index=False)


@contextmanager
def _dask_client(address: str | None) -> Iterator[Any]:
    from goalcheck.dask import client

    local = {} if address else {"dashboard_address": ":0"}  # any free port: 8787 may be taken, and nobody watches it
    with client(address, **local) as connected:
        yield connected
