"""Find time expressions and cadences in a goal and resolve deadlines to calendar dates.

Quarters, halves, fiscal years and period ends use goalcheck's own grammar (rules/generic/grammar.yaml)
with a configurable fiscal-year start; dateparser resolves only the absolute dates it handles, on the
candidate span alone, always with `languages=["en"]` and the reference date as its base.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from .grammar import CompiledGrammar, TimeRegex, lower_text
from .occupancy import Occupied

# Inline patterns, compiled once.
_SHORT_UNIT = re.compile(r"(?:hours?|hrs?|minutes?|mins?|business\s+days?|working\s+days?)$")

_WORD_NUMBERS = {
    "zero": 0,
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "ninety": 90,
    "a couple of": 2,
    "a few": 3,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "sixth": 6,
    "twelfth": 12,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
    "6th": 6,
    "12th": 12,
}
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9


@dataclass(frozen=True)
class TimeContext:
    """What relative and partial dates resolve against."""

    reference: dt.date
    fy_start: int = 1


@dataclass(frozen=True)
class TimeExpr:
    """A time expression found in the text, resolved to a period; `deadline` says how it is used."""

    start: int
    end: int
    text: str
    period_start: dt.date
    period_end: dt.date
    grain: str
    deadline: bool
    attributive: bool = False  # "Q3 revenue targets": the period qualifies a noun


@dataclass(frozen=True)
class CadenceExpr:
    """A cadence found in the text."""

    start: int
    end: int
    text: str
    period: str
    every: int


def word_number(token: str | None) -> float | None:
    """Read a number written in digits or words ("3", "3.5", "three", "a"); "nan" and "inf" are words, not numbers."""
    if token is None:
        return None
    token = token.strip().lower().replace(",", "")
    if token in _WORD_NUMBERS:
        return float(_WORD_NUMBERS[token])
    try:
        value = float(token)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


# ---- calendar arithmetic -------------------------------------------------------------------------


def month_end(year: int, month: int) -> dt.date:
    """Return the last day of a month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    """Add calendar months, clamping the day to the month's length."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def fiscal_year_of(day: dt.date, fy_start: int) -> int:
    """Name the fiscal year containing `day`, by the calendar year in which it ends."""
    return day.year + 1 if fy_start > 1 and day.month >= fy_start else day.year


def fiscal_year_bounds(fy: int, fy_start: int) -> tuple[dt.date, dt.date]:
    """Return the first and last day of fiscal year `fy`."""
    start = dt.date(fy if fy_start == 1 else fy - 1, fy_start, 1)
    return start, add_months(start, 12) - dt.timedelta(days=1)


def fiscal_quarter(fy: int, q: int, fy_start: int) -> tuple[dt.date, dt.date]:
    """Return the bounds of quarter `q` of fiscal year `fy`."""
    start = add_months(fiscal_year_bounds(fy, fy_start)[0], 3 * (q - 1))
    return start, add_months(start, 3) - dt.timedelta(days=1)


def _year(text: str | None) -> int | None:
    if not text:
        return None
    text = text.strip("'")
    value = int(text)
    return value + 2000 if value < 100 else value


def _next_fiscal_period(ctx: TimeContext, months: int, index: int) -> tuple[dt.date, dt.date]:
    """Return the next period `index` (1-based, `months` long) of a fiscal year that ends on/after the reference."""
    fy = fiscal_year_of(ctx.reference, ctx.fy_start)
    for year in (fy, fy + 1):
        start = add_months(fiscal_year_bounds(year, ctx.fy_start)[0], months * (index - 1))
        end = add_months(start, months) - dt.timedelta(days=1)
        if end >= ctx.reference:
            return start, end
    return start, end


# ---- resolvers: groups -> (start, end, grain) ------------------------------------------------------

Resolved = tuple[dt.date, dt.date, str] | None


def _quarter(g: dict[str, str | None], ctx: TimeContext) -> Resolved:
    q = (
        int(g.get("q") or g.get("q2") or 0)
        or {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": 4}[
            (g.get("qw") or "").lower()
        ]
    )
    year = _year(g.get("fyear") or g.get("fyear1") or g.get("year") or g.get("year2") or g.get("yy"))
    if year is None:
        start, end = _next_fiscal_period(ctx, 3, q)
    else:
        start, end = fiscal_quarter(year, q, ctx.fy_start)
    return start, end, "quarter"


def _half(g: dict[str, str | None], ctx: TimeContext) -> Resolved:
    h = int(g.get("h") or 0) or (1 if (g.get("hw") or "").lower() in {"first", "1st"} else 2)
    year = _year(g.get("fyear") or g.get("year") or g.get("year2"))
    if year is None:
        start, end = _next_fiscal_period(ctx, 6, h)
    else:
        start = add_months(fiscal_year_bounds(year, ctx.fy_start)[0], 6 * (h - 1))
        end = add_months(start, 6) - dt.timedelta(days=1)
    return start, end, "half"


def _fiscal_year(g: dict[str, str | None], ctx: TimeContext) -> Resolved:
    start, end = fiscal_year_bounds(_year(g.get("fyear") or g.get("fyear2")) or ctx.reference.year, ctx.fy_start)
    return start, end, "year"


def _year_part(g: dict[str, str | None], ctx: TimeContext) -> Resolved:
    year = int(g["year"] or ctx.reference.year)
    part = re.sub(r"\s+", " ", (g.get("part") or "").lower())
    if part == "early":
        return dt.date(year, 1, 1), dt.date(year, 4, 30), "month"
    if part in {"mid", "middle of"}:
        return dt.date(year, 5, 1), dt.date(year, 6, 30), "month"
    if part in {"beginning of", "start of"}:
        return dt.date(year, 1, 1), dt.date(year, 1, 1), "day"
    return dt.date(year, 9, 1), dt.date(year, 12, 31), "month"


def _month_year(g: dict[str, str | None], ctx: TimeContext) -> Resolved:
    month = _MONTHS[(g.get("mon") or "").lower().rstrip(".")]
    year = int(g["year"] or ctx.reference.year)
    return dt.date(year, month, 1), month_end(year, month), "month"


def _month(g: dict[str, str | None], ctx: TimeContext) -> Resolved:
    month = _MONTHS[(g.get("mon") or "").lower().rstrip(".")]
    year = ctx.reference.year if month_end(ctx.reference.year, month) >= ctx.reference else ctx.reference.year + 1
    return dt.date(year, month, 1), month_end(year, month), "month"


def _plain_year(g: dict[str, str | None], ctx: TimeContext) -> Resolved:
    year = int(g["year"] or 0)
    return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"


def _period(g: dict[str, str | None], ctx: TimeContext) -> Resolved:
    what = re.sub(r"[\s-]+", " ", (g.get("what") or "").lower())
    unit = (
        (g.get("unit") or g.get("unit2") or g.get("unit3") or g.get("unit4") or "")
        .lower()
        .replace("yr", "year")
        .replace("quater", "quarter")
        .replace("qtr", "quarter")
        .replace("fy", "year")  # "end of FY": the fiscal year, as every year here is
    )
    which = (g.get("which") or g.get("which2") or g.get("which4") or "").strip().lower()
    ref = ctx.reference
    if what in {"today", "tonight"}:
        return ref, ref, "day"
    if what == "tomorrow":
        return ref + dt.timedelta(days=1), ref + dt.timedelta(days=1), "day"
    if what in {"year end", "eoy", "eofy"}:
        unit = "year"
    elif what == "eoq":
        unit = "quarter"
    elif what == "eom":
        unit = "month"
    elif what == "eow":
        unit = "week"
    elif what.startswith("mid"):
        start, end = _next_fiscal_period(ctx, 6, 1)
        return start, end, "half"
    step = 1 if what.startswith("next") or which == "next" else 0
    if which in {"school", "academic"} or unit in {"semester", "term"}:
        # Academic years end in June; a semester or term ends in June or December.
        months = (6, 12) if unit in {"semester", "term"} else (6,)
        for year in (ref.year, ref.year + 1):
            for month in months:
                if month_end(year, month) >= ref:
                    return dt.date(year, month, 1), month_end(year, month), "month"
    if unit == "week":
        start = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=step)
        return start, start + dt.timedelta(days=6), "day"
    if unit == "month":
        first = add_months(ref.replace(day=1), step)
        return first, month_end(first.year, first.month), "month"
    if unit == "quarter":
        fy = fiscal_year_of(ref, ctx.fy_start)
        fy_first = fiscal_year_bounds(fy, ctx.fy_start)[0]
        index = ((ref.year - fy_first.year) * 12 + ref.month - fy_first.month) // 3
        start = add_months(fy_first, 3 * (index + step))
        return start, add_months(start, 3) - dt.timedelta(days=1), "quarter"
    if which == "calendar":
        return dt.date(ref.year + step, 1, 1), dt.date(ref.year + step, 12, 31), "year"
    start, end = fiscal_year_bounds(fiscal_year_of(ref, ctx.fy_start) + step, ctx.fy_start)
    return start, end, "year"


_UNIT_DAYS = {
    "day": 1,
    "business day": 1.4,
    "working day": 1.4,
    "week": 7,
    "sprint": 14,
    "hour": 0,
    "hr": 0,
    "minute": 0,
    "min": 0,
}
_UNIT_MONTHS = {"month": 1, "quarter": 3, "year": 12, "yr": 12, "semester": 6, "term": 4}  # a term: a third of a year


def _duration(g: dict[str, str | None], ctx: TimeContext) -> Resolved:
    unit = re.sub(r"s$", "", (g.get("unit") or "").lower())
    prep = (g.get("prep") or "").lower()
    n = word_number(g.get("n"))
    if prep == "for" and not g.get("mod"):
        return None  # "for 2 days" says how long an activity lasts, not when the goal is due
    if n is None:
        if prep in {"during", "over", "in"} and not g.get("mod"):
            return None  # "during the week": no length, no end point
        if unit == "quarter" and g.get("mod"):
            return _period({"what": "next quarter", "unit3": "quarter"}, ctx)
        n = 1
    ref = ctx.reference
    if unit in _UNIT_MONTHS:
        end = add_months(ref, round(n * _UNIT_MONTHS[unit]))
    else:
        end = ref + dt.timedelta(days=round(n * _UNIT_DAYS.get(unit, 1)))
    return ref, end, "event" if g.get("event") else "duration"


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    days = [d for d in calendar.Calendar().itermonthdates(year, month) if d.month == month and d.weekday() == weekday]
    return days[n] if n >= 0 else days[-1]


_HOLIDAYS = {
    "labor day": lambda y: _nth_weekday(y, 9, 0, 0),
    "labour day": lambda y: _nth_weekday(y, 9, 0, 0),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 3),
    "christmas": lambda y: dt.date(y, 12, 25),
    "independence day": lambda y: dt.date(y, 7, 4),
    "halloween": lambda y: dt.date(y, 10, 31),
    "valentines day": lambda y: dt.date(y, 2, 14),
    "new years day": lambda y: dt.date(y, 1, 1),
    "new years": lambda y: dt.date(y, 1, 1),
    "new years eve": lambda y: dt.date(y, 12, 31),
}


def _holiday(g: dict[str, str | None], ctx: TimeContext) -> Resolved:
    name = re.sub(r"\s+", " ", (g.get("name") or "").lower().replace("'", ""))
    if name == "easter":
        return None
    rule = _HOLIDAYS[name]
    if g.get("year"):
        day = rule(int(g["year"] or 0))
    else:
        day = rule(ctx.reference.year)
        if day < ctx.reference:
            day = rule(ctx.reference.year + 1)
    return day, day, "day"


_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}


def _season(g: dict[str, str | None], ctx: TimeContext) -> Resolved:
    # The holiday season is November and December (retail's Thanksgiving-to-New-Year stretch); a season of the
    # year is its three months. "by summer" is due when the season ends, "by the start of summer" when it begins.
    holiday = bool(g.get("holiday") or g.get("holidays"))
    month, months = (11, 2) if holiday else (_SEASONS[(g.get("season") or "").lower()], 3)
    year = int(g["year"]) if g.get("year") else ctx.reference.year
    start = dt.date(year, month, 1)
    end = add_months(start, months) - dt.timedelta(days=1)
    if not g.get("year") and end < ctx.reference:
        start = dt.date(year + 1, month, 1)
        end = add_months(start, months) - dt.timedelta(days=1)
    if (g.get("edge") or "").lower() in {"start", "beginning"}:
        return start, start, "day"
    return start, end, "month"


def _school_year(g: dict[str, str | None], ctx: TimeContext) -> Resolved:
    # "2025-26 school year": August of its first year to the end of June of its second (the June end of
    # "end of the school year", `_period`). Two years that do not follow each other are no school year.
    if g.get("y2d"):  # "the class of 2028" graduates in the 2027-28 school year
        return _school_year({"y1": str(int(g["y2d"] or 0) - 1), "y2": g["y2d"]}, ctx)
    first = int(g.get("y1") or g.get("y1b") or g.get("y1c") or 0)
    second = g.get("y2") or g.get("y2b") or g.get("y2c") or ""
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    if last < first:
        last += 100  # "1999-00"
    if last != first + 1:
        return None
    return dt.date(first, 8, 1), dt.date(last, 6, 30), "year"


def _iso_date(g: dict[str, str | None], ctx: TimeContext) -> Resolved:
    try:
        day = dt.date(int(g["y"] or 0), int(g["m"] or 0), int(g["d"] or 0))
    except ValueError:
        return None
    return day, day, "day"


def _absolute(text: str, ctx: TimeContext) -> Resolved:
    day = parse_absolute(re.sub(r"\s+", " ", text), ctx.reference)
    return (day, day, "day") if day else None


# A date with its month by name and its day, and maybe its year ("june 30, 2026", "30th of june", "sept. 30"), as
# `_absolute` hands it over (one space between words). dateparser reads each such text as `named_date` does (the
# day of that year; without one, the next such day after the reference), at ~4.5M instructions a call: the bench's
# first sightings of a date are nearly all of them. tests/test_time.py holds the two together over every month
# spelling, day, suffix and comma, with and without a year, on reference dates around the turn of a year.
_NAMED_DATE = re.compile(
    r"(?P<mon>[a-z]+)\.? (?P<day>[0-9]{1,2})(?:st|nd|rd|th)?(?:,? (?P<year>(?:19|20)[0-9][0-9]))?"
    r"|(?P<day2>[0-9]{1,2})(?:st|nd|rd|th)? (?:of )?(?P<mon2>[a-z]+)(?:\.?,? (?P<year2>(?:19|20)[0-9][0-9]))?"
)


def named_date(text: str, reference: dt.date) -> dt.date | None:
    """Return the day a named date spells ("june 30, 2026"; "june 30": the first June 30 after `reference`).

    None for any other text, for a day its month does not have and for a February 29 without its year: dateparser
    reads those.
    """
    m = _NAMED_DATE.fullmatch(text)
    month = None if m is None else _MONTHS.get(m["mon"] or m["mon2"])
    if month is None:
        return None
    year, day = m["year"] or m["year2"], int(m["day"] or m["day2"])
    try:
        if year is not None:
            return dt.date(int(year), month, day)
        if (month, day) == (2, 29):
            return None
        date = dt.date(reference.year, month, day)
    except ValueError:
        return None
    return date if date > reference else date.replace(year=reference.year + 1)


@lru_cache(maxsize=4096)
def parse_absolute(text: str, reference: dt.date) -> dt.date | None:
    """Resolve an absolute date span: a named date as dateparser would, without its work; any other with it."""
    day = named_date(text, reference)
    return day if day is not None else dateparser_date(text, reference)


def dateparser_date(text: str, reference: dt.date) -> dt.date | None:
    """Resolve an absolute date span with dateparser (imported on first use: it costs ~0.2 s)."""
    import dateparser

    settings = {
        "RELATIVE_BASE": dt.datetime.combine(reference, dt.time()),
        "PREFER_DATES_FROM": "future",
        "DATE_ORDER": "MDY",
        "REQUIRE_PARTS": ["month", "day"],
    }
    parsed = dateparser.parse(text, languages=["en"], settings=settings)  # type: ignore[arg-type]
    return parsed.date() if parsed else None


_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def _weekday(g: dict[str, str | None], ctx: TimeContext) -> Resolved:
    target = _WEEKDAYS.index((g.get("day") or "").lower())
    ahead = (target - ctx.reference.weekday()) % 7 or 7
    if (g.get("which") or "").lower() == "next" and ahead < 7 - ctx.reference.weekday():
        ahead += 7
    day = ctx.reference + dt.timedelta(days=ahead)
    return day, day, "day"


RESOLVERS = {
    "weekday": _weekday,
    "quarter": _quarter,
    "half": _half,
    "fiscal_year": _fiscal_year,
    "year_part": _year_part,
    "month_year": _month_year,
    "month": _month,
    "year": _plain_year,
    "period": _period,
    "duration": _duration,
    "holiday": _holiday,
    "season": _season,
    "school_year": _school_year,
    "iso_date": _iso_date,
}


def grain_is_short(unit: str | None) -> bool:
    """Tell hours and minutes (service standards) from days and longer (due dates)."""
    return bool(unit) and _SHORT_UNIT.match((unit or "").lower()) is not None


# ---- scanning ------------------------------------------------------------------------------------


def find_cadences(
    original: str, grammar: CompiledGrammar, text: str | None = None, *, fired: int | None = None
) -> list[CadenceExpr]:
    """Find every cadence ("monthly", "every two weeks", "per day").

    `fired`: `grammar.word_gates.fired(text)`, when the caller has it already.
    """
    text = text if text is not None else lower_text(original)
    fired = fired if fired is not None else grammar.word_gates.fired(text)
    plan = grammar.cadence_plan(fired)
    if not plan:
        return []  # most goals: no word has what a cadence needs
    found: list[CadenceExpr] = []
    taken = Occupied(len(text))
    for needs, scans in plan:
        if needs is not None and needs.search(text) is None:
            continue
        for scan in scans:
            for start, end, m in scan.spans(text):  # `m` can be the scan's twin: its groups only, not its span
                if taken.overlaps(start, end):
                    continue
                taken.claim(start, end)
                matched = text[start:end]
                period, every = _cadence_period(m, matched), _cadence_every(m, matched)
                found.append(CadenceExpr(start, end, original[start:end], period, every))
    return sorted(found, key=lambda c: c.start)


def _cadence_period(m: re.Match[str], matched: str) -> str:
    return _period_of((m.groupdict().get("unit") or matched).lower())


@lru_cache(maxsize=1024)
def _period_of(word: str) -> str:
    for key, period in (
        ("day", "day"),
        ("daily", "day"),
        ("night", "day"),
        ("hour", "day"),
        ("week", "week"),
        ("fortnight", "week"),
        ("month", "month"),
        ("quarter", "quarter"),
        ("semi", "half"),
        ("year", "year"),
        ("annual", "year"),
        ("yo", "year"),
        ("qo", "quarter"),
        ("mo", "month"),
    ):
        if key in word:
            return period
    return "event"


def _cadence_every(m: re.Match[str], matched: str) -> int:
    text = matched.lower()
    n = word_number(m.groupdict().get("n"))
    if n:
        return int(n)
    return 2 if ("bi" in text and "bill" not in text) or "fortnight" in text or "other" in text else 1


def find_time(
    original: str,
    grammar: CompiledGrammar,
    ctx: TimeContext,
    cadences: list[CadenceExpr],
    text: str | None = None,
    *,
    fired: int | None = None,
) -> list[TimeExpr]:
    """Find time expressions in lower-cased text, resolve them, and mark which are deadlines.

    `fired`: `grammar.word_gates.fired(text)`, when the caller has it already.
    """
    candidates: list[tuple[int, int, int, int, re.Match[str], TimeRegex]] = []
    text = text if text is not None else lower_text(original)
    fired = fired if fired is not None else grammar.word_gates.fired(text)
    for needs, idioms in grammar.time_plan(fired):
        if needs is not None and needs.search(text) is None:
            continue
        for order, tr in idioms:
            for start, end, m in tr.scan.spans(text):  # `m` can be the scan's twin: its groups only, not its span
                candidates.append((start, start - end, order, end, m, tr))
    if not candidates:
        return []
    # (start, -length, order) differs between any two candidates (one idiom's matches never share a start), so
    # the plain tuple sort never compares the matches, and needs no key function.
    candidates.sort()
    taken = Occupied(len(text), ((c.start, c.end) for c in cadences))
    found: list[TimeExpr] = []
    # An ASCII text lowers character by character: its lowered slices are the slices of `text`.
    low = text if original.isascii() else None
    for start, _neg, _order, end, m, tr in candidates:
        if taken.overlaps(start, end):
            continue
        expr = _resolve(original, text[start:end], start, end, m, tr, grammar, ctx, low)
        if expr is not None:
            taken.claim(start, end)
            found.append(expr)
    return found  # in order of start already: the candidates were taken in that order


@lru_cache(maxsize=16384)
def _resolve_dates(tr: TimeRegex, matched: str, ctx: TimeContext) -> Resolved:
    """Resolve one matched idiom to dates; cached, since goal sets repeat "by Q2 2025" endlessly."""
    try:
        if tr.resolver == "absolute":
            return _absolute(matched, ctx)
        m = tr.regex.fullmatch(matched)
        return RESOLVERS[tr.resolver](m.groupdict(), ctx) if m else None
    except (ValueError, KeyError, IndexError, OverflowError):
        return None


def _resolve(
    text: str,
    matched: str,
    m_start: int,
    m_end: int,
    m: re.Match[str],
    tr: TimeRegex,
    grammar: CompiledGrammar,
    ctx: TimeContext,
    low: str | None = None,
) -> TimeExpr | None:
    """Resolve the idiom `matched` (lower-cased) at `m_start:m_end` of `text`; `m` gives its groups only.

    `low`: `text` lower-cased, when each of its slices is the lowered slice of `text` (an ASCII text).
    """
    resolved = _resolve_dates(tr, matched, ctx)
    if resolved is None:
        return None
    if low is None:
        before = text[max(0, m_start - 40) : m_start].lower()
        after = text[m_end : m_end + 40].lower()
    else:
        before = low[max(0, m_start - 40) : m_start]
        after = low[m_end : m_end + 40]
    cue = grammar.deadline  # the words around it that decide (grammar.yaml `deadline_context`)
    spoken_end = bool(cue.spoken_end.match(matched))
    # Most contexts only ask whether a trigger word comes right before (one match of the reversed pattern);
    # where it starts matters only against a pointer back.
    trigger = grammar.trigger_scan.found(before)
    triggered = trigger or spoken_end or not before.strip(" \t*-•>(\"'")
    if not triggered and "(" in before and cue.aside.search(before):
        triggered = True  # "by peak season (Nov 15)", "during peak season (Nov 1 - Dec 31)": the date of a due phrase
    deadline = triggered or tr.self_evident
    if deadline:
        # "since Q1" and "compared to FY24" point back; "in advance of 2021-12-09" is still due.
        # A pointer back wins over the trigger word inside it: "who started in June", "hired in March".
        back = grammar.not_deadline_scan.search(before)
        deadline = back is None or (trigger and back.start() >= grammar.trigger_scan.pattern.search(before).start())
    if deadline and tr.resolver == "duration":
        groups = m.groupdict()
        if (
            groups.get("prep")  # "within 2 hours of": a length; "the first day of class" is a point
            and not groups.get("event")
            and (grammar.service_standard.match(after) or grain_is_short(groups.get("unit")))
        ):
            deadline = False  # "within 2 hours of the page", "within 1 hour": a standard per case, not a due date
    if deadline and cue.baseline_label.match(after) and before.rstrip().endswith("("):
        deadline = False  # "(FY25: 33%)", "(Q3 avg was 17.5%)": the period dates a baseline
    compact = tr.self_evident and not spoken_end and len(matched.split()) <= 2
    # A period before a noun names a topic ("the FY26 budget story", "the Q2 talent review"), unless the noun
    # is bound to the period ("my FY26 quota", "the Q3 launch") or "before the ..." sets the date. Either way
    # such a period gives way to a plain due date elsewhere in the goal ("attributive").
    # A period that opens a clause labels a phase: "Q1 finish the course, Q2 lead the project".
    opens_clause = not before.strip() or before.rstrip()[-1] in ":;,•-–("
    modifier = (
        compact
        and not opens_clause
        and bool(cue.attributive_after.match(after))
        and not cue.bound_target.match(after)
        and not cue.measured_at.match(after)
    )
    attributive = False
    if modifier:  # only a modifier asks whether "by the ..." comes first
        due_before = cue.due_before.search(before) is not None
        attributive = not trigger or due_before
        if deadline and not due_before and cue.attributive_before.search(before):
            deadline = False
    if deadline and tr.resolver == "duration" and cue.age_after.match(after):
        deadline = False
    if deadline and tr.id in cue.occasions and cue.attributive_after.match(after) and not cue.bound_target.match(after):
        # Before a noun, a numbered year names a group ("Year 9 maths teachers") and a season the occasion of
        # a baseline ("up from 62% on the fall benchmark"); "by the spring conference" is still due.
        if tr.resolver == "season":
            deadline = (
                cue.due_word_before.search(before) is not None
                or cue.season_edge.match(matched) is not None
                or cue.baseline_before.search(before) is None
            )
        else:
            deadline = cue.due_word_before.search(before) is not None
    start, end, grain = resolved
    return TimeExpr(m_start, m_end, text[m_start:m_end], start, end, grain, deadline, attributive)
