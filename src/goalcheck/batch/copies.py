"""Check each goal text once in a batch: every later copy of a text gets its first copy's result.

Goal sets repeat texts word for word: a goal copied to a whole team, or "Improve selling skills."
written by many. A result depends on nothing but the text and the configuration, so the process that
reads the rows keeps the results of texts it has met and sends the scorer (this process's, or a
worker's) only texts it has not, each once. With several workers, a copy is therefore not checked
again by a worker that has not seen its first, and it does not cross a process boundary at all.

A text met while its first copy is still out being scored waits for that result, which arrives
before the waiting chunk is merged (chunks are collected in input order). Results are kept for up to
`LIMIT` texts; on overflow the texts met again are kept and the rest forgotten, so a goal copied all
through a large file is checked once however far apart its copies are. Errors are never kept: a text
that failed is sent again when it is met after its failure was reported.
"""

from __future__ import annotations

from collections.abc import Sequence

from goalcheck.batch.rows import Scored

Outcome = Scored | str
"""A goal's compact result, or the message saying why it could not be scored."""

Slots = list[Outcome | None]
"""One chunk's outcomes, one per goal text in order; None until the text's result has arrived."""


class Copies:
    """Plan which texts of a chunk to score, and fill every chunk's outcomes as results arrive."""

    LIMIT = 10_000

    def __init__(self) -> None:
        self._known: dict[str, Scored] = {}
        self._met_again: set[str] = set()  # texts of `_known` met since the last overflow
        self._waiting: dict[str, list[tuple[Slots, int]]] = {}  # text out being scored -> slots it fills

    def plan(self, texts: Sequence[str]) -> tuple[Slots, list[str]]:
        """Return the chunk's slots (filled for texts met before) and the texts to score, each once."""
        known, waiting, met_again = self._known, self._waiting, self._met_again
        slots: Slots = [None] * len(texts)
        send: list[str] = []
        for index, text in enumerate(texts):
            scored = known.get(text)
            if scored is not None:
                slots[index] = scored
                met_again.add(text)
                continue
            waiters = waiting.get(text)
            if waiters is None:
                waiters = waiting[text] = []
                send.append(text)
            waiters.append((slots, index))
        return slots, send

    def fill(self, sent: Sequence[str], outcomes: Sequence[Outcome]) -> None:
        """Take the outcomes of texts `plan` asked to score: fill the slots waiting for them, keep results."""
        known, waiting = self._known, self._waiting
        for text, outcome in zip(sent, outcomes, strict=True):
            waiters = waiting.pop(text)
            for slots, index in waiters:
                slots[index] = outcome
            if len(waiters) > 1:
                self._met_again.add(text)
            if not isinstance(outcome, str):
                known[text] = outcome
        if len(known) > self.LIMIT:
            self._forget()

    def _forget(self) -> None:
        """Keep the texts met again since the last overflow (at most half the limit), forget the rest."""
        again = self._met_again
        kept = [(t, scored) for t, scored in self._known.items() if t in again][: self.LIMIT // 2]
        self._known = dict(kept)
        self._met_again = set()
