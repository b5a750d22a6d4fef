"""Run records through the linter in chunks, in one process or many, keeping input order.

Memory stays bounded: records are pulled lazily, and at most `jobs * 4` chunks are in flight
(`ProcessPoolExecutor.map` would read the whole input ahead, so submission is windowed by hand).
Only texts not met before go out to be scored (`Copies`): a copied goal is checked once in the run.

Workers start the cheapest way that is safe (`_start_method`):
- On Linux, when no other Python thread runs (a server's, say), this process builds one Linter and
  forks the workers at once: they start with its imports and its Linter. (A fork copies only the
  forking thread: a lock another thread held at that moment would stay held in the worker for good.)
- Else from a fork server (Linux, macOS), a fresh process that imports goalcheck once
  (`set_forkserver_preload`); each worker builds its own Linter from the configuration.
- Else (Windows) spawned, each worker importing goalcheck and building its Linter.
At 100k goals, --jobs 2: the fork server ran 6,361 -> 6,674 goals/s against spawned workers (three
alternating runs each), and forking this process 9,642/9,851/9,161 -> 10,053/10,153/9,706 against the
fork server (on a faster machine).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import warnings
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from goalcheck.batch.copies import Copies, Slots
from goalcheck.batch.prepare import DEFAULT_MAX_CHARS, goal_text
from goalcheck.batch.rows import Record, RowStatus, Scored, ScoredRow
from goalcheck.batch.scorer import ChunkScorer, Rewriter, adopt_worker, init_worker, score_in_worker
from goalcheck.config import Config
from goalcheck.errors import GoalcheckError
from goalcheck.linter import FewerCollections, Linter

# Rows a chunk. Fewer, larger chunks share more per-chunk work (a pickled message each way, a spaCy batch, a
# numpy pass of fingerprints, the findings pickled once a chunk): at 100k goals, 256 -> 1024 rows ran --jobs 2
# 7,344 -> 7,775-7,891 goals/s and --jobs 1 3,962-4,044 -> 4,075-4,198 (one process, runs in turn).
CHUNK_SIZE = 1024
OLD_THRESHOLD = 100  # middle-generation collections between full ones while a batch is scored (default 10)
_IN_FLIGHT_PER_JOB = 4

Prepared = list[tuple[Record, str | None, RowStatus, str | None]]


def resolve_jobs(jobs: int) -> int:
    """Return the number of processes to use; 0 means one per CPU."""
    if jobs < 0:
        raise GoalcheckError(f"--jobs must be 0 (all CPUs) or a positive number, not {jobs}")
    return jobs or os.cpu_count() or 1


def score_stream(
    records: Iterable[Record],
    *,
    text_column: str,
    config: Config,
    jobs: int = 1,
    rewrite: Rewriter | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    linter: Linter | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[ScoredRow]:
    """Yield one `ScoredRow` per record, in input order, whatever the number of processes."""
    chunks = (_prepare(chunk, text_column, max_chars) for chunk in _chunked(records, chunk_size))
    jobs = resolve_jobs(jobs)
    copies = Copies()
    # Young collections at the checking pace, and full ones rarely, until the stream ends or is closed: this
    # process holds the run's copies, and its caller the summary (see FewerCollections).
    with FewerCollections(old=OLD_THRESHOLD):
        if jobs == 1:
            scorer = ChunkScorer(linter or Linter(config), rewrite)
            for prepared in chunks:
                slots, send = copies.plan(_texts(prepared))
                copies.fill(send, scorer(send))
                yield from _merge(prepared, slots)
            return
        yield from _parallel(chunks, copies, jobs, config, rewrite)


def _parallel(
    chunks: Iterator[Prepared], copies: Copies, jobs: int, config: Config, rewrite: Rewriter | None
) -> Iterator[ScoredRow]:
    pool = _pool(jobs, config, rewrite)
    pending: deque[tuple[Prepared, Slots, list[str], Future[list[Scored | str]] | None]] = deque()
    try:
        for prepared in chunks:
            slots, send = copies.plan(_texts(prepared))
            pending.append((prepared, slots, send, pool.submit(score_in_worker, send) if send else None))
            if len(pending) >= jobs * _IN_FLIGHT_PER_JOB:
                yield from _collect(copies, *pending.popleft())
        while pending:
            yield from _collect(copies, *pending.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _pool(jobs: int, config: Config, rewrite: Rewriter | None) -> ProcessPoolExecutor:
    context = _start_method()
    if context.get_start_method() != "fork":
        data = config.model_dump(mode="json")
        return ProcessPoolExecutor(jobs, mp_context=context, initializer=init_worker, initargs=(data, rewrite))
    scorer = ChunkScorer(Linter(config), rewrite)  # inherited by the forked workers, never pickled
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=adopt_worker, initargs=(scorer,))
    with warnings.catch_warnings():
        # Python 3.12+ warns of a fork while any other OS thread runs. No other Python thread does (checked);
        # a library's native threads (numpy's BLAS pool) have their own at-fork handlers, and the workers run
        # goalcheck's code only.
        warnings.filterwarnings("ignore", r"This process .* is multi-threaded", DeprecationWarning)
        pool.submit(int)  # forks every worker now, while this is still the only Python thread
    return pool


def _start_method() -> multiprocessing.context.BaseContext:
    """Return fork, a fork server or spawn, the first that is safe here (see the module's docstring).

    The fork server's preload is the process's setting; a server started earlier keeps its own, and its
    workers then import goalcheck themselves.
    """
    methods = multiprocessing.get_all_start_methods()
    if sys.platform == "linux" and "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" not in methods:
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["goalcheck.batch.scorer"])
    return context


def _collect(
    copies: Copies, prepared: Prepared, slots: Slots, sent: list[str], future: Future[list[Scored | str]] | None
) -> Iterator[ScoredRow]:
    if future is not None:
        try:
            copies.fill(sent, future.result())
        except BrokenProcessPool as exc:
            raise GoalcheckError(f"a worker process died ({exc}); try fewer --jobs or more memory") from exc
    yield from _merge(prepared, slots)


def _chunked(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    iterator = iter(records)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _prepare(chunk: Sequence[Record], column: str, max_chars: int) -> Prepared:
    return [(record, *goal_text(record, column, max_chars)) for record in chunk]


def _texts(prepared: Prepared) -> list[str]:
    return [text for _, text, status, _ in prepared if status is RowStatus.OK and text is not None]


def _merge(prepared: Prepared, results: Slots) -> Iterator[ScoredRow]:
    scored = iter(results)
    for record, text, status, error in prepared:
        if status is not RowStatus.OK:
            yield ScoredRow(record, text, status, error, None)
            continue
        result = next(scored)
        if result is None:  # cannot happen: a text's first copy is collected before its later ones
            raise RuntimeError(f"{record.location}: no result arrived for this goal")
        if isinstance(result, str):
            yield ScoredRow(record, text, RowStatus.ENGINE_ERROR, f"{record.location}: {result}", None)
        else:
            yield ScoredRow(record, text, RowStatus.OK, None, result)
