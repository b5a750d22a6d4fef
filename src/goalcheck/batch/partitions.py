"""Score one partition of a distributed table (Spark, Dask) through the same path as `score_records`.

An engine sends every task a `PartitionJob`: plain data (the configuration as `Config.model_dump`
output, the text column's name, the rewrite mode, the character limit), cheap to pickle and the same
on every machine. The worker process builds one Linter per configuration and keeps it for later tasks
(Spark and Dask reuse their Python workers), so the spaCy pipeline is built once per worker, never
shipped. Rows then go through `score_records` unchanged: statuses, scores and findings are those of a
local run; only the row's name in an error message says which partition it is in.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from goalcheck.batch.api import score_records
from goalcheck.batch.prepare import DEFAULT_MAX_CHARS
from goalcheck.batch.rewrites import RewriteColumn
from goalcheck.batch.rows import result_columns
from goalcheck.config import Config
from goalcheck.linter import Linter
from goalcheck.rewrite.models import Mode as RewriteMode  # the rewrite column's mode, as `goalcheck rewrite` has it

_LINTERS_PER_THREAD = 4  # configurations kept per worker thread; a job normally uses one


@dataclass(frozen=True)
class PartitionJob:
    """What every task needs to score its rows, as plain data."""

    text_column: str
    config_data: dict[str, Any]
    rewrite: RewriteMode | None = None
    max_chars: int = DEFAULT_MAX_CHARS

    @classmethod
    def of(
        cls,
        text_column: str,
        config: Config | None,
        rewrite: bool | RewriteMode | None = None,
        max_chars: int = DEFAULT_MAX_CHARS,
    ) -> PartitionJob:
        """Build a job on the driver; `rewrite=True` means placeholders.

        The reference date is fixed here, once: executors resolving "today" themselves could disagree
        on a run that crosses midnight, or runs in another time zone. Pack folders become absolute
        paths: a worker's working folder is not the driver's.
        """
        config = config or Config()
        pinned = config.model_copy(
            update={
                "reference_date": config.resolved_reference_date(),
                "rule_paths": tuple(path.resolve() for path in config.rule_paths),
            }
        )
        mode: RewriteMode | None = "placeholders" if rewrite is True else (rewrite or None)
        return cls(text_column, pinned.model_dump(mode="json"), mode, max_chars)

    @property
    def columns(self) -> list[str]:
        """Return goalcheck's result columns, in output order."""
        return result_columns(with_rewrite=self.rewrite is not None)

    def score(self, values: Iterable[Any], record_label: str = "record") -> Iterator[dict[str, Any]]:
        """Yield goalcheck's result columns for each goal text value, in order (one per value)."""
        linter = _linter(self.config_data)
        rewrite = RewriteColumn(self.rewrite, self.config_data) if self.rewrite is not None else None
        records = ({self.text_column: value} for value in values)
        columns = self.columns
        for out in score_records(
            records,
            text_column=self.text_column,
            config=linter.config,
            rewrite=rewrite,
            max_chars=self.max_chars,
            linter=linter,
            record_label=record_label,
        ):
            yield {c: out[c] for c in columns}


def partition_label(number: int | None) -> str:
    """Return how error messages name the rows of a partition: "partition 3 record" (then the row number)."""
    return "record" if number is None else f"partition {number} record"


_local = threading.local()


def _linter(config_data: dict[str, Any]) -> Linter:
    # Per thread: a Dask worker may run tasks on several threads, and one spaCy pipeline is not
    # meant to be shared between threads.
    cache: dict[str, Linter] = getattr(_local, "linters", None) or {}
    _local.linters = cache
    key = json.dumps(config_data, sort_keys=True, default=str)
    if key not in cache:
        if len(cache) >= _LINTERS_PER_THREAD:
            cache.clear()
        cache[key] = Linter(Config.model_validate(config_data))
    return cache[key]
