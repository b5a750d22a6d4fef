"""Resolve the settings of one document: flags over `--config` over the nearest file over defaults.

A document's own front matter (plan year, reference date, fiscal-year start) sits between the flags
and the configuration files: it is more specific than a project-wide file, but a flag set in CI wins.
"""

from __future__ import annotations

import datetime as dt
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath

from pydantic import BaseModel, ConfigDict

from goalcheck.config import DEFAULT_PACKS, Config
from goalcheck.configfile import (
    FileConfig,
    LoadedConfig,
    Priority,
    code_line,
    find_config,
    read_config,
)
from goalcheck.errors import ConfigError, RulePackError
from goalcheck.models import Severity
from goalcheck.parse.models import DocContext
from goalcheck.rulebook import PriorityDef

from .catalog import Catalog, catalog


class Overrides(BaseModel):
    """What the command line sets; None means "not given"."""

    model_config = ConfigDict(frozen=True)

    config: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fail_on: Severity | None = None
    reference_date: dt.date | None = None
    fiscal_year_start: int | None = None


class Settings(BaseModel):
    """Everything that decides how the documents under one configuration file are checked."""

    model_config = ConfigDict(frozen=True)

    source: Path | None
    root: Path
    select: tuple[str, ...] | None
    ignore: tuple[str, ...]
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...]
    severity: tuple[tuple[str, Severity], ...]
    fail_on: Severity
    packs: tuple[str, ...]
    rule_paths: tuple[Path, ...]
    priorities: tuple[PriorityDef, ...] = ()
    accept: tuple[str, ...] = ()
    reject: tuple[str, ...] = ()
    reference_date: dt.date | None
    plan_year: int | None
    fiscal_year_start: int | None
    exclude: tuple[str, ...]

    @property
    def catalog(self) -> Catalog:
        """The rules of these settings' packs."""
        return catalog(self.packs, self.rule_paths)

    def enabled(self, relative: str, context: DocContext) -> frozenset[str]:
        """Return the ids of the rules reported for one document (with per-file and front-matter ignores)."""
        ignore = list(self.ignore) + list(context.ignore)
        for pattern, selectors in self.per_file_ignores:
            if matches_glob(relative, pattern):
                ignore += selectors
        return self.catalog.selected(self.select, ignore)

    def engine_config(self, context: DocContext, overrides: Overrides) -> Config:
        """Return the Linter configuration for a document with this context."""
        fy = overrides.fiscal_year_start or context.fiscal_year_start or self.fiscal_year_start or 1
        reference = (
            overrides.reference_date
            or context.reference_date
            or plan_year_start(context.plan_year, fy)
            or self.reference_date
            or plan_year_start(self.plan_year, fy)
        )
        cat = self.catalog
        return Config(
            reference_date=reference,
            fiscal_year_start_month=fy,
            packs=self.packs,
            rule_paths=self.rule_paths,
            priorities=self.priorities,
            accept=self.accept,
            reject=self.reject,
            select=None if self.select is None else cat.for_engine(self.select),
            ignore=cat.for_engine(self.ignore),
            severity=tuple((s, v) for s, v in self.severity if cat.for_engine((s,))),
        )


def plan_year_start(year: int | None, fiscal_year_start: int) -> dt.date | None:
    """Return the first day of a plan year; a fiscal year is named by the calendar year it ends in."""
    if year is None:
        return None
    return dt.date(year if fiscal_year_start == 1 else year - 1, fiscal_year_start, 1)


def matches_glob(relative: str, pattern: str) -> bool:
    """Match a forward-slash path against a glob, also by file name alone ("*.txt")."""
    path = PurePosixPath(relative)
    return (
        fnmatch(relative, pattern)
        or fnmatch(path.name, pattern)
        or any(fnmatch(str(PurePosixPath(*path.parts[:i])), pattern.rstrip("/")) for i in range(1, len(path.parts)))
    )


