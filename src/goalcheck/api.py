"""One-call helpers over a lazily built, cached default Linter."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from goalcheck.config import Config
from goalcheck.models import GoalResult

if TYPE_CHECKING:
    from goalcheck.linter import Linter


@lru_cache(maxsize=4)
def _linter(config: Config) -> Linter:
    from goalcheck.linter import Linter  # spaCy loads here, on first use

    return Linter(config)


def check(text: str, config: Config | None = None) -> GoalResult:
    """Check one goal; the pipeline is built on the first call and reused."""
    return _linter(config or Config()).check(text)
