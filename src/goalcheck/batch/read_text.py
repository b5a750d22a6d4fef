"""Read CSV, TSV and JSON Lines goal tables row by row, without loading the file.

The file is read as bytes and decoded one physical line at a time, so a line that is not valid in
the file's encoding marks the rows it belongs to (status `encoding`) instead of failing the file.
A row with the wrong number of fields or invalid JSON becomes a `malformed` record; nothing is dropped.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO

from goalcheck.batch.rows import Record, RowStatus
from goalcheck.errors import InputError

MAX_LINE_BYTES = 16 * 1024 * 1024  # a longer physical line is a binary or corrupt file, not a goal table
JSONL_SAMPLE = 1_000  # from standard input, JSON Lines columns are the keys of the first records
_DELIMITERS = (",", ";", "\t", "|")


class _Lines:
    """Decode a binary stream line by line, noting lines that are not valid in the encoding."""

    def __init__(self, raw: BinaryIO, path: Path, encoding: str) -> None:
        self.raw, self.path, self.encoding = raw, path, encoding
        self.line_no = 0
        self.bytes_read = 0
        self.bad: dict[int, str] = {}
        ascii_lines = "\n".encode(encoding) == b"\n"
        self._text = None if ascii_lines else io.TextIOWrapper(raw, encoding, "replace", "")

    def __iter__(self) -> Iterator[str]:
        if self._text is not None:  # UTF-16/32: not splittable on b"\n"; the decoder replaces bad bytes
            for line in self._text:
                self.line_no += 1
                self.bytes_read = self.raw.tell() if self.raw.seekable() else self.bytes_read
                if "\ufffd" in line:
                    self.bad[self.line_no] = f"bytes not valid {self.encoding}"
                yield line
            return
        while raw := self.raw.readline(MAX_LINE_BYTES):
            self.line_no += 1
            self.bytes_read += len(raw)
            if len(raw) == MAX_LINE_BYTES and not raw.endswith(b"\n"):
                raise InputError(self.path, self.line_no, "line longer than 16 MB: not a goal table")
            yield self._decode(raw)

    def _decode(self, raw: bytes) -> str:
        encoding = (
            "utf-8-sig" if self.line_no == 1 and self.encoding.replace("_", "-") in {"utf-8", "utf8"} else self.encoding
        )
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError as exc:
            bad = raw[exc.start : exc.start + 4]
            self.bad[self.line_no] = (
                f"bytes not valid {self.encoding} ({bad!r} at byte {exc.start + 1}); try --encoding cp1252"
            )
            return raw.decode(encoding, "replace")

    def problems(self, first: int, last: int) -> str | None:
        """Return the decoding problem of lines first..last, if any of them had one."""
        if not self.bad:  # the common case, a row at a time
            return None
        found = [(line, self.bad.pop(line)) for line in range(first, last + 1) if line in self.bad]
        return f"line {found[0][0]}: {found[0][1]}" if found else None


def sniff_encoding(raw: BinaryIO, encoding: str | None) -> str:
    """Return the encoding to read with: the one given, else UTF-16/32 when a BOM says so, else UTF-8."""
    if encoding:
        try:
            return codecs.lookup(encoding).name
        except LookupError as exc:
            raise InputError(None, None, f"unknown encoding {encoding!r}") from exc
    head = raw.peek(4)[:4] if hasattr(raw, "peek") else b""
    for bom, name in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if head.startswith(bom):
            return name
    return "utf-8"


class DelimitedReader:
    """Stream the records of a CSV or TSV file; the first row is the header."""

    def __init__(self, raw: BinaryIO, path: Path, *, encoding: str, delimiter: str | None) -> None:
        self.path = path
        self.lines = _Lines(raw, path, encoding)
        self._line_iter = iter(self.lines)
        first = next(self._line_iter, None)
        if first is None or not first.strip():
            raise InputError(path, 1, "no header row (the file is empty or starts with a blank line)")
        if 1 in self.lines.bad:
            raise InputError(path, 1, f"header: {self.lines.bad[1]}")
        self.delimiter = delimiter or max(_DELIMITERS, key=first.count)
        self._reader = csv.reader(_chain_first(first, self._line_iter), delimiter=self.delimiter)
        header = next(self._reader)
        self.columns = unique_names(header)
        self.total_bytes = path.stat().st_size if path.is_file() else None

    def progress(self) -> tuple[int, int | None]:
        """Return (bytes read, file size) for the progress bar."""
        return self.lines.bytes_read, self.total_bytes

    def __iter__(self) -> Iterator[Record]:
        width = len(self.columns)
        while True:
            first = self._reader.line_num + 1
            try:
                fields = next(self._reader)
            except StopIteration:
                return
            except csv.Error as exc:
                last = max(self._reader.line_num, first)
                self.lines.problems(first, last)
                yield Record({}, f"line {first}", RowStatus.MALFORMED, f"line {first}: {exc}")
                continue
            last = self._reader.line_num
            problem = self.lines.problems(first, last)
            if not fields:
                continue  # a blank line is not a row
            values = dict(zip(self.columns, fields, strict=False))
            if problem:
                yield Record(values, f"line {first}", RowStatus.ENCODING, problem)
            elif len(fields) != width:
                yield Record(
                    values,
                    f"line {first}",
                    RowStatus.MALFORMED,
                    f"line {first}: {len(fields)} fields, the header has {width}",
                )
            else:
                yield Record(values, f"line {first}")


class JsonLinesReader:
    """Stream the records of a JSON Lines file; each non-blank line is one JSON object."""

    def __init__(self, raw: BinaryIO, path: Path, *, encoding: str) -> None:
        self.path = path
        self.total_bytes = path.stat().st_size if path.is_file() else None
        self.late_columns: dict[str, str] = {}  # key -> where it first appeared, when it is not in `columns`
        keys: dict[str, None] = {}
        if raw.seekable():
            # Records may differ in their keys: a first pass collects every key, in first-seen order, so the
            # output has a column for each (parsing is a small fraction of the cost of scoring a row).
            start = raw.tell()
            first_pass = _Lines(raw, path, encoding)
            for record in self._parse(first_pass):
                keys.update(dict.fromkeys(record.values))
            if first_pass._text is not None:
                first_pass._text.detach()  # a dropped TextIOWrapper would close `raw`
            raw.seek(start)
        self.lines = _Lines(raw, path, encoding)
        self._records = self._parse(self.lines)
        self._sample = list(islice(self._records, JSONL_SAMPLE))
        for record in self._sample:
            keys.update(dict.fromkeys(record.values))
        self.columns = list(keys)
        if not self._sample:
            raise InputError(path, 1, "no records (the file is empty)")

    def progress(self) -> tuple[int, int | None]:
        """Return (bytes read, file size) for the progress bar."""
        return self.lines.bytes_read, self.total_bytes

    def __iter__(self) -> Iterator[Record]:
        yield from self._sample
        self._sample = []
        known = set(self.columns)
        for record in self._records:
            if not known.issuperset(record.values):  # standard input only: a key the first records lacked
                for key in record.values:
                    if key not in known:
                        self.late_columns.setdefault(key, record.location)
            yield record

    @staticmethod
    def _parse(lines: _Lines) -> Iterator[Record]:
        for line in lines:
            if not line.strip():
                continue
            where = f"line {lines.line_no}"
            problem = lines.problems(lines.line_no, lines.line_no)
            try:
                value: Any = json.loads(line.rstrip("\r\n"))
            except json.JSONDecodeError as exc:
                yield Record(
                    {},
                    where,
                    RowStatus.ENCODING if problem else RowStatus.MALFORMED,
                    problem or f"{where}: invalid JSON: {exc.msg} (column {exc.colno})",
                )
                continue
            if not isinstance(value, dict):
                yield Record(
                    {}, where, RowStatus.MALFORMED, f"{where}: a JSON object was expected, not {type(value).__name__}"
                )
            elif problem:
                yield Record(value, where, RowStatus.ENCODING, problem)
            else:
                yield Record(value, where)


def unique_names(header: list[str]) -> list[str]:
    """Name blank header cells `columnN` and suffix repeated names `.2`, `.3` so every column has one name."""
    names: list[str] = []
    seen: set[str] = set()
    for index, cell in enumerate(header, start=1):
        base = str(cell).strip() if cell is not None and str(cell).strip() else f"column{index}"
        name, n = base, 1
        while name in seen:
            n += 1
            name = f"{base}.{n}"
        seen.add(name)
        names.append(name)
    return names


def _chain_first(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest
