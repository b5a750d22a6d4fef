"""Compute the dates a rewrite proposes: quarter-end deadlines and the phases of a development path.

Quarters follow the configured fiscal year, and labels are written the way the time grammar reads them
back ("Q2 2025" for calendar years, "Q1 FY26" otherwise), so a suggested deadline always parses.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from goalcheck.extract.time import add_months, fiscal_quarter, fiscal_year_of, month_end

# The first phase of a path starts in the current quarter only if this much of it is left.
MIN_FIRST_PHASE_DAYS = 45


class Quarter(NamedTuple):
    """A quarter, its label as the grammar reads it, and its last day."""

    label: str
    end: dt.date


def _label(fy: int, q: int, fy_start: int) -> str:
    if fy_start == 1:
        return f"Q{q} {fy}"
    return f"Q{q} FY{fy % 100:02d}"


def quarter_of(day: dt.date, fy_start: int) -> tuple[int, int]:
    """Return the (fiscal year, quarter) containing `day`."""
    fy = fiscal_year_of(day, fy_start)
    q = (day.month - fy_start) % 12 // 3 + 1
    return fy, q


def quarters_from(day: dt.date, fy_start: int, count: int, *, skip: int = 0) -> list[Quarter]:
    """Return `count` consecutive quarters, starting `skip` quarters after the one containing `day`."""
    fy, q = quarter_of(day, fy_start)
    out = []
    for i in range(skip, skip + count):
        index = q - 1 + i
        year, quarter = fy + index // 4, index % 4 + 1
        out.append(Quarter(_label(year, quarter, fy_start), fiscal_quarter(year, quarter, fy_start)[1]))
    return out


def deadline_options(reference: dt.date, fy_start: int, count: int) -> list[Quarter]:
    """Return quarter ends to propose as a deadline, nearest first: from the quarter after the current one.

    The same quarter the missing-deadline rule (TI01) names in its suggestion.
    """
    return quarters_from(reference, fy_start, max(1, count), skip=1)


def phase_dates(reference: dt.date, fy_start: int, deadline: dt.date | None, stages: int) -> list[tuple[str, dt.date]]:
    """Return (label, due date) for each stage of a development path.

    Without a deadline: one quarter per stage, from the current quarter if enough of it is left. With the
    goal's own deadline: the stages split the time up to it evenly, each ending at a month's end where
    that keeps them apart, and the last one on the deadline itself.
    """
    if deadline is None or deadline <= reference:
        first = quarter_of(reference, fy_start)
        current_end = fiscal_quarter(first[0], first[1], fy_start)[1]
        skip = 0 if (current_end - reference).days >= MIN_FIRST_PHASE_DAYS else 1
        return [(q.label, q.end) for q in quarters_from(reference, fy_start, stages, skip=skip)]
    span = (deadline - reference).days
    dates: list[dt.date] = []
    for k in range(1, stages):
        day = reference + dt.timedelta(days=span * k // stages)
        end = month_end(day.year, day.month)
        previous = dates[-1] if dates else reference
        dates.append(end if previous < end < deadline else max(day, previous + dt.timedelta(days=1)))
    dates.append(deadline)
    return [(_day_label(d), d) for d in dates]


def _day_label(day: dt.date) -> str:
    return f"{day.strftime('%B')} {day.day}, {day.year}"


__all__ = ["Quarter", "add_months", "deadline_options", "phase_dates", "quarter_of", "quarters_from"]
