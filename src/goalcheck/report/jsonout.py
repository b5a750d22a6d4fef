"""Render the versioned JSON report: one document with a `results` list (schema: docs/report.schema.json).

Each result is a goal (`kind: "goal"`, with `text`, `score`, `facets` and located `findings`) or the
findings about a document as a whole (`kind: "document"`: unused suppressions). Lines and columns are
1-based, columns count Unicode code points, `end_line`/`end_column` are exclusive.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

import goalcheck
from goalcheck.models import Facets, Severity

from .models import REPORT_SCHEMA_VERSION, Diagnostic, RunReport


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class JsonSuggestion(_Out):
    """A next step for the author; `safety` says whether it may be applied without reading."""

    text: str
    replacement: str | None
    safety: Literal["safe", "unsafe", "display-only"]


class JsonFinding(_Out):
    """One finding with its location."""

    code: str
    name: str
    dimension: str | None
    severity: Severity
    message: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    offset: int
    length: int
    suggestions: list[JsonSuggestion]
    url: str


class JsonResult(_Out):
    """A goal's result, or a document's own findings."""

    kind: Literal["goal", "document"]
    path: str
    line: int
    column: int
    text: str | None
    score: int | None
    facets: Facets | None
    findings: list[JsonFinding]


class JsonProblem(_Out):
    """A file that could not be checked."""

    path: str
    line: int | None
    message: str


class JsonSummary(_Out):
    """Counts over the run."""

    files: int
    goals: int
    findings: int
    errors: int
    warnings: int
    info: int
    skipped: int
    problems: int


class JsonTool(_Out):
    """The tool that wrote the report."""

    name: Literal["goalcheck"] = "goalcheck"
    version: str


class JsonReport(_Out):
    """The `goalcheck check --output-format json` document."""

    schema_version: int
    tool: JsonTool
    results: list[JsonResult]
    problems: list[JsonProblem]
    summary: JsonSummary


def _finding(d: Diagnostic) -> JsonFinding:
    loc = d.location
    return JsonFinding(
        code=d.code,
        name=d.name,
        dimension=d.dimension,
        severity=d.severity,
        message=d.message,
        path=loc.path,
        line=loc.line,
        column=loc.column,
        end_line=loc.end_line,
        end_column=loc.end_column,
        offset=loc.offset,
        length=loc.length,
        suggestions=[JsonSuggestion(text=s.text, replacement=s.replacement, safety=s.safety) for s in d.suggestions],
        url=d.url,
    )


def build_json(report: RunReport) -> JsonReport:
    """Return the JSON report model of a run."""
    results = [
        JsonResult(
            kind=g.kind,
            path=g.location.path,
            line=g.location.line,
            column=g.location.column,
            text=g.text,
            score=g.score,
            facets=g.facets,
            findings=[_finding(d) for d in g.findings],
        )
        for f in report.files
        for g in f.goals
    ]
    counts = report.counts()
    summary = JsonSummary(
        files=len(report.files),
        goals=report.goal_count(),
        findings=sum(counts.values()),
        errors=counts[Severity.ERROR],
        warnings=counts[Severity.WARNING],
        info=counts[Severity.INFO],
        skipped=len(report.skipped),
        problems=len(report.problems),
    )
    return JsonReport(
        schema_version=REPORT_SCHEMA_VERSION,
        tool=JsonTool(version=goalcheck.__version__),
        results=results,
        summary=summary,
        problems=[JsonProblem(path=p.path, line=p.line, message=p.message) for p in report.problems],
    )


def render_json(report: RunReport) -> str:
    """Render a run as one JSON document."""
    return build_json(report).model_dump_json(indent=2) + "\n"


def json_schema() -> dict:
    """Return the JSON Schema of the report (published as docs/report.schema.json)."""
    data = JsonReport.model_json_schema()
    data["$schema"] = "http://json-schema.org/draft-07/schema#"
    data["$id"] = "https://goalcheck.readthedocs.io/report.schema.json"
    return data
