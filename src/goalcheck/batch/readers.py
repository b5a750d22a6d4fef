"""Open a goal table by its format: CSV, TSV, JSON Lines, Excel (.xlsx) or Parquet.

`open_table` is a context manager yielding a reader with `columns`, `progress()` and an iterator
of `Record`s. Formats come from the file extension unless given; `-` reads CSV, TSV or JSON Lines
from standard input.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal, Protocol

from goalcheck.batch.read_binary import ExcelReader, ParquetReader
from goalcheck.batch.read_text import DelimitedReader, JsonLinesReader, sniff_encoding
from goalcheck.batch.rows import Record
from goalcheck.errors import InputError

Format = Literal["csv", "tsv", "jsonl", "xlsx", "parquet"]
FORMATS: tuple[str, ...] = ("csv", "tsv", "jsonl", "xlsx", "parquet")
_EXTENSIONS: dict[str, Format] = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".parquet": "parquet",
    ".pq": "parquet",
}


class TableReader(Protocol):
    """What every reader offers: its column names, its progress and its records."""

    columns: list[str]

    def progress(self) -> tuple[int, int | None]:
        """Return (units done, units in total or None) for a progress bar."""
        ...

    def __iter__(self) -> Iterator[Record]:
        """Yield the records in file order."""
        ...


def detect_format(path: str | Path, fmt: str | None = None) -> Format:
    """Return the table format named by `fmt`, else by the file's extension."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise InputError(path, None, f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
        return fmt  # type: ignore[return-value]
    suffix = Path(path).suffix.lower()
    if suffix == ".gz":
        raise InputError(path, None, "compressed input is not supported; decompress it first")
    if suffix not in _EXTENSIONS:
        known = ", ".join(sorted(_EXTENSIONS))
        problem = f"cannot tell the format from {suffix or 'no extension'!r} (known: {known})"
        raise InputError(path, None, problem)
    return _EXTENSIONS[suffix]


@contextmanager
def open_table(
    path: str | Path,
    *,
    fmt: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    delimiter: str | None = None,
) -> Iterator[TableReader]:
    """Open a goal table for streaming; a file that cannot be read raises InputError naming it."""
    stdin = str(path) == "-"
    kind = detect_format(path, fmt or ("csv" if stdin else None))
    source = Path("<stdin>") if stdin else Path(path)
    if kind in ("xlsx", "parquet"):
        if stdin:
            raise InputError(source, None, f"{kind} cannot be read from standard input; pass a file")
        _check_file(source)
        yield ExcelReader(source, sheet=sheet) if kind == "xlsx" else ParquetReader(source)
        return
    raw = sys.stdin.buffer if stdin else _open_binary(source)
    try:
        enc = sniff_encoding(raw, encoding)
        if kind == "jsonl":
            yield JsonLinesReader(raw, source, encoding=enc)
        else:
            yield DelimitedReader(raw, source, encoding=enc, delimiter="\t" if kind == "tsv" else delimiter)
    finally:
        if not stdin:
            raw.close()


def _check_file(path: Path) -> None:
    if not path.exists():
        raise InputError(path, None, "no such file")
    if not path.is_file():
        raise InputError(path, None, "not a file")


def _open_binary(path: Path) -> io.BufferedReader:
    _check_file(path)
    try:
        return path.open("rb")
    except OSError as exc:
        raise InputError(path, None, f"cannot open: {exc.strerror}") from exc
