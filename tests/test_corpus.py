"""Run the engine on the whole labeled corpus.

Three layers: (1) a golden snapshot of every goal's facets, finding codes, score, deadline and values,
reviewed as a diff (`pytest --update-golden` rewrites corpus/expected/); (2) the engine against the
human labels: F1 per facet must stay at or above 0.90; (3) the `expect` facts (deadlines, targets,
baselines, directions, milestone counts) the corpus pins per goal.
"""

from __future__ import annotations

import json

import pytest

import goalcheck
from goalcheck.models import FACET_NAMES

from .corpus_data import CORPUS, SETS, Goal, linter_for, load, snapshot

EXPECTED = CORPUS / "expected"


@pytest.fixture(scope="module")
def results() -> dict[str, list[tuple[Goal, goalcheck.GoalResult]]]:
    out = {}
    for name in SETS:
        goals = load(name)
        out[name] = list(zip(goals, linter_for(name).check_many(g.text for g in goals), strict=True))
    return out


@pytest.mark.parametrize("name", list(SETS))
def test_golden(results: dict, name: str, update_golden: bool) -> None:
    actual = [snapshot(goal, result) for goal, result in results[name]]
    path = EXPECTED / f"{name}.jsonl"
    if update_golden:
        path.parent.mkdir(exist_ok=True)
        path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in actual), encoding="utf-8")
    expected = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [row["id"] for row in actual] == [row["id"] for row in expected], "corpus and golden file differ in goals"
    diffs = [(e["id"], e, a) for e, a in zip(expected, actual, strict=True) if e != a]
    assert not diffs, "\n".join(f"{i}:\n  golden {e}\n  actual {a}" for i, e, a in diffs[:20])


def _f1(pairs: list[tuple[bool, bool]]) -> float:
    tp = sum(g and p for g, p in pairs)
    fp = sum(p and not g for g, p in pairs)
    fn = sum(g and not p for g, p in pairs)
    return 1.0 if tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn)


@pytest.mark.parametrize("facet", FACET_NAMES)
def test_facet_f1_against_labels(results: dict, facet: str) -> None:
    pairs = [(bool(g.row[facet]), getattr(r.facets, facet)) for name in SETS for g, r in results[name]]
    assert _f1(pairs) >= 0.90, f"{facet}: F1 {_f1(pairs):.2f} on the corpus"


def test_deadlines_resolve_exactly(results: dict) -> None:
    wrong = [
        (g.id, g.row["expect"]["deadline_end"], r.deadline and r.deadline.end.isoformat())
        for name in SETS
        for g, r in results[name]
        if "deadline_end" in g.row.get("expect", {})
        and (r.deadline is None or r.deadline.end.isoformat() != g.row["expect"]["deadline_end"])
    ]
    assert not wrong


def test_expected_values(results: dict) -> None:
    """Targets, baselines, directions and milestone counts agree on at least 95% of the goals that pin them."""
    checked, wrong = 0, []
    for name in SETS:
        for g, r in results[name]:
            expect = g.row.get("expect", {})
            primary = r.primary_metric
            checks = {
                "target": lambda v, p=primary: (
                    p is not None and p.target is not None and abs(p.target.value - v) < 1e-6
                ),
                "baseline": lambda v, p=primary: (
                    p is not None and p.baseline is not None and abs(p.baseline.value - v) < 1e-6
                ),
                "direction": lambda v, r=r: any(m.direction == v for m in r.metrics),
                "milestone_count": lambda v, r=r: len(r.milestones) == v,
            }
            for key, ok in checks.items():
                if key in expect:
                    checked += 1
                    if not ok(expect[key]):
                        wrong.append((g.id, key, expect[key]))
    assert checked > 200
    assert len(wrong) / checked <= 0.05, wrong
