"""Print how many CPU instructions `Linter.check_many` runs a goal: a speed measure that machine load hardly moves.

    python bench/instructions.py            # 600 goals of the bench mix, under valgrind's callgrind
    python bench/instructions.py --n 300    # quicker

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
Part of a count is dateparser reading absolute dates the warm-up did not contain (each then cached).
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
list(linter.check_many(goal_mix(300, seed=3)))
texts = goal_mix({n})
subprocess.run(["callgrind_control", "-i", "on", str(os.getpid())], check=True, capture_output=True)

def check(_result, _item):
    for _ in linter.check_many(texts):
        pass

functools.reduce(check, range(1), None)  # the one call whose instructions are collected
"""
_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def instructions(n: int) -> int:
    """Return the instructions `check_many` runs on n goals of the bench mix, after the warm-up."""
    code = _RUN.format(bench=str(ROOT / "bench"), n=n)
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
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
        print("error: valgrind is not installed (Debian: apt-get install valgrind)", file=sys.stderr)
        return 2
    if args.n < 1:
        print("error: --n must be at least 1", file=sys.stderr)
        return 2
    per_goal = instructions(args.n) / args.n
    print(f"check_many: {per_goal / 1e6:.3f} million instructions a goal ({per_goal:,.0f}; {args.n} goals)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
