"""Find the documents to check: named files, folders searched for goal documents, or standard input.

Folders are searched for the suffixes PARSE reads (`.md`, `.yaml`, `.json`, `.txt` ...), skipping
hidden folders, virtual environments, build output and configured `exclude` globs. A named file is
always read, whatever its suffix (pre-commit passes plain-text files by type, not by name).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from goalcheck.parse import SUFFIXES

SKIP_DIRS = frozenset({"node_modules", "__pycache__", "venv", "site", "build", "dist", "site-packages"})
STDIN = "-"


@dataclass(frozen=True)
class Source:
    """One document to read: a file, or standard input (path None)."""

    path: Path | None
    display: str
    named: bool  # given on the command line, not found in a folder


@dataclass(frozen=True)
class Missing:
    """A command-line path that names nothing to check."""

    display: str
    message: str


def display_path(path: Path, cwd: Path) -> str:
    """Return a path relative to the working folder when it is inside it, with forward slashes."""
    try:
        return path.resolve().relative_to(cwd.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS)
        for name in sorted(files):
            if Path(name).suffix.lower() in SUFFIXES and not name.startswith("."):
                yield Path(root) / name


def expand(paths: list[str], cwd: Path, stdin_name: str | None = None) -> Iterator[Source | Missing]:
    """Yield the documents the command-line paths name, and a Missing for each path that names none."""
    for raw in paths:
        if raw == STDIN:
            yield Source(None, stdin_name or "<stdin>", True)
            continue
        path = Path(raw)
        if path.is_dir():
            found = False
            for file in _walk(path):
                found = True
                yield Source(file, display_path(file, cwd), False)
            if not found:
                known = ", ".join(sorted(SUFFIXES))
                yield Missing(display_path(path, cwd), f"no goal documents in this folder (looked for {known})")
        elif path.is_file():
            yield Source(path, display_path(path, cwd), True)
        elif path.exists():
            yield Missing(display_path(path, cwd), "not a regular file")
        else:
            yield Missing(raw, "no such file or folder")
