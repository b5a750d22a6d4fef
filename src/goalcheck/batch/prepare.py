"""Decide, before any linting, whether a row's goal text can be scored, and say why not.

The linter raises TypeError for non-str items and slows down sharply on very long texts, so every
value is checked here first: a row that fails gets a `RowStatus` and a message, never an exception.
"""

from __future__ import annotations

import math
import re
from typing import Any

from goalcheck.batch.rows import Record, RowStatus

DEFAULT_MAX_CHARS = 5_000
# C0/C1 control characters other than the whitespace people type (tab, newline, carriage return,
# vertical tab and form feed, which some exports use for line breaks inside a cell).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# A stray control character in a real goal is noise the linter can live with; junk is full of them.
_BINARY_SHARE = 0.05


Checked = tuple[str | None, RowStatus, str | None]


def goal_text(record: Record, column: str, max_chars: int = DEFAULT_MAX_CHARS) -> Checked:
    """Return (text to lint or None, status, error message) for one record's goal column."""
    if record.status is not None:
        return None, record.status, record.error
    value = record.values.get(column)
    where = record.location
    if isinstance(value, bytes | bytearray):
        try:
            value = bytes(value).decode("utf-8")
        except UnicodeDecodeError as exc:
            return None, RowStatus.ENCODING, f"{where}: {column!r} is not valid UTF-8 (byte {exc.start})"
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None, RowStatus.EMPTY, f"{where}: no goal text in {column!r}"
    if not isinstance(value, str):
        kind = type(value).__name__
        return None, RowStatus.NOT_TEXT, f"{where}: {column!r} holds a value of type {kind}, not goal text"
    return _check_str(value, column, where, max_chars)


def _check_str(value: str, column: str, where: str, max_chars: int) -> Checked:
    if not value.strip():
        return None, RowStatus.EMPTY, f"{where}: no goal text in {column!r}"
    if len(value) > max_chars:
        return (
            None,
            RowStatus.TOO_LONG,
            (f"{where}: {column!r} holds {len(value):,} characters (limit {max_chars:,}); not scored as a goal"),
        )
    if _SURROGATE.search(value):
        return None, RowStatus.ENCODING, f"{where}: {column!r} holds invalid Unicode (a lone surrogate)"
    controls = len(_CONTROL.findall(value))
    if "\x00" in value or controls > _BINARY_SHARE * len(value):
        return (
            None,
            RowStatus.BINARY,
            (f"{where}: {column!r} holds {controls} control characters: binary data, not text"),
        )
    return value, RowStatus.OK, None


def is_blank(value: Any) -> bool:
    """Tell whether a cell value is empty (None, NaN or only whitespace)."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return isinstance(value, str) and not value.strip()
