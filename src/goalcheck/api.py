"""One-call helpers over a lazily built, cached default Linter."""

from __future__ import annotations

from functools import lru_cache

from goalcheck.config import Config
from goalcheck.linter import Linter
from goalcheck.models import GoalResult


@lru_cache(maxsize=4)
def _linter(config: Config) -> Linter:
    return Linter(config)


def check(text: str, config: Config | None = None) -> GoalResult:
    """Check one goal; the pipeline is built on the first call and reused."""
    return _linter(config or Config()).check(text)
