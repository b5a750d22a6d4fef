"""Print where `check_many`'s time goes: microseconds a goal for each stage, each timed alone on the same goals.

    python bench/stages.py             # 5,000 goals of the speed bench's mix
    python bench/stages.py --n 2000

Stages: spaCy's tokenizer, each goalcheck pipeline component (its own time, the tokenizer's subtracted),
extraction, facets and rules, scoring and assembling the result (each the growth of a streaming run that goes
one stage further). CPU time, best of three rounds; a whole `check_many` run is printed last.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import goalcheck
from goalcheck.extract import extract
from goalcheck.models import GoalResult
from goalcheck.score import score

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed import goal_mix


def timed(n: int, run: Callable[[], object], rounds: int = 3) -> tuple[float, object]:
    """Return the best CPU microseconds a goal over `rounds` runs, and the last run's value."""
    best, value = float("inf"), None
    for _ in range(rounds):
        start = time.process_time()
        value = run()
        best = min(best, time.process_time() - start)
    return best / n * 1e6, value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=5000)
    args = parser.parse_args(argv)
    texts = goal_mix(args.n)
    linter = goalcheck.Linter(goalcheck.Config(reference_date="2025-01-15"))
    list(linter.check_many(texts))  # warm every cache and lazy load
    nlp, book, grammar, ref = linter.nlp, linter.rulebook, linter.grammar, linter.reference_date
    rows: list[tuple[str, float]] = []
    tokenize, _ = timed(args.n, lambda: [nlp.make_doc(t) for t in texts])
    rows.append(("tokenizer", tokenize))
    for name, component in nlp.pipeline:
        us, _ = timed(args.n, lambda component=component: [component(nlp.make_doc(t)) for t in texts])
        rows.append((name, us - tokenize))
    # The later stages stream like check_many (one goal through every stage before the next goal): each is
    # timed as the growth of a run that goes one stage further, so memory behaves as in real use.
    pipe, _ = timed(args.n, lambda: [None for _ in nlp.pipe(texts)])

    def through(stage: int) -> Callable[[], None]:
        def run() -> None:
            for doc in nlp.pipe(texts):
                parts = extract(doc, book, grammar, ref, doc.text)
                if stage < 2:
                    continue
                facets = parts.summarize()
                findings = linter.checker(parts, facets)
                if stage < 3:
                    continue
                total, dimensions = score(parts, findings, facets)
                if stage < 4:
                    continue
                # What the Linter does (linter.py): the parts were typed when built, nothing is validated again.
                GoalResult.assemble(parts, score=total, dimensions=dimensions, facets=facets, findings=tuple(findings))

        return run

    previous = pipe
    for stage, name in enumerate(("extract", "facets and rules", "score", "result"), start=1):
        us, _ = timed(args.n, through(stage))
        rows.append((name, us - previous))
        previous = us
    whole, _ = timed(args.n, lambda: [None for _ in linter.check_many(texts)])
    for name, us in rows:
        print(f"{name:20s} {us:7.1f} µs a goal")
    print(f"{'sum of stages':20s} {sum(us for _, us in rows):7.1f} µs a goal")
    print(f"{'check_many':20s} {whole:7.1f} µs a goal ({1e6 / whole:,.0f} goals/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
