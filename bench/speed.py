"""Print goalcheck's speed: check_many throughput against spaCy's floor, and cold start.

    python bench/speed.py              # 100k-goal mix, cold start 5 runs each
    python bench/speed.py --n 20000    # quicker
    python bench/speed.py --distinct   # the mix with its percentages and amounts drawn anew (fewer repeats)

Throughput runs on one core; the floor is `spacy.blank("en").pipe()` on the same texts in the same run,
so the ratio is robust to machine noise. Cold start runs one `goalcheck.check()` in a fresh process
against `python -c "import spacy; spacy.blank('en')"` (best of N for both).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import spacy

import goalcheck

ROOT = Path(__file__).resolve().parents[1]


def goal_mix(n: int, seed: int = 7) -> list[str]:
    """Return n goals: our corpus goals, shuffled, with numbers and dates varied so no text repeats often."""
    texts = [
        json.loads(line)["text"]
        for f in sorted((ROOT / "corpus").glob("*.jsonl"))
        for line in f.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    rng = random.Random(seed)
    out = []
    for i in range(n):
        text = rng.choice(texts)
        out.append(text.replace("2025", str(2025 + i % 3)).replace("%", "%", 1) + ("" if i % 2 else " "))
    return out


_PERCENT = re.compile(r"\d+(?:\.\d+)?(?=%)")
_MONEY = re.compile(r"(?<=\$)\d+(?:\.\d+)?")


def distinct_mix(n: int, seed: int = 7) -> list[str]:
    """Return the mix with every percentage and money amount drawn anew, so far fewer goals repeat word for word.

    A check of the main number: a cache keyed on a goal's own words would make the plain mix (which repeats
    each corpus goal many times) look faster than this one.
    """
    rng = random.Random(seed)
    return [
        _MONEY.sub(lambda _: str(rng.randint(1, 999)), _PERCENT.sub(lambda _: str(rng.randint(1, 99)), text))
        for text in goal_mix(n, seed)
    ]


def throughput(n: int, chunk: int = 1000, *, distinct: bool = False) -> None:
    """Time check_many and the spaCy floor on alternating chunks, so load drift hits both alike."""
    texts = distinct_mix(n) if distinct else goal_mix(n)
    print(f"{'distinct mix' if distinct else 'mix'}: {len(set(texts)):,} different texts in {n:,} goals")
    linter = goalcheck.Linter(goalcheck.Config(reference_date="2025-01-15"))
    list(linter.check_many(texts[:200]))  # warm: dateparser and pint load lazily
    blank = spacy.blank("en")
    ours = floor = ours_wall = 0.0
    for i in range(0, n, chunk):
        part = texts[i : i + chunk]
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in linter.check_many(part):
            pass
        ours += time.process_time() - cpu
        ours_wall += time.perf_counter() - wall
        cpu = time.process_time()
        for _ in blank.pipe(part, batch_size=256):
            pass
        floor += time.process_time() - cpu
    print(f"check_many: {n:,} goals, {n / ours:,.0f} goals/s CPU ({n / ours_wall:,.0f} wall), one core")
    print(f"spacy.blank('en').pipe on the same chunks: {n / floor:,.0f} goals/s CPU")
    print(f"ratio goalcheck / floor: {ours / floor:.1f}x (5,000 goals/s needs <= {n / floor / 5000:.1f}x here)")


def best_of(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def cold_start(runs: int) -> None:
    floor = best_of([sys.executable, "-c", "import spacy; spacy.blank('en')"], runs)
    ours = best_of(
        [sys.executable, "-c", "import goalcheck; goalcheck.check('Increase sales by 10% by June 30, 2025.')"], runs
    )
    print(
        f"cold start: goalcheck.check() {ours:.2f} s vs spaCy blank {floor:.2f} s -> ratio {ours / floor:.2f} (bar 2.0)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--distinct", action="store_true", help="vary every percentage and amount (see distinct_mix)")
    args = parser.parse_args()
    throughput(args.n, distinct=args.distinct)
    cold_start(args.runs)


if __name__ == "__main__":
    main()
