"""Render findings for people: the source line, a caret under the words, the code, name and a suggestion.

    goals.md:9:3: [error] Nothing in the goal says what will be measured. (ME01 missing-metric)
       |
     9 | - Improve selling skills.
       |   ^^^^^^^
       = help: Name the measure, e.g. customer engagement score on scientific dialogue quality (1-5).
       = docs: https://goalcheck.readthedocs.io/rules/ME01/

This format is for reading and may change; tools should use `json`, `sarif` or `concise`.
"""

from __future__ import annotations

import io

from goalcheck.models import Severity
from goalcheck.parse.positions import LineIndex

from .concise import statistics_lines
from .models import Diagnostic, RunReport

_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold cyan"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 or word == "info" else f"{n} {word}s"


def summary_line(report: RunReport) -> str:
    """Return the closing summary: how many findings, by severity, in how many goals and files."""
    counts = report.counts()
    files, goals = len(report.files), report.goal_count()
    scope = f"{_plural(goals, 'goal')} in {_plural(files, 'file')}"
    total = sum(counts.values())
    if not total:
        return f"No findings: {scope} checked."
    parts = [_plural(counts[s], s.value) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if counts[s]]
    return f"Found {_plural(total, 'finding')} ({', '.join(parts)}) in {scope}."


def _snippet(d: Diagnostic, lines: LineIndex) -> list[tuple[str, str | None]]:
    """Return the rows under a finding's header: (text, style)."""
    loc = d.location
    source = lines.line_text(loc.line).replace("\t", " ")
    gutter = len(str(loc.line))
    end = loc.end_column if loc.end_line == loc.line else len(source) + 1
    width = max(1, end - loc.column)
    pad = " " * (gutter + 1)
    rows: list[tuple[str, str | None]] = [
        (f"{pad}|", "blue"),
        (f"{loc.line:>{gutter}} | {source}", None),
        (f"{pad}| {' ' * (loc.column - 1)}{'^' * width}", _STYLES[d.severity]),
    ]
    if d.suggestions:
        rows.append((f"{pad}= help: {d.suggestions[0].text}", "green"))
    rows.append((f"{pad}= docs: {d.url}", "dim"))
    return rows


Line = list[tuple[str, str | None]]  # one output line: (text, rich style) pieces


def _lines(report: RunReport, statistics: bool) -> list[Line]:
    out: list[Line] = []
    for file in report.files:
        lines = LineIndex(file.source)
        for d in file.diagnostics:
            loc = d.location
            out.append(
                [
                    (f"{loc.path}:{loc.line}:{loc.column}: ", "bold"),
                    (f"[{d.severity.value}]", _STYLES[d.severity]),
                    (f" {d.message} ", None),
                    (f"({d.code} {d.name})", "bold"),
                ]
            )
            out += [[(row, style)] for row, style in _snippet(d, lines)]
            out.append([])
    out.append([(summary_line(report), "bold")])
    if statistics and report.diagnostics:
        out += [[(line, None)] for line in statistics_lines(report)]
    return out


def render_text(report: RunReport, *, color: bool = False, statistics: bool = False) -> str:
    """Render the run for a terminal; rich colors it when `color` (plain text skips importing rich)."""
    if report.problems and not report.files:
        return ""  # nothing was checked: the problems on stderr say why
    lines = _lines(report, statistics)
    if not color:
        return "".join("".join(text for text, _ in line) + "\n" for line in lines)
    from rich.console import Console
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=True,
        color_system="standard",
        highlight=False,
        markup=False,
        emoji=False,
        width=10_000,
    )
    for line in lines:
        text = Text()
        for piece, style in line:
            text.append(piece, style=style or "")
        console.print(text, soft_wrap=True)
    return buffer.getvalue()
