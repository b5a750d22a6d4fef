"""Apply fixes and rewrites to goal documents: only goal text changes, every other byte stays.

A document is read as bytes, parsed (`goalcheck.parse`) and refused if it does not parse. Each goal's
change is mapped to the document through the parser's segments and written in the document's own
syntax (quoted in YAML and JSON where the value needs it); the document is parsed again after every
goal's change, and a change that would not read back as exactly the new goal, or that would move any
other goal, is left out with its reason. Line endings (CRLF) and a byte-order mark are kept. Writing
is atomic: a temporary file in the same folder, then `os.replace`.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from bisect import bisect_left
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from goalcheck.config import Config
from goalcheck.errors import InputError
from goalcheck.linter import Linter
from goalcheck.parse import decode, kind_of, parse_document
from goalcheck.parse.models import Document, GoalRecord

from .fixes import TextFix, fix_text
from .models import Mode
from .syntax import encode_value

ConfigFor = Config | Callable[[Document], Config]
_BOM = "\ufeff"


class GoalChange(BaseModel):
    """One goal's change: where it is (1-based line), its text before and after, and the fixes made."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    index: int
    line: int
    before: str
    after: str
    fixes: tuple[TextFix, ...] = ()


class DocumentEdit(BaseModel):
    """The changes to one document, its text before and after them, and the changes left out (and why)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    path: Path
    original: bytes
    updated: bytes
    changes: tuple[GoalChange, ...] = ()
    skipped: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        """Tell whether the document changes."""
        return self.updated != self.original

    @property
    def diff(self) -> str:
        """Return the change as a unified diff (empty when nothing changes)."""
        before = self.original.decode("utf-8").splitlines(keepends=True)
        after = self.updated.decode("utf-8").splitlines(keepends=True)
        name = self.path.as_posix()
        return "".join(difflib.unified_diff(before, after, fromfile=f"a/{name}", tofile=f"b/{name}"))

    def write(self) -> None:
        """Write the updated document in place, atomically (nothing is written when nothing changes)."""
        if self.changed:
            write_atomic(self.path, self.updated)


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes to a file through a temporary file in the same folder and `os.replace`, keeping its mode."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            Path(tmp).chmod(path.stat().st_mode & 0o7777)
        Path(tmp).replace(path)  # os.replace: atomic on POSIX and Windows
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class _Source:
    """A document's raw text and the map from the parser's offsets (BOM dropped, CRLF as LF) back to it."""

    def __init__(self, data: bytes, display: str) -> None:
        text = decode(data, display)  # InputError for binary or invalid UTF-8: the file is refused
        self.bom = _BOM if data.startswith(b"\xef\xbb\xbf") else ""
        self.raw = self.bom + text
        self.crlf: list[int] = []  # parser offsets of each "\n" that was "\r\n" in the file
        removed = 0
        at = text.find("\r\n")
        while at >= 0:
            self.crlf.append(at - removed)
            removed += 1
            at = text.find("\r\n", at + 2)
        self.normalized = text.replace("\r\n", "\n")

    def raw_offset(self, offset: int) -> int:
        """Return the file offset of a parser offset."""
        return len(self.bom) + offset + bisect_left(self.crlf, offset)


def read_document(path: Path, display: str | None = None) -> tuple[_Source, Document]:
    """Read and parse a goal document; raise InputError when it cannot be read, decoded or parsed."""
    display = display or path.as_posix()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(display, None, f"cannot read: {exc.strerror or exc}") from exc
    source = _Source(data, display)
    doc = parse_document(display, source.normalized, kind_of(display))
    if doc is None:
        raise InputError(display, None, "not a goal document (no `goals:` list): nothing to change")
    return source, doc


def _config(config_for: ConfigFor, doc: Document) -> Config:
    return config_for if isinstance(config_for, Config) else config_for(doc)


def fix_document(path: Path, config_for: ConfigFor) -> DocumentEdit:
    """Apply the safe fixes (CL05, TI05 ...) to every goal of a document; write nothing."""
    source, doc = read_document(path)
    config = _config(config_for, doc)
    new: dict[int, tuple[str, tuple[TextFix, ...]]] = {}
    for i, record in enumerate(doc.goals):
        if record.goal is not None and record.goal.text:
            fixed, fixes = fix_text(record.goal.text, config)
            if fixes:
                new[i] = (fixed, tuple(fixes))
    return _edit(path, source, doc, new)


def rewrite_document(
    path: Path, config_for: ConfigFor, mode: Mode = "placeholders", *, phased: bool = False
) -> DocumentEdit:
    """Rewrite every goal of a document; write nothing.

    A goal's context counts as the checker counts it: the role its `role:` key or nearest role heading
    names is not added again, and a rule suppressed for a goal (`ignore[RO01]`) or for the file does not
    ask for its slot.
    """
    from goalcheck.project.catalog import catalog
    from goalcheck.project.suppress import Suppressor

    from .rewriter import SLOT_RULES, rewriter

    source, doc = read_document(path)
    config = _config(config_for, doc)
    suppressor = Suppressor(doc, catalog(config.packs, tuple(config.rule_paths)))
    slot_codes = sorted(set().union(*SLOT_RULES.values()))
    roles = _Roles(rewriter(config).linter)
    new: dict[int, tuple[str, tuple[TextFix, ...]]] = {}
    for i, record in enumerate(doc.goals):
        if record.goal is None or not record.goal.text:
            continue
        off = tuple(c for c in slot_codes if suppressor.suppressed(i, c)) + doc.context.ignore
        goal_config = config.model_copy(update={"ignore": (*config.ignore, *off)}) if off else config
        result = rewriter(goal_config).rewrite(record.goal.text, mode, phased=phased, role=roles.of(record, doc))
        if result.changed:
            new[i] = (result.text, ())
    return _edit(path, source, doc, new)


class _Roles:
    """Find the role a goal's context names, with its level ("New specialty representatives")."""

    def __init__(self, linter: Linter) -> None:
        self.linter = linter
        self._headings: dict[str, str | None] = {}

    def _heading(self, heading: str) -> str | None:
        if heading not in self._headings:
            roles = self.linter.check(heading).roles if heading.strip() else ()
            self._headings[heading] = heading.strip().rstrip(":") if roles else None
        return self._headings[heading]

    def of(self, record: GoalRecord, doc: Document) -> str | None:
        """Return the role of a goal's `role:` key, its nearest role heading, or the document's."""
        if record.role:
            return record.role
        return next(filter(None, map(self._heading, reversed(record.headings))), None) or doc.context.role


