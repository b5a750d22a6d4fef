"""The Linter: build the pipeline once, then check goals one by one or as a stream."""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Iterable, Iterator
from types import TracebackType

from goalcheck.check import Checker
from goalcheck.check.kinds import KINDS
from goalcheck.config import Config
from goalcheck.errors import ConfigError
from goalcheck.extract import extract
from goalcheck.models import GoalParts, GoalResult, Severity
from goalcheck.nlp import build_nlp
from goalcheck.nlp.components import grammar_for
from goalcheck.rulebook import RuleBook, RuleSpec
from goalcheck.score import score

MAX_CHARS = 10_000_000  # spaCy refuses longer texts by default; goals never come near this
# Read once: a class attribute read goes through pydantic's metaclass `__getattr__` hook (~90 ns).
_assemble = GoalResult.assemble
_summarize = GoalParts.summarize  # an instance's method read goes through pydantic's `__getattr__` hook as well

YOUNG_THRESHOLD = 10_000  # net allocations between young-generation collections while goals are checked


class FewerCollections:
    """Within the block, collect the garbage collector's young generation every `young` allocations, not 700.

    Checking goals allocates and frees many small objects, and a batch of annotated Docs stays alive while the
    batch is extracted: at the default pace a young collection ran every ~43 goals and an older one every ~470,
    each walking objects about to be freed anyway, 7-8 % of `check_many`'s time (gc callbacks, 30,000 bench
    goals). With this pace while a goal is checked, and the caller's own between goals, the collector took 2.5 %
    (about 7 times fewer collections), and `check_many` ran 5-9 % faster (alternating chunks, one process).
    Garbage in reference cycles is still collected, later. A program that turned automatic collection off
    (threshold 0) keeps it off.

    With `old`, a full collection waits for `old` collections of the middle generation, not 10. Batch scoring
    holds tens of thousands of objects for its whole run (the copies' results, near-duplicate clusters, the
    summary), and every full collection walks them all: at 100k goals, 7 full collections took 0.66-0.76 s of a
    25-27 s run (gc callbacks, one process); with `old=100`, none ran.

    The collector is the process's: blocks entered in several threads at once, or one inside another, share one
    saved setting (`_SHARED`), taken by the first block to enter (whose `young` and `old` set the pace for all of
    them) and put back by the last to leave (each block putting back what it found would leave the raised pace
    behind when two threads interleave).
    """

    __slots__ = ("old", "young")

    def __init__(self, young: int = YOUNG_THRESHOLD, old: int = 0) -> None:
        self.young = young
        self.old = old

    def __enter__(self) -> None:
        shared = _SHARED
        with shared.lock:
            if shared.open == 0:
                shared.saved = saved = gc.get_threshold()
                if saved[0]:
                    gc.set_threshold(max(self.young, saved[0]), saved[1], max(self.old, saved[2]))
            shared.open += 1

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        shared = _SHARED
        with shared.lock:
            if shared.open == 0:
                return  # a fork in another thread's block reset the count (see _forked); the child is restored
            shared.open -= 1
            if shared.open == 0:
                gc.set_threshold(*shared.saved)

    @staticmethod
    def _forked() -> None:
        """In a forked child: start with a new lock, no open block and the program's own thresholds.

        The child has only the thread that forked; a block another thread held open would never be left.
        """
        shared = _SHARED
        shared.lock = threading.RLock()
        if shared.open:
            shared.open = 0
            gc.set_threshold(*shared.saved)

    @staticmethod
    def open_blocks() -> int:
        """Return how many blocks are entered and not yet left, in every thread of the process."""
        return _SHARED.open


class _Shared:
    """The state every FewerCollections block of the process shares.

    An object's attributes, not the class's: writing a class attribute (twice a goal) changes the class, which
    throws away Python's cached look-ups of its attributes (a block entered and left: 1,350 -> 980 ns, timeit;
    `check_many` 1,067k -> 1,064k instructions a goal, callgrind).
    """

    __slots__ = ("lock", "open", "saved")

    def __init__(self) -> None:
        self.lock = threading.RLock()  # re-entrant: a finalizer run by a collection inside the lock may check a goal
        self.open = 0  # blocks entered and not yet left, in every thread
        self.saved: tuple[int, int, int] = (700, 10, 10)  # the thresholds to put back when the last block leaves


