"""goalcheck: lint free-text goals against the SMART+ framework.

>>> import goalcheck
>>> result = goalcheck.check("Improve selling skills.")
>>> result.score < 30
True
"""

from __future__ import annotations

from goalcheck.api import check
from goalcheck.config import Config
from goalcheck.errors import ConfigError, GoalcheckError, InputError, RulePackError
from goalcheck.linter import Linter
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

__version__ = "0.1.0"

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
