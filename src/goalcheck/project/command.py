"""Carry out `goalcheck check`: run, apply or write the baseline, render, write, and pick the exit code."""

from __future__ import annotations

import os
import sys
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from pydantic import BaseModel, ConfigDict

from goalcheck.errors import GoalcheckError
from goalcheck.report import OutputFormat, RunReport, render

from .settings import Overrides

if TYPE_CHECKING:
    from .run import Runner


class ExitCode(IntEnum):
    """The exit codes of every goalcheck command."""

    CLEAN = 0  # nothing at or over the fail level
    FINDINGS = 1  # findings at or over the fail level, or some files could not be checked
    ERROR = 2  # usage, configuration or input error: nothing could be checked


class CheckOptions(BaseModel):
    """The options of one `goalcheck check` run."""

    model_config = ConfigDict(frozen=True)

    paths: tuple[str, ...]
    overrides: Overrides = Overrides()
    output_format: OutputFormat = OutputFormat.TEXT
    output: Path | None = None
    exit_zero: bool = False
    statistics: bool = False
    write_baseline: Path | None = None
    baseline: Path | None = None
    stdin_filename: str | None = None
    force_exclude: bool = False
    fix: bool = False
    diff: bool = False
    color: bool | None = None


def use_color(stream: TextIO, requested: bool | None) -> bool:
    """Color only a terminal, and never under NO_COLOR or pre-commit (which sets PRE_COMMIT=1)."""
    if requested is not None:
        return requested
    if os.environ.get("NO_COLOR") or os.environ.get("PRE_COMMIT"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def error_line(message: str) -> str:
    """Return the one line an error is reported as on standard error."""
    return f"goalcheck: error: {message}"


def _fix(report: RunReport, runner: Runner, options: CheckOptions, cwd: Path, stderr: TextIO) -> RunReport:
    """Write the safe fixes, then check again so the report shows what is left."""
    from .fix import write_fixes

    files, fixes, problems = write_fixes(report, cwd)
    if fixes:
        print(
            f"goalcheck: fixed {fixes} finding{'s' if fixes != 1 else ''} in {files} file{'s' if files != 1 else ''}",
            file=stderr,
        )
        report = runner.run(list(options.paths), options.stdin_filename)
    return report.model_copy(update={"problems": report.problems + tuple(problems)}) if problems else report


def run_check(options: CheckOptions, cwd: Path, stdout: TextIO | None = None, stderr: TextIO | None = None) -> ExitCode:
    """Run the check and return its exit code; every problem is one line on stderr, never a traceback."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        known = None
        if options.baseline is not None:
            from .baseline import read_baseline

            known = read_baseline(options.baseline)
    except GoalcheckError as exc:
        print(error_line(str(exc)), file=stderr)
        return ExitCode.ERROR
    from .run import Runner

    runner = Runner(options.overrides, cwd, force_exclude=options.force_exclude)
    report = runner.run(list(options.paths), options.stdin_filename)
    if options.diff:
        from .fix import diff_fixes

        for problem in report.problems:
            print(error_line(str(problem)), file=stderr)
        diff = diff_fixes(report)
        stdout.write(diff)
        return ExitCode.FINDINGS if diff else ExitCode.CLEAN
    if options.fix:
        report = _fix(report, runner, options, cwd, stderr)
    if known is not None:
        from .baseline import apply_baseline

        report = apply_baseline(report, known)
    for problem in report.problems:
        print(error_line(str(problem)), file=stderr)
    if options.write_baseline is not None:
        from .baseline import write_baseline

        try:
            count = write_baseline(report, options.write_baseline)
        except OSError as exc:
            print(error_line(f"{options.write_baseline}: cannot write: {exc.strerror or exc}"), file=stderr)
            return ExitCode.ERROR
        print(f"goalcheck: wrote {count} findings to {options.write_baseline}", file=stderr)
        return ExitCode.ERROR if report.problems and not report.files else ExitCode.CLEAN
    target = stdout if options.output is None else None
    text = render(
        report,
        options.output_format,
        rules=runner.rules(),
        color=target is not None and use_color(target, options.color),
        statistics=options.statistics,
    )
    if options.output is not None:
        try:
            options.output.write_text(text, encoding="utf-8")
        except OSError as exc:
            print(error_line(f"{options.output}: cannot write: {exc.strerror or exc}"), file=stderr)
            return ExitCode.ERROR
    else:
        stdout.write(text)
    if report.problems and not report.files:
        return ExitCode.ERROR
    if report.problems or (report.fails() and not options.exit_zero):
        return ExitCode.FINDINGS
    return ExitCode.CLEAN
