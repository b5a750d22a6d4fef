"""`score_frame` for pandas users, and the message when the pandas extra is missing."""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd
import pytest

import goalcheck
from goalcheck.batch import MissingDependencyError, score_frame
from goalcheck.batch.rows import result_columns

GOAL = "Increase formulary access from 40% to 55% by Q4 2025 through monthly payer presentations."


def test_frame_keeps_index_columns_and_order(config: goalcheck.Config) -> None:
    df = pd.DataFrame(
        {"Goal": [GOAL, None, np.nan, "Improve sales.", 7], "score": [1, 2, 3, 4, 5]},
        index=pd.Index(["a", "b", "c", "d", "e"], name="key"),
    )
    out = score_frame(df, config=config)
    assert list(out.index) == ["a", "b", "c", "d", "e"] and out.index.name == "key"
    assert list(out.columns) == ["Goal", "input.score", *result_columns(with_rewrite=False)]
    assert list(out["input.score"]) == [1, 2, 3, 4, 5]
    assert list(out["status"]) == ["ok", "empty", "empty", "ok", "not-text"]
    assert out["score"].dtype == "Int64" and out["score"].isna().tolist() == [False, True, True, False, True]
    assert out["facet.deadline"].dtype == "boolean"
    assert out.loc["a", "score"] == goalcheck.Linter(config).check(GOAL).score
    assert df.columns.tolist() == ["Goal", "score"], "the caller's frame is not modified"


def test_frame_with_a_rewriter_and_explicit_column(config: goalcheck.Config) -> None:
    df = pd.DataFrame({"text": ["Improve sales.", GOAL], "team": ["A", "B"]})
    out = score_frame(
        df, text_column="text", config=config, rewrite=lambda r: f"{r.text} (rewritten)" if r.score < 50 else None
    )
    assert out["rewrite"].iloc[0] == "Improve sales. (rewritten)"
    assert out["rewrite"].isna().tolist() == [False, True]  # pandas' missing value for text columns


def test_missing_pandas_gives_an_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(
        MissingDependencyError,
        match=r"goalcheck.score_frame needs pandas: "
        r"pip install 'goalcheck\[pandas\]'",
    ):
        score_frame(object())
    with pytest.raises(ImportError):  # still an ImportError for code that catches those
        score_frame(object())
