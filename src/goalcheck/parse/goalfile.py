"""Read YAML and JSON goal files (schema in `schema`), with every goal located at its scalar.

Comments carry directives: `# goalcheck: ignore[CODE]` on a goal's line, inside a goal's mapping, or
on its own line before a goal (at the indentation of the list's dashes or less) for the next goal.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError
from yaml.nodes import Node

from goalcheck.errors import InputError

from .context import month_number, normalize_key
from .directives import line_directive, trailing_directive
from .models import Anchor, Directive, DocContext, Document, DocumentKind, GoalRecord, MappedText
from .positions import LineIndex, TextBuilder
from .schema import GoalEntry, GoalFile, documented_parts
from .yamlsupport import entry, item, load_yaml, node_line

_PIECES = re.compile(r"\S+|\s+")


def _normalized(data: Any) -> Any:
    if isinstance(data, Mapping):
        return {normalize_key(k): _normalized(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_normalized(v) for v in data]
    return data


def _is_goal_file(data: Any) -> bool:
    if isinstance(data, Mapping):
        return "goals" in {normalize_key(k) for k in data}
    return (
        bool(data)
        and isinstance(data, list)
        and all(isinstance(item, Mapping) and {"goal", "objective"} & {normalize_key(k) for k in item} for item in data)
    )


def _validate(data: Any, node: Node | None, path: str) -> GoalFile:
    raw = {"goals": data} if isinstance(data, list) else data
    try:
        return GoalFile.model_validate(_normalized(raw))
    except ValidationError as exc:
        err = max(exc.errors(), key=lambda e: len(e["loc"]))  # the deepest: the branch that fits best
        loc = [p for p in err["loc"] if isinstance(p, int | str) and p not in {"str", "GoalEntry", "Milestone"}]
        if isinstance(data, list) and loc[:1] == ["goals"]:
            loc = loc[1:]
        where = ".".join(str(p) for p in loc) or "file"
        message = err["msg"]
        if err["type"] == "extra_forbidden":
            model = GoalEntry if "goals" in loc[:1] or isinstance(data, list) else GoalFile
            message = f"unknown key (known keys: {', '.join(sorted(model.model_fields))})"
        raise InputError(path, node_line(node, loc), f"{where}: {message}") from exc


def _scalar(source: str, offset: int, text: str) -> MappedText:
    builder = TextBuilder(source, offset, min(len(source), offset + 4 * len(text) + 200))
    for piece in _PIECES.findall(text):
        if piece.isspace():
            builder.add_unmapped(" ")
        else:
            builder.add(piece)
    return builder.build().strip()


class _Reader:
    def __init__(self, source: str, path: str, node: Node | None) -> None:
        self.source, self.path, self.node = source, path, node
        self.index = LineIndex(source)

    def offset(self, line: int, col: int) -> int:
        return self.index.line_start(line) + col

    def records(self, model: GoalFile) -> tuple[list[GoalRecord], list[int]]:
        """Return the goal records and the column of each list item's dash."""
        pair = entry(self.node, "goals")
        seq = pair[1] if pair is not None else self.node
        records, dashes = [], []
        for i, goal_entry in enumerate(model.goals):
            node = item(seq, i)
            assert node is not None
            line, col = node.start_mark.line, node.start_mark.column
            dashes.append(max(0, col - 2))
            if isinstance(goal_entry, str):
                goal = _scalar(self.source, self.offset(line, col), goal_entry)
                span = goal.doc_span(0, len(goal.text))
                records.append(GoalRecord(goal=goal, anchor=Anchor(start=span[0], end=span[1])))
                continue
            goal = None
            if goal_entry.goal:
                value = next(v for k in ("goal", "objective", "specific_objective") if (v := entry(node, k)))[1]
                goal = _scalar(
                    self.source, self.offset(value.start_mark.line, value.start_mark.column), goal_entry.goal
                )
            first = node.value[0][0]
            start = self.offset(first.start_mark.line, first.start_mark.column)
            records.append(
                GoalRecord(
                    goal=goal,
                    anchor=Anchor(start=start, end=start + len(str(first.value))),
                    role=goal_entry.role,
                    fields=documented_parts(goal_entry),  # type: ignore[arg-type]
                )
            )
        return records, dashes

    def directives(self, records: list[GoalRecord], dashes: list[int]) -> list[Directive]:
        found = []
        starts = [self.index.position(r.anchor.start)[0] for r in records]
        for number, line in enumerate(self.source.splitlines(keepends=True), start=1):
            offset = self.index.line_start(number - 1)
            inside = max((i for i, s in enumerate(starts) if s <= number), default=None)
            own = line_directive(line, offset)
            if own is not None:
                column = len(line) - len(line.lstrip())
                deeper = inside is not None and column > dashes[inside]
                found.append(own.model_copy(update={"target": inside if deeper else None}))
                continue
            trailing = trailing_directive(line, offset, inside)
            if trailing is not None:
                found.append(trailing[1])
        return found


def _context(model: GoalFile, path: str, node: Node | None) -> DocContext:
    fy = None
    if model.fiscal_year_start is not None:
        try:
            fy = month_number(model.fiscal_year_start)
        except ValueError as exc:
            raise InputError(path, node_line(node, ["fiscal_year_start"]), f"fiscal_year_start: {exc}") from exc
    return DocContext(
        plan_year=model.plan_year,
        reference_date=model.reference_date,
        fiscal_year_start=fy,
        role=model.role,
        review=bool(model.review),
        ignore=tuple(model.goalcheck.ignore) if model.goalcheck else (),
    )


def parse_goal_file(source: str, path: str, kind: DocumentKind) -> Document | None:
    """Parse a YAML or JSON goal file; return None when the file is not a goal file."""
    if kind == "json":
        try:
            json.loads(source)
        except json.JSONDecodeError as exc:
            raise InputError(path, exc.lineno, f"invalid JSON: {exc.msg} (column {exc.colno})") from exc
    loaded = load_yaml(source.replace("\t", " ") if kind == "json" else source, path)
    if not _is_goal_file(loaded.data):
        return None
    model = _validate(loaded.data, loaded.node, path)
    reader = _Reader(source, path, loaded.node)
    records, dashes = reader.records(model)
    return Document(
        path=path,
        kind=kind,
        source=source,
        goals=tuple(records),
        directives=tuple(reader.directives(records, dashes)),
        context=_context(model, path, loaded.node),
    )
