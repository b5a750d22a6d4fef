"""Read goals from plain text: one goal per line; a wrapped line continues the goal above it.

A line that is indented or starts with a lower-case letter continues the previous goal (a paragraph
wrapped by an editor). Bullets ("- ", "* ", "1. ") and labels ("Goal:") are removed; lines starting
with `#` or `//` are comments; `goalcheck: ignore[...]` on its own line applies to the next goal, at the
end of a goal's line (after `#`) to that goal.
"""

from __future__ import annotations

import re

from .directives import line_directive, trailing_directive
from .labels import split_label
from .models import Anchor, Directive, Document, GoalRecord
from .positions import TextBuilder

_BULLET = re.compile(r"^\s*(?:[-*•‣◦]|\d{1,3}[.)])\s+")
_COMMENT = re.compile(r"^\s*(?:#|//)")


def _continues(line: str) -> bool:
    stripped = line.lstrip()
    return bool(stripped) and ((line[0] in " \t" and not _BULLET.match(line)) or stripped[0].islower())


class _Goals:
    def __init__(self, source: str) -> None:
        self.source = source
        self.builder: TextBuilder | None = None
        self.goals: list[GoalRecord] = []
        self.directives: list[Directive] = []
        self.pending: list[Directive] = []  # trailing directives of the goal being built

    def flush(self) -> None:
        if self.builder is None:
            return
        labeled = split_label(self.builder.build())
        self.builder = None
        goal = labeled.rest
        if labeled.is_metadata or not goal.text:
            self.directives += [d.model_copy(update={"target": None}) for d in self.pending]
        else:
            lo, hi = goal.doc_span(0, len(goal.text))
            self.directives += [d.model_copy(update={"target": len(self.goals)}) for d in self.pending]
            self.goals.append(GoalRecord(goal=goal, anchor=Anchor(start=lo, end=hi)))
        self.pending = []

    def add_line(self, line: str, offset: int) -> None:
        body = line.rstrip("\r\n")
        trailing = trailing_directive(body, offset, None)
        if trailing is not None:
            body = body[: trailing[0]]
            self.pending.append(trailing[1])
        if self.builder is None or not _continues(body):
            self.flush()
            bullet = _BULLET.match(body)
            start = offset + (bullet.end() if bullet else 0)
            self.builder = TextBuilder(self.source, start, offset + len(body))
            self.builder.add(body[bullet.end() if bullet else 0 :])
        else:
            self.builder.limit = offset + len(body)
            self.builder.add_unmapped(" ")
            self.builder.add(body.strip())


def parse_text(source: str, path: str) -> Document:
    """Parse a plain-text goal document."""
    goals = _Goals(source)
    offset = 0
    for line in source.splitlines(keepends=True):
        directive = line_directive(line, offset)
        if directive is not None:
            goals.flush()
            goals.directives.append(directive)
        elif not line.strip() or _COMMENT.match(line):
            goals.flush()
        else:
            goals.add_line(line, offset)
        offset += len(line)
    goals.flush()
    return Document(
        path=path,
        kind="text",
        source=source,
        goals=tuple(goals.goals),
        directives=tuple(sorted(goals.directives, key=lambda d: d.start)),
    )
