"""Show a progress bar with rate and ETA on a terminal, and nothing at all otherwise.

The bar is drawn on standard error only when it is a TTY and neither `CI` nor `PRE_COMMIT` is set,
so piped output, logs and CI runs stay byte-for-byte clean. The bar is redrawn by `update`, at most
`REFRESH_PER_SECOND` times a second, not by a thread of rich's: with no other thread running,
`--jobs N` can fork its workers from this process (see `goalcheck.batch.pipeline`).
"""

from __future__ import annotations

import os
import sys
import time
from types import TracebackType
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

REFRESH_PER_SECOND = 10


def progress_wanted(stream: TextIO | None = None, environ: dict[str, str] | None = None) -> bool:
    """Tell whether a progress bar belongs on `stream` (standard error by default)."""
    stream = stream if stream is not None else sys.stderr
    environ = environ if environ is not None else dict(os.environ)
    if environ.get("CI") or environ.get("PRE_COMMIT"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class ProgressBar:
    """A context manager whose `update(rows, done, total)` moves a rich bar, or does nothing when off."""

    def __init__(self, label: str, *, enabled: bool, stream: TextIO | None = None) -> None:
        self.enabled = enabled
        self._started = self._drawn = time.monotonic()
        self._progress: Progress | None = None
        self._task = None
        if enabled:
            console = Console(file=stream if stream is not None else sys.stderr)
            self._progress = Progress(
                TextColumn("[bold]{task.description}"),
                BarColumn(),
                TaskProgressColumn(),
                TextColumn("{task.fields[rows]:>10,} goals"),
                TextColumn("{task.fields[rate]:>7,.0f} goals/s"),
                TimeRemainingColumn(),
                console=console,
                auto_refresh=False,
                transient=False,
            )
            self._task = self._progress.add_task(label, total=None, rows=0, rate=0.0)

    def __enter__(self) -> ProgressBar:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.stop()

    def update(self, rows: int, done: int, total: int | None) -> None:
        """Report `rows` goals written and `done` of `total` input units (bytes or rows) read."""
        if self._progress is None or self._task is None:
            return
        now = time.monotonic()
        due = now - self._drawn >= 1 / REFRESH_PER_SECOND
        if due:
            self._drawn = now
        rate = rows / max(now - self._started, 1e-6)
        self._progress.update(self._task, completed=done, total=total, rows=rows, rate=rate, refresh=due)
