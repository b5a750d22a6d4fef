"""Batch scoring: score goal tables (CSV, TSV, JSON Lines, Excel, Parquet) and summarize them.

    >>> from goalcheck.batch import score_records
    >>> next(score_records([{"goal": "Improve selling skills."}]))["status"]
    'ok'

`score_records` streams dicts, `score_frame` scores a pandas DataFrame, `score_file` scores a file
into another and returns a `Summary`; `write_report` renders a summary as one self-contained HTML file.
"""

from __future__ import annotations

from goalcheck.batch.api import score_frame, score_records
from goalcheck.batch.columns import Columns
from goalcheck.batch.duplicates import NearDuplicates
from goalcheck.batch.extras import MissingDependencyError
from goalcheck.batch.readers import open_table
from goalcheck.batch.rows import RowStatus
from goalcheck.batch.run import ReadOptions, score_file
from goalcheck.batch.scorer import Rewriter
from goalcheck.batch.summary import Summary
from goalcheck.batch.writers import open_writer

__all__ = [
    "Columns",
    "MissingDependencyError",
    "NearDuplicates",
    "ReadOptions",
    "Rewriter",
    "RowStatus",
    "Summary",
    "open_table",
    "open_writer",
    "score_file",
    "score_frame",
    "score_records",
]
