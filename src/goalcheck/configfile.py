"""Find and read goalcheck's configuration files: `goalcheck.toml` or `pyproject.toml [tool.goalcheck]`.

The nearest file to a checked document wins (`goalcheck.toml`, then `.goalcheck.toml`, then a
`pyproject.toml` that has a `[tool.goalcheck]` table, in each folder from the document's up to the
root). `--config FILE` names one file for every document; command-line flags override both.
Unknown keys are errors that list the known ones; the JSON Schema is `docs/goalcheck.schema.json`.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from goalcheck.errors import ConfigError
from goalcheck.models import Severity

CONFIG_NAMES = ("goalcheck.toml", ".goalcheck.toml", "pyproject.toml")


def _month(value: object) -> object:
    if isinstance(value, str) and not value.strip().isdigit():
        from goalcheck.parse.context import month_number

        return month_number(value)
    return value


def _date(value: object) -> object:
    if isinstance(value, str) and value.strip().lower() == "today":
        return None
    return value


class Priority(BaseModel):
    """An organizational priority: a name and the words that show a goal serves it."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str = Field(min_length=1)
    synonyms: list[str] = []
    skills: list[str] = []


class Vocab(BaseModel):
    """The organization's own words: `accept` is never vague, `reject` always is."""

    model_config = ConfigDict(extra="forbid")

    accept: list[str] = Field(default=[], description="Words and phrases never reported as vague.")
    reject: list[str] = Field(default=[], description="Words and phrases always reported as vague (CL03).")


class FileConfig(BaseModel):
    """The `[tool.goalcheck]` table (or a `goalcheck.toml` file); keys are kebab-case."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        alias_generator=lambda n: n.replace("_", "-"),
        populate_by_name=False,
        title="goalcheck configuration",
    )

    select: list[str] | None = Field(default=None, description="Rule codes, prefixes, names or dimensions to run.")
    ignore: list[str] = Field(default=[], description="Rule codes, prefixes, names or dimensions not to run.")
    per_file_ignores: dict[str, list[str]] = Field(
        default={},
        description="Glob (relative to this file's folder) -> rules not to report in matching files.",
    )
    severity: dict[str, Severity] = Field(default={}, description="Rule code or name -> error, warning or info.")
    fail_on: Severity | None = Field(default=None, description="Exit 1 on findings at or over this severity.")
    packs: list[str] | None = Field(default=None, description="Built-in rule packs, in order.")
    rule_paths: list[str] = Field(default=[], description="Extra pack folders, relative to this file.")
    priorities: list[str | Priority] = Field(default=[], description="The organization's priorities.")
    plan_year: int | None = Field(
        default=None,
        ge=1900,
        le=2200,
        description="Goals are read as written at the start of this plan year.",
    )
    reference_date: Annotated[dt.date | None, BeforeValidator(_date)] = Field(
        default=None, description="The date relative deadlines resolve against, or 'today'."
    )
    fiscal_year_start: Annotated[int | None, BeforeValidator(_month)] = Field(
        default=None, ge=1, le=12, description="The month the fiscal year starts (number or name)."
    )
    exclude: list[str] = Field(default=[], description="Globs of files and folders not to check.")
    vocab: Vocab = Field(default=Vocab(), description="The organization's own words: accept and reject lists.")


_NESTED: dict[str, type[BaseModel]] = {"vocab": Vocab, "priorities": Priority}


class LoadedConfig(BaseModel):
    """A configuration file, read and validated, with the folder its relative paths start from."""

    model_config = ConfigDict(frozen=True)

    path: Path | None
    root: Path
    config: FileConfig


def shown(path: Path | None) -> str:
    """Return a path as messages show it: relative to the working folder when inside it."""
    if path is None:
        return "command line"
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def _line_of(text: str, needle: str) -> int | None:
    pattern = re.compile(rf"^\s*\"?{re.escape(needle)}\"?\s*=|[\"']{re.escape(needle)}[\"']", re.MULTILINE)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _table(path: Path, text: str) -> dict | None:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{shown(path)}: invalid TOML: {exc}") from exc
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("goalcheck")
    return data.get("tool", {}).get("goalcheck", data) if set(data) == {"tool"} else data


def read_config(path: Path) -> LoadedConfig:
    """Read and validate one configuration file; raise ConfigError naming the file, line and key."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{shown(path)}: cannot read configuration: {exc}") from exc
    table = _table(path, text)
    if table is None:
        raise ConfigError(f"{shown(path)}: no [tool.goalcheck] table")
    try:
        config = FileConfig.model_validate(table)
    except ValidationError as exc:
        raise ConfigError(_validation_message(path, text, exc)) from exc
    return LoadedConfig(path=path, root=path.parent, config=config)


