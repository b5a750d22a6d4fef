r"""PARSE: read goal documents (Markdown, YAML, JSON, plain text) into located goal records.

    >>> from goalcheck.parse import parse_document
    >>> doc = parse_document("goals.txt", "Improve selling skills.\n")
    >>> [g.goal.text for g in doc.goals]
    ['Improve selling skills.']

Bytes are decoded here, strictly: invalid UTF-8 and binary content are InputErrors naming the file and
the line, never a traceback and never a silently mangled goal.
"""

from __future__ import annotations

from pathlib import PurePath

from goalcheck.errors import InputError

from .models import Directive, DocContext, Document, DocumentKind, GoalRecord, MappedText, Segment
from .positions import LineIndex

SUFFIXES: dict[str, DocumentKind] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".txt": "text",
    ".text": "text",
}

__all__ = [
    "SUFFIXES",
    "Directive",
    "DocContext",
    "Document",
    "DocumentKind",
    "GoalRecord",
    "LineIndex",
    "MappedText",
    "Segment",
    "decode",
    "kind_of",
    "parse_document",
]


def kind_of(path: str) -> DocumentKind:
    """Return the kind of document a file name says (plain text for any other suffix)."""
    return SUFFIXES.get(PurePath(path).suffix.lower(), "text")


def decode(data: bytes, path: str) -> str:
    """Decode a file's bytes as UTF-8 (a BOM is dropped); raise InputError for binary or invalid bytes."""
    if data[:2] in {b"\xff\xfe", b"\xfe\xff"}:
        raise InputError(path, None, "UTF-16 text; save the file as UTF-8")
    if b"\x00" in data[:8192]:
        raise InputError(path, None, "not a text file (binary content)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            path,
            line,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at column {column}); save the file as UTF-8",
        ) from exc


def parse_document(path: str, source: str, kind: DocumentKind | None = None) -> Document | None:
    """Parse one document; return None for a YAML or JSON file that is not a goal file."""
    kind = kind or kind_of(path)
    source = source.replace("\r\n", "\n")
    if kind == "markdown":
        from .markdown import parse_markdown

        return parse_markdown(source, path)
    if kind in {"yaml", "json"}:
        from .goalfile import parse_goal_file

        return parse_goal_file(source, path, kind)
    from .text import parse_text

    return parse_text(source, path)
