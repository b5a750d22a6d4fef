"""Define what a `goalcheck check` run reports: located findings per goal, per file, and input problems.

Lines and columns are 1-based, columns count Unicode code points, ends are exclusive; `offset` and
`length` are in characters of the document. `REPORT_SCHEMA_VERSION` versions the JSON output.
"""

from __future__ import annotations

from collections import Counter
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from goalcheck.models import Facets, Severity, Suggestion

REPORT_SCHEMA_VERSION = 1
DOCS_URL = "https://goalcheck.readthedocs.io"


def rule_url(code: str) -> str:
    """Return the documentation page of a rule."""
    return f"{DOCS_URL}/rules/{code}/"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Location(_Frozen):
    """Where a finding or a goal sits in its document."""

    path: str
    line: int = Field(ge=1)
    column: int = Field(ge=1)
    end_line: int = Field(ge=1)
    end_column: int = Field(ge=1)
    offset: int = Field(ge=0)
    length: int = Field(ge=0)


class Diagnostic(_Frozen):
    """One finding, located in its document."""

    code: str
    name: str
    dimension: str | None
    severity: Severity
    message: str
    location: Location
    suggestions: tuple[Suggestion, ...] = ()
    url: str


class GoalReport(_Frozen):
    """A goal's result (kind "goal"), or the findings about a document as a whole (kind "document")."""

    kind: Literal["goal", "document"] = "goal"
    location: Location
    text: str | None
    score: int | None = None
    facets: Facets | None = None
    findings: tuple[Diagnostic, ...] = ()


class Edit(_Frozen):
    """A safe fix: replace `length` characters at document `offset` with `replacement`."""

    offset: int = Field(ge=0)
    length: int = Field(ge=0)
    replacement: str
    code: str


class FileReport(_Frozen):
    """Everything found in one document; `edits` are the safe fixes of its findings (`--fix` writes them)."""

    path: str
    kind: str
    source: str = Field(default="", exclude=True)
    fail_on: Severity = Field(default=Severity.ERROR, exclude=True)
    goals: tuple[GoalReport, ...] = ()
    edits: tuple[Edit, ...] = Field(default=(), exclude=True)
    from_stdin: bool = Field(default=False, exclude=True)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Every finding of the file, in document order."""
        return sorted((d for g in self.goals for d in g.findings), key=lambda d: (d.location.offset, d.code))


class Problem(_Frozen):
    """An input or configuration problem: a file that could not be checked."""

    path: str
    line: int | None = None
    message: str

    def __str__(self) -> str:
        """Return `path:line: message`."""
        if not self.path:
            return self.message
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class RunReport(_Frozen):
    """The result of one run: the files checked and the problems met."""

    files: tuple[FileReport, ...] = ()
    problems: tuple[Problem, ...] = ()
    skipped: tuple[str, ...] = ()

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Every finding, file by file."""
        return [d for f in self.files for d in f.diagnostics]

    def counts(self) -> Counter[Severity]:
        """Count findings by severity."""
        return Counter(d.severity for d in self.diagnostics)

    def goal_count(self) -> int:
        """Count the goals checked."""
        return sum(1 for f in self.files for g in f.goals if g.kind == "goal")

    def statistics(self) -> list[tuple[int, str, str]]:
        """Return (count, code, name) per rule, most frequent first."""
        counter = Counter((d.code, d.name) for d in self.diagnostics)
        return sorted(((n, code, name) for (code, name), n in counter.items()), key=lambda t: (-t[0], t[1]))

    def fails(self) -> bool:
        """Tell whether any file has a finding at or over its fail level."""
        return any(d.severity.rank >= f.fail_on.rank for f in self.files for d in f.diagnostics)
