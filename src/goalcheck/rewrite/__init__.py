"""REWRITE: turn a goal into a SMART+ goal that keeps the author's words and facts.

    >>> import datetime as dt
    >>> from goalcheck import Config
    >>> from goalcheck.rewrite import rewrite
    >>> config = Config(reference_date=dt.date(2025, 1, 15))
    >>> result = rewrite("Conduct monthly field visits.", config)
    >>> result.text[:60]
    'For [role]: Conduct monthly field visits through [deadline],'
    >>> result.missing
    ('role', 'metric', 'baseline', 'target', 'deadline', 'priority')

`placeholders` mode (the default) invents nothing: every missing part is a typed placeholder. `suggest`
mode fills them from the rule packs, each suggestion marked with its source. Safe, meaning-preserving
fixes of goal documents (`goalcheck check --fix`) are in `goalcheck.rewrite.documents`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from goalcheck.config import Config

from .models import Edit, Mode, Part, Phase, Rewrite, SlotName

if TYPE_CHECKING:
    from .rewriter import Rewriter

__all__ = ["Edit", "Mode", "Part", "Phase", "Rewrite", "Rewriter", "SlotName", "rewrite"]


def __getattr__(name: str) -> Any:
    # The engine (spaCy) loads on first use: importing this package stays cheap, so `goalcheck` can bind
    # the `rewrite` function right after it (the way it binds `check` after `goalcheck.check`).
    if name == "Rewriter":
        from .rewriter import Rewriter

        return Rewriter
    raise AttributeError(f"module 'goalcheck.rewrite' has no attribute {name!r}")


def rewrite(
    text: str,
    config: Config | None = None,
    mode: Mode = "placeholders",
    *,
    alternatives: int = 0,
    phased: bool = False,
    role: str | None = None,
) -> Rewrite:
    """Rewrite one goal into a SMART+ shape.

    Args:
        text: the goal.
        config: the configuration (packs, reference date, fiscal year); the defaults when None.
        mode: `placeholders` (nothing invented) or `suggest` (missing parts filled from the packs).
        alternatives: list this many values for each slot (on each placeholder or suggestion part).
        phased: add a dated development path (build knowledge, apply, advanced capability, coach others).
        role: the role the goal's document names for it (a heading, a `role:` key), if any.

    """
    from .rewriter import rewriter

    return rewriter(config or Config()).rewrite(text, mode, alternatives=alternatives, phased=phased, role=role)
