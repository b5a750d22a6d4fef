"""Render GitHub Actions workflow commands: `::warning file=...,line=...,col=...,title=CODE name::message`.

GitHub shows a limited number of annotations per step and job; for large reports upload SARIF instead.
Values are escaped as the runner expects: `%`, CR and LF everywhere, and `:` and `,` in properties.
"""

from __future__ import annotations

from goalcheck.models import Severity

from .models import RunReport

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: RunReport) -> str:
    """Render one workflow command per finding, and one `::error` per file that could not be checked."""
    lines = []
    for d in report.diagnostics:
        loc = d.location
        props = [f"file={escape_property(loc.path)}", f"line={loc.line}", f"col={loc.column}"]
        if loc.end_line == loc.line:
            props += [f"endLine={loc.end_line}", f"endColumn={loc.end_column}"]
        props.append(f"title={escape_property(f'{d.code} {d.name}')}")
        lines.append(f"::{COMMANDS[d.severity]} {','.join(props)}::{escape_data(d.message)}")
    for p in report.problems:
        props = [f"file={escape_property(p.path)}"] if p.path else []
        if p.line:
            props.append(f"line={p.line}")
        props.append("title=goalcheck")
        lines.append(f"::error {','.join(props)}::{escape_data(p.message)}")
    return "\n".join(lines) + ("\n" if lines else "")
