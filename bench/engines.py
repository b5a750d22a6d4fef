"""Print goals/s of local scoring (1 and 2 processes), Spark local[2] and Dask (2 workers); check equal results.

    python bench/engines.py                  # 200k goals (several minutes)
    python bench/engines.py --rows 20000     # quicker

Goals come from tests/batch_data.py, the generator of bench/batch_throughput.py (same seed and teams).
Every run goes through what a user runs: `score_file` (`goalcheck score --jobs N`) from one Parquet file
into another, and the `--engine` path (`goalcheck score --engine spark|dask`) from a folder of 8 Parquet
files into a Parquet folder. Engine start-up (Spark session, Dask cluster) is timed apart and reported
as part of the overhead. All four outputs are then compared row for row (by goal_id; error messages
without their row location, which names the partition on an engine).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from batch_throughput import REFERENCE  # bench/ is on sys.path when this file runs

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.batch_data import generate  # noqa: E402 - the generator bench/batch_throughput.py uses

import goalcheck  # noqa: E402
from goalcheck.batch import score_file  # noqa: E402
from goalcheck.batch.engines import EngineRun, score_on_engine  # noqa: E402

FILES = 8
_WHERE = re.compile(r"^(partition \d+ )?record \d+: ")


def write_inputs(folder: Path, rows: int) -> tuple[Path, Path]:
    """Write the goals as one Parquet file (local runs) and as a folder of FILES files (engine runs)."""
    table = pa.Table.from_pylist(list(generate(rows, seed=7, teams=8)))
    single = folder / "goals.parquet"
    pq.write_table(table, single)
    parts = folder / "goals"
    parts.mkdir()
    step = -(-rows // FILES)
    for k in range(FILES):
        pq.write_table(table.slice(k * step, step), parts / f"part-{k}.parquet")
    return single, parts


def local(source: Path, out: Path, jobs: int, config: goalcheck.Config) -> float:
    """Score with score_file on `jobs` processes; return the seconds taken."""
    start = time.perf_counter()
    score_file(source, out, config=config, jobs=jobs)
    return time.perf_counter() - start


def spark(source: Path, out: Path, config: goalcheck.Config) -> tuple[float, float]:
    """Return (seconds to start a local[2] session, seconds to score through the --engine spark path)."""
    from goalcheck.spark import session

    start = time.perf_counter()
    active = session("local[2]")
    started = time.perf_counter()
    try:
        score_on_engine(EngineRun("spark", str(source), str(out), master="local[2]"), config)
    finally:
        active.stop()
    return started - start, time.perf_counter() - started


def dask(source: Path, out: Path, config: goalcheck.Config) -> tuple[float, float]:
    """Return (seconds to start a 2-worker local cluster, seconds to score through the --engine dask path)."""
    from goalcheck.dask import client

    start = time.perf_counter()
    with client(workers=2, dashboard_address=":0") as connected:
        started = time.perf_counter()
        address = connected.scheduler.address
        score_on_engine(EngineRun("dask", str(source), str(out), master=address), config)
        return started - start, time.perf_counter() - started


def read(path: Path) -> list[dict[str, Any]]:
    """Read a Parquet file or folder; rows by goal_id, error messages without their location."""
    rows = pq.read_table(path).to_pylist()
    for row in rows:
        if row["error"] is not None:
            row["error"] = _WHERE.sub("", row["error"])
    return sorted(rows, key=lambda r: r["goal_id"])


def main() -> None:
    """Run the four configurations, print their rates and whether their results are equal."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=200_000, help="goals to score in each configuration")
    args = parser.parse_args()
    config = goalcheck.Config(reference_date=REFERENCE)
    n = args.rows
    with tempfile.TemporaryDirectory(prefix="goalcheck-engines-") as scratch:
        folder = Path(scratch)
        single, parts = write_inputs(folder, n)
        print(f"{n:,} goals; cores: {os.cpu_count()}; load average before: {os.getloadavg()[0]:.2f}", flush=True)
        seconds: dict[str, float] = {}

        def report(name: str, taken: float) -> None:
            seconds[name] = taken
            print(f"  {name:<20} {taken:7,.1f} s  {n / taken:8,.0f} goals/s", flush=True)

        report("local, 1 process", local(single, folder / "local1.parquet", 1, config))
        report("local, 2 processes", local(single, folder / "local2.parquet", 2, config))
        spark_start, taken = spark(parts, folder / "spark", config)
        report("Spark local[2]", taken)
        dask_start, taken = dask(parts, folder / "dask", config)
        report("Dask, 2 workers", taken)
        print(f"load average after: {os.getloadavg()[0]:.2f} (other work on the machine skews wall clock)")
        base = seconds["local, 2 processes"]
        for name, start in (("Spark local[2]", spark_start), ("Dask, 2 workers", dask_start)):
            extra = seconds[name] - base
            print(
                f"{name}: {seconds[name]:,.1f} s vs {base:,.1f} s for local 2 processes "
                f"({extra:+,.1f} s, {extra / base:+.0%}), plus {start:,.1f} s to start the engine"
            )
        reference = read(folder / "local1.parquet")
        for name, path in (("local 2", "local2.parquet"), ("Spark", "spark"), ("Dask", "dask")):
            same = read(folder / path) == reference
            print(f"{name} results equal to local 1-process results, row for row: {same}")
            if not same:
                raise SystemExit(1)


if __name__ == "__main__":
    main()
