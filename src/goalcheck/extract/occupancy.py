"""Track which characters an earlier reading has claimed, so overlap tests stay linear in long texts."""

from __future__ import annotations

from collections.abc import Iterable


class Occupied:
    """Character ranges already claimed (a time expression, a cadence, a value)."""

    def __init__(self, length: int, ranges: Iterable[tuple[int, int]] = ()) -> None:
        self._mask = bytearray(length)
        for start, end in ranges:
            self.claim(start, end)

    def claim(self, start: int, end: int) -> None:
        """Mark [start, end) as taken."""
        self._mask[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """Tell whether any character of [start, end) is taken."""
        return self._mask.find(1, start, end) != -1
