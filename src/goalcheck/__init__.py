"""goalcheck: lint free-text goals against the SMART+ framework.

>>> import goalcheck
>>> result = goalcheck.check("Improve selling skills.")
>>> result.score < 30
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# The subpackage goalcheck.check (the CHECK stage) is imported before the function of the same name is bound,
# so that importing the subpackage later cannot rebind `goalcheck.check` to a module.
import goalcheck.check as _check_stage  # noqa: F401
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

if TYPE_CHECKING:
    from goalcheck.linter import Linter

__version__ = "0.1.0"

# The engine imports spaCy (~0.6 s): load it on first use, so `goalcheck --help` and `goalcheck rule` stay fast.
_LAZY = {"Linter": "goalcheck.linter"}


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
    "RulePackError",
    "Severity",
    "Status",
    "Suggestion",
    "__version__",
    "check",
]
