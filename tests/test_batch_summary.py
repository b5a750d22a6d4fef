"""The summary's numbers, checked by hand on a small set, and against the written rows on a larger one."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path

import pytest

import goalcheck
from goalcheck.batch import Columns, RowStatus, Summary, score_file
from goalcheck.batch.rows import DIMENSIONS, FindingBrief, Record, Scored, ScoredRow
from goalcheck.rulebook.spec import PriorityDef

from .batch_data import COPIED, generate
from .test_batch_formats import write_table

PRIORITIES = (
    PriorityDef(id="launch", name="Launch", synonyms=("launch",)),
    PriorityDef(id="access", name="Market access", synonyms=("payer",)),
    PriorityDef(id="safety", name="Safety", synonyms=("pharmacovigilance",)),
)
MET, MISSING = "met", "missing"


def scored(
    score: int, met: set[str], codes: tuple[str, ...], priorities: tuple[str, ...] = (), digest: int = 0
) -> Scored:
    return Scored.of(
        score=score,
        dimensions=tuple(MET if d in met else MISSING for d in DIMENSIONS),
        facets=(False,) * 9,
        findings=tuple(FindingBrief(c, c.lower(), "warning", f"{c} message") for c in codes),
        priorities=priorities,
        digest=digest or score,
        signature=(),
    )


def row(
    n: int, team: str, manager: str, result: Scored | None, status: RowStatus = RowStatus.OK, text: str = "goal"
) -> ScoredRow:
    record = Record({"id": str(n), "team": team, "manager": manager, "goal": text}, f"line {n + 1}")
    return ScoredRow(record, text, status, None if result else f"line {n + 1}: {status.value}", result)


@pytest.fixture
def hand_checked() -> Summary:
    summary = Summary(weakest=2)
    columns = Columns(text="goal", id="id", team="team", manager="manager")
    summary.start(columns=columns, priorities=PRIORITIES)
    rows = [
        row(1, "Onc", "Ann", scored(90, {"strategic", "measurable", "time"}, ("TI04",), ("launch",))),
        row(2, "Onc", "Ann", scored(40, {"time"}, ("ME01", "ST01"))),
        row(3, "Onc", "Bob", None, RowStatus.EMPTY, text=""),
        row(4, "Acc", "Bob", scored(70, {"strategic", "measurable"}, ("ME03", "TI01"), ("access", "launch"))),
        row(5, "Acc", "Bob", scored(20, set(), ("ME01", "ST01", "TI01"))),
        row(6, "Acc", "Bob", scored(20, set(), ("ME01", "ST01", "TI01"), digest=20)),  # a copy of row 5
        row(7, "", "Cy", scored(100, set(DIMENSIONS), (), ("access",))),
    ]
    for r in rows:
        summary.add(r)
    return summary


def test_group_means_shares_and_findings_by_hand(hand_checked: Summary) -> None:
    teams = hand_checked.groups["team"]
    assert sorted(teams) == ["(none)", "Acc", "Onc"]
    assert (teams["Onc"].rows, teams["Onc"].goals, teams["Onc"].mean_score) == (3, 2, 65.0)
    assert (teams["Acc"].rows, teams["Acc"].goals) == (3, 3)
    assert teams["Acc"].mean_score == pytest.approx(110 / 3)
    assert teams["Onc"].met_share()["time"] == 1.0
    assert teams["Onc"].met_share()["strategic"] == 0.5
    assert teams["Acc"].met_share()["measurable"] == pytest.approx(1 / 3)
    assert teams["Acc"].findings.most_common(2) == [("TI01", 3), ("ME01", 2)]
    managers = hand_checked.groups["manager"]
    assert (managers["Bob"].rows, managers["Bob"].goals, managers["Bob"].mean_score) == (4, 3, 110 / 3)
    assert hand_checked.overall.mean_score == pytest.approx(340 / 6)
    assert hand_checked.overall.met_share()["achievable"] == pytest.approx(1 / 6)
    assert hand_checked.statuses == {"ok": 6, "empty": 1}
    assert hand_checked.histogram[20] == 2 and sum(hand_checked.histogram) == 6


def test_priority_coverage_by_hand(hand_checked: Summary) -> None:
    assert hand_checked.priority_totals() == {"launch": 2, "access": 2, "safety": 0}
    assert [p.id for p in hand_checked.uncovered_priorities()] == ["safety"]
    coverage = hand_checked.as_dict()["coverage"]
    assert coverage == {
        "(none)": {"launch": 0, "access": 1, "safety": 0, "(none)": 0},
        "Acc": {"launch": 1, "access": 1, "safety": 0, "(none)": 2},
        "Onc": {"launch": 1, "access": 0, "safety": 0, "(none)": 1},
    }


def test_weakest_goals_are_distinct_lowest_first(hand_checked: Summary) -> None:
    weakest = hand_checked.weakest
    assert [(w.location, w.score, w.copies) for w in weakest] == [("line 6", 20, 1), ("line 3", 40, 0)]
    assert [f.code for f in weakest[0].findings] == ["ME01", "ST01", "TI01"]
    assert weakest[0].labels == {"id": "5", "team": "Acc", "manager": "Bob"}
    assert hand_checked.errors == [("line 4", "empty", "line 4: empty")]


def test_summary_agrees_with_the_written_rows(tmp_path: Path, config: goalcheck.Config) -> None:
    source = write_table(tmp_path / "goals.csv", list(generate(1_500, seed=21)))
    summary = score_file(source, tmp_path / "out.csv", config=config)
    with (tmp_path / "out.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    by_team: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        by_team[r["team"]].append(r)
    assert sorted(summary.groups["team"]) == sorted(by_team)
    for team, team_rows in by_team.items():
        stats = summary.groups["team"][team]
        assert stats.goals == len(team_rows)
        assert stats.mean_score == pytest.approx(sum(int(r["score"]) for r in team_rows) / len(team_rows))
        for d in DIMENSIONS:
            met = sum(r[f"dimension.{d}"] == "met" for r in team_rows) / len(team_rows)
            assert stats.met_share()[d] == pytest.approx(met)
        codes = Counter(c for r in team_rows for c in set(r["codes"].split()))
        assert dict(stats.findings) == dict(codes)
    served = Counter(p for r in rows for p in r["priorities"].split())
    assert summary.priority_totals() == {p.id: served[p.id] for p in summary.priorities}
    assert [p.id for p in summary.uncovered_priorities()] == ["compliance"]
    copied = summary.duplicates.clusters(limit=2)
    assert {c.text for c in copied} == set(COPIED)
    texts = Counter(r["goal"] for r in rows)
    assert [c.exact for c in copied] == [texts[c.text] for c in copied]
