"""Shared fixtures: one Linter per session, with a frozen reference date so results never drift."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

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


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite corpus/expected/ from the engine's output")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
