"""Define goalcheck's configuration: one frozen object the Linter receives.

Precedence (for the command line, see `goalcheck.cli`): flags, then `--config FILE`, then the nearest
`goalcheck.toml` or `pyproject.toml [tool.goalcheck]`, then these defaults. Nothing below the Linter
reads files or the environment.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, field_validator

from goalcheck.models import Severity
from goalcheck.rulebook.spec import PriorityDef

if TYPE_CHECKING:
    from goalcheck.rulebook import RuleBook

DEFAULT_PACKS = ("generic", "life-sciences")


class Config(BaseModel):
    """Settings for checking goals.

    Args:
        reference_date: the date relative and partial dates resolve against ("within 90 days",
            "by Q4", "by June"); today when not set.
        fiscal_year_start_month: the month (1-12) the fiscal year starts; "Q1" and "FY25" follow it.
        packs: built-in rule packs to load, in order.
        rule_paths: extra pack folders (an organization's priorities, vocabulary and rules).
        priorities: organizational priorities added to the packs' (a known id replaces the pack's).
        select: rule codes, code prefixes, names or dimensions to run (all default rules when unset).
        ignore: rule codes, prefixes, names or dimensions not to run.
        severity: severity overrides by rule code or name.
        long_horizon_days: a deadline further than this from the reference date wants milestones.
        accept: words and phrases never vague here (an organization's own terms: "best practices").
        reject: words and phrases always vague here, reported as subjective language (CL03).

    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    reference_date: dt.date | None = None
    fiscal_year_start_month: int = Field(default=1, ge=1, le=12)
    packs: tuple[str, ...] = DEFAULT_PACKS
    rule_paths: tuple[Path, ...] = ()
    priorities: tuple[PriorityDef, ...] = ()
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    long_horizon_days: int = Field(default=183, ge=1)
    accept: tuple[str, ...] = ()
    reject: tuple[str, ...] = ()

    @field_validator("severity", mode="before")
    @classmethod
    def _severity_pairs(cls, value: object) -> object:
        # Accept a mapping ({"TI01": "error"}) and keep it hashable as sorted pairs.
        if isinstance(value, dict):
            return tuple(sorted(value.items()))
        return value

    def rulebook(self) -> RuleBook:
        """Return the rules, vocabulary and priorities this configuration loads (packs are cached per process)."""
        from goalcheck.rulebook import load_rulebook

        book = load_rulebook(self.packs, tuple(self.rule_paths)).with_priorities(self.priorities)
        return book.with_vocabulary(accept=self.accept, reject=self.reject)

    def resolved_reference_date(self) -> dt.date:
        """Return the reference date, today when none is configured."""
        return self.reference_date or dt.date.today()
