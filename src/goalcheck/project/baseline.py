"""Adopt goalcheck on an existing goal set: record today's findings, then report only new ones.

A baseline entry is keyed on (path, rule code, normalized goal text), never on line numbers, so
adding a goal above an old one does not resurface the old one's findings; editing a goal's text does.
Each key keeps a count: a second identical finding on the same goal text is new.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from goalcheck.errors import InputError
from goalcheck.report.models import RunReport

BASELINE_VERSION = 1


class Entry(BaseModel):
    """Findings of one rule on one goal text in one file."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    path: str
    code: str
    goal: str
    count: int = 1


class Baseline(BaseModel):
    """The baseline file."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    schema_version: int = BASELINE_VERSION
    entries: tuple[Entry, ...] = ()


def normalize(text: str | None) -> str:
    """Fold case and whitespace so trivial reformatting keeps a goal's identity."""
    return " ".join((text or "").lower().split())


def _keys(report: RunReport) -> Counter[tuple[str, str, str]]:
    return Counter((f.path, d.code, normalize(g.text)) for f in report.files for g in f.goals for d in g.findings)


def write_baseline(report: RunReport, path: Path) -> int:
    """Write the run's findings as a baseline; return how many findings it records."""
    keys = _keys(report)
    entries = tuple(Entry(path=p, code=c, goal=g, count=n) for (p, c, g), n in sorted(keys.items()))
    path.write_text(Baseline(entries=entries).model_dump_json(indent=2) + "\n", encoding="utf-8")
    return sum(keys.values())


def read_baseline(path: Path) -> Baseline:
    """Read a baseline file; a missing or malformed one is an InputError."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Baseline.model_validate(data)
    except OSError as exc:
        raise InputError(path, None, f"cannot read baseline: {exc.strerror or exc}") from exc
    except json.JSONDecodeError as exc:
        raise InputError(path, exc.lineno, f"invalid baseline JSON: {exc.msg}") from exc
    except (ValidationError, UnicodeDecodeError) as exc:
        raise InputError(path, None, f"not a goalcheck baseline: {str(exc).splitlines()[0]}") from exc


def apply_baseline(report: RunReport, baseline: Baseline) -> RunReport:
    """Drop the findings the baseline records (up to its count per key)."""
    budget = Counter({(e.path, e.code, e.goal): e.count for e in baseline.entries})
    files = []
    for file in report.files:
        goals = []
        for goal in file.goals:
            kept = []
            for d in goal.findings:
                key = (file.path, d.code, normalize(goal.text))
                if budget[key] > 0:
                    budget[key] -= 1
                else:
                    kept.append(d)
            goals.append(goal.model_copy(update={"findings": tuple(kept)}))
        files.append(file.model_copy(update={"goals": tuple(goals)}))
    return report.model_copy(update={"files": tuple(files)})
