"""The repository holds itself to its own bar: ruff clean and formatted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_check_and_format() -> None:
    for args in (["check", "src", "tests", "bench"], ["format", "--check", "src", "tests", "bench"]):
        run = subprocess.run([sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr
