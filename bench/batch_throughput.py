"""Print batch-scoring throughput on 1 and 2 processes, and peak RSS streaming a large CSV end to end.

    python bench/batch_throughput.py                       # 100k goals, jobs 1 and 2
    python bench/batch_throughput.py --rows 20000          # quicker
    python bench/batch_throughput.py --distinct            # no goal text twice: every row is checked
    python bench/batch_throughput.py --rss-rows 1000000    # also stream a 1M-row CSV and sample RSS

Goals come from tests/batch_data.py (composed from parts, deterministic). Throughput is end to end:
read the CSV, score, write the scored CSV, summarize; worker start-up (the fork server, one Linter each) is
included. The engine's own speed (`Linter.check_many` on the same texts, one process) is printed
beside it, so the batch layer's overhead and the 1 -> 2 process ratio can be judged apart from it.
The RSS run executes `goalcheck score` in a child process and samples every process of its tree.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.batch_data import generate  # noqa: E402

import goalcheck  # noqa: E402 - after the path setup for tests.batch_data
from goalcheck.batch import score_file  # noqa: E402

REFERENCE = dt.date(2025, 1, 15)


def write_goals(path: Path, rows: int, *, distinct: bool = False, seed: int = 7) -> Path:
    """Stream `rows` generated goals into a CSV file (never all in memory).

    Generated goals repeat as real exports do (goals copied to many people, short weak goals written alike),
    and the batch scorer checks a repeated text once. With `distinct`, a goal whose text an earlier row has is
    left out (more are generated), so every row is checked: the rate without that help.
    """
    seen: set[str] = set()
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = None
        written = 0
        for row in generate(rows * 4 if distinct else rows, seed=seed, teams=8):
            if distinct:
                if row["goal"] in seen:
                    continue
                seen.add(row["goal"])
            if writer is None:
                writer = csv.DictWriter(f, fieldnames=list(row))
                writer.writeheader()
            writer.writerow(row)
            written += 1
            if written == rows:
                break
    if written < rows:
        raise SystemExit(f"error: only {written:,} distinct goals in {rows * 4:,} generated rows; ask for fewer")
    return path


def repeats(path: Path) -> tuple[int, int]:
    """Return (rows, rows whose goal text an earlier row has)."""
    with path.open(newline="", encoding="utf-8") as f:
        texts = [r["goal"] for r in csv.DictReader(f)]
    return len(texts), len(texts) - len(set(texts))


def cpu_seconds() -> float:
    """Return the CPU time of this process and of every process it started, finished or not.

    Worker processes are the children of the fork server, a live child of this process: its CPU time includes
    the workers it has reaped (Linux's /proc; elsewhere only this process and its finished children count).
    """
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    live = sum(_cpu_of(pid) for pid in tree(os.getpid())[1:])
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime + live


def _cpu_of(pid: int) -> float:
    """Return a live process's CPU seconds with those of the children it reaped (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")  # utime, stime, cutime, cstime


def engine_rate(path: Path, rows: int) -> tuple[float, float]:
    """Return (goals/s, goals per CPU second) of `Linter.check_many` alone on the file's first goals."""
    with path.open(newline="", encoding="utf-8") as f:
        texts = [r["goal"] for r in islice(csv.DictReader(f), rows)]
    linter = goalcheck.Linter(goalcheck.Config(reference_date=REFERENCE))
    start, cpu = time.perf_counter(), cpu_seconds()
    for _ in linter.check_many(texts):
        pass
    return len(texts) / (time.perf_counter() - start), len(texts) / (cpu_seconds() - cpu)


def batch_rate(path: Path, out: Path, jobs: int) -> tuple[float, float, float, float]:
    """Return (goals/s, seconds, CPU seconds of all processes, of the main one) for score_file."""
    start, cpu, main = time.perf_counter(), cpu_seconds(), time.process_time()
    summary = score_file(path, out, config=goalcheck.Config(reference_date=REFERENCE), jobs=jobs)
    seconds = time.perf_counter() - start
    return summary.overall.rows / seconds, seconds, cpu_seconds() - cpu, time.process_time() - main


def rss_kb(pid: int) -> int:
    """Return a process's resident set size in kB (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree(pid: int) -> list[int]:
    """Return the pid and every descendant's pid."""
    found, frontier = [pid], [pid]
    while frontier:
        parent = frontier.pop()
        try:
            children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        except OSError:
            continue
        found += [int(c) for c in children]
        frontier += [int(c) for c in children]
    return found


def stream_rss(path: Path, out: Path, jobs: int) -> None:
    """Run `goalcheck score` on a big file and print the RSS of its processes as it goes."""
    command = [
        sys.executable,
        "-m",
        "goalcheck",
        "score",
        str(path),
        "-o",
        str(out),
        "--jobs",
        str(jobs),
        "--reference-date",
        REFERENCE.isoformat(),
    ]
    start = time.perf_counter()
    child = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    peak_main = peak_total = 0
    samples: list[tuple[float, int, int]] = []
    while child.poll() is None:
        pids = tree(child.pid)
        main, total = rss_kb(child.pid), sum(rss_kb(p) for p in pids)
        peak_main, peak_total = max(peak_main, main), max(peak_total, total)
        samples.append((time.perf_counter() - start, main, total))
        time.sleep(1.0)
    seconds = time.perf_counter() - start
    if child.returncode != 0:
        raise SystemExit(f"goalcheck score failed: {child.stderr.read() if child.stderr else ''}")
    with out.open(encoding="utf-8") as f:
        written = sum(1 for _ in f) - 1  # generated goals hold no line breaks
    print(f"streamed {written:,} rows in {seconds:,.0f} s ({written / seconds:,.0f} goals/s, jobs={jobs})")
    print(f"peak RSS: main process {peak_main / 1024:,.0f} MB, whole process tree {peak_total / 1024:,.0f} MB")
    for fraction in (0.1, 0.25, 0.5, 0.75, 0.95):
        t, main, total = samples[min(int(fraction * len(samples)), len(samples) - 1)]
        print(f"  at {t:6.0f} s ({fraction:.0%} of the run): main {main / 1024:6.0f} MB, tree {total / 1024:6.0f} MB")


class ReplayLinter(goalcheck.Linter):
    """A Linter that answers every goal with one precomputed result: the batch layer alone is measured."""

    def __init__(self, config: goalcheck.Config) -> None:
        super().__init__(config)
        self.answer = self.check("Improve selling skills by Q3 2025.")

    def check_many(self, texts: Iterable[str], *, batch_size: int = 256) -> Iterator[goalcheck.GoalResult]:
        for _ in texts:
            yield self.answer


def layer_rss(path: Path, out: Path, rows: int) -> None:
    """Stream a big file through the batch layer (engine replaced) and print RSS along the way."""
    config = goalcheck.Config(reference_date=REFERENCE)
    marks = {rows * k // 10 for k in range(1, 11)}
    start, cpu = time.perf_counter(), time.process_time()

    def report(written: int, done: int, total: int | None) -> None:
        if any(written - 64 < mark <= written for mark in marks):
            print(f"  {written:>9,} rows: RSS {rss_kb(os.getpid()) / 1024:,.0f} MB", flush=True)

    score_file(path, out, config=config, linter=ReplayLinter(config), progress=report)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"batch layer alone: {rows:,} rows in {seconds:,.0f} s, {cpu / rows * 1e6:,.0f} µs CPU per row")


def main() -> None:
    """Run the benchmarks named by the arguments."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000, help="goals for the throughput runs")
    parser.add_argument("--engine-rows", type=int, default=20_000, help="goals for the engine-only rate")
    parser.add_argument(
        "--distinct", action="store_true", help="no goal text twice (the scorer checks a repeated text once)"
    )
    parser.add_argument("--rss-rows", type=int, default=0, help="also stream a CSV of this many rows")
    parser.add_argument("--rss-jobs", type=int, default=2, help="processes for the RSS run")
    parser.add_argument(
        "--layer-rows",
        type=int,
        default=0,
        help="stream this many rows through the batch layer alone (engine replayed), with RSS",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="goalcheck-bench-") as scratch:
        folder = Path(scratch)
        if args.rows:
            source = write_goals(folder / "goals.csv", args.rows, distinct=args.distinct)
            rows, repeated = repeats(source)
            print(f"cores: {os.cpu_count()}; load average before: {os.getloadavg()[0]:.2f}")
            print(f"{rows:,} goals, {repeated:,} ({repeated / rows:.0%}) repeat an earlier goal's text word for word")
            engine, engine_cpu = engine_rate(source, min(args.engine_rows, args.rows))
            print(
                f"engine alone (Linter.check_many, 1 process): {engine:,.0f} goals/s wall, "
                f"{engine_cpu:,.0f} goals per CPU-second"
            )
            rates = {}
            for jobs in (1, 2):
                rate, seconds, cpu, main_cpu = batch_rate(source, folder / f"out{jobs}.csv", jobs)
                rates[jobs] = rate
                print(
                    f"score_file, jobs={jobs}: {args.rows:,} goals in {seconds:,.1f} s = "
                    f"{rate:,.0f} goals/s "
                    f"({rate / jobs:,.0f} per process); {args.rows / cpu:,.0f} goals per CPU-second "
                    f"over all processes; main process {main_cpu / args.rows * 1e6:,.0f} µs CPU per goal"
                )
            print(f"speed-up 1 -> 2 processes: {rates[2] / rates[1]:.2f}x (wall clock)")
            print(f"load average after: {os.getloadavg()[0]:.2f} (other work on the machine skews wall clock)")
        if args.rss_rows:
            big = write_goals(folder / "big.csv", args.rss_rows)
            print(f"wrote {args.rss_rows:,} rows ({big.stat().st_size / 2**20:,.0f} MB)")
            stream_rss(big, folder / "big-out.csv", args.rss_jobs)
        if args.layer_rows:
            big = write_goals(folder / "layer.csv", args.layer_rows)
            layer_rss(big, folder / "layer-out.csv", args.layer_rows)


if __name__ == "__main__":
    main()
