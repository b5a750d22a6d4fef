"""Units with pint: one registry, created on first use (it takes a while to build)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def registry():  # pint is imported lazily: most goals never need it
    """Return the one pint UnitRegistry."""
    import pint

    return pint.UnitRegistry()


@lru_cache(maxsize=256)
def dimensionality(unit: str) -> str:
    """Return a unit's dimension: a currency code, "percent", or pint's dimensionality ("[time]")."""
    if unit.isupper() and len(unit) == 3:
        return f"currency:{unit}"
    if unit in {"percent", "times"}:
        return "dimensionless"
    try:
        return str(registry().parse_units(unit).dimensionality)
    except Exception:
        return "dimensionless"


@lru_cache(maxsize=256)
def factor(unit: str | None, to: str | None) -> float:
    """Return what one `unit` is in `to` ("gigabyte" in "megabyte": 1000); 1 where either is unknown."""
    if not unit or not to or unit == to:
        return 1.0
    try:
        return float(registry().Quantity(1, unit).to(to).magnitude)
    except Exception:
        return 1.0
