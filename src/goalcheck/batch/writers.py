"""Write scored rows as CSV, TSV, JSON Lines, Excel (.xlsx) or Parquet, one row at a time.

Every writer receives the full header up front and writes rows in the order given. Files are
written under a temporary name and renamed when complete, so a failed run never leaves a
half-written file that looks finished. CSV, TSV and JSON Lines can also go to standard output.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol, TextIO

from goalcheck.batch.extras import require
from goalcheck.batch.readers import Format, detect_format
from goalcheck.errors import GoalcheckError, InputError

EXCEL_MAX_CHARS = 32_767  # Excel's limit for one cell
EXCEL_MAX_ROWS = 1_048_576
PARQUET_ROWS_PER_GROUP = 8_192
_BOOL_COLUMNS = "facet."
_INT_COLUMNS = ("score",)
_CRLF = "\r\n"  # the csv module's line end, and so every CSV file's goalcheck writes


class Writer(Protocol):
    """Accept output rows (dicts keyed by the header's names), in order."""

    def write(self, row: dict[str, Any]) -> None:
        """Write one row."""
        ...


def text_cell(value: Any) -> str:
    """Render one value for CSV and TSV: empty for None, JSON for lists and objects."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


class _DelimitedWriter:
    """Write CSV or TSV exactly as the csv module does (minimal quoting, CRLF line ends), faster.

    The csv module looks every character of a row up in its line terminator: a tenth of the batch layer's
    instructions at 100k rows. A row is joined here, the cells that hold the delimiter quoted; a row with a
    quote or a line break in it goes to the csv module.
    """

    def __init__(self, stream: TextIO, header: Sequence[str], delimiter: str) -> None:
        self.header = list(header)
        self._stream = stream
        self._delimiter = delimiter
        self._csv = csv.writer(stream, delimiter=delimiter, lineterminator=_CRLF)
        self._csv.writerow(self.header)

    def write(self, row: dict[str, Any]) -> None:
        # Most cells are already str, and the facets bool: skip the conversion call for them (a hot loop at a
        # million rows).
        cells = [
            v if type(v) is str else ("true" if v else "false") if type(v) is bool else text_cell(v)
            for v in map(row.get, self.header)
        ]
        delimiter = self._delimiter
        line = delimiter.join(cells)
        if not line or '"' in line or "\n" in line or "\r" in line:
            self._csv.writerow(cells)
            return
        if line.count(delimiter) >= len(cells):  # a cell holds the delimiter: quoted, as the csv module does
            line = delimiter.join([f'"{c}"' if delimiter in c else c for c in cells])
        self._stream.write(line + _CRLF)


class _JsonLinesWriter:
    def __init__(self, stream: TextIO, header: Sequence[str]) -> None:
        self.header, self.stream = list(header), stream

    def write(self, row: dict[str, Any]) -> None:
        clean = {c: _json_value(row.get(c)) for c in self.header}
        self.stream.write(json.dumps(clean, ensure_ascii=False, default=_json_default) + "\n")


class _ExcelWriter:
    def __init__(self, header: Sequence[str]) -> None:
        openpyxl = require("openpyxl", "excel")
        self.illegal = require("openpyxl.cell.cell", "excel").ILLEGAL_CHARACTERS_RE
        self.header = list(header)
        self.book = openpyxl.Workbook(write_only=True)
        self.sheet = self.book.create_sheet("goals")
        self.sheet.append(self.header)
        self.rows = 1

    def write(self, row: dict[str, Any]) -> None:
        self.rows += 1
        if self.rows > EXCEL_MAX_ROWS:
            raise GoalcheckError(f"an .xlsx sheet holds at most {EXCEL_MAX_ROWS:,} rows; write CSV or Parquet instead")
        self.sheet.append([self._cell(row.get(c)) for c in self.header])

    def _cell(self, value: Any) -> Any:
        if value is None or isinstance(value, bool | int):
            return value
        if isinstance(value, float):
            return None if math.isnan(value) else value
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            value = value.isoformat()  # Excel has no time zones
        if isinstance(value, dt.date | dt.time):
            return value
        text = value if isinstance(value, str) else text_cell(value)
        return self.illegal.sub("\ufffd", text)[:EXCEL_MAX_CHARS]


class _ParquetWriter:
    def __init__(self, path: Path, header: Sequence[str], input_types: dict[str, Any]) -> None:
        self.pa = require("pyarrow", "parquet")
        pq = require("pyarrow.parquet", "parquet")
        self.header = list(header)
        self.typed = set(input_types)
        fields = [self.pa.field(c, input_types.get(c) or arrow_type(self.pa, c)) for c in self.header]
        self.schema = self.pa.schema(fields)
        self.file = pq.ParquetWriter(path, self.schema)
        self.buffer: list[dict[str, Any]] = []

    def write(self, row: dict[str, Any]) -> None:
        self.buffer.append({c: self._value(c, row.get(c)) for c in self.header})
        if len(self.buffer) >= PARQUET_ROWS_PER_GROUP:
            self.flush()

    def _value(self, column: str, value: Any) -> Any:
        if column in self.typed or value is None or column == "score" or column.startswith(_BOOL_COLUMNS):
            return value
        return text_cell(value)

    def flush(self) -> None:
        if not self.buffer:
            return
        try:
            table = self.pa.Table.from_pylist(self.buffer, schema=self.schema)
        except (UnicodeError, self.pa.ArrowInvalid):  # lone surrogates from JSON input
            table = self.pa.Table.from_pylist([_scrub(r) for r in self.buffer], schema=self.schema)
        self.file.write_table(table)
        self.buffer = []

    def close(self) -> None:
        self.flush()
        self.file.close()


@contextmanager
def open_writer(
    path: str | Path | None, header: Sequence[str], *, fmt: str | None = None, input_types: dict[str, Any] | None = None
) -> Iterator[Writer]:
    """Open an output table; `path` None or "-" writes to standard output (CSV, TSV or JSON Lines)."""
    stdout = path is None or str(path) == "-"
    kind = detect_format("<stdout>" if stdout else path, fmt or ("jsonl" if stdout else None))
    if stdout:
        if kind in ("xlsx", "parquet"):
            raise InputError("<stdout>", None, f"{kind} cannot be written to standard output; pass -o FILE")
        stream = io.TextIOWrapper(sys.stdout.buffer, "utf-8", "backslashreplace", "", write_through=False)
        try:
            yield _text_writer(kind, stream, header)
        finally:
            stream.flush()
            stream.detach()
        return
    target = Path(path)
    partial = target.with_name(f".{target.name}.partial")
    try:
        yield from _write_file(kind, partial, header, input_types or {})
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)


def _write_file(kind: Format, partial: Path, header: Sequence[str], input_types: dict[str, Any]) -> Iterator[Writer]:
    if kind == "xlsx":
        writer = _ExcelWriter(header)
        yield writer
        writer.book.save(partial)
    elif kind == "parquet":
        parquet = _ParquetWriter(partial, header, input_types)
        try:
            yield parquet
        finally:
            parquet.close()
    else:
        with partial.open("w", encoding="utf-8", errors="backslashreplace", newline="") as stream:
            yield _text_writer(kind, stream, header)


def _text_writer(kind: Format, stream: TextIO, header: Sequence[str]) -> Writer:
    if kind == "jsonl":
        return _JsonLinesWriter(stream, header)
    return _DelimitedWriter(stream, header, "\t" if kind == "tsv" else ",")


def arrow_type(pa: Any, column: str) -> Any:
    """Return the Arrow type of one of goalcheck's result columns (Parquet output, Spark and Dask)."""
    if column in _INT_COLUMNS:
        return pa.int16()
    return pa.bool_() if column.startswith(_BOOL_COLUMNS) else pa.string()


def _json_value(value: Any) -> Any:
    return None if isinstance(value, float) and math.isnan(value) else value


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes | bytearray):
        return bytes(value).decode("utf-8", "replace")
    return str(value)


def _scrub(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.encode("utf-8", "replace").decode("utf-8") if isinstance(v, str) else v for k, v in row.items()}
