"""Define what PARSE produces: goal records located in their document, directives and context.

A goal's text is not always a verbatim slice of its document: Markdown markup, list markers, YAML
folding and labels ("Objective:") are removed. `MappedText` keeps, for every run of goal characters,
where that run sits in the document, so a finding's character offsets map back to `path:line:col`.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict

DocumentKind = Literal["markdown", "yaml", "json", "text"]
FieldName = Literal["objective", "metrics", "activities", "milestones", "review"]
FIELD_NAMES: tuple[FieldName, ...] = ("objective", "metrics", "activities", "milestones", "review")


class Segment(NamedTuple):
    """A run of `length` goal characters starting at `goal` that sits at document offset `doc`."""

    goal: int
    doc: int
    length: int


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class MappedText(_Frozen):
    """A text extracted from a document, with the document offset of each of its runs."""

    text: str
    segments: tuple[Segment, ...] = ()

    def _locate(self, index: int) -> tuple[int, bool]:
        if not self.segments:
            return 0, False
        i = bisect_right([s.goal for s in self.segments], index) - 1
        if i < 0:
            return self.segments[0].doc, False
        seg = self.segments[i]
        if index < seg.goal + seg.length:
            return seg.doc + index - seg.goal, True
        return seg.doc + seg.length, False  # in a gap or past the end: just after the previous run

    def doc_offset(self, index: int) -> int:
        """Return the document offset of goal character `index`."""
        return self._locate(index)[0]

    def doc_span(self, start: int, end: int) -> tuple[int, int]:
        """Return the document span [start, end) of goal characters [start, end)."""
        first = self.doc_offset(start)
        if end <= start:
            return first, first
        last, inside = self._locate(end - 1)
        return first, max(first, last + 1 if inside else last)

    def slice(self, start: int, end: int | None = None) -> MappedText:
        """Return the part [start, end) of the text, with its segments."""
        end = len(self.text) if end is None else end
        segments = []
        for seg in self.segments:
            lo, hi = max(seg.goal, start), min(seg.goal + seg.length, end)
            if lo < hi:
                segments.append(Segment(lo - start, seg.doc + lo - seg.goal, hi - lo))
        return MappedText(text=self.text[start:end], segments=tuple(segments))

    def joined(self, other: MappedText, separator: str) -> MappedText:
        """Return this text, an unmapped separator, then `other` (a goal continued in a sub-item)."""
        shift = len(self.text) + len(separator)
        moved = tuple(Segment(s.goal + shift, s.doc, s.length) for s in other.segments)
        return MappedText(text=self.text + separator + other.text, segments=self.segments + moved)

    def squeeze(self) -> MappedText:
        """Return the text with each run of whitespace replaced by one space (markup leaves runs behind)."""
        if "  " not in self.text and not any(c.isspace() and c != " " for c in self.text):
            return self
        chars: list[str] = []
        segments: list[Segment] = []
        for i, char in enumerate(self.text):
            if char.isspace():
                if chars and chars[-1] == " ":
                    continue
                char = " "
            doc, inside = self._locate(i)
            if inside:
                last = segments[-1] if segments else None
                if last and last.goal + last.length == len(chars) and last.doc + last.length == doc:
                    segments[-1] = Segment(last.goal, last.doc, last.length + 1)
                else:
                    segments.append(Segment(len(chars), doc, 1))
            chars.append(char)
        return MappedText(text="".join(chars), segments=tuple(segments))

    def strip(self) -> MappedText:
        """Return the text without leading and trailing whitespace."""
        lead = len(self.text) - len(self.text.lstrip())
        return self.slice(lead, len(self.text.rstrip()))


class Anchor(_Frozen):
    """A document span [start, end) that a record-level finding points at."""

    start: int
    end: int


class GoalRecord(_Frozen):
    """One goal found in a document.

    `fields` is None for a plain goal (a list item, a line, a string in a YAML list). For a structured
    goal record (a YAML mapping, a Markdown goal section with labeled parts) it names the documented
    parts; the document checks read it. `goal` is None when a structured record has no objective.
    """

    goal: MappedText | None
    anchor: Anchor
    headings: tuple[str, ...] = ()
    role: str | None = None
    fields: frozenset[FieldName] | None = None


class Directive(_Frozen):
    """A suppression comment: `ignore[...]` (next goal, or the goal it sits on), `disable`/`enable` ranges."""

    action: Literal["ignore", "disable", "enable", "file-ignore"]
    selectors: tuple[str, ...]
    start: int
    end: int
    text: str
    target: int | None = None  # the goal index an inline or trailing directive sits on


class DocContext(_Frozen):
    """What front matter or a goal file's header says about all its goals."""

    plan_year: int | None = None
    reference_date: dt.date | None = None
    fiscal_year_start: int | None = None
    role: str | None = None
    review: bool = False
    ignore: tuple[str, ...] = ()


class Document(_Frozen):
    """A parsed goal document: its goals in order, its directives and its context."""

    path: str
    kind: DocumentKind
    source: str
    goals: tuple[GoalRecord, ...] = ()
    directives: tuple[Directive, ...] = ()
    context: DocContext = DocContext()
