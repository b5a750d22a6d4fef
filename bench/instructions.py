"""Print how many CPU instructions `Linter.check_many` runs a goal: a speed measure that machine load hardly moves.

    python bench/instructions.py            # 600 goals of the bench mix, under valgrind's callgrind
    python bench/instructions.py --n 300    # quicker

Wall-clock throughput (bench/speed.py) moves by 5-10 % from run to run on a shared machine; an instruction count
moves by 1-2 % (two runs of one tree gave 1.868 and 1.843 million), whatever load the machine carries, so it
tells changes of a few percent apart. Part of a `--n 300` count is dateparser reading the absolute dates the
warm-up did not contain (8 calls, 9 % of the CPU time of those 300 goals, measured; each date then cached). To
compare two versions, run this in a checkout of each. It runs the engine twice under `valgrind --tool=callgrind`
(Debian's valgrind package), once with no goals and once with N, and prints the difference divided by N; start-
up, imports and a 300-goal warm-up cancel out. Slow: about three minutes for 600 goals (2 m 45 s measured on the
2-core development machine).
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
import sys
sys.path.insert(0, {bench!r})
from speed import goal_mix
import goalcheck
linter = goalcheck.Linter(goalcheck.Config(reference_date="2025-01-15"))
list(linter.check_many(goal_mix(300, seed=3)))
for _ in linter.check_many(goal_mix({n})):
    pass
"""
_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def instructions(n: int) -> int:
    """Return the instructions of a run that checks n goals after the warm-up."""
    code = _RUN.format(bench=str(ROOT / "bench"), n=n)
    cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", code]
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
    if shutil.which("valgrind") is None:
        print("error: valgrind is not installed (Debian: apt-get install valgrind)", file=sys.stderr)
        return 2
    base, full = instructions(0), instructions(args.n)
    print(f"check_many: {(full - base) / args.n / 1e6:.3f} million instructions a goal ({args.n} goals)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
