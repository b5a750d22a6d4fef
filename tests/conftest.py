"""Shared fixtures: one Linter per session, with a frozen reference date so results never drift."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import goalcheck

REFERENCE_DATE = dt.date(2025, 1, 15)
ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def config() -> goalcheck.Config:
    return goalcheck.Config(reference_date=REFERENCE_DATE)


@pytest.fixture(scope="session")
def linter(config: goalcheck.Config) -> goalcheck.Linter:
    return goalcheck.Linter(config)


@pytest.fixture(scope="module")
def engine_rows() -> list[dict[str, Any]]:
    """The generated goals (malformed ones among them) the Spark and Dask tests score."""
    from tests.engine_data import ROWS, goal_rows

    return goal_rows(ROWS)


@pytest.fixture(scope="module")
def engine_expected(engine_rows: list[dict[str, Any]], config: goalcheck.Config) -> dict[int, dict[str, Any]]:
    """What `score_records` gives for `engine_rows`, by id: what every engine must give too."""
    from tests.engine_data import local_results

    return local_results(engine_rows, config)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite corpus/expected/ from the engine's output")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
