"""Score a goal table file end to end: read, score, write every row, summarize, report.

This is what `goalcheck score` runs; it is also usable from Python. Rows stream from the reader
through the scorer to the writer, so memory does not grow with the file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import Any

from goalcheck.batch.columns import Columns, detect_columns
from goalcheck.batch.pipeline import score_stream
from goalcheck.batch.prepare import DEFAULT_MAX_CHARS
from goalcheck.batch.readers import open_table
from goalcheck.batch.rows import output_columns, output_row
from goalcheck.batch.scorer import Rewriter
from goalcheck.batch.summary import Summary
from goalcheck.batch.writers import open_writer
from goalcheck.config import Config
from goalcheck.errors import InputError
from goalcheck.linter import Linter

SAMPLE = 200
Progress = Callable[[int, int, "int | None"], None]
"""Called as progress(rows written, units read, units in total or None)."""


@dataclass(frozen=True)
class ReadOptions:
    """How to read the input table and which of its columns to use."""

    fmt: str | None = None
    encoding: str | None = None
    sheet: str | None = None
    delimiter: str | None = None
    text_column: str | None = None
    id_column: str | None = None
    owner_column: str | None = None
    team_column: str | None = None
    manager_column: str | None = None
    role_column: str | None = None


def score_file(
    source: str | Path,
    output: str | Path | None,
    *,
    read: ReadOptions | None = None,
    output_format: str | None = None,
    config: Config | None = None,
    jobs: int = 1,
    rewrite: Rewriter | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    progress: Progress | None = None,
    on_columns: Callable[[Columns], None] | None = None,
    linter: Linter | None = None,
) -> Summary:
    """Score every row of `source` into `output` (None or "-": standard output) and return the summary.

    With jobs=1, `linter` (built for `config`) is reused instead of building one.
    """
    read = read or ReadOptions()
    config = config or Config()
    if output not in (None, "-") and str(source) != "-" and Path(output).resolve() == Path(source).resolve():
        raise InputError(source, None, "the output would overwrite the input; write it to another file")
    summary = Summary()
    with open_table(source, fmt=read.fmt, encoding=read.encoding, sheet=read.sheet, delimiter=read.delimiter) as reader:
        records = iter(reader)
        sample = list(islice(records, SAMPLE))
        columns = detect_columns(
            reader.columns,
            sample,
            text=read.text_column,
            source=str(source),
            id=read.id_column,
            owner=read.owner_column,
            team=read.team_column,
            manager=read.manager_column,
            role=read.role_column,
        )
        if on_columns is not None:
            on_columns(columns)
        book = config.rulebook()
        summary.start(
            columns=columns,
            priorities=book.priorities,
            source=str(source),
            config=config,
        )
        header, renames = output_columns(reader.columns, with_rewrite=rewrite is not None)
        input_types = _input_types(reader, renames)
        rows = score_stream(
            chain(sample, records),
            text_column=columns.text,
            config=config,
            jobs=jobs,
            rewrite=rewrite,
            max_chars=max_chars,
            linter=linter,
        )
        with open_writer(output, header, fmt=output_format, input_types=input_types) as writer:
            for written, row in enumerate(rows, 1):
                writer.write(output_row(row, reader.columns, renames, with_rewrite=rewrite is not None))
                summary.add(row)
                if progress is not None and written % 64 == 0:
                    progress(written, *reader.progress())
        for key, where in getattr(reader, "late_columns", {}).items():
            summary.notes.append(
                f"{source}: {where}: key '{key}' is not among the first records' keys, which set the output "
                "columns (standard input is read once); its values are not in the output"
            )
        if progress is not None:
            done, total = reader.progress()
            progress(summary.overall.rows, total or done, total)
    return summary


def _input_types(reader: Any, renames: dict[str, str]) -> dict[str, Any]:
    # Parquet input keeps its column types in Parquet output; other inputs are text.
    schema = getattr(reader, "schema", None)
    if schema is None:
        return {}
    return {renames.get(f.name, f.name): f.type for f in schema}
