"""A goal text met again in a batch is checked once, and each copy gets the row a fresh check gives it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pytest

import goalcheck
from goalcheck.batch import pipeline, score_records
from goalcheck.batch.copies import Copies
from goalcheck.batch.pipeline import score_stream
from goalcheck.batch.rows import Record, RowStatus, Scored

from .batch_data import generate


class Counting(goalcheck.Linter):
    """A Linter that records every text it is asked to check."""

    def __init__(self, config: goalcheck.Config) -> None:
        super().__init__(config)
        self.checked: list[str] = []

    def check_many(self, texts: Iterable[str], *, batch_size: int = 256) -> Iterator[goalcheck.GoalResult]:
        texts = list(texts)
        self.checked += texts
        return super().check_many(texts, batch_size=batch_size)


def _ours(row: dict) -> dict:
    return {k: v for k, v in row.items() if k not in ("goal", "goal_id", "owner", "team", "manager", "role")}


def test_each_text_is_checked_once_and_every_copy_scores_as_if_alone(
    config: goalcheck.Config, linter: goalcheck.Linter, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = list(generate(700, seed=5, copies=0.1))  # copied goals, and short weak goals written alike
    texts = [r["goal"] for r in rows]
    assert len(set(texts)) < len(texts) - 50
    counting = Counting(config)
    monkeypatch.setitem(pipeline.score_stream.__kwdefaults__, "chunk_size", 256)
    scored = list(score_records(rows, config=config, linter=counting))  # three chunks of 256
    assert sorted(counting.checked) == sorted(set(texts))
    alone = {t: _ours(next(score_records([{"goal": t}], config=config, linter=linter))) for t in set(texts)}
    assert [_ours(row) for row in scored] == [alone[t] for t in texts]


def _scored(score: int) -> Scored:
    return Scored.of(score, (), (), (), (), 0, ())


def test_an_overflow_keeps_the_texts_met_again_and_forgets_the_rest() -> None:
    copies = Copies()
    copies.LIMIT = 4
    popular, a, b, c, d = "popular", "a", "b", "c", "d"
    slots, send = copies.plan([popular, a, b, popular])
    assert send == [popular, a, b] and slots == [None] * 4  # a copy in the same chunk is sent once
    copies.fill(send, [_scored(1), _scored(2), _scored(3)])
    assert slots[0] is slots[3] and [s.score for s in slots] == [1, 2, 3, 1]
    slots, send = copies.plan([popular, c, d])  # popular met again; five texts overflow the limit of four
    assert send == [c, d] and slots[0].score == 1
    copies.fill(send, [_scored(4), _scored(5)])
    slots, send = copies.plan([popular, a])
    assert send == [a] and slots[0].score == 1  # popular kept, a forgotten and sent anew


def test_a_text_out_being_scored_is_not_sent_again_and_its_copies_wait_for_it() -> None:
    copies = Copies()
    first, send_first = copies.plan(["x", "y"])
    later, send_later = copies.plan(["y", "z", "x"])  # planned before the first chunk's results arrive
    assert send_first == ["x", "y"] and send_later == ["z"]
    copies.fill(send_first, [_scored(1), "linter failed: ValueError: no"])
    assert later == [first[1], None, first[0]] and later[0] == "linter failed: ValueError: no"
    copies.fill(send_later, [_scored(3)])
    assert [getattr(s, "score", s) for s in later] == ["linter failed: ValueError: no", 3, 1]
    again, send = copies.plan(["x", "y"])
    assert send == ["y"] and again[0] is first[0]  # the failure was not kept: y goes out again


def test_a_failing_text_is_reported_at_every_copy_and_checked_again_later(config: goalcheck.Config) -> None:
    class Failing(Counting):
        def check_many(self, texts: Iterable[str], *, batch_size: int = 256) -> Iterator[goalcheck.GoalResult]:
            texts = list(texts)
            self.checked += texts
            return map(self.check, texts)

        def check(self, text: str) -> goalcheck.GoalResult:
            if text == "boom":
                raise ValueError("cannot parse this goal")
            return super().check(text)

    linter = Failing(config)
    goals = ["boom", "Improve sales.", "boom", "Improve sales.", "boom"]
    records = (Record({"goal": g}, f"row {n}") for n, g in enumerate(goals, 1))
    out = list(score_stream(records, text_column="goal", config=config, linter=linter, chunk_size=3))
    assert [r.status for r in out] == [RowStatus.ENGINE_ERROR, RowStatus.OK] * 2 + [RowStatus.ENGINE_ERROR]
    assert [r.error for r in out if r.error] == [
        f"row {n}: linter failed: ValueError: cannot parse this goal" for n in (1, 3, 5)
    ]
    assert linter.checked == ["boom", "Improve sales.", "boom"]  # once a chunk: a failure is never kept
