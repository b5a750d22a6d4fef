"""Turn Markdown blocks into goals: plain goals, and structured goal records with documented parts.

A structured record is a goal section whose parts are labeled, as list items or paragraphs
("**Success metrics:** ..."), as sub-headings ("### Review timeline") or as table columns. It is
structured when it documents at least one part besides the objective; the document checks then ask
for the rest. A label that repeats ("Objective:" twice in one section) starts the next record.
A "Review timeline" outside any goal section (under the title, or a top-level section) covers every goal.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict

from .models import Anchor, Directive, FieldName, GoalRecord, MappedText

MAX_PARAGRAPH_WORDS = 60
MIN_GOAL_WORDS = 2


class Section(BaseModel):
    """A heading and where it sits in the outline."""

    model_config = ConfigDict(frozen=True)

    level: int
    text: str
    field: FieldName | None
    parent: int  # index of the enclosing section, -1 at the top
    anchor: Anchor


class Block(BaseModel):
    """A list item's first paragraph, a paragraph, or a table row's goal cell."""

    model_config = ConfigDict(frozen=True)

    kind: str
    text: MappedText
    label: str | None
    field: FieldName | None
    metadata: bool
    section: int
    anchor: Anchor
    label_anchor: Anchor | None = None
    full: MappedText | None = None  # the text with its label ("Q1: baseline"), for a goal's sub-items
    parent: int | None
    directives: tuple[Directive, ...] = ()
    cursor: int = 0
    row_fields: tuple[str, ...] | None = None


@dataclass
class _Record:
    anchor: Anchor
    fields: set[str] = field(default_factory=set)
    objectives: list[Block] = field(default_factory=list)


@dataclass
class Assembled:
    """The goals of a document, the directives attached to them, and whether a shared review exists."""

    records: tuple[GoalRecord, ...]
    directives: tuple[Directive, ...]
    review: bool


class _Assembler:
    def __init__(self, blocks: list[Block], sections: list[Section]) -> None:
        self.blocks = blocks
        self.sections = sections
        self.open: dict[int, _Record] = {}  # the record being filled in each section
        self.by_block: dict[int, _Record] = {}
        self.goal_of: dict[int, int] = {}  # block -> the plain goal block it belongs to
        self.details: dict[int, list[Block]] = {}  # plain goal block -> its sub-items
        self.out: list[tuple[int | None, _Record | None]] = []  # a plain goal's block, or a record
        self.review = False

    def headings(self, section: int) -> tuple[str, ...]:
        chain = []
        while section >= 0:
            if self.sections[section].field is None:
                chain.append(self.sections[section].text)
            section = self.sections[section].parent
        return tuple(reversed(chain))

    def list_headers(self, block: Block) -> tuple[str, ...]:
        """Return the texts of the items that head a goal's list ("- Hospital account managers:")."""
        headers = []
        while block.parent is not None:
            block = self.blocks[block.parent]
            headers.append((block.full or block.text).text.rstrip().rstrip(":").strip())
        return tuple(reversed(headers))

    def owner(self, section: int) -> int:
        while section >= 0 and self.sections[section].field is not None:
            section = self.sections[section].parent
        return section

    def top_level(self, section: int) -> bool:
        return section < 0 or self.sections[section].level <= 1

    def record(self, section: int, anchor: Anchor, part: str | None = None) -> _Record:
        current = self.open.get(section)
        if current is None or (part is not None and part in current.fields and part != "review"):
            current = _Record(anchor=anchor)
            self.open[section] = current
            self.out.append((None, current))
        return current

    def add(self, index: int, block: Block) -> None:
        heading_field = self.sections[block.section].field if block.section >= 0 else None
        if block.parent is not None and block.parent in self.by_block:
            parent = self.by_block[block.parent]
            if self.blocks[block.parent].field == "objective" and self._goal_like(block):
                parent.objectives.append(block)
            return
        if block.parent is not None and self.blocks[block.parent].field is not None:
            return
        top = self.goal_of.get(block.parent) if block.parent is not None else None
        if top is not None:
            # A sub-item of a goal ("- Q1: baseline assessment") details that goal: it joins its text.
            self.goal_of[index] = top
            self.details.setdefault(top, []).append(block)
            return
        if heading_field is not None:
            self._under_field_heading(block, heading_field)
        elif block.row_fields is not None and block.row_fields:
            parts = {*block.row_fields, *(("objective",) if block.text.text else ())}
            self.out.append(
                (
                    None,
                    _Record(
                        anchor=block.label_anchor or block.anchor,
                        fields=parts,
                        objectives=[block] if block.text.text else [],
                    ),
                )
            )
        elif block.field is not None:
            self._labeled(index, block)
        elif self._goal_like(block) and (block.kind != "paragraph" or self._paragraph_goal(block)):
            if block.kind == "item" and block.text.text.rstrip().endswith(":"):
                return  # "- Sales team:" heads a list of goals; it is not one
            self.goal_of[index] = index
            self.out.append((index, None))

    def _labeled(self, index: int, block: Block) -> None:
        if block.field == "review" and block.section not in self.open and self.top_level(block.section):
            self.review = True
            return
        rec = self.record(block.section, block.label_anchor or block.anchor, block.field)
        rec.fields.add(block.field)  # type: ignore[arg-type]
        self.by_block[index] = rec
        if block.field == "objective" and block.text.text:
            rec.objectives.append(block)

    def _under_field_heading(self, block: Block, heading_field: str) -> None:
        owner = self.owner(block.section)
        if self.top_level(owner) and owner not in self.open and heading_field != "objective":
            # A "## Success metrics" section under the title, before any objective: notes on the whole
            # document, not a goal record. Only a review timeline there counts (for every goal).
            self.review = self.review or heading_field == "review"
            return
        heading = self.sections[block.section]
        rec = self.record(owner, heading.anchor)
        rec.fields.add(heading_field)
        if heading_field == "objective" and self._goal_like(block):
            rec.objectives.append(block)

    @staticmethod
    def _goal_like(block: Block) -> bool:
        return not block.metadata and len(block.text.text.split()) >= MIN_GOAL_WORDS

    def _paragraph_goal(self, block: Block) -> bool:
        if block.label is None and (block.section < 0 or self.sections[block.section].level < 2):
            return False  # prose under the title, not a goal
        text = block.text.text
        return len(text.split()) <= MAX_PARAGRAPH_WORDS and not text.rstrip().endswith(":")

    def result(self) -> Assembled:
        records: list[GoalRecord] = []
        directives: list[Directive] = []
        for index, rec in self.out:
            if index is not None:
                block = self.blocks[index]
                text = block.text
                for detail in self.details.get(index, ()):
                    text = text.joined(detail.full or detail.text, " " if text.text.rstrip()[-1:] in ".;!?" else "; ")
                    directives += self._attach(detail, len(records))
                directives += self._attach(block, len(records))
                headings = self.headings(block.section) + self.list_headers(block)
                records.append(GoalRecord(goal=text, anchor=block.anchor, headings=headings))
                continue
            assert rec is not None
            structured = bool(rec.fields - {"objective"})
            parts = frozenset(rec.fields) if structured else None
            if not rec.objectives and structured:
                records.append(GoalRecord(goal=None, anchor=rec.anchor, fields=parts))  # type: ignore[arg-type]
            for n, goal in enumerate(rec.objectives):
                directives += self._attach(goal, len(records))
                records.append(
                    GoalRecord(
                        goal=goal.text,
                        anchor=rec.anchor if n == 0 and structured else goal.anchor,
                        headings=self.headings(goal.section),
                        fields=parts if n == 0 else None,
                    )
                )  # type: ignore[arg-type]
        order = sorted(range(len(records)), key=lambda i: records[i].anchor.start)
        renumber = {old: new for new, old in enumerate(order)}
        directives = [d.model_copy(update={"target": renumber[d.target]}) for d in directives]
        return Assembled(tuple(records[i] for i in order), tuple(directives), self.review)

    @staticmethod
    def _attach(block: Block, target: int) -> list[Directive]:
        return [d.model_copy(update={"target": target}) for d in block.directives]


def assemble(blocks: list[Block], sections: list[Section]) -> Assembled:
    """Return the goals of a Markdown document, in document order."""
    assembler = _Assembler(blocks, sections)
    for index, block in enumerate(blocks):
        assembler.add(index, block)
    return assembler.result()
