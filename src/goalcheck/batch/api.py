"""Score goals held in Python objects: an iterable of dicts (streaming) or a pandas DataFrame.

>>> rows = [{"id": 1, "goal": "Improve selling skills."}]
>>> [r["status"] for r in score_records(rows)]
['ok']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from itertools import chain, islice
from typing import Any

from goalcheck.batch.columns import Columns, detect_columns
from goalcheck.batch.extras import require
from goalcheck.batch.pipeline import score_stream
from goalcheck.batch.prepare import DEFAULT_MAX_CHARS
from goalcheck.batch.rows import Record, RowStatus, output_row, result_columns
from goalcheck.batch.scorer import Rewriter
from goalcheck.batch.summary import Summary
from goalcheck.config import Config
from goalcheck.linter import Linter

SAMPLE = 200  # records looked at to detect the goal text column


def score_records(
    records: Iterable[Mapping[str, Any]],
    *,
    text_column: str | None = None,
    id_column: str | None = None,
    owner_column: str | None = None,
    team_column: str | None = None,
    manager_column: str | None = None,
    role_column: str | None = None,
    config: Config | None = None,
    jobs: int = 1,
    rewrite: Rewriter | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    summary: Summary | None = None,
    linter: Linter | None = None,
    record_label: str = "record",
) -> Iterator[dict[str, Any]]:
    """Score a stream of records lazily, yielding one output dict per input record, in order.

    Each output holds the record's own keys (a key goalcheck also writes, such as `score`, is kept as
    `input.score`) followed by `status`, `error`, `score`, `dimension.*`, `facet.*`, `codes`,
    `priorities` and, with a `rewrite` function, `rewrite`. A record whose goal text is empty or not
    text has a non-"ok" status and no score; it is never skipped. The goal column is detected when
    `text_column` is not given. With `summary`, the summary is filled as the stream is consumed.
    With `jobs` > 1, `rewrite` must be picklable (a module-level function). Error messages name a row
    `f"{record_label} {n}"`, n counting from 1 (an engine partition says which partition it is).
    """
    config = config or (linter.config if linter is not None else Config())
    iterator = (_record(r, f"{record_label} {n}") for n, r in enumerate(records, 1))
    sample = list(islice(iterator, SAMPLE))
    keys = list(dict.fromkeys(k for r in sample for k in r.values))
    if sample:
        columns = detect_columns(
            keys,
            sample,
            text=text_column,
            id=id_column,
            owner=owner_column,
            team=team_column,
            manager=manager_column,
            role=role_column,
        )
    else:
        columns = Columns(text=text_column or "")
    if summary is not None:
        book = linter.rulebook if linter is not None else config.rulebook()
        summary.start(columns=columns, priorities=book.priorities, config=config)
    ours = set(result_columns(with_rewrite=rewrite is not None))
    renames: dict[tuple[str, ...], dict[str, str]] = {}
    for row in score_stream(
        chain(sample, iterator),
        text_column=columns.text,
        config=config,
        jobs=jobs,
        rewrite=rewrite,
        max_chars=max_chars,
        linter=linter,
    ):
        if summary is not None:
            summary.add(row)
        names = tuple(row.record.values)
        if names not in renames:
            renames[names] = _renames(names, ours)
        yield output_row(row, names, renames[names], with_rewrite=rewrite is not None)


def score_frame(df: Any, *, text_column: str | None = None, columns: Columns | None = None, **options: Any) -> Any:
    """Score a pandas DataFrame; return a new DataFrame: its columns, then goalcheck's, same index.

    Options are those of `score_records`. Needs the `pandas` extra.
    """
    pd = require("pandas", "pandas")
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"score_frame takes a pandas DataFrame, not {type(df).__name__}")
    if columns is not None:
        options |= {f"{k}_column": v for k, v in vars(columns).items() if k != "text"}
        text_column = text_column or columns.text
    names = [str(c) for c in df.columns]
    records = (
        {n: plain_value(v, pd) for n, v in zip(names, row, strict=True)}
        for row in df.itertuples(index=False, name=None)
    )
    with_rewrite = options.get("rewrite") is not None
    ours = result_columns(with_rewrite=with_rewrite)
    rows = [{c: out[c] for c in ours} for out in score_records(records, text_column=text_column, **options)]
    result = pd.DataFrame(rows, columns=ours, index=df.index)
    result["score"] = result["score"].astype("Int64")
    for column in ours:
        if column.startswith("facet."):
            result[column] = result[column].astype("boolean")
    renames = _renames(names, set(ours))
    original = df.copy()
    original.columns = [renames.get(n, n) for n in names]
    return pd.concat([original, result], axis=1)


def _record(value: object, where: str) -> Record:
    if isinstance(value, Mapping):
        return Record(value, where)
    problem = f"{where}: a mapping was expected, not {type(value).__name__}"
    return Record({}, where, RowStatus.MALFORMED, problem)


def _renames(names: Iterable[str], ours: set[str]) -> dict[str, str]:
    renames = {}
    for name in names:
        new = name
        while new in ours:
            new = f"input.{new}"
        if new != name:
            renames[name] = new
    return renames


def plain_value(value: Any, pd: Any) -> Any:
    """Return a pandas cell value as goalcheck reads it: its missing values (NaN, NA, NaT) become None."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    return None if isinstance(value, float) and value != value else value
