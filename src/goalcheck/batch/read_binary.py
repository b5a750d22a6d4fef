"""Read Excel (.xlsx) and Parquet goal tables row by row, through their optional extras.

openpyxl's read-only mode parses the sheet lazily, and pyarrow reads Parquet batch by batch, so
neither loads a large file at once. A file that cannot be opened is an `InputError` naming it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from goalcheck.batch.extras import require
from goalcheck.batch.read_text import unique_names
from goalcheck.batch.rows import Record, RowStatus
from goalcheck.errors import InputError

PARQUET_BATCH = 4_096


class ExcelReader:
    """Stream the rows of one worksheet; its first row is the header."""

    def __init__(self, path: Path, *, sheet: str | None = None) -> None:
        openpyxl = require("openpyxl", "excel")
        self.path = path
        try:
            self._book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises zipfile, KeyError, XML errors...
            problem = f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})"
            raise InputError(path, None, problem) from exc
        if sheet is not None and sheet not in self._book.sheetnames:
            self._book.close()
            raise InputError(path, None, f"no sheet {sheet!r} (sheets: {', '.join(self._book.sheetnames)})")
        self._sheet = self._book[sheet] if sheet is not None else self._book.worksheets[0]
        self._rows = self._sheet.iter_rows(values_only=True)
        header = next(self._rows, None)
        if header is None or all(v is None for v in header):
            self._book.close()
            raise InputError(path, 1, f"sheet {self._sheet.title!r} has no header row")
        width = max(len(header), self._sheet.max_column or 0)
        self.columns = unique_names([*header, *[None] * (width - len(header))])
        self.total_rows = max((self._sheet.max_row or 1) - 1, 0)
        self._done = 0

    def progress(self) -> tuple[int, int | None]:
        """Return (rows read, rows in the sheet) for the progress bar."""
        return self._done, self.total_rows or None

    def __iter__(self) -> Iterator[Record]:
        width = len(self.columns)
        try:
            for row_no, cells in enumerate(self._rows, start=2):
                self._done += 1
                if all(c is None for c in cells):
                    continue  # an empty sheet row is not a record
                values = dict(zip(self.columns, cells, strict=False))
                extra = [c for c in cells[width:] if c is not None]
                if extra:
                    yield Record(
                        values,
                        f"row {row_no}",
                        RowStatus.MALFORMED,
                        f"row {row_no}: {len(extra)} values beyond the last header column",
                    )
                else:
                    yield Record(values, f"row {row_no}")
        finally:
            self._book.close()


class ParquetReader:
    """Stream the rows of a Parquet file, one record batch at a time."""

    def __init__(self, path: Path) -> None:
        pq = require("pyarrow.parquet", "parquet")
        self.path = path
        try:
            self._file = pq.ParquetFile(path)
        except Exception as exc:  # pyarrow raises ArrowInvalid, OSError...
            problem = f"not a readable Parquet file ({type(exc).__name__}: {exc})"
            raise InputError(path, None, problem) from exc
        self.schema = self._file.schema_arrow
        self.columns = list(self.schema.names)
        self.total_rows = self._file.metadata.num_rows
        self._done = 0

    def progress(self) -> tuple[int, int | None]:
        """Return (rows read, rows in the file) for the progress bar."""
        return self._done, self.total_rows

    def __iter__(self) -> Iterator[Record]:
        try:
            for batch in self._file.iter_batches(batch_size=PARQUET_BATCH):
                rows: list[dict[str, Any]] = batch.to_pylist()
                for values in rows:
                    self._done += 1
                    yield Record(values, f"row {self._done}")
        except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
            problem = f"row {self._done + 1}: unreadable Parquet data ({exc})"
            raise InputError(self.path, None, problem) from exc
        finally:
            self._file.close()
