"""Score chunks of goal texts with one Linter, in this process or in a worker process.

A worker forked from the reading process inherits that process's scorer (`adopt_worker`); any other
worker receives the configuration as plain JSON data and builds its own Linter once (a Linter holds a
spaCy pipeline and is never pickled). It returns compact `Scored` values, never pydantic
results, because those are what cross the process boundary for every goal.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from operator import itemgetter
from typing import Any, TypeVar

from goalcheck.batch import minhash
from goalcheck.batch.rows import DIMENSIONS, FindingBrief, Scored
from goalcheck.config import Config
from goalcheck.linter import FewerCollections, Linter
from goalcheck.models import FACET_NAMES, Dimension, Finding, GoalResult, Status

Rewriter = Callable[[GoalResult], "str | None"]
"""A function from a goal's result to its rewritten text (None: no rewrite for this goal)."""

_DIMS = tuple(Dimension(d) for d in DIMENSIONS)
_PLAIN = {status: status.value for status in Status}  # plain str values cross process boundaries
# One C call each instead of a generator a goal: the dimension results in DIMENSIONS order, and the facets
# (bools, in FACET_NAMES order) read from the model's own field dict.
_DIMENSION_RESULTS = itemgetter(*_DIMS)
_FACET_VALUES = itemgetter(*FACET_NAMES)
_T = TypeVar("_T")


class ChunkScorer:
    """Turn lists of goal texts into `Scored` values or per-goal error messages, in order.

    Equal findings, dimension and facet tuples are shared objects (bounded caches), so a chunk
    pickles each distinct value once: most goals in a set repeat a few findings. Texts met before are
    not sent here at all (see `goalcheck.batch.copies`).
    """

    CACHE_LIMIT = 20_000

    def __init__(self, linter: Linter, rewrite: Rewriter | None = None) -> None:
        self.linter = linter
        self.rewrite = rewrite
        self._shared: dict[object, object] = {}

    def __call__(self, texts: Sequence[str]) -> list[Scored | str]:
        """Score every text; an entry is a message (str) where the linter or rewriter failed."""
        if len(self._shared) > self.CACHE_LIMIT:
            self._shared.clear()
        prints = minhash.fingerprints(texts)
        # Each result is compacted as it comes, not after the chunk, and the young generation is collected
        # less often while the chunk is scored: objects alive across a chunk (its results, a batch of Docs)
        # outlived the collector's young generations and set off a full collection every few chunks. A 54 s
        # run of 100,000 goals (jobs=1) spent 14 s collecting (85 full collections); compacting as results
        # come brought it to 4.5 s (27), the threshold to 0.5 s (1).
        with FewerCollections():
            return [
                result if isinstance(result, str) else self._compact(result, fingerprint)
                for result, fingerprint in zip(self._results(texts), prints, strict=True)
            ]

    def _results(self, texts: Sequence[str]) -> Iterator[GoalResult | str]:
        """Yield the result of every text, in order; once the linter fails, check the rest one by one."""
        done = 0
        try:
            for result in self.linter.check_many(texts, batch_size=len(texts) or 1):
                yield result
                done += 1
        except Exception:  # one bad goal must not lose its neighbours
            yield from (self._check_one(t) for t in texts[done:])

    def _check_one(self, text: str) -> GoalResult | str:
        try:
            return self.linter.check(text)
        except Exception as exc:  # reported on the row, never raised
            return f"linter failed: {type(exc).__name__}: {exc}"

    def _share(self, value: _T) -> _T:
        return self._shared.setdefault(value, value)  # type: ignore[return-value]

    def _brief(self, finding: Finding) -> FindingBrief:
        # Looked up by a plain key before a FindingBrief is built: most findings repeat word for word.
        key = (finding.code, finding.severity, finding.message)
        brief = self._shared.get(key)
        if brief is None:
            brief = self._shared[key] = FindingBrief(
                finding.code, finding.name, finding.severity.value, finding.message
            )
        return brief  # type: ignore[return-value]

    def _compact(self, result: GoalResult, fingerprint: minhash.Fingerprint) -> Scored | str:
        rewritten = None
        if self.rewrite is not None:
            try:
                rewritten = self.rewrite(result)
            except Exception as exc:  # reported on the row, never raised
                return f"rewrite failed: {type(exc).__name__}: {exc}"
        share, brief = self._share, self._brief
        facets, dimensions = result.facets, result.dimensions
        return Scored.of(
            score=result.score,
            dimensions=share(tuple([_PLAIN[r.status] for r in _DIMENSION_RESULTS(dimensions)])),
            facets=share(_FACET_VALUES(facets.__dict__)),
            findings=share(tuple(map(brief, result.findings))),
            priorities=share(tuple(dict.fromkeys(p.id for p in result.priorities if p.configured))),
            digest=fingerprint.digest,
            signature=fingerprint.signature,
            bands=fingerprint.bands,
            rewrite=rewritten,
        )


_worker: ChunkScorer | None = None


def init_worker(config_data: dict[str, Any], rewrite: Rewriter | None) -> None:
    """Build this worker process's Linter from plain configuration data."""
    global _worker  # one Linter per worker process, by design
    _worker = ChunkScorer(Linter(Config.model_validate(config_data)), rewrite)
    # The process is goalcheck's and what it holds now (modules, the Linter) lives as long as it does: no
    # collection needs to walk those objects again.
    gc.freeze()


def adopt_worker(scorer: ChunkScorer) -> None:
    """In a worker forked from the reading process: score with the scorer that process built."""
    global _worker  # as in init_worker
    _worker = scorer
    gc.freeze()  # as in init_worker: the inherited modules and Linter live as long as the process


def score_in_worker(texts: Sequence[str]) -> list[Scored | str]:
    """Score a chunk with this worker's Linter (see `init_worker`)."""
    if _worker is None:
        raise RuntimeError("score_in_worker called before init_worker")
    return _worker(texts)
