"""Print how many CPU instructions `Linter.check_many` runs a goal: a speed measure that machine load hardly moves.

    python bench/instructions.py            # 600 goals of the bench mix, under valgrind's callgrind
    python bench/instructions.py --n 300    # quicker
    python bench/instructions.py --steady   # every counted goal seen once before: no first sightings
    python bench/instructions.py --batch --n 3000 [--replay]   # score_file a row [the batch layer alone]

Wall-clock throughput (bench/speed.py) moves by 5-10 % from run to run on a shared machine; an instruction count
does not move with load, so it tells changes of a few percent apart. To compare two versions, run this in a
checkout of each (or with PYTHONPATH set to the other tree's `src`, on this tree's bench mix).

It runs the engine once under `valgrind --tool=callgrind` (Debian's valgrind package) with instrumentation off:
start-up, imports and a 300-goal warm-up run uninstrumented, then the script switches instrumentation on
(`callgrind_control -i on`) and checks N goals inside one `functools.reduce` call, the only function whose
instructions are collected (`--toggle-collect`). The count is that region's alone, divided by N. Counted this way,
two runs of one tree agreed to the instruction (1,449,769 and 1,487,448 a goal, each tree twice); the older method
(the difference of two whole runs, with N goals and with none) moved by 0.5-1 % between runs of one tree.
About 18 s for 300 goals (the older method: about three minutes for 600). Compare trees run the same way: how
the interpreter is started (PYTHONPATH or not) moves a count by ~0.2 %.
Part of a count is first sightings: dateparser reading an absolute date the warm-up did not contain (each then
cached), spaCy's vocabulary taking in a new word. `--steady` warms up on the counted goals themselves, so those
are gone, as they nearly are in speed.py's 100k mix (each of its ~1,000 texts comes ~100 times): at 0448c23,
1,135,213 a goal steady against ~1,455,000 after 300 others. Which way a change moves each count tells whether it
saves on every goal or on first sightings.
`--batch` counts `goalcheck.batch.score_file` instead, a row of a generated CSV (tests/batch_data.py, as
bench/batch_throughput.py writes it) scored in one process after a 3,000-row warm-up file; `--replay` replaces
the engine with one precomputed answer, so the batch layer (reading, copies, fingerprints, summary, writing)
is counted alone. 3,000 rows at 455a17d: 1,830,121 a row, 595,658 of them the layer's.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_RUN = """
import functools, os, subprocess, sys
sys.path.insert(0, {bench!r})
from speed import goal_mix
import goalcheck
linter = goalcheck.Linter(goalcheck.Config(reference_date="2025-01-15"))
texts = goal_mix({n})
list(linter.check_many(texts if {steady} else goal_mix(300, seed=3)))
subprocess.run(["callgrind_control", "-i", "on", str(os.getpid())], check=True, capture_output=True)

def check(_result, _item):
    for _ in linter.check_many(texts):
        pass

functools.reduce(check, range(1), None)  # the one call whose instructions are collected
"""
_BATCH = """
import functools, os, subprocess, sys, tempfile
sys.path.insert(0, {root!r})
sys.path.insert(0, {bench!r})
from pathlib import Path
from batch_throughput import REFERENCE, ReplayLinter, write_goals
import goalcheck
from goalcheck.batch import score_file

folder = Path(tempfile.mkdtemp(prefix="goalcheck-instructions-"))
warm, counted = write_goals(folder / "warm.csv", 3000, seed=3), write_goals(folder / "goals.csv", {n})
config = goalcheck.Config(reference_date=REFERENCE)
linter = ReplayLinter(config) if {replay} else goalcheck.Linter(config)
score_file(warm, folder / "warm-out.csv", config=config, linter=linter)
subprocess.run(["callgrind_control", "-i", "on", str(os.getpid())], check=True, capture_output=True)

def run(_result, _item):
    score_file(counted, folder / "out.csv", config=config, linter=linter)

functools.reduce(run, range(1), None)  # the one call whose instructions are collected
"""
_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def instructions(n: int, *, steady: bool = False) -> int:
    """Return the instructions `check_many` runs on n goals of the bench mix, after the warm-up.

    The warm-up checks 300 other goals of the mix, or with `steady` the very goals then counted.
    """
    return _count(_RUN.format(bench=str(ROOT / "bench"), n=n, steady=steady))


def batch_instructions(n: int, *, replay: bool = False) -> int:
    """Return the instructions `score_file` (one process) runs on a CSV of n generated goals, after a warm-up file.

    With `replay`, the engine answers every goal with one precomputed result: the batch layer alone is counted.
    """
    return _count(_BATCH.format(root=str(ROOT), bench=str(ROOT / "bench"), n=n, replay=replay))


def _count(code: str) -> int:
    """Run `code` under callgrind and return the instructions of its one `functools.reduce` call."""
    cmd = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        "--instr-atstart=no",  # the script switches it on after start-up and warm-up
        "--collect-atstart=no",
        "--toggle-collect=functools_reduce",  # functools.reduce's C function: the measured call only
        sys.executable,
        "-c",
        code,
    ]
    # A fixed hash seed: set and dict orders (and so the work done) otherwise move by ~2 % from run to run.
    # One BLAS thread: callgrind counts numpy's idle BLAS workers while they spin (~40k instructions a goal in
    # one helper's run, more in another), which no change to the engine causes.
    env = {**os.environ, "PYTHONHASHSEED": "0", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    run = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env)
    found = _REFS.search(run.stderr)
    if found is None:
        raise SystemExit(f"error: no instruction count in valgrind's output:\n{run.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=600, help="goals to count (default 600)")
    parser.add_argument(
        "--steady",
        action="store_true",
        help="warm up on the counted goals themselves: no first sightings (of a date, a word), as in speed.py's "
        "100k mix, where each text comes ~100 times",
    )
    parser.add_argument(
        "--batch",
        action="store_true",
        help="count goalcheck.batch.score_file a row instead (generated goals, one process, CSV in and out)",
    )
    parser.add_argument("--replay", action="store_true", help="with --batch: the batch layer alone (engine replayed)")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
        print("error: valgrind is not installed (Debian: apt-get install valgrind)", file=sys.stderr)
        return 2
    if args.n < 1:
        print("error: --n must be at least 1", file=sys.stderr)
        return 2
    if args.batch:
        per_row = batch_instructions(args.n, replay=args.replay) / args.n
        what = "the batch layer alone (engine replayed)" if args.replay else "score_file"
        print(f"{what}: {per_row / 1e6:.3f} million instructions a row ({per_row:,.0f}; {args.n} generated rows)")
        return 0
    per_goal = instructions(args.n, steady=args.steady) / args.n
    seen = "each seen once before" if args.steady else "after 300 others"
    print(f"check_many: {per_goal / 1e6:.3f} million instructions a goal ({per_goal:,.0f}; {args.n} goals, {seen})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