def _priority_defs(priorities: list[str | Priority]) -> tuple[PriorityDef, ...]:
    """Turn the configured priorities into engine priorities (a bare name is its own synonym)."""
    out = []
    for item in priorities:
        prio = Priority(name=item) if isinstance(item, str) else item
        slug = prio.id or "-".join("".join(c if c.isalnum() else " " for c in prio.name.lower()).split())
        out.append(
            PriorityDef(
                id=slug, name=prio.name, synonyms=tuple(prio.synonyms or [prio.name.lower()]), skills=tuple(prio.skills)
            )
        )
    return tuple(out)


def build_settings(loaded: LoadedConfig, overrides: Overrides) -> Settings:
    """Combine a configuration file with the command line; check every rule code against the rules."""
    cfg: FileConfig = loaded.config
    rule_paths = tuple((loaded.root / p).resolve() for p in cfg.rule_paths)
    try:
        priorities = _priority_defs(cfg.priorities)
    except ValueError as exc:
        raise ConfigError(f"{code_line(loaded.path, 'priorities')}: priorities: {exc}") from exc
    settings = Settings(
        source=loaded.path,
        root=loaded.root,
        select=overrides.select
        if overrides.select is not None
        else (tuple(cfg.select) if cfg.select is not None else None),
        ignore=(*cfg.ignore, *overrides.ignore),
        per_file_ignores=tuple((k, tuple(v)) for k, v in cfg.per_file_ignores.items()),
        severity=tuple(cfg.severity.items()),
        fail_on=overrides.fail_on or cfg.fail_on or Severity.ERROR,
        packs=tuple(cfg.packs) if cfg.packs is not None else DEFAULT_PACKS,
        rule_paths=rule_paths,
        priorities=priorities,
        accept=tuple(cfg.vocab.accept),
        reject=tuple(cfg.vocab.reject),
        reference_date=cfg.reference_date,
        plan_year=cfg.plan_year,
        fiscal_year_start=cfg.fiscal_year_start,
        exclude=tuple(cfg.exclude),
    )
    _check_codes(settings, cfg, overrides)
    return settings


def _check_codes(settings: Settings, cfg: FileConfig, overrides: Overrides) -> None:
    try:
        cat = settings.catalog
    except RulePackError as exc:
        if exc.problem.startswith("unknown pack"):
            raise ConfigError(f"{code_line(settings.source, 'packs')}: packs: {exc.problem}") from exc
        raise ConfigError(str(exc)) from exc  # names the rule file and its line
    cat.check_selectors(overrides.select or (), "--select")
    cat.check_selectors(overrides.ignore, "--ignore")
    for key, selectors in (
        ("select", cfg.select or ()),
        ("ignore", cfg.ignore),
        ("severity", tuple(cfg.severity)),
        ("per-file-ignores", tuple(s for v in cfg.per_file_ignores.values() for s in v)),
    ):
        for selector in selectors:
            if not cat.ids((selector,)):
                raise ConfigError(
                    f"{code_line(settings.source, selector)}: {key}: unknown rule code or name "
                    f"'{selector}' (known: {cat.known()})"
                )


class Resolver:
    """Find the settings of each document, reading each configuration file once."""

    def __init__(self, overrides: Overrides, cwd: Path) -> None:
        self.overrides = overrides
        self.cwd = cwd
        self._cache: dict[Path | None, Settings | ConfigError] = {}
        self._found: dict[Path, Path | None] = {}  # folder -> its nearest configuration file

    def for_path(self, path: Path | None) -> Settings:
        """Return the settings for a document (None: standard input); raise ConfigError for a bad config."""
        source = self.overrides.config
        if source is None:
            folder = (path.parent if path is not None else self.cwd).resolve()
            if folder not in self._found:
                self._found[folder] = find_config(folder)
            source = self._found[folder]
        if source not in self._cache:
            try:
                loaded = read_config(source) if source else LoadedConfig(path=None, root=self.cwd, config=FileConfig())
                self._cache[source] = build_settings(loaded, self.overrides)
            except ConfigError as exc:
                self._cache[source] = exc
        result = self._cache[source]
        if isinstance(result, ConfigError):
            raise result
        return result

    def loaded(self) -> list[Settings]:
        """Return the settings of every configuration read so far."""
        return [s for s in self._cache.values() if isinstance(s, Settings)]
