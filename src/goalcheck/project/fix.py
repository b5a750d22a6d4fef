"""Apply safe fixes (`goalcheck check --fix`): spellings with one standard form, never a rewrite of a goal.

Only fixes a rule marks `safe` (the meaning does not change: "20 pct" -> "20%") and whose words stand
verbatim in the document are written. A file is written only if it still holds what was checked; its
line endings and byte-order mark are kept. Standard input is never fixed.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from goalcheck.report.models import Edit, FileReport, Problem, RunReport

BOM = "\ufeff"


def apply_edits(text: str, edits: Sequence[Edit]) -> tuple[str, int]:
    """Apply non-overlapping edits to a text (the later of two overlapping ones wins); return it and the count."""
    applied = 0
    limit = len(text) + 1
    for edit in sorted(edits, key=lambda e: (e.offset, e.length), reverse=True):
        if edit.offset + edit.length > limit:
            continue  # overlaps an edit already applied
        text = text[: edit.offset] + edit.replacement + text[edit.offset + edit.length :]
        limit = edit.offset
        applied += 1
    return text, applied


def _fix_file(file: FileReport, path: Path) -> int:
    raw = path.read_bytes().decode("utf-8")
    bom = raw.startswith(BOM)
    body = raw[1:] if bom else raw
    crlf = "\r\n" in body
    if body.replace("\r\n", "\n") != file.source:
        raise OSError("the file changed while it was checked")
    fixed, count = apply_edits(file.source, file.edits)
    if count:
        out = fixed.replace("\n", "\r\n") if crlf else fixed
        _write_atomically(path, ((BOM if bom else "") + out).encode("utf-8"))
    return count


def _write_atomically(path: Path, data: bytes) -> None:
    """Write a file so that a reader sees the old or the new content, never half of it."""
    fd, scratch = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".goalcheck")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        Path(scratch).chmod(path.stat().st_mode & 0o7777)
        Path(scratch).replace(path)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise


def diff_fixes(report: RunReport) -> str:
    """Return the unified diff the safe fixes would make (`goalcheck check --diff`), writing nothing."""
    chunks = []
    for file in report.files:
        if not file.edits:
            continue
        fixed, count = apply_edits(file.source, file.edits)
        if count:
            chunks += difflib.unified_diff(
                file.source.splitlines(keepends=True),
                fixed.splitlines(keepends=True),
                fromfile=f"a/{file.path}",
                tofile=f"b/{file.path}",
            )
    return "".join(chunks)


def write_fixes(report: RunReport, cwd: Path) -> tuple[int, int, list[Problem]]:
    """Write every file's safe fixes; return (files changed, fixes applied, problems)."""
    files = fixes = 0
    problems = []
    for file in report.files:
        if not file.edits or file.from_stdin:
            continue
        try:
            count = _fix_file(file, cwd / file.path)
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(path=file.path, message=f"not fixed: {getattr(exc, 'strerror', None) or exc}"))
            continue
        files += bool(count)
        fixes += count
    return files, fixes, problems
