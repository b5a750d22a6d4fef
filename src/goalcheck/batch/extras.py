"""Import the optional extras batch scoring uses, with an install hint when one is missing."""

from __future__ import annotations

import importlib
from types import ModuleType

from goalcheck.errors import GoalcheckError


class MissingDependencyError(GoalcheckError, ImportError):
    """An optional extra needed for this file format or feature is not installed."""


_WHAT = {
    "excel": "reading and writing .xlsx files",
    "parquet": "reading and writing Parquet files",
    "pandas": "goalcheck.score_frame",
    "report": "the HTML report",
    "spark": "scoring in Spark (goalcheck.spark, --engine spark)",
    "dask": "scoring in Dask (goalcheck.dask, --engine dask)",
}


def require(module: str, extra: str) -> ModuleType:
    """Import `module` or raise MissingDependencyError naming the extra to install."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        top = module.split(".")[0]
        raise MissingDependencyError(
            f"{_WHAT.get(extra, extra)} needs {top}: pip install 'goalcheck[{extra}]'"
        ) from exc