_BRANCHES = frozenset({"str", "Priority"})  # how pydantic names the two forms of a priority in an error


def _validation_message(path: Path, text: str, exc: ValidationError) -> str:
    """Return the first problem of a configuration as 'file:line: what is wrong' (the known keys if unknown)."""
    errors = exc.errors()
    # A priority may be a name or a table: for a table, the table's error is the one to report.
    err = next((e for e in errors if not ("str" in e["loc"] and isinstance(e.get("input"), dict))), errors[0])
    loc = [str(p) for p in err["loc"] if p not in _BRANCHES]
    key = loc[0] if loc else ""
    names = [p for p in reversed(loc) if not p.isdigit()]  # the deepest key written in the file first
    line = next((n for n in (_line_of(text, name) for name in names) if n), None)
    where = f"{shown(path)}:{line}" if line else shown(path)
    if err["type"] == "extra_forbidden":
        nested = _NESTED.get(key) if len(loc) > 1 else None
        known = ", ".join(f.alias or n for n, f in (nested or FileConfig).model_fields.items())
        name = f"{loc[-1]}' in '{key}" if nested else key
        return f"{where}: unknown key '{name}' (known keys: {known})"
    return f"{where}: {'.'.join(loc)}: {err['msg']}"


def code_line(path: Path | None, code: str) -> str:
    """Return 'path:line' where a rule code is written in a config file (for error messages)."""
    if path is None:
        return "command line"
    try:
        line = _line_of(path.read_text(encoding="utf-8"), code)
    except OSError:
        line = None
    return f"{shown(path)}:{line}" if line else shown(path)


def _has_table(path: Path) -> bool:
    if path.name != "pyproject.toml":
        return True
    try:
        return "goalcheck" in tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def find_config(folder: Path) -> Path | None:
    """Return the configuration file nearest to `folder` (itself, then its parents), or None."""
    for directory in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file() and _has_table(candidate):
                return candidate
    return None


def starter_config(
    plan_year: int,
    fiscal_year_start: int,
    priorities: list[tuple[str, str, list[str]]],
    style: Literal["goalcheck", "pyproject"] = "goalcheck",
) -> str:
    """Return a starter configuration for `goalcheck init`, with the organization's priorities to edit."""
    head = "[tool.goalcheck]\n" if style == "pyproject" else ""
    prefix = "tool.goalcheck." if style == "pyproject" else ""
    lines = [
        "# goalcheck configuration: https://goalcheck.readthedocs.io/configuration/",
        head.rstrip("\n"),
        f"plan-year = {plan_year}                # goals are read as written at the start of this plan year",
        f"fiscal-year-start = {fiscal_year_start}  # the fiscal year's first month; 'Q1' follows it",
        'fail-on = "error"              # exit 1 on findings at or over: error, warning or info',
        '# select = ["ME", "TI", "DO"]   # run only these rules (codes, prefixes, names, dimensions)',
        "ignore = []",
        "",
        f"[{prefix}per-file-ignores]",
        '# "drafts/*.md" = ["DO"]',
        "",
        "# The organization's priorities: a goal that names one is strategically aligned (ST01).",
        "# A priority with the id of a pack's priority replaces it; a new id adds one.",
    ]
    for ident, name, synonyms in priorities:
        words = ", ".join(f'"{s}"' for s in synonyms)
        lines += [
            "",
            f"[[{prefix}priorities]]",
            f'id = "{ident}"',
            f'name = "{name}"',
            f"synonyms = [{words}]",
        ]
    return "\n".join(line for line in lines if line is not None).lstrip("\n").replace("\n\n\n", "\n\n") + "\n"


def schema() -> dict:
    """Return the JSON Schema of the configuration (published as docs/goalcheck.schema.json)."""
    data = FileConfig.model_json_schema(by_alias=True)
    data["$schema"] = "http://json-schema.org/draft-07/schema#"
    data["$id"] = "https://goalcheck.readthedocs.io/goalcheck.schema.json"
    return data
