r"""Map between document offsets and 1-based line:column, and align extracted text to its source.

Columns count Unicode code points, 1-based; an end column is exclusive. Extracted goal text is aligned
to the document piece by piece (then character by character where markup such as `\\*` or `&amp;`
changed a piece), never by pre-blanking the document, so positions stay exact.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .models import MappedText, Segment

_NEWLINE = re.compile(r"\n")


class LineIndex:
    """Convert document offsets to (line, column), both 1-based."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.starts = [0, *(m.end() for m in _NEWLINE.finditer(source))]

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based (line, column) of a document offset."""
        offset = max(0, min(offset, len(self.source)))
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line_start(self, line: int) -> int:
        """Return the offset where 0-based `line` starts (the end of the document past the last line)."""
        return self.starts[line] if line < len(self.starts) else len(self.source)

    def line_text(self, line: int) -> str:
        """Return the text of 1-based `line`, without its line break."""
        start = self.line_start(line - 1)
        end = self.line_start(line)
        return self.source[start:end].rstrip("\r\n")


class TextBuilder:
    """Build a MappedText from pieces that appear, in order, in `source[start:limit]`."""

    def __init__(self, source: str, start: int, limit: int) -> None:
        self.source = source
        self.cursor = start
        self.limit = limit
        self.parts: list[str] = []
        self.length = 0
        self.segments: list[Segment] = []

    def _map(self, goal: int, doc: int, length: int) -> None:
        if self.segments:
            last = self.segments[-1]
            if last.goal + last.length == goal and last.doc + last.length == doc:
                self.segments[-1] = Segment(last.goal, last.doc, last.length + length)
                return
        self.segments.append(Segment(goal, doc, length))

    def add(self, piece: str) -> None:
        """Append a piece of text, locating it in the source after the previous piece."""
        if not piece:
            return
        found = self.source.find(piece, self.cursor, self.limit)
        if found >= 0:
            self._map(self.length, found, len(piece))
            self.cursor = found + len(piece)
        else:
            for i, char in enumerate(piece):
                if char.isspace():
                    continue
                at = self.source.find(char, self.cursor, self.limit)
                if at >= 0:
                    self._map(self.length + i, at, 1)
                    self.cursor = at + 1
        self.parts.append(piece)
        self.length += len(piece)

    def add_unmapped(self, piece: str) -> None:
        """Append text that has no counterpart in the source (a line break turned into a space)."""
        self.parts.append(piece)
        self.length += len(piece)

    def skip(self, piece: str) -> None:
        """Move past a piece of source (markup) without adding it to the text."""
        found = self.source.find(piece, self.cursor, self.limit)
        if found >= 0:
            self.cursor = found + len(piece)

    def build(self) -> MappedText:
        """Return the text built so far, with every run of whitespace squeezed to one space."""
        return MappedText(text="".join(self.parts), segments=tuple(self.segments)).squeeze()


def verbatim(source: str, start: int, end: int) -> MappedText:
    """Return source[start:end] as a MappedText."""
    return MappedText(text=source[start:end], segments=(Segment(0, start, end - start),) if end > start else ())
