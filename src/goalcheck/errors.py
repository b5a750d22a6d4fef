"""Define goalcheck's exceptions; a weak goal is never an exception, it is findings.

GoalcheckError
├── ConfigError     a bad configuration value; the message names the key
├── RulePackError   a rule or vocabulary file fails validation; names file and line
└── InputError      an unreadable or undecodable input; names file and line
"""

from __future__ import annotations

from pathlib import Path


class GoalcheckError(Exception):
    """Root of every error goalcheck raises on purpose."""


class ConfigError(GoalcheckError):
    """A configuration value is unknown or invalid."""


class _LocatedError(GoalcheckError):
    def __init__(self, path: str | Path | None, line: int | None, problem: str) -> None:
        self.path = str(path) if path is not None else None
        self.line = line
        self.problem = problem
        where = self.path or "<input>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {problem}")


class RulePackError(_LocatedError):
    """A rule pack file is malformed: the message names the file, the line and the problem."""


class InputError(_LocatedError):
    """An input file cannot be read as goals: the message names the file, the line and the problem."""