def _edit(path: Path, source: _Source, doc: Document, new: dict[int, tuple[str, tuple[TextFix, ...]]]) -> DocumentEdit:
    """Replace the goals' text in the document, last goal first, verifying the document after each."""
    text = source.raw[len(source.bom) :]  # the file's own text: CRLF kept; offsets map from the parser's
    current = [r.goal.text if r.goal else None for r in doc.goals]
    skipped, changes = [], []
    for i in sorted(new, key=lambda i: -doc.goals[i].goal.doc_offset(0)):  # type: ignore[union-attr]
        goal = doc.goals[i].goal
        assert goal is not None
        lo, hi = goal.doc_span(0, len(goal.text))
        start, end = source.raw_offset(lo) - len(source.bom), source.raw_offset(hi) - len(source.bom)
        line = source.normalized.count("\n", 0, lo) + 1
        replaced = _replace(text, doc, start, end, new[i][0], current, i)
        if replaced is None:
            skipped.append(f"{doc.path}:{line}: goal {i + 1} left as it is: its new text does not fit the document")
            continue
        text = replaced
        changes.append(GoalChange(index=i, line=line, before=current[i] or "", after=new[i][0], fixes=new[i][1]))
        current[i] = new[i][0]
    return DocumentEdit(
        path=path,
        original=source.raw.encode("utf-8"),
        updated=(source.bom + text).encode("utf-8"),
        changes=tuple(sorted(changes, key=lambda c: c.index)),
        skipped=tuple(reversed(skipped)),
    )


def _replace(text: str, doc: Document, start: int, end: int, new: str, current: list, index: int) -> str | None:
    """Return the text with one goal replaced, or None if no encoding of it reads back exactly."""
    expected = [new if i == index else t for i, t in enumerate(current)]
    for value in encode_value(doc.kind, text, start, end, new):
        candidate = text[:start] + value + text[end:]
        try:
            reparsed = parse_document(doc.path, candidate, doc.kind)
        except InputError:
            continue
        if reparsed is not None and [r.goal.text if r.goal else None for r in reparsed.goals] == expected:
            return candidate
    return None
