"""Aggregate scored rows as they stream by: per-group quality, priority coverage, weakest goals.

A `Summary` keeps counters, never rows: per team, manager and role the number of goals, the score
sum, how many meet each dimension and how often each finding occurs; a goals x priority x team
coverage matrix; a score histogram; a bounded heap of the weakest goals; near-duplicate clusters.
Its memory grows with the number of distinct groups, not with the number of rows.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from goalcheck.batch.columns import Columns
from goalcheck.batch.duplicates import NearDuplicates
from goalcheck.batch.rows import DIMENSIONS, FindingBrief, Scored, ScoredRow
from goalcheck.config import Config
from goalcheck.rulebook.spec import PriorityDef

NO_VALUE = "(none)"
ALL = "(all)"
ERROR_EXAMPLES = 20


@dataclass
class GroupStats:
    """Counters for one group of goals (a team, a manager, a role, or all goals)."""

    rows: int = 0
    goals: int = 0
    score_sum: int = 0
    findings: Counter[str] = field(default_factory=Counter)
    # Goals per pattern of met flags (at most 2**7 patterns): a count a row, where a sum a dimension cost more.
    patterns: dict[tuple[bool, ...], int] = field(default_factory=dict)

    def add(self, scored: Scored | None, met: tuple[bool, ...] = (), codes: Sequence[str] = ()) -> None:
        """Count one row: a scored one with its met flags (one per dimension) and distinct finding codes."""
        self.rows += 1
        if scored is None:
            return
        self.goals += 1
        self.score_sum += scored.score
        patterns = self.patterns
        patterns[met] = patterns.get(met, 0) + 1
        findings = self.findings
        for code in codes:  # not Counter.update: its Mapping test alone costs more than a goal's few codes
            findings[code] += 1

    @property
    def met(self) -> list[int]:
        """Return, per dimension in DIMENSIONS order, how many scored goals meet it."""
        totals = [0] * len(DIMENSIONS)
        for pattern, goals in self.patterns.items():
            totals = [total + goals * flag for total, flag in zip(totals, pattern, strict=True)]
        return totals

    @property
    def mean_score(self) -> float | None:
        """Return the mean score of the scored goals, None when there are none."""
        return self.score_sum / self.goals if self.goals else None

    def met_share(self) -> dict[str, float | None]:
        """Return, per dimension, the share of scored goals that meet it."""
        goals = self.goals
        return {d: (m / goals if goals else None) for d, m in zip(DIMENSIONS, self.met, strict=True)}

    def as_dict(self, top: int = 3) -> dict[str, Any]:
        """Return the counters as plain data."""
        return {
            "rows": self.rows,
            "goals": self.goals,
            "mean_score": self.mean_score,
            "met_share": self.met_share(),
            "top_findings": self.findings.most_common(top),
        }


@dataclass
class WeakGoal:
    """One of the lowest-scoring distinct goals, with what the report shows about it."""

    location: str
    score: int
    text: str
    findings: tuple[FindingBrief, ...]
    rewrite: str | None
    labels: dict[str, str]  # id, owner, team... as present
    digest: int
    copies: int = 0  # later rows with the same normalized text, while this goal was among the weakest


class Summary:
    """Accumulate the summary of a stream of scored rows; call `start` once, then `add` per row."""

    def __init__(self, *, weakest: int = 25, duplicates: NearDuplicates | None = None) -> None:
        self.columns: Columns | None = None
        self.priorities: tuple[PriorityDef, ...] = ()
        self.source: str | None = None
        self.reference_date: dt.date | None = None
        self.config: Config | None = None
        self.overall = GroupStats()
        self.groups: dict[str, dict[str, GroupStats]] = {}
        self.statuses: Counter[str] = Counter()
        self.histogram = [0] * 101
        self.coverage: dict[str, Counter[str]] = {}
        self.finding_names: dict[str, str] = {}
        self.errors: list[tuple[str, str, str]] = []
        self.notes: list[str] = []  # what the output could not hold, said once (e.g. a late JSON Lines key)
        self.duplicates = duplicates or NearDuplicates()
        self._weakest_size = weakest
        self._weakest: list[tuple[int, int, WeakGoal]] = []
        self._weak_digests: dict[int, WeakGoal] = {}
        self._seq = 0
        self._label_columns: list[tuple[str, str]] = []  # (kind, input column) of the labels a row carries

    def start(
        self,
        *,
        columns: Columns,
        priorities: Sequence[PriorityDef],
        source: str | None = None,
        config: Config | None = None,
    ) -> None:
        """Say which columns group the rows and which organizational priorities are configured.

        `config` is the configuration the rows are scored with: its reference date is reported, and
        `fill_rewrites` rewrites with it.
        """
        self.columns = columns
        self.priorities = tuple(priorities)
        self.source = source
        self.config = config
        self.reference_date = config.resolved_reference_date() if config is not None else None
        self.groups = {kind: {} for kind in columns.grouping()}
        kinds = ("id", "owner", "team", "manager", "role")
        self._label_columns = [(kind, column) for kind in kinds if (column := getattr(columns, kind)) is not None]

    def add(self, row: ScoredRow) -> None:
        """Count one scored row."""
        if self.columns is None:
            raise RuntimeError("Summary.start must be called before Summary.add")
        self._seq += 1
        self.statuses[row.status.value] += 1
        scored = row.scored
        met = scored.met if scored is not None else ()
        codes = scored.codes if scored is not None else ()
        self.overall.add(scored, met, codes)
        labels = self._labels(row)
        for kind, groups in self.groups.items():
            stats = groups.get(labels[kind])
            if stats is None:
                stats = groups[labels[kind]] = GroupStats()
            stats.add(scored, met, codes)
        if row.scored is None:
            if len(self.errors) < ERROR_EXAMPLES:
                self.errors.append((row.record.location, row.status.value, row.error or ""))
            return
        self._add_scored(row, row.scored, labels)

    def _add_scored(self, row: ScoredRow, scored: Scored, labels: dict[str, str]) -> None:
        self.histogram[scored.score] += 1
        team = labels.get("team", ALL)
        served = self.coverage.get(team)
        if served is None:  # not setdefault: that builds a Counter a row
            served = self.coverage[team] = Counter()
        for priority in scored.priorities or (NO_VALUE,):  # not Counter.update, as in GroupStats.add
            served[priority] += 1
        names = self.finding_names
        for finding in scored.findings:
            if finding.code not in names:
                names[finding.code] = finding.name
        self.duplicates.add(
            row.text or "",
            scored.digest,
            scored.signature,
            row.record.location,
            bands=scored.bands or None,
            owner=labels.get("owner"),
            team=labels.get("team"),
        )
        self._add_weak(row, scored, labels)

    def _add_weak(self, row: ScoredRow, scored: Scored, labels: dict[str, str]) -> None:
        # Keep the lowest-scoring distinct goals: a copy of a goal already kept only counts as a copy.
        kept = self._weak_digests.get(scored.digest)
        if kept is not None:
            kept.copies += 1
            return
        key = (-scored.score, -self._seq)
        full = len(self._weakest) >= self._weakest_size
        if full and (not self._weakest or key <= self._weakest[0][:2]):
            return  # no weaker than the strongest goal kept (and later): most rows stop here
        goal = WeakGoal(
            row.record.location,
            scored.score,
            (row.text or "")[:1000],
            scored.findings,
            scored.rewrite,
            labels,
            scored.digest,
        )
        entry = (*key, goal)
        if full:
            evicted = heapq.heapreplace(self._weakest, entry)[2]
            del self._weak_digests[evicted.digest]
        else:
            heapq.heappush(self._weakest, entry)
        self._weak_digests[scored.digest] = goal

    def _labels(self, row: ScoredRow) -> dict[str, str]:
        labels = {}
        values = row.record.values
        for kind, column in self._label_columns:
            value = values.get(column)
            text = "" if value is None else str(value).strip()
            labels[kind] = text or NO_VALUE
        return labels

    @property
    def weakest(self) -> list[WeakGoal]:
        """Return the weakest distinct goals, lowest score first, earlier rows first among equals."""
        return [goal for _, _, goal in sorted(self._weakest, reverse=True)]

    def fill_rewrites(self) -> None:
        """Give each weakest goal that has no rewrite one in placeholders mode (nothing invented).

        Scoring without `--rewrite` leaves them empty; the report shows a rewrite beside every weakest goal,
        and a few dozen rewrites cost next to nothing beside the run.
        """
        missing = [w for w in self.weakest if w.rewrite is None and w.text.strip()]
        if not missing:
            return
        from goalcheck.rewrite.rewriter import rewriter

        rewrite = rewriter(self.config or Config()).rewrite
        for goal in missing:
            goal.rewrite = rewrite(goal.text, "placeholders").text

    def priority_totals(self) -> dict[str, int]:
        """Return the number of goals serving each configured priority, in configuration order."""
        totals = Counter[str]()
        for served in self.coverage.values():
            totals.update(served)
        return {p.id: totals[p.id] for p in self.priorities}

    def uncovered_priorities(self) -> list[PriorityDef]:
        """Return the configured priorities that no goal serves."""
        totals = self.priority_totals()
        return [p for p in self.priorities if totals[p.id] == 0]

    def as_dict(self) -> dict[str, Any]:
        """Return the whole summary as plain, JSON-serializable data."""
        return {
            "source": self.source,
            "reference_date": self.reference_date.isoformat() if self.reference_date else None,
            "columns": vars(self.columns) if self.columns else None,
            "rows": self.overall.rows,
            "statuses": dict(self.statuses),
            "overall": self.overall.as_dict(top=10),
            "groups": {
                kind: {name: s.as_dict() for name, s in sorted(groups.items())} for kind, groups in self.groups.items()
            },
            "priorities": [{"id": p.id, "name": p.name} for p in self.priorities],
            "coverage": {
                team: {p.id: served[p.id] for p in self.priorities} | {NO_VALUE: served[NO_VALUE]}
                for team, served in sorted(self.coverage.items())
            },
            "uncovered_priorities": [p.id for p in self.uncovered_priorities()],
            "duplicates": [c.as_dict() for c in self.duplicates.clusters()],
            "weakest": [
                {
                    "location": w.location,
                    "score": w.score,
                    "text": w.text,
                    "labels": w.labels,
                    "codes": [f.code for f in w.findings],
                    "rewrite": w.rewrite,
                    "copies": w.copies,
                }
                for w in self.weakest
            ],
            "errors": [{"location": loc, "status": st, "error": err} for loc, st, err in self.errors],
            "notes": list(self.notes),
        }
