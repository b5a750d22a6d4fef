"""Find the values in a goal (percentages, money, counts, scores, multipliers, ranks) and their roles.

A value's role comes from the words before it: "from 3.2" is a baseline, "to 4.0" and "by 15%" are
targets, "Grade 4" and "40 mg" are labels, not values. Numbers inside time expressions and cadences
("Q2 2025", "within 90 days", "every 2 weeks") are never values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import attrgetter

from .grammar import CompiledGrammar
from .occupancy import Occupied
from .time import word_number

# Inline patterns, compiled once.
_COUNTED_NOUN = re.compile(r"\s+(?!of\b|day\b|another\b|way\b|more\b|thing\b|or\b)[a-z]{3,}")
_YEAR = re.compile(r"(?:19|20)\d\d")
_AMOUNT_AFTER_YEAR = re.compile(r"\s*(?:%|percent|units|new|customers)")
_ARROW_AFTER = re.compile(r"\s*(?:->|→|=>|⟶|-->)\s*[$€£]?\d")
_BY_BEFORE = re.compile(r"\bby\s*$")
_START = attrgetter("start")  # a sort key in C: no Python call a value

_MULTIPLIERS = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "lakh": 1e5,
    "crore": 1e7,
}
_CURRENCIES = {
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "usd": "USD",
    "chf": "CHF",
    "dollars": "USD",
    "eur": "EUR",
    "euros": "EUR",
    "gbp": "GBP",
    "pounds": "GBP",
}
_WORD_MULTIPLIERS = {
    "double": 2.0,
    "twofold": 2.0,
    "triple": 3.0,
    "threefold": 3.0,
    "quadruple": 4.0,
    "halve": 0.5,
    "half": 0.5,
}
_TIME_UNIT = (
    r"\s*(?:business\s+|working\s+)?(?P<time>hours?|hrs?|h|minutes?|mins?|days?|weeks?|months?|years?|seconds?|"
    r"secs?|s|milliseconds?|ms)\b"
)
# Data sizes by their names: pint reads "mb" as a millibarn.
_DATA_UNITS = {"kb": "kilobyte", "mb": "megabyte", "gb": "gigabyte", "tb": "terabyte"}
_OTHER_UNIT = (
    r"\s*(?P<unit>gb|mb|tb|kb|km|kilometers?|miles?|mi|kg|lbs?|pounds|steps|words\s+per\s+minute|wpm|points?|pts)\b"
)
# The unit after a number: one match tries a time unit, then another (most numbers have neither).
_UNIT_AFTER = re.compile(f"{_TIME_UNIT}|{_OTHER_UNIT}")


@dataclass(slots=True)  # slots: a few are made for every goal, and read often
class Value:
    """A value found in the text, before it is attached to a metric."""

    start: int
    end: int
    value: float
    kind: str
    unit: str | None = None
    role: str = "target"  # target | baseline | change | scale | label
    comparator: str | None = None
    high: float | None = None  # scale maximum, for kind "scale"


_NUMBERS: dict[str, float | None] = {}  # what _num read from each number text met; bounded


def _num(text: str | None) -> float | None:
    if text is None:
        return None
    # Goals repeat their number texts ("10", "50%", "one"): a look-up replaces word_number's string work.
    try:
        return _NUMBERS[text]
    except KeyError:
        if len(_NUMBERS) >= 10_000:
            _NUMBERS.clear()
        value = _NUMBERS[text] = word_number(text.replace(",", ""))
        return value


def find_values(
    low: str, grammar: CompiledGrammar, taken: list[tuple[int, int]], fired: int | None = None
) -> list[Value]:
    """Find values in lower-cased text, outside the `taken` (time and cadence) spans.

    `fired`: `grammar.word_gates.fired(low)`, when the caller has it (the time tagger worked it out).
    """
    occupied = Occupied(len(low), taken)
    values: list[Value] = []

    def add(v: Value) -> None:
        occupied.claim(v.start, v.end)
        values.append(v)

    for m in _scan(grammar, "scale", low, fired):
        if occupied.overlaps(m.start(), m.end()):
            continue
        g = m.groupdict()
        high = _num(g.get("n") or g.get("n2") or g.get("hi") or g.get("n3"))
        low_v = _num(g.get("lo")) or 0.0
        if high is None:
            continue
        if g.get("v") is not None:  # "4.5/5": a score on a scale
            add(Value(m.start(), m.end(), _num(g["v"]) or 0.0, "score", "points", "target", high=high))
        else:
            add(Value(m.start(), m.end(), low_v, "scale", None, "scale", high=high))
    for m in _scan(grammar, "money", low, fired):
        if occupied.overlaps(m.start(), m.end()):
            continue
        g = m.groupdict()
        amount = _num(g.get("v") or g.get("v2") or g.get("v3"))
        if amount is None:
            continue
        mult = (g.get("mult") or g.get("mult2") or g.get("mult3") or "").lower()
        cur = _CURRENCIES.get((g.get("cur") or g.get("cur2") or g.get("cur3") or "").lower(), "USD")
        add(Value(m.start(), m.end(), amount * _MULTIPLIERS.get(mult, 1.0), "money", cur))
    for m in _scan(grammar, "percent", low, fired):
        start, end = m.span()
        if occupied.overlaps(start, end) or _is_label(low, start, end, grammar):
            continue
        v, v_hi = m.group("v", "v_hi")
        value = _num(v_hi or v)
        if value is not None:
            add(Value(start, end, value, "percent", "percent"))
    for m in _scan(grammar, "multiplier", low, fired):
        if occupied.overlaps(m.start(), m.end()):
            continue
        g = m.groupdict()
        word = (g.get("word") or "").lower()
        value = _WORD_MULTIPLIERS.get(word) or _num(g.get("v") or g.get("v2"))
        if value is not None:
            add(Value(m.start(), m.end(), value, "multiplier", "times", "change"))
    for m in _scan(grammar, "rank", low, fired):
        if not occupied.overlaps(m.start(), m.end()):
            add(Value(m.start(), m.end(), _num(m.group("v") or m.group("v2")) or 1.0, "rank"))
    # The one scan every goal needs: its loop reads each field once, the span from the scan (`m` can be the
    # scan's twin match, whose own span starts a character early).
    scope = grammar.scope_before_scan
    words = grammar.number_words  # most goals name no number in words: the scan then skips every word
    letters = fired is None or not words or fired & words == words
    for start, end, m in grammar.number_scan.spans(low, letters=letters):
        if occupied.overlaps(start, end) or _is_label(low, start, end, grammar):
            continue
        if scope is not None and scope.found_before(low, start, 12):
            continue  # "for our 5 regional teams", "across my 12 accounts": the size of the scope, not a target
        digits, word, mult = m.group("v", "word", "mult")
        value = _num(digits or word)
        if value is None or (word == "one" and not _counted_noun_follows(low, end)):
            continue
        value *= _MULTIPLIERS.get((mult or "").lower(), 1.0)
        add(_number_value(low, start, end, value))
    values.sort(key=_START)
    for v in values:
        _assign_role(low, v, grammar)
    return values


def _scan(grammar: CompiledGrammar, kind: str, low: str, fired: int | None = None) -> list[re.Match[str]]:
    needs = grammar.value_needs.get(kind)
    if needs is not None:
        words = grammar.value_words.get(kind) if fired is not None else None
        if words is not None and fired & words[0] != words[0]:  # type: ignore[operator]
            return []  # no word of the goal has what the gate needs
        if words is None or not words[1]:  # the words do not decide the gate: search it
            literals = grammar.value_cues.get(kind)
            if literals and not any(map(low.__contains__, literals)):  # `in` in C, no generator a goal
                return []
            if not needs.search(low):
                return []
    return list(getattr(grammar, kind).finditer(low))


def _counted_noun_follows(low: str, end: int) -> bool:
    # "one" is a number in "one graduate", not in "one of the" or "one day".
    return _COUNTED_NOUN.match(low, end) is not None


def _number_value(low: str, start: int, end: int, value: float) -> Value:
    unit_match = _UNIT_AFTER.match(low, end, end + 30)  # the unit within 30 characters, read in place
    if unit_match is None:
        return Value(start, end, value, "count")
    time_unit, unit = unit_match.group("time", "unit")
    if time_unit is not None:
        return Value(start, unit_match.end(), value, "duration", _singular(time_unit))
    return Value(start, unit_match.end(), value, "count", _DATA_UNITS.get(unit, unit))


def _singular(unit: str) -> str:
    # "hours" -> "hour", "mins" -> "min"; "ms" and "s" are already units of their own.
    return unit[:-1] if len(unit) > 2 and unit.endswith("s") else unit


def _is_label(low: str, start: int, end: int, grammar: CompiledGrammar) -> bool:
    """Tell labels ("grade 4", "phase 3", "40 mg", "3rd") from values."""
    if grammar.label_before_scan.found_before(low, start, 20):
        return True
    if grammar.label_after.match(low[end : end + 20]):
        return True
    # Years and year-like numbers are dates, not values, when not followed by a unit or noun of amount.
    if end - start < 4:
        return False  # too short for a year (most numbers): no slice to test
    token = low[start:end].replace(",", "")
    return bool(_YEAR.fullmatch(token)) and not _AMOUNT_AFTER_YEAR.match(low, end)


def _assign_role(low: str, v: Value, grammar: CompiledGrammar) -> None:
    if v.role in {"scale", "change"} and v.kind != "multiplier":
        return
    before = low[max(0, v.start - 40) : v.start]
    comparator = grammar.comparator_scan.search(before)
    if comparator:
        v.comparator = comparator.group(0).strip()
        before = before[: comparator.start()]
    if v.kind == "multiplier":
        v.role = "change"
    elif _is_baseline(before, grammar) or _ARROW_AFTER.match(low, v.end):
        v.role = "baseline"  # "from 35%", and "35% -> 50%": the value the arrow leaves
    elif v.kind in {"percent", "money", "count"} and _ends_with_by(before):
        v.role = "change"


def _is_baseline(before: str, grammar: CompiledGrammar) -> bool:
    # Most values have no cue: the gate (the cue without its \b, which `re` can skip through) says so quickly.
    return grammar.baseline_gate.search(before) is not None and grammar.baseline_cue_scan.found(before)


def _ends_with_by(before: str) -> bool:
    # The literal test is a quick necessary condition; the pattern adds the word boundary.
    return before.rstrip().endswith("by") and _BY_BEFORE.search(before) is not None
