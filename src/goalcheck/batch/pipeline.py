"""Run records through the linter in chunks, in one process or many, keeping input order.

Memory stays bounded: records are pulled lazily, and at most `jobs * 4` chunks are in flight
(`ProcessPoolExecutor.map` would read the whole input ahead, so submission is windowed by hand).
Only texts not met before go out to be scored (`Copies`): a copied goal is checked once in the run.
Workers are forked from a fork server where the platform has one (Linux, macOS), else spawned: a
child forked from this process would inherit its threads (the progress bar's) and its Linter. The
server is a fresh process that imports goalcheck once (`set_forkserver_preload`), so each worker
starts without its own 0.7 s of imports: at 100k goals, --jobs 2 ran 6,361 -> 6,674 goals/s (three
alternating runs each). Each worker still builds its own Linter from the configuration.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from goalcheck.batch.copies import Copies, Slots
from goalcheck.batch.prepare import DEFAULT_MAX_CHARS, goal_text
from goalcheck.batch.rows import Record, RowStatus, Scored, ScoredRow
from goalcheck.batch.scorer import ChunkScorer, Rewriter, init_worker, score_in_worker
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
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=_start_method(),
        initializer=init_worker,
        initargs=(config.model_dump(mode="json"), rewrite),
    )
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


def _start_method() -> multiprocessing.context.BaseContext:
    """Return a fork server where the platform has one, else spawn (see the module's docstring).

    The preload is the process's fork server setting; a server started earlier keeps its own, and its workers
    then import goalcheck themselves.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
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
