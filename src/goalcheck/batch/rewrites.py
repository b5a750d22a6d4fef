"""The optional rewrite column of `goalcheck score --rewrite`: a picklable function of a goal's result."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from goalcheck.config import Config
from goalcheck.models import GoalResult
from goalcheck.rewrite.models import Mode


@dataclass(frozen=True)
class RewriteColumn:
    """Rewrite each scored goal; carries plain configuration data, so worker processes can rebuild it."""

    mode: Mode
    config_data: dict[str, Any]

    @classmethod
    def of(cls, mode: Mode, config: Config) -> RewriteColumn:
        """Build the column for a configuration."""
        return cls(mode, config.model_dump(mode="json"))

    def __call__(self, result: GoalResult) -> str | None:
        """Return the rewritten goal (the rewriter is built once per process and cached)."""
        from goalcheck.rewrite.rewriter import rewriter

        if not result.text.strip():
            return None
        return rewriter(Config.model_validate(self.config_data)).rewrite(result.text, self.mode).text

    def __hash__(self) -> int:
        return hash((self.mode, repr(sorted(self.config_data.items()))))
