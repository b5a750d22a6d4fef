"""Print precision, recall and F1 per facet of goalcheck's parse against labeled goals.

    python bench/accuracy.py                       # ../shared/eval/dev.jsonl (real goals, outside data)
    python bench/accuracy.py corpus/goals.jsonl    # our own corpus
    python bench/accuracy.py FILE --errors         # also list every disagreement
    python bench/accuracy.py corpus/fresh/2026-11-27-batch-b.jsonl --reference-date 2025-01-15  # untuned goals

Labeled files are JSON Lines with `text` and the nine facet labels (0/1), as in eval/LABELING.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import goalcheck
from goalcheck.models import FACET_NAMES

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev.jsonl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, default=[DEFAULT])
    parser.add_argument("--errors", action="store_true", help="list false positives and negatives")
    parser.add_argument("--reference-date", default=None)
    args = parser.parse_args(argv)
    rows = [json.loads(line) for f in args.files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    config = goalcheck.Config(reference_date=args.reference_date)
    results = list(goalcheck.Linter(config).check_many(r["text"] for r in rows))
    print(f"{len(rows)} goals from {', '.join(str(f) for f in args.files)}")
    print(f"{'facet':<11}{'n+':>5}{'tp':>5}{'fp':>5}{'fn':>5}{'prec':>8}{'rec':>8}{'F1':>8}")
    for facet in FACET_NAMES:
        tp = fp = fn = 0
        for row, res in zip(rows, results, strict=True):
            gold, pred = bool(row[facet]), getattr(res.facets, facet)
            tp += gold and pred
            fp += pred and not gold
            fn += gold and not pred
            if args.errors and gold != pred:
                print(
                    f"  {'FP' if pred else 'FN'} {facet:<10} {row.get('id', '')}: {row['text'][:150]}", file=sys.stderr
                )
        prec = tp / (tp + fp) if tp + fp else 1.0
        rec = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        print(f"{facet:<11}{tp + fn:>5}{tp:>5}{fp:>5}{fn:>5}{prec:>8.2f}{rec:>8.2f}{f1:>8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
