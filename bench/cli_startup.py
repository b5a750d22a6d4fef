"""Time `goalcheck check` on one 50-goal Markdown file in a fresh process against a blank spaCy start-up.

    python bench/cli_startup.py [--runs 7] [--check]

Prints the median wall time of each (after a warm-up run; the two alternate, so a busy machine slows both
alike) and their ratio; the bar is a ratio of
at most 1.5. `--check` exits 1 when the bar is missed. The goals are written here for the benchmark.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BAR = 1.5
ROLES = [
    "New specialty representatives",
    "Experienced representatives",
    "Hospital account managers",
    "Market access team",
    "First-line managers",
]
GOALS = [
    "Improve selling skills.",
    "Raise average call quality scores from 3.1 to 3.8 by Q3 2025, through monthly ride-alongs.",
    "Conduct monthly field visits.",
    "Increase formulary wins in the northeast region from 4 to 7 by Q4 2025.",
    "Become a better presenter.",
    "Cut the time from first payer meeting to formulary decision from 9 to 6 months by Q4 2025.",
    "Hold several coaching sessions with new representatives.",
    "Grow the number of signed IDN account plans from 2 to 6 by the end of Q2 2025.",
    "Reply to every HCP medical question within two working days by Q2 2025.",
    "Work on objection handling as needed.",
]


def goal_file(folder: Path, count: int = 50) -> Path:
    """Write a Markdown goal file with `count` goals under role headings."""
    lines = ["---", "plan_year: 2025", "---", "# Coaching goals 2025", ""]
    for i in range(count):
        if i % 10 == 0:
            lines += ["", f"## {ROLES[i // 10 % len(ROLES)]}", ""]
        lines.append(f"- {GOALS[i % len(GOALS)]}")
    path = folder / "goals.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def timed(commands: list[list[str]], runs: int) -> list[float]:
    """Return the median wall time of each command; runs alternate so both see the same machine load."""
    for command in commands:
        subprocess.run(command, capture_output=True, check=False)  # warm-up: disk cache, .pyc files
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for i, command in enumerate(commands):
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, check=False)
            times[i].append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]


def main() -> int:
    """Run the benchmark and print the times and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--check", action="store_true", help="exit 1 when the ratio is over the bar")
    args = parser.parse_args()
    script = Path(sys.executable).with_name("goalcheck")
    launcher = [str(script)] if script.is_file() else [sys.executable, "-m", "goalcheck"]
    with tempfile.TemporaryDirectory() as tmp:
        path = goal_file(Path(tmp))
        probe = subprocess.run(
            [*launcher, "check", "--format", "concise", str(path)], capture_output=True, text=True, check=False
        )
        findings = len(probe.stdout.splitlines())
        if probe.returncode not in (0, 1):
            print(probe.stderr, file=sys.stderr)
            return 2
        check, spacy = timed(
            [[*launcher, "check", str(path)], [sys.executable, "-c", "import spacy; spacy.blank('en')"]], args.runs
        )
    ratio = check / spacy
    print(f"goalcheck check, 50 goals ({findings} findings): {check:.3f} s (median of {args.runs})")
    print(f"python -c \"import spacy; spacy.blank('en')\":    {spacy:.3f} s (median of {args.runs})")
    print(f"ratio: {ratio:.2f} (bar: <= {BAR}) {'PASS' if ratio <= BAR else 'FAIL'}")
    return 1 if args.check and ratio > BAR else 0


if __name__ == "__main__":
    sys.exit(main())
