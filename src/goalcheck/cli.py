"""The `goalcheck` command: check goal documents, list and explain rules, write a starter configuration.

Heavy modules (the Linter, spaCy, parsers) are imported inside the commands, so `goalcheck --help`
and `goalcheck rule CODE` stay quick. Exit codes: 0 clean, 1 findings at or over the fail level,
2 usage, configuration or input error (see `goalcheck.project.command.ExitCode`).
"""

from __future__ import annotations

import datetime as dt
import importlib
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from goalcheck.project.command import ExitCode, error_line
from goalcheck.report import OutputFormat

app = typer.Typer(
    name="goalcheck",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    help="Lint goals against the SMART+ framework: strategic, measurable, actionable, relevant to role, time-phased.",
)


def _print_version(value: bool) -> None:
    if value:
        from goalcheck import __version__

        print(f"goalcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Lint goals against the SMART+ framework: strategic, measurable, actionable, relevant to role, time-phased."""


class FailLevel(StrEnum):
    """The lowest severity that makes `goalcheck check` exit 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class ListFormat(StrEnum):
    """Output formats of `goalcheck rules` and `goalcheck rule`."""

    TEXT = "text"
    JSON = "json"


def _codes(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(c for c in value.replace(",", " ").split() if c)


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got '{value}'", param_hint="--reference-date") from exc


@app.command()
def check(
    paths: Annotated[list[str] | None, typer.Argument(help="Files, folders, or - for standard input.")] = None,
    select: Annotated[str | None, typer.Option(help="Rules to run: codes, prefixes, names, dimensions.")] = None,
    ignore: Annotated[str | None, typer.Option(help="Rules not to report (added to the config's).")] = None,
    fail_on: Annotated[FailLevel | None, typer.Option(help="Exit 1 on findings at or over this level.")] = None,
    exit_zero: Annotated[bool, typer.Option(help="Exit 0 even when findings are at the fail level.")] = False,
    reference_date: Annotated[str | None, typer.Option(help="Resolve relative dates from YYYY-MM-DD.")] = None,
    fiscal_year_start: Annotated[int | None, typer.Option(min=1, max=12, help="Fiscal year's first month.")] = None,
    config: Annotated[Path | None, typer.Option(help="Use this configuration file for every document.")] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--output-format", "--format", help="How to print findings.")
    ] = OutputFormat.TEXT,
    output_file: Annotated[Path | None, typer.Option("--output-file", "-o", help="Write to FILE.")] = None,
    statistics: Annotated[bool, typer.Option(help="Count findings per rule.")] = False,
    write_baseline: Annotated[Path | None, typer.Option(help="Record today's findings in FILE.")] = None,
    baseline: Annotated[Path | None, typer.Option(help="Report only findings not recorded in FILE.")] = None,
    stdin_filename: Annotated[str | None, typer.Option(help="Name (and type) of standard input.")] = None,
    force_exclude: Annotated[bool, typer.Option(help="Apply `exclude` to named files too.")] = False,
    fix: Annotated[bool, typer.Option(help="Write safe fixes (spellings only, never a rewrite), then report.")] = False,
    diff: Annotated[bool, typer.Option(help="Print the safe fixes as a unified diff; write nothing.")] = False,
    color: Annotated[bool | None, typer.Option("--color/--no-color", help="Color the text output.")] = None,
) -> None:
    """Check goal documents (Markdown, YAML, JSON, plain text) and report findings."""
    from goalcheck.models import Severity
    from goalcheck.project.command import CheckOptions, run_check
    from goalcheck.project.settings import Overrides

    overrides = Overrides(
        config=config,
        select=_codes(select),
        ignore=_codes(ignore) or (),
        fail_on=Severity(fail_on.value) if fail_on else None,
        reference_date=_date(reference_date),
        fiscal_year_start=fiscal_year_start,
    )
    if config is not None and not config.is_file():
        typer.echo(error_line(f"{config}: configuration file not found"), err=True)
        raise typer.Exit(ExitCode.ERROR)
    options = CheckOptions(
        paths=tuple(paths or ["."]),
        overrides=overrides,
        output_format=output_format,
        output=output_file,
        exit_zero=exit_zero,
        statistics=statistics,
        write_baseline=write_baseline,
        baseline=baseline,
        stdin_filename=stdin_filename,
        force_exclude=force_exclude,
        fix=fix,
        diff=diff,
        color=color,
    )
    raise typer.Exit(run_check(options, Path.cwd()))


def _catalog(config: Path | None):
    from goalcheck.project.settings import Overrides, Resolver

    return Resolver(Overrides(config=config), Path.cwd()).for_path(None).catalog


def _guarded(func):
    from goalcheck.errors import GoalcheckError

    try:
        return func()
    except GoalcheckError as exc:
        typer.echo(error_line(str(exc)), err=True)
        raise typer.Exit(ExitCode.ERROR) from None


@app.command("rules")
def list_rules(
    output_format: Annotated[ListFormat, typer.Option("--output-format", "--format")] = ListFormat.TEXT,
    config: Annotated[Path | None, typer.Option(help="Read packs and rule paths from this file.")] = None,
) -> None:
    """List every rule: code, name, dimension, severity, and whether it runs by default."""
    import json

    rules = _guarded(lambda: _catalog(config).rules)
    rows = [
        {
            "code": r.id,
            "name": r.name,
            "dimension": r.dimension.value if r.dimension is not None else "meta",
            "severity": r.severity.value,
            "default": r.default,
            "kind": r.kind,
        }
        for r in rules
    ]
    if output_format is ListFormat.JSON:
        typer.echo(json.dumps(rows, indent=2))
        return
    width = max(len(r["name"]) for r in rows)
    for r in rows:
        state = "" if r["default"] else "  (off by default)"
        typer.echo(f"{r['code']}  {r['name']:<{width}}  {r['dimension']:<10}  {r['severity']:<7}{state}".rstrip())


@app.command("rule")
def explain_rule(
    code: Annotated[str, typer.Argument(help="A rule code or name, e.g. CL01 or vague-verb.")],
    output_format: Annotated[ListFormat, typer.Option("--output-format", "--format")] = ListFormat.TEXT,
    config: Annotated[Path | None, typer.Option(help="Read packs and rule paths from this file.")] = None,
) -> None:
    """Explain a rule: what it flags, why it matters, bad and good examples, the suggestion, options."""
    from goalcheck.docs import pack_of
    from goalcheck.report.ruledoc import rule_page

    cat = _guarded(lambda: _catalog(config))
    rule = cat.find(code)
    if rule is None:
        typer.echo(error_line(f"unknown rule code or name '{code}' (known: {cat.known()})"), err=True)
        raise typer.Exit(ExitCode.ERROR)
    if output_format is ListFormat.JSON:
        typer.echo(rule.model_dump_json(indent=2))
        return
    typer.echo(rule_page(rule, pack_of(rule.id)), nl=False)


app.command("explain", hidden=True, help="Same as `goalcheck rule`.")(explain_rule)


@app.command()
def init(
    pyproject: Annotated[bool, typer.Option(help="Add [tool.goalcheck] to pyproject.toml instead.")] = False,
    plan_year: Annotated[int | None, typer.Option(help="The plan year (default: this year).")] = None,
    fiscal_year_start: Annotated[int, typer.Option(min=1, max=12, help="Fiscal year's first month.")] = 1,
    force: Annotated[bool, typer.Option(help="Overwrite an existing goalcheck.toml.")] = False,
) -> None:
    """Write a starter configuration: plan year, fiscal-year start and the priorities to edit."""
    from goalcheck.configfile import starter_config
    from goalcheck.project.catalog import catalog

    priorities = [
        (p.id, p.name, list(p.synonyms[:4])) for p in catalog(("generic", "life-sciences")).rulebook.priorities
    ]
    year = plan_year or dt.date.today().year
    if pyproject:
        target = Path("pyproject.toml")
        existing = target.read_text(encoding="utf-8") if target.is_file() else ""
        if "[tool.goalcheck" in existing:
            typer.echo(error_line(f"{target}: already has a [tool.goalcheck] table"), err=True)
            raise typer.Exit(ExitCode.ERROR)
        body = starter_config(year, fiscal_year_start, priorities, style="pyproject")
        target.write_text(
            existing + ("\n" if existing and not existing.endswith("\n\n") else "") + body, encoding="utf-8"
        )
    else:
        target = Path("goalcheck.toml")
        if target.exists() and not force:
            typer.echo(error_line(f"{target}: exists already (use --force to overwrite)"), err=True)
            raise typer.Exit(ExitCode.ERROR)
        target.write_text(starter_config(year, fiscal_year_start, priorities), encoding="utf-8")
    typer.echo(f"Wrote {target}: edit the priorities, then run `goalcheck check`.")


# ---- Commands registered by other modules ------------------------------------------------------------
# `goalcheck score` (batch scoring: goalcheck.batch.cli) and `goalcheck rewrite` (goalcheck.rewrite.cli, to be
# written) register themselves here: each module defines `register(app: typer.Typer) -> None`. A module that
# does not exist yet is skipped. They are imported only when the command line may need them (not for
# `check`, `rule`, `rules`, `init`), so the pre-commit hook does not pay for their imports.
EXTENSIONS: tuple[str, ...] = ("goalcheck.batch.cli", "goalcheck.rewrite.cli")
OWN_COMMANDS = frozenset({"check", "rules", "rule", "explain", "init"})
_registered: list[str] = []


def register_extensions(target: typer.Typer = app) -> list[str]:
    """Register the commands of every extension module that is installed (once); return their names.

    A module that is not built yet is skipped; one that fails to import is reported in one line on
    standard error and skipped, so a broken extension never takes `goalcheck check` down with it.
    """
    if _registered:
        return list(_registered)
    for name in EXTENSIONS:
        try:
            module = importlib.import_module(name)
            module.register(target)
        except ModuleNotFoundError as exc:
            if exc.name is not None and (name == exc.name or name.startswith(exc.name + ".")):
                continue  # not built yet
            typer.echo(f"goalcheck: warning: {name} is unavailable: {exc}", err=True)
            continue
        except Exception as exc:  # an extension's bug must not break the other commands
            typer.echo(f"goalcheck: warning: {name} is unavailable: {type(exc).__name__}: {exc}", err=True)
            continue
        _registered.append(name)
    return list(_registered)


def _command_of(argv: list[str]) -> str | None:
    return next((arg for arg in argv if not arg.startswith("-")), None)


def main() -> None:
    """Run the goalcheck command line (the `goalcheck` console script)."""
    if _command_of(sys.argv[1:]) not in OWN_COMMANDS:
        register_extensions(app)
    app(prog_name="goalcheck")


if __name__ == "__main__":  # pragma: no cover - `python -m goalcheck.cli`
    sys.exit(main())
