"""The `goalcheck score` command: score a goal table, write every row, summarize, report.

`register(app)` adds the command to a Typer application; `goalcheck.cli` calls it. Settings are
layered as for `goalcheck check`: flags, then `--config FILE`, then the configuration file nearest
to the input (`goalcheck.toml` or `pyproject.toml [tool.goalcheck]`, where an organization lists
its priorities), then defaults. Exit codes: 0 when the run completes (weak goals are results, not
failures), 2 for a usage, configuration or input error, printed as one line on standard error.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from goalcheck.batch.progress import ProgressBar, progress_wanted
from goalcheck.batch.readers import FORMATS
from goalcheck.batch.rewrites import RewriteColumn
from goalcheck.batch.run import ReadOptions, score_file
from goalcheck.batch.summary import Summary
from goalcheck.config import Config
from goalcheck.errors import GoalcheckError
from goalcheck.project.command import ExitCode, error_line
from goalcheck.rewrite.cli import ModeOption


def register(app: typer.Typer) -> None:
    """Add the `score` command to `app`."""
    app.command("score", no_args_is_help=True)(score)


class EngineName(StrEnum):
    """Where `--engine` scores a Parquet folder instead of this process."""

    SPARK = "spark"
    DASK = "dask"


def score(
    source: Annotated[
        str,
        typer.Argument(
            metavar="INPUT",
            show_default=False,
            help="Goal table (.csv .tsv .jsonl .xlsx .parquet), or - for CSV on standard input.",
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "--output-file",
            "-o",
            metavar="OUT",
            help="Where to write every row with its scores (format from the extension); "
            "JSON Lines on standard output by default.",
        ),
    ] = None,
    output_format: Annotated[str | None, typer.Option(help=f"Output format: {', '.join(FORMATS)}.")] = None,
    input_format: Annotated[str | None, typer.Option(help=f"Input format: {', '.join(FORMATS)}.")] = None,
    text_column: Annotated[
        str | None,
        typer.Option(
            metavar="NAME", rich_help_panel="Columns", help="Column holding the goal text (detected when obvious)."
        ),
    ] = None,
    id_column: Annotated[
        str | None, typer.Option(metavar="NAME", rich_help_panel="Columns", help="Column identifying each goal.")
    ] = None,
    owner_column: Annotated[
        str | None, typer.Option(metavar="NAME", rich_help_panel="Columns", help="Column naming whose goal it is.")
    ] = None,
    team_column: Annotated[
        str | None, typer.Option(metavar="NAME", rich_help_panel="Columns", help="Column to group the summary by team.")
    ] = None,
    manager_column: Annotated[
        str | None,
        typer.Option(metavar="NAME", rich_help_panel="Columns", help="Column to group the summary by manager."),
    ] = None,
    role_column: Annotated[
        str | None, typer.Option(metavar="NAME", rich_help_panel="Columns", help="Column to group the summary by role.")
    ] = None,
    encoding: Annotated[str | None, typer.Option(help="Text encoding of CSV/TSV/JSONL input (default UTF-8).")] = None,
    sheet: Annotated[str | None, typer.Option(help="Worksheet of an .xlsx input (default: the first).")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Processes to score with; 0 = one per CPU.")] = 1,
    report: Annotated[Path | None, typer.Option(metavar="FILE", help="Write a self-contained HTML report.")] = None,
    reference_date: Annotated[
        str | None, typer.Option(metavar="YYYY-MM-DD", help="Date relative deadlines resolve against (default: today).")
    ] = None,
    fiscal_year_start: Annotated[
        int | None, typer.Option(metavar="MONTH", min=1, max=12, help="Month the fiscal year starts (1-12).")
    ] = None,
    config: Annotated[
        Path | None, typer.Option(metavar="FILE", help="Use this configuration file (priorities, packs, rules).")
    ] = None,
    max_chars: Annotated[int, typer.Option(min=1, help="Longer cells are reported as too-long, not scored.")] = 5_000,
    summary: Annotated[bool, typer.Option("--summary", help="Print the summary tables.")] = False,
    summary_json: Annotated[Path | None, typer.Option(metavar="FILE", help="Write the summary as JSON.")] = None,
    rewrite: Annotated[
        ModeOption | None,
        typer.Option(help="Add a `rewrite` column: placeholders (nothing invented) or suggest (filled from packs)."),
    ] = None,
    engine_name: Annotated[
        EngineName | None,
        typer.Option(
            "--engine",
            rich_help_panel="Cluster",
            help="Score a Parquet file or folder in Spark or Dask, into the Parquet folder -o FOLDER.",
        ),
    ] = None,
    master: Annotated[
        str | None,
        typer.Option(
            metavar="URL",
            rich_help_panel="Cluster",
            help="Spark master (default local[*]) or Dask scheduler address (default: a local cluster).",
        ),
    ] = None,
) -> None:
    """Score every goal in a table; write each row with its score, dimensions, facets and findings."""
    try:
        if report is not None:  # before scoring a million rows, not after
            from goalcheck.batch.report import require_report_extras

            require_report_extras()
        engine = _engine_config(source, config, _date(reference_date), fiscal_year_start)
        if engine_name is not None or master is not None:
            given = {
                "--jobs": jobs != 1,
                "--report": report is not None,
                "--summary": summary,
                "--summary-json": summary_json is not None,
                "--input-format": input_format not in (None, "parquet"),
                "--output-format": output_format not in (None, "parquet"),
            }
            _refuse_local_only(engine_name, given)
            _on_cluster(source, output, engine_name, master, text_column, rewrite, max_chars, engine)
            return
        read = ReadOptions(
            fmt=input_format,
            encoding=encoding,
            sheet=sheet,
            text_column=text_column,
            id_column=id_column,
            owner_column=owner_column,
            team_column=team_column,
            manager_column=manager_column,
            role_column=role_column,
        )
        rows_on_terminal = (output is None or output == "-") and sys.stdout.isatty()
        with ProgressBar("scoring", enabled=progress_wanted() and not rows_on_terminal) as bar:
            result = score_file(
                source,
                output,
                read=read,
                output_format=output_format,
                config=engine,
                jobs=jobs,
                max_chars=max_chars,
                progress=bar.update,
                rewrite=RewriteColumn.of(rewrite.value, engine) if rewrite is not None else None,
            )
        if report is not None or summary_json is not None:
            result.fill_rewrites()  # the weakest goals carry a rewrite, with or without --rewrite
        if report is not None:
            from goalcheck.batch.report import write_report

            write_report(result, report)
        if summary_json is not None:
            summary_json.write_text(json.dumps(result.as_dict(), indent=2, default=str), encoding="utf-8")
    except GoalcheckError as exc:
        typer.echo(error_line(str(exc)), err=True)
        raise typer.Exit(ExitCode.ERROR) from None
    except BrokenPipeError:
        sys.stderr.close()  # the reader of our output went away (| head): not an error worth a traceback
        raise typer.Exit(0) from None
    except OSError as exc:  # an output, report or summary file that cannot be written
        typer.echo(error_line(f"{exc.filename or source}: {exc.strerror or exc}"), err=True)
        raise typer.Exit(ExitCode.ERROR) from None
    if summary:
        _print_summary(result, to_stderr=output is None or output == "-")


def _refuse_local_only(engine_name: EngineName | None, given: dict[str, bool]) -> None:
    if engine_name is None:
        raise GoalcheckError("--master needs --engine spark or --engine dask")
    refused = [flag for flag, present in given.items() if present]
    if refused:
        raise GoalcheckError(
            f"{refused[0]} is not available with --engine {engine_name.value}, "
            "which reads and writes Parquet and leaves summaries to the cluster's tools"
        )


def _on_cluster(
    source: str,
    output: str | None,
    engine_name: EngineName,
    master: str | None,
    text_column: str | None,
    rewrite: ModeOption | None,
    max_chars: int,
    engine: Config,
) -> None:
    from goalcheck.batch.engines import EngineRun, score_on_engine

    run = EngineRun(
        engine_name.value,
        source,
        output,
        master=master,
        text_column=text_column,
        rewrite=rewrite.value if rewrite is not None else None,
        max_chars=max_chars,
    )
    typer.echo(f"goalcheck: {score_on_engine(run, engine)}", err=True)


def _engine_config(
    source: str, config: Path | None, reference_date: dt.date | None, fiscal_year_start: int | None
) -> Config:
    from goalcheck.parse.models import DocContext
    from goalcheck.project.settings import Overrides, Resolver

    if config is not None and not config.is_file():
        raise GoalcheckError(f"{config}: configuration file not found")
    overrides = Overrides(config=config, reference_date=reference_date, fiscal_year_start=fiscal_year_start)
    settings = Resolver(overrides, Path.cwd()).for_path(None if source == "-" else Path(source).resolve())
    return settings.engine_config(DocContext(), overrides)


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2025-01-31", param_hint="--reference-date") from None


def _print_summary(result: Summary, *, to_stderr: bool) -> None:
    from goalcheck.batch.summary_text import print_summary

    print_summary(result, Console(stderr=to_stderr, highlight=False))