_SHARED = _Shared()


if hasattr(os, "register_at_fork"):  # POSIX
    os.register_at_fork(after_in_child=FewerCollections._forked)


def rule_matches(rule: RuleSpec, selector: str) -> bool:
    """Tell whether a selector (code, code prefix, name, alias or dimension) names a rule."""
    sel = selector.strip()
    return rule.id.startswith(sel.upper()) or sel in {rule.name, rule.dimension.value, *rule.aliases}


def select_rules(book: RuleBook, config: Config) -> tuple[RuleSpec, ...]:
    """Return the rules a configuration runs; unknown selectors are a ConfigError listing known codes."""
    for selector in (*(config.select or ()), *config.ignore, *(code for code, _ in config.severity)):
        if not any(rule_matches(r, selector) for r in book.rules):
            known = ", ".join(r.id for r in book.rules)
            raise ConfigError(f"unknown rule code or name '{selector}' (known: {known})")
    goal_rules = [r for r in book.rules if r.kind in KINDS]  # document rules run on documents, not goals
    if config.select is None:
        chosen = [r for r in goal_rules if r.default]
    else:
        chosen = [r for r in goal_rules if any(rule_matches(r, s) for s in config.select)]
    return tuple(r for r in chosen if not any(rule_matches(r, s) for s in config.ignore))


class Linter:
    """Check goals against the SMART+ rules of a configuration.

    Building a Linter loads the rule packs and the spaCy pipeline once; `check` and `check_many`
    reuse them. A Linter is cheap to keep and safe to reuse for any number of goals.
    """

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        self.reference_date = self.config.resolved_reference_date()
        paths = tuple(str(p) for p in self.config.rule_paths)
        self.rulebook = self.config.rulebook()
        self.grammar = grammar_for(self.config.packs, paths)
        self.rules = select_rules(self.rulebook, self.config)
        self.severities: dict[str, Severity] = {}
        for selector, severity in self.config.severity:
            for rule in self.rules:
                if rule_matches(rule, selector):
                    self.severities[rule.id] = severity
        self.nlp = build_nlp(
            self.config.packs,
            paths,
            self.reference_date,
            self.config.fiscal_year_start_month,
            [p.model_dump() for p in self.config.priorities],
            accept=self.config.accept,
            reject=self.config.reject,
        )
        self.nlp.max_length = MAX_CHARS
        self.checker = Checker(
            self.rules,
            self.rulebook,
            severities=self.severities,
            fy_start=self.config.fiscal_year_start_month,
            long_horizon_days=self.config.long_horizon_days,
        )

    def check(self, text: str) -> GoalResult:
        """Check one goal."""
        text = _clean(text)
        with FewerCollections():
            return self._result(self.nlp(text), text)

    def check_many(self, texts: Iterable[str], *, batch_size: int = 256) -> Iterator[GoalResult]:
        """Check a stream of goals lazily, in order (spaCy's `nlp.pipe` batching).

        While goalcheck works on a goal, Python's garbage collector runs at a slower pace (`FewerCollections`);
        the loop that reads the results runs at the program's own.
        """
        pairs = ((t, t) for t in map(_clean, texts))
        docs = self.nlp.pipe(pairs, batch_size=batch_size, as_tuples=True)
        fewer = FewerCollections()  # one block object, entered once a goal
        while True:
            # The collector's pace is changed only while goalcheck works: never while the caller's loop runs.
            with fewer:
                pair = next(docs, None)
                if pair is None:
                    return
                result = self._result(*pair)
            yield result

    def _result(self, doc, text: str) -> GoalResult:
        parts = extract(doc, self.rulebook, self.grammar, self.reference_date, text)
        facets = _summarize(parts)
        findings = self.checker(parts, facets)
        total, dimensions = score(parts, findings, facets)
        # Every part was validated or typed when it was built: assemble the result without validating it again.
        return _assemble(parts, score=total, dimensions=dimensions, facets=facets, findings=tuple(findings))


def _clean(text: str) -> str:
    if not isinstance(text, str):
        raise TypeError(f"a goal is a str, not {type(text).__name__}")
    return text
