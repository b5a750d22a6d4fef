"""A goal text met again in a batch is checked once, and each copy gets the row a fresh check gives it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import goalcheck
from goalcheck.batch import score_records
from goalcheck.batch.scorer import ChunkScorer

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
    config: goalcheck.Config, linter: goalcheck.Linter
) -> None:
    rows = list(generate(700, seed=5, copies=0.1))  # copied goals, and short weak goals written alike
    texts = [r["goal"] for r in rows]
    assert len(set(texts)) < len(texts) - 50
    counting = Counting(config)
    scored = list(score_records(rows, config=config, linter=counting))  # three chunks of 256
    assert sorted(counting.checked) == sorted(set(texts))
    alone = {t: _ours(next(score_records([{"goal": t}], config=config, linter=linter))) for t in set(texts)}
    assert [_ours(row) for row in scored] == [alone[t] for t in texts]


def test_an_overflow_keeps_the_texts_met_again_and_forgets_the_rest(config: goalcheck.Config) -> None:
    counting = Counting(config)
    scorer = ChunkScorer(counting)
    scorer.COPIES_LIMIT = 4
    popular, a, b, c, d = (
        "Improve selling skills.",
        "Grow revenue by 5% by Q3 2025.",
        "Enhance product knowledge.",
        "Reach 90% call quality by Q4 2025.",
        "Work on territory planning.",
    )
    first = scorer([popular, a, b, popular])
    assert first[0] is first[3]  # one result, shared by the copies in a chunk
    scorer([popular, c, d])  # popular met again; five texts overflow the limit of four
    again = scorer([popular, a])
    assert counting.checked == [popular, a, b, c, d, a]  # popular kept, a forgotten and checked anew
    assert again[0] is first[0]


def test_a_failing_text_is_reported_at_every_copy_and_never_kept(config: goalcheck.Config) -> None:
    class Failing(Counting):
        def check_many(self, texts: Iterable[str], *, batch_size: int = 256) -> Iterator[goalcheck.GoalResult]:
            texts = list(texts)
            self.checked += texts
            for text in texts:
                if text == "boom":
                    raise ValueError("cannot parse this goal")
                yield self.check(text)

        def check(self, text: str) -> goalcheck.GoalResult:
            if text == "boom":
                raise ValueError("cannot parse this goal")
            return super().check(text)

    scorer = ChunkScorer(Failing(config))
    out = scorer(["boom", "Improve sales.", "boom"])
    assert out[0] == out[2] == "linter failed: ValueError: cannot parse this goal"
    assert scorer(["boom"]) == [out[0]]
    assert scorer._copies.keys() == {"Improve sales."}
