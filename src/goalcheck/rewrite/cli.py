"""The `goalcheck rewrite` command: rewrite one goal, or every goal of a document.

    goalcheck rewrite "Improve selling skills." --mode suggest --alternatives 3
    goalcheck rewrite goals.md --diff           # what --write would change (exit 1 if anything)
    goalcheck rewrite goals.md --write          # replace the goals' text, atomically

`register(app)` adds the command to a Typer app (goalcheck.cli does it for the `goalcheck` command).
Exit codes: 0 done, 1 `--diff` found changes, 2 usage, configuration or input error.
"""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .models import Rewrite

if TYPE_CHECKING:
    from .documents import ConfigFor

ERROR, CHANGES = 2, 1


class Format(StrEnum):
    """Output formats of `goalcheck rewrite`."""

    TEXT = "text"
    JSON = "json"


class ModeOption(StrEnum):
    """Rewrite modes."""

    PLACEHOLDERS = "placeholders"
    SUGGEST = "suggest"


def _fail(message: str) -> typer.Exit:
    typer.echo(f"goalcheck: error: {message}", err=True)
    return typer.Exit(ERROR)


def _reference(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        raise _fail(f"--reference-date: expected YYYY-MM-DD, got '{value}'") from None


def rewrite_command(
    target: Annotated[str, typer.Argument(metavar="TEXT|PATH", help="A goal, or a goal document to rewrite.")],
    mode: Annotated[ModeOption, typer.Option(help="placeholders: invent nothing; suggest: fill from the packs.")] = (
        ModeOption.PLACEHOLDERS
    ),
    alternatives: Annotated[int, typer.Option(min=0, help="List N values for each slot.")] = 0,
    phased: Annotated[bool, typer.Option(help="Add a dated Q1-Q4 development path.")] = False,
    write: Annotated[bool, typer.Option(help="Replace the goals' text in PATH (atomically).")] = False,
    diff: Annotated[bool, typer.Option(help="Show what --write would change; exit 1 if anything.")] = False,
    output_format: Annotated[Format, typer.Option("--format", "--output-format", help="text or json.")] = Format.TEXT,
    reference_date: Annotated[str | None, typer.Option(help="Date deadlines count from (YYYY-MM-DD).")] = None,
    fiscal_year_start: Annotated[int | None, typer.Option(min=1, max=12, help="Fiscal year's first month.")] = None,
    config: Annotated[Path | None, typer.Option(help="Use this configuration file.")] = None,
) -> None:
    """Rewrite a goal into a SMART+ goal: keep the author's facts, show what is missing."""
    from goalcheck.errors import GoalcheckError
    from goalcheck.project.settings import Overrides, Resolver

    overrides = Overrides(config=config, reference_date=_reference(reference_date), fiscal_year_start=fiscal_year_start)
    path = Path(target)
    is_file = path.is_file()
    if (write or diff) and not is_file:
        raise _fail(f"--write and --diff need a goal document; no such file: {target}")
    if write and diff:
        raise _fail("use --write or --diff, not both")
    try:
        resolver = Resolver(overrides, Path.cwd())
        if is_file:
            settings = resolver.for_path(path)
            code = _document(
                path, lambda doc: settings.engine_config(doc.context, overrides), mode, phased, write, diff
            )
            raise typer.Exit(code)
        from goalcheck.parse.models import DocContext

        from .rewriter import rewriter

        engine = rewriter(resolver.for_path(None).engine_config(DocContext(), overrides))
        result = engine.rewrite(target, mode.value, alternatives=alternatives, phased=phased)  # type: ignore[arg-type]
    except GoalcheckError as exc:
        raise _fail(str(exc)) from None
    if output_format is Format.JSON:
        typer.echo(json.dumps({"results": [result.model_dump(mode="json")]}, indent=2, ensure_ascii=False))
    else:
        typer.echo(render_text(result))


def _document(path: Path, config_for: ConfigFor, mode: ModeOption, phased: bool, write: bool, diff: bool) -> int:
    from .documents import rewrite_document

    edit = rewrite_document(path, config_for, mode.value, phased=phased)  # type: ignore[arg-type]
    for line in edit.skipped:
        typer.echo(f"goalcheck: warning: {line}", err=True)
    if diff:
        typer.echo(edit.diff, nl=False)
        return CHANGES if edit.changed else 0
    if write:
        edit.write()
        typer.echo(f"goalcheck: rewrote {len(edit.changes)} goal(s) in {path}", err=True)
        return 0
    for change in edit.changes:
        typer.echo(f"{path}:{change.line}: {change.before}\n  -> {change.after}")
    return 0


def render_text(result: Rewrite) -> str:
    """Return the human-readable report of one rewrite: the goal, then where its parts came from."""
    lines = [result.text, "", f"score {result.score_before} -> {result.score_after} (shape: {result.shape})"]
    suggested = [p for p in result.parts if p.origin == "suggestion"]
    if suggested:
        lines.append("suggested:")
        lines += [f"  {p.slot:<10} {p.text}  ({p.source})" for p in suggested]
    if result.missing:
        lines.append("to fill in (only the author knows): " + ", ".join(result.missing))
    if result.needs_author:
        lines.append("needs the author (their own values; a rewrite never changes them):")
        lines += [f"  {f.code} '{result.text[f.start : f.end]}': {f.message}" for f in result.needs_author]
    for part in result.parts:
        if part.alternatives:
            lines.append(f"  options for {part.slot}: " + " | ".join(part.alternatives))
    if result.edits:
        lines.append("changed words:")
        lines += [f"  '{e.span.text}' -> '{e.replacement}' ({e.category}: {e.reason})" for e in result.edits]
    return "\n".join(lines)


def register(app: typer.Typer) -> None:
    """Add `goalcheck rewrite` to a Typer app."""
    app.command("rewrite")(rewrite_command)
