"""Helpers for the command-line tests: run goalcheck in-process (typer's CliRunner) or in a fresh process."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from goalcheck.cli import app

ROOT = Path(__file__).resolve().parents[1]
REF = "2025-01-15"


@dataclass
class Run:
    """What a goalcheck run printed and returned."""

    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        """Standard output, line by line."""
        return self.out.splitlines()


def goalcheck(*args: str, cwd: Path, stdin: str | bytes | None = None) -> Run:
    """Run `goalcheck ARGS` in-process from folder `cwd`."""
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, list(args), input=stdin, catch_exceptions=False)
    finally:
        os.chdir(old)
    return Run(result.exit_code, result.stdout, result.stderr)


def goalcheck_process(*args: str, cwd: Path, stdin: bytes | None = None) -> Run:
    """Run `python -m goalcheck ARGS` in a fresh process."""
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "goalcheck", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    return Run(proc.returncode, proc.stdout.decode(), proc.stderr.decode())


def write(folder: Path, name: str, text: str) -> Path:
    """Write a dedented file under `folder` (creating subfolders) and return its path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path
