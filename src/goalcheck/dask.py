"""Score goal tables in Dask: `score_dataframe(ddf)` returns ddf with goalcheck's columns; needs `goalcheck[dask]`.

    from goalcheck.dask import score_dataframe
    scored = score_dataframe(dd.read_parquet("goals/"), text_col="goal")

Every partition goes through `score_records` with a Linter built once per worker thread from plain
configuration data (see `goalcheck.batch.partitions`), so each row's result is a local run's. The
work holds the GIL: give workers one thread each and use processes (the default of `client()`).
"""

from __future__ import annotations

from typing import Any

from goalcheck.batch.api import plain_value
from goalcheck.batch.columns import detect_columns
from goalcheck.batch.extras import require
from goalcheck.batch.partitions import PartitionJob, RewriteMode, partition_label
from goalcheck.batch.prepare import DEFAULT_MAX_CHARS
from goalcheck.batch.rows import output_columns
from goalcheck.config import Config

__all__ = ["client", "score_dataframe"]


def score_dataframe(
    ddf: Any,
    text_col: str = "goal",
    *,
    config: Config | None = None,
    rewrite: bool | RewriteMode = False,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Any:
    """Return `ddf` with goalcheck's columns appended: those of `goalcheck score`, with the same values.

    Columns and statuses are as in `goalcheck.spark.score_dataframe`. Result dtypes are fixed, whatever
    a partition holds: `score` Int16, `facet.*` boolean, the others string. Lazy; partitions and index
    are the input's.
    """
    require("dask.dataframe", "dask")
    detect_columns([str(c) for c in ddf.columns], [], text=text_col, source="DataFrame")
    job = PartitionJob.of(text_col, config, rewrite, max_chars)
    meta = score_partition(ddf._meta, job)
    return ddf.map_partitions(score_partition, job, meta=meta)


def score_partition(pdf: Any, job: PartitionJob, partition_info: dict[str, Any] | None = None) -> Any:
    """Score one pandas partition: its columns (renamed as `goalcheck score` does), then goalcheck's."""
    import pandas as pd

    label = partition_label(partition_info["number"] if partition_info else None)
    values = (plain_value(v, pd) for v in pdf[job.text_column].tolist())
    rows = list(job.score(values, label))
    # Arrays, not Series: assigned by position, so an index with repeated labels cannot misalign them.
    results = {c: pd.array([r[c] for r in rows], dtype=_dtype(c)) for c in job.columns}
    _, renames = output_columns([str(c) for c in pdf.columns], with_rewrite=job.rewrite is not None)
    return pdf.rename(columns=renames).assign(**results)


def _dtype(column: str) -> str:
    if column == "score":
        return "Int16"
    return "boolean" if column.startswith("facet.") else "string"


def client(address: str | None = None, *, workers: int | None = None, **options: Any) -> Any:
    """Connect to a Dask scheduler at `address`, or start a local cluster of processes, one thread each.

    `options` go to `distributed.Client` (for a local cluster, to `LocalCluster`: `dashboard_address`...).
    """
    distributed = require("distributed", "dask")
    if address:
        return distributed.Client(address, **options)
    # A cluster started here belongs to the client: closing the client closes it.
    return distributed.Client(n_workers=workers, threads_per_worker=1, processes=True, **options)
