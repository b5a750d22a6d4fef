"""goalcheck: lint free-text goals against the SMART+ framework.

>>> import goalcheck
>>> result = goalcheck.check("Improve selling skills.")
>>> result.score < 30
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# The subpackages goalcheck.check and goalcheck.rewrite (the CHECK and REWRITE stages) are imported before the
# functions of the same names are bound, so that importing a subpackage later cannot rebind them to modules.
import goalcheck.check as _check_stage  # noqa: F401
import goalcheck.rewrite as _rewrite_stage  # noqa: F401
from goalcheck.api import check
from goalcheck.config import Config
from goalcheck.errors import ConfigError, GoalcheckError, InputError, RulePackError
from goalcheck.models import (
    SCHEMA_VERSION,
    DateRange,
    Dimension,
    DimensionResult,
    Facets,
    Finding,
    GoalParts,
    GoalResult,
    Severity,
    Status,
    Suggestion,
)
from goalcheck.rewrite import Rewrite, rewrite

if TYPE_CHECKING:
    from goalcheck.batch.api import score_frame, score_records
    from goalcheck.linter import Linter

__version__ = "0.1.0"

# The engine imports spaCy (~0.6 s): load it on first use, so `goalcheck --help` and `goalcheck rule` stay fast.
_LAZY = {"Linter": "goalcheck.linter", "score_records": "goalcheck.batch.api", "score_frame": "goalcheck.batch.api"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'goalcheck' has no attribute {name!r}")


__all__ = [
    "SCHEMA_VERSION",
    "Config",
    "ConfigError",
    "DateRange",
    "Dimension",
    "DimensionResult",
    "Facets",
    "Finding",
    "GoalParts",
    "GoalResult",
    "GoalcheckError",
    "InputError",
    "Linter",
    "Rewrite",
    "RulePackError",
    "Severity",
    "Status",
    "Suggestion",
    "__version__",
    "check",
    "rewrite",
    "score_frame",
    "score_records",
]
