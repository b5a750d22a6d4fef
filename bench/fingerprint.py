"""Print a fingerprint of everything the engine says about a fixed set of goals, to prove a speed-up changed nothing.

    python bench/fingerprint.py            # one line: goals checked and a SHA-256 of their results
    python bench/fingerprint.py --diff A   # also write each result to A (one JSON line a goal) to diff two versions

The goals: every corpus goal (corpus/*.jsonl and corpus/fresh/*.jsonl), checked with two reference dates and
fiscal-year starts, plus 2,000 goals of the speed bench's mix. A pure refactoring keeps the fingerprint.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import goalcheck

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from speed import goal_mix  # noqa: E402


def goals() -> list[str]:
    files = sorted((ROOT / "corpus").glob("*.jsonl")) + sorted((ROOT / "corpus" / "fresh").glob("*.jsonl"))
    texts = [
        json.loads(line)["text"] for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    return texts + goal_mix(2000, seed=11)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--diff", type=Path, help="write every result as a JSON line to this file")
    args = parser.parse_args(argv)
    texts = goals()
    digest = hashlib.sha256()
    out = args.diff.open("w", encoding="utf-8") if args.diff else None
    configs = [
        goalcheck.Config(reference_date="2025-01-15"),
        goalcheck.Config(reference_date="2026-03-01", fiscal_year_start_month=7),
    ]
    for config in configs:
        for result in goalcheck.Linter(config).check_many(texts):
            line = result.model_dump_json()
            digest.update(line.encode())
            if out:
                out.write(line + "\n")
    if out:
        out.close()
    print(f"{len(texts) * len(configs)} results, sha256 {digest.hexdigest()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
