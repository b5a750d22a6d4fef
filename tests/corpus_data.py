"""Load the labeled corpus and summarize engine results the way the golden files store them."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import goalcheck
from goalcheck.models import FACET_NAMES

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
# Each corpus file and the fiscal-year start its dates assume (reference date 2025-01-15 for all).
SETS = {"seed": 1, "goals": 1, "fiscal": 4}
REFERENCE = dt.date(2025, 1, 15)


@dataclass(frozen=True)
class Goal:
    set: str
    row: dict

    @property
    def id(self) -> str:
        return self.row["id"]

    @property
    def text(self) -> str:
        return self.row["text"]


def load(name: str) -> list[Goal]:
    path = CORPUS / f"{name}.jsonl"
    return [Goal(name, json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def linter_for(name: str) -> goalcheck.Linter:
    return goalcheck.Linter(goalcheck.Config(reference_date=REFERENCE, fiscal_year_start_month=SETS[name]))


def snapshot(goal: Goal, result: goalcheck.GoalResult) -> dict:
    """The part of a result the golden file pins: facets, finding codes, score, dates and values."""
    primary = result.primary_metric
    return {
        "id": goal.id,
        "facets": "".join("1" if getattr(result.facets, f) else "0" for f in FACET_NAMES),
        "codes": [f.code for f in result.findings],
        "score": result.score,
        "deadline": result.deadline.end.isoformat() if result.deadline else None,
        "target": primary.target.value if primary and primary.target else None,
        "baseline": primary.baseline.value if primary and primary.baseline else None,
    }
