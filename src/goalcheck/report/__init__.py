"""REPORT: render a `goalcheck check` run as text, concise lines, JSON, SARIF, GitHub annotations or JUnit.

`text` and `concise` are for people and may change between versions; `json` (versioned by
`schema_version`), `sarif` (2.1.0), `github` and `junit` are stable interfaces for tools.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from .models import REPORT_SCHEMA_VERSION, Diagnostic, FileReport, GoalReport, Location, Problem, RunReport

__all__ = [
    "REPORT_SCHEMA_VERSION",
    "Diagnostic",
    "FileReport",
    "GoalReport",
    "Location",
    "OutputFormat",
    "Problem",
    "RunReport",
    "render",
]


class OutputFormat(StrEnum):
    """The output formats of `goalcheck check`."""

    TEXT = "text"
    CONCISE = "concise"
    JSON = "json"
    SARIF = "sarif"
    GITHUB = "github"
    JUNIT = "junit"


def render(
    report: RunReport,
    fmt: OutputFormat,
    *,
    rules: Mapping[str, Any],
    color: bool = False,
    statistics: bool = False,
) -> str:
    """Render a run in one output format; `rules` maps codes to rule specs (for SARIF and text)."""
    if fmt is OutputFormat.TEXT:
        from .text import render_text

        return render_text(report, color=color, statistics=statistics)
    if fmt is OutputFormat.CONCISE:
        from .concise import render_concise

        return render_concise(report, statistics=statistics)
    if fmt is OutputFormat.JSON:
        from .jsonout import render_json

        return render_json(report)
    if fmt is OutputFormat.SARIF:
        from .sarif import render_sarif

        return render_sarif(report, rules)
    if fmt is OutputFormat.GITHUB:
        from .github import render_github

        return render_github(report)
    from .junit import render_junit

    return render_junit(report)
