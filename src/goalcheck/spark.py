"""Score goal tables inside Apache Spark (also Databricks and Spark Connect); needs `goalcheck[spark]`.

    from goalcheck.spark import score_dataframe
    scored = score_dataframe(spark.read.parquet("goals/"), text_col="goal")

Each task streams its partition through `score_records` with a Linter built once per Python worker
from plain configuration data (see `goalcheck.batch.partitions`), so the result of every row is the
one a local `goalcheck score` gives. Rows travel as Arrow batches (`mapInArrow`): the input columns
are passed back untouched, whatever their types, and only the goal text is converted to Python.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import warnings
from collections import deque
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

from goalcheck.batch.columns import detect_columns
from goalcheck.batch.extras import require
from goalcheck.batch.partitions import PartitionJob, RewriteMode, partition_label
from goalcheck.batch.prepare import DEFAULT_MAX_CHARS
from goalcheck.batch.rows import output_columns
from goalcheck.batch.writers import arrow_type
from goalcheck.config import Config
from goalcheck.errors import GoalcheckError

__all__ = ["score_dataframe", "session"]

MASTER = re.compile(r"^(local(\[[0-9*]+(,[0-9]+)?\])?|yarn|(spark|k8s)://\S+)$")
LOG_SETTINGS = Path(__file__).with_name("spark-log4j2.properties")
JAVA_HINT = "install Java 17 or later (Debian/Ubuntu: apt-get install openjdk-17-jre-headless) or set JAVA_HOME"


def score_dataframe(
    df: Any,
    text_col: str = "goal",
    *,
    config: Config | None = None,
    rewrite: bool | RewriteMode = False,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Any:
    """Return `df` with goalcheck's columns appended: those of `goalcheck score`, with the same values.

    The output has the input's columns (one named like a goalcheck column is kept as `input.<name>`),
    then `status`, `error`, `score`, `dimension.*`, `facet.*`, `codes`, `priorities` and, with
    `rewrite` (True or "placeholders", or "suggest"), `rewrite`. Rows whose text cannot be scored
    keep their place with a non-"ok" status. Lazy, like any Spark transformation; the partitioning is
    the input's. Column names contain dots: select them as ``df["`facet.metric`"]``.
    """
    pa = require("pyarrow", "spark")
    types = require("pyspark.sql.types", "spark")
    detect_columns(list(df.columns), [], text=text_col, source="DataFrame")
    job = PartitionJob.of(text_col, config, rewrite, max_chars)
    header, renames = output_columns(list(df.columns), with_rewrite=job.rewrite is not None)
    spark_types = {pa.string(): types.StringType(), pa.int16(): types.ShortType(), pa.bool_(): types.BooleanType()}
    fields = [types.StructField(renames.get(f.name, f.name), f.dataType, f.nullable) for f in df.schema.fields]
    fields += [types.StructField(c, spark_types[arrow_type(pa, c)], True) for c in job.columns]
    schema = types.StructType(fields)
    with warnings.catch_warnings():  # pyspark's warning about pandas 3: mapInArrow hands goalcheck no pandas objects
        warnings.filterwarnings("ignore", "PySpark does not yet fully support pandas", FutureWarning)
        return df.mapInArrow(partial(_score_batches, job=job, header=header), schema)


def _score_batches(batches: Iterator[Any], *, job: PartitionJob, header: list[str]) -> Iterator[Any]:
    """Score one partition's Arrow batches; yield each batch with goalcheck's columns appended."""
    import pyarrow as pa
    from pyspark import TaskContext

    context = TaskContext.get()
    label = partition_label(context.partitionId() if context is not None else None)
    types = [pa.field(c, arrow_type(pa, c)) for c in job.columns]
    pending: deque[Any] = deque()  # batches read whose rows are not all scored yet

    def texts() -> Iterator[Any]:
        for batch in batches:
            pending.append(batch)
            yield from batch.column(job.text_column).to_pylist()

    scored: list[dict[str, Any]] = []
    for row in job.score(texts(), label):
        scored.append(row)
        while pending and len(scored) >= pending[0].num_rows:
            yield _with_results(pa, pending.popleft(), scored, types, header)
    while pending:  # empty batches at the end
        yield _with_results(pa, pending.popleft(), scored, types, header)


def _with_results(pa: Any, batch: Any, scored: list[dict[str, Any]], types: list[Any], header: list[str]) -> Any:
    rows = scored[: batch.num_rows]
    del scored[: batch.num_rows]
    results = [pa.array([r[f.name] for r in rows], type=f.type) for f in types]
    return pa.RecordBatch.from_arrays([*batch.columns, *results], names=header)


def session(master: str = "local[*]", conf: dict[str, str] | None = None) -> Any:
    """Start (or reuse) a quiet SparkSession (no UI, no log but fatal errors); one clear error without pyspark or Java.

    `master` is a Spark master URL (local[*], spark://host:7077, yarn, k8s://...). A local master runs
    the Python workers with this interpreter, so they import this goalcheck; on a cluster, goalcheck
    must be installed on the executors. In a notebook, use the session you have instead.
    """
    with warnings.catch_warnings():  # pyspark warns about pandas 3 as it loads; goalcheck hands it no pandas
        warnings.filterwarnings("ignore", "PySpark does not yet fully support pandas", FutureWarning)
        return _start(master, conf or {})


def _start(master: str, conf: dict[str, str]) -> Any:
    sql = require("pyspark.sql", "spark")
    if not MASTER.match(master):  # spark-submit would print a JVM stack trace, then exit
        raise GoalcheckError(f"{master!r} is not a Spark master URL (local[*], spark://HOST:PORT, yarn, k8s://...)")
    _require_java()  # the driver's JVM; without it pyspark fails with "Java gateway process exited"
    if master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = sql.SparkSession.builder.master(master).appName("goalcheck")
    settings = {
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.driver.extraJavaOptions": f"-Dlog4j2.configurationFile={LOG_SETTINGS.as_uri()}",
        **conf,
    }
    for key, value in settings.items():
        builder = builder.config(key, value)
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # the JVM did not start: its reason, in one line
        raise GoalcheckError(f"cannot start Spark ({master}): {first_line(exc)}") from exc
    spark.sparkContext.setLogLevel("FATAL")  # failures reach Python as exceptions; the JVM need not print them too
    return spark


def _require_java() -> None:
    home = os.environ.get("JAVA_HOME")
    if home:
        if not os.access(Path(home, "bin", "java"), os.X_OK):
            raise GoalcheckError(f"Spark needs Java, and JAVA_HOME={home} has no bin/java: {JAVA_HINT}")
        return
    if shutil.which("java") is None:
        raise GoalcheckError(f"Spark needs Java, and no `java` is installed: {JAVA_HINT}")


def first_line(exc: BaseException, limit: int = 300) -> str:
    """Return the line of an engine's (often very long) error that says what went wrong.

    Py4J and Dask wrap the real error in a generic first line ("An error occurred while calling
    o32.parquet."); a Python worker's error ends with its traceback's last line.
    """
    error: BaseException | None = exc
    while error is not None:
        lines = [line.strip() for line in str(error).splitlines() if line.strip()]
        if any(line.startswith("Traceback (most recent call last)") for line in lines):
            lines = lines[-1:]
        for line in lines:
            text = _JAVA_CLASS.sub("", line.lstrip(": "))
            if text and not text.startswith(_GENERIC):
                return text if len(text) <= limit else text[: limit - 3] + "..."
        error = error.__cause__
    return type(exc).__name__


_GENERIC = ("An error occurred while calling", "An exception was thrown from the Python worker")
_JAVA_CLASS = re.compile(r"^(?:[a-z_$][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error): ")
