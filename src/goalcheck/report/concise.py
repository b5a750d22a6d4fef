"""Render one line per finding: `path:line:col: CODE [severity] message`."""

from __future__ import annotations

from .models import Diagnostic, RunReport


def concise_line(d: Diagnostic) -> str:
    """Return the concise line of one finding."""
    loc = d.location
    return f"{loc.path}:{loc.line}:{loc.column}: {d.code} [{d.severity.value}] {d.message}"


def statistics_lines(report: RunReport) -> list[str]:
    """Return one line per rule with its count, most frequent first."""
    stats = report.statistics()
    width = max((len(str(n)) for n, _, _ in stats), default=1)
    return [f"{n:>{width}}  {code}  {name}" for n, code, name in stats]


def render_concise(report: RunReport, *, statistics: bool = False) -> str:
    """Render every finding as one line, file by file."""
    lines = [concise_line(d) for d in report.diagnostics]
    if statistics:
        lines += statistics_lines(report)
    return "\n".join(lines) + ("\n" if lines else "")
