"""Several processes give the same rows, in the same order, as one; the stream stays lazy."""

from __future__ import annotations

import itertools
import multiprocessing
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import goalcheck
from goalcheck.batch import pipeline, score_file, score_records
from goalcheck.batch.pipeline import CHUNK_SIZE, resolve_jobs, score_stream
from goalcheck.batch.rows import Record
from goalcheck.errors import GoalcheckError

from .batch_data import generate
from .test_batch_formats import write_table


def shout(result: goalcheck.GoalResult) -> str | None:
    """A stand-in rewriter (module level, so worker processes can import it)."""
    return None if result.score >= 90 else result.text.upper()


def mixed_rows(n: int) -> list[dict[str, str]]:
    rows = list(generate(n, seed=11))
    for index in range(0, n, 97):  # malformed rows scattered across chunk boundaries
        rows[index] = {**rows[index], "goal": ["", "\x00\x01\x02", "x" * 6_000][index % 3]}
    return rows


@pytest.fixture(scope="module")
def rows_one_process(config: goalcheck.Config) -> list[dict]:
    return list(score_records(mixed_rows(1_300), config=config, jobs=1, rewrite=shout))


def test_two_processes_equal_one_row_for_row(config: goalcheck.Config, rows_one_process: list[dict]) -> None:
    two = list(score_records(mixed_rows(1_300), config=config, jobs=2, rewrite=shout))
    assert len(two) == len(rows_one_process) == 1_300
    for one_row, two_row in zip(rows_one_process, two, strict=True):
        assert one_row == two_row
    assert {r["status"] for r in two} == {"ok", "empty", "binary", "too-long"}
    assert any(r["rewrite"] for r in two) and any(r["rewrite"] is None for r in two if r["status"] == "ok")


def test_file_scoring_with_two_jobs_writes_the_same_file(tmp_path: Path, config: goalcheck.Config) -> None:
    source = write_table(tmp_path / "goals.csv", mixed_rows(700))
    one = score_file(source, tmp_path / "one.csv", config=config, jobs=1)
    two = score_file(source, tmp_path / "two.csv", config=config, jobs=2)
    assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "two.csv").read_bytes()
    assert one.as_dict() == two.as_dict()


def test_workers_are_spawned_where_there_is_no_fork_server(
    monkeypatch: pytest.MonkeyPatch, config: goalcheck.Config
) -> None:
    one = list(score_records(mixed_rows(300), config=config, jobs=1, rewrite=shout))
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert pipeline._start_method().get_start_method() == "spawn"
    assert list(score_records(mixed_rows(300), config=config, jobs=2, rewrite=shout)) == one


def test_workers_fork_from_this_process_only_while_no_other_thread_runs(config: goalcheck.Config) -> None:
    # Linux forks from this process; elsewhere (macOS, Windows) the fork server or spawn, threads or not.
    server = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    one = list(score_records(mixed_rows(300), config=config, jobs=1, rewrite=shout))
    assert threading.active_count() == 1
    assert pipeline._start_method().get_start_method() == ("fork" if sys.platform == "linux" else server)
    assert list(score_records(mixed_rows(300), config=config, jobs=2, rewrite=shout)) == one
    # Another thread (a server's, a progress bar's) could hold a lock at the fork: a fork server starts the workers.
    release = threading.Event()
    waiting = threading.Thread(target=release.wait)
    waiting.start()
    try:
        assert pipeline._start_method().get_start_method() == server
        assert list(score_records(mixed_rows(300), config=config, jobs=2, rewrite=shout)) == one
    finally:
        release.set()
        waiting.join()


def endless() -> Iterator[Record]:
    for n in itertools.count(1):
        yield Record({"goal": f"Increase NBRx by {n % 50}% by Q3 2025."}, f"record {n}")


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_stream_is_lazy_and_bounded(config: goalcheck.Config, jobs: int) -> None:
    # An endless input must still produce its first rows: nothing reads ahead without bound.
    first = list(
        itertools.islice(score_stream(endless(), text_column="goal", config=config, jobs=jobs), 3 * CHUNK_SIZE)
    )
    assert [r.record.location for r in first] == [f"record {n}" for n in range(1, 3 * CHUNK_SIZE + 1)]


def test_jobs_zero_means_one_per_cpu_and_negative_is_an_error() -> None:
    assert resolve_jobs(0) >= 1
    assert resolve_jobs(3) == 3
    with pytest.raises(GoalcheckError, match="--jobs must be 0"):
        resolve_jobs(-1)
