"""Read YAML and JSON goal files (schema in `schema`), with every goal located at its scalar.

Comments carry directives: `# goalcheck: ignore[CODE]` on a goal's line, inside a goal's mapping, or
on its own line before a goal (at the indentation of the list's dashes or less) for the next goal.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from goalcheck.errors import InputError

from .context import month_number, normalize_key
from .directives import line_directive, trailing_directive
from .models import Anchor, Directive, DocContext, Document, DocumentKind, GoalRecord, MappedText
from .positions import LineIndex, TextBuilder
from .schema import GoalEntry, GoalFile, documented_parts
from .yamlsupport import load_yaml

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


def _line(data: Any, loc: Sequence[int | str]) -> int | None:
    """Return the 1-based line of the node at a validation error's location (normalized keys)."""
    node, line = data, getattr(getattr(data, "lc", None), "line", None)
    for step in loc:
        lc = getattr(node, "lc", None)
        if isinstance(node, Mapping):
            key = next((k for k in node if normalize_key(k) == step), None)
            if key is None:
                break
            line = lc.key(key)[0] if lc is not None else line
            node = node[key]
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            line = lc.item(step)[0] if lc is not None else line
            node = node[step]
        else:
            break
    return None if line is None else line + 1


def _validate(data: Any, path: str) -> GoalFile:
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
        raise InputError(path, _line(data, loc), f"{where}: {message}") from exc


def _scalar(source: str, offset: int, text: str) -> MappedText:
    builder = TextBuilder(source, offset, min(len(source), offset + 4 * len(text) + 200))
    for piece in _PIECES.findall(text):
        if piece.isspace():
            builder.add_unmapped(" ")
        else:
            builder.add(piece)
    return builder.build().strip()


class _Reader:
    def __init__(self, source: str, path: str, data: Any) -> None:
        self.source, self.path, self.data = source, path, data
        self.index = LineIndex(source)

    def offset(self, line: int, col: int) -> int:
        return self.index.line_start(line) + col

    def records(self, model: GoalFile) -> tuple[list[GoalRecord], list[int]]:
        """Return the goal records and the column of each list item's dash."""
        seq = self.data
        if isinstance(seq, Mapping):
            seq = seq[next(k for k in seq if normalize_key(k) == "goals")]
        records, dashes = [], []
        for i, (entry, raw) in enumerate(zip(model.goals, seq, strict=True)):
            line, col = seq.lc.item(i)
            dashes.append(max(0, col - 2))
            if isinstance(entry, str):
                goal = _scalar(self.source, self.offset(line, col), entry)
                records.append(
                    GoalRecord(
                        goal=goal,
                        anchor=Anchor(start=goal.doc_offset(0), end=goal.doc_span(0, len(goal.text))[1]),
                    )
                )
                continue
            goal = None
            if entry.goal:
                key = next(k for k in raw if normalize_key(k) in {"goal", "objective", "specific_objective"})
                goal = _scalar(self.source, self.offset(*raw.lc.value(key)), entry.goal)
            first = next(iter(raw))
            start = self.offset(*raw.lc.key(first))
            records.append(
                GoalRecord(
                    goal=goal,
                    anchor=Anchor(start=start, end=start + len(str(first))),
                    role=entry.role,
                    fields=documented_parts(entry),
                )
            )  # type: ignore[arg-type]
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


def _context(model: GoalFile, path: str, data: Any) -> DocContext:
    fy = None
    if model.fiscal_year_start is not None:
        try:
            fy = month_number(model.fiscal_year_start)
        except ValueError as exc:
            raise InputError(path, _line(data, ["fiscal_year_start"]), f"fiscal_year_start: {exc}") from exc
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
    data = load_yaml(source.replace("\t", " ") if kind == "json" else source, path)
    if not _is_goal_file(data):
        return None
    model = _validate(data, path)
    reader = _Reader(source, path, data)
    records, dashes = reader.records(model)
    return Document(
        path=path,
        kind=kind,
        source=source,
        goals=tuple(records),
        directives=tuple(reader.directives(records, dashes)),
        context=_context(model, path, data),
    )
