"""Find the values in a goal (percentages, money, counts, scores, multipliers, ranks) and their roles.

A value's role comes from the words before it: "from 3.2" is a baseline, "to 4.0" and "by 15%" are
targets, "Grade 4" and "40 mg" are labels, not values. Numbers inside time expressions and cadences
("Q2 2025", "within 90 days", "every 2 weeks") are never values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from re import _constants as sre
from re import _parser as sre_parse

from .grammar import CompiledGrammar
from .occupancy import Occupied
from .regexscan import cues
from .time import word_number

# Inline patterns, compiled once.
_COUNTED_NOUN = re.compile(r"\s+(?!of\b|day\b|another\b|way\b|more\b|thing\b|or\b)[a-z]{3,}")
_YEAR = re.compile(r"(?:19|20)\d\d")
_AMOUNT_AFTER_YEAR = re.compile(r"\s*(?:%|percent|units|new|customers)")
_ARROW_AFTER = re.compile(r"\s*(?:->|→|=>|⟶|-->)\s*[$€£]?\d")
_BY_BEFORE = re.compile(r"\bby\s*$")

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


def find_values(low: str, grammar: CompiledGrammar, taken: list[tuple[int, int]]) -> list[Value]:
    """Find values in lower-cased text, outside the `taken` (time and cadence) spans."""
    tails = _tails(grammar)
    occupied = Occupied(len(low), taken)
    values: list[Value] = []

    def add(v: Value) -> None:
        occupied.claim(v.start, v.end)
        values.append(v)

    for m in _scan(grammar, "scale", low, tails):
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
    for m in _scan(grammar, "money", low, tails):
        if occupied.overlaps(m.start(), m.end()):
            continue
        g = m.groupdict()
        amount = _num(g.get("v") or g.get("v2") or g.get("v3"))
        if amount is None:
            continue
        mult = (g.get("mult") or g.get("mult2") or g.get("mult3") or "").lower()
        cur = _CURRENCIES.get((g.get("cur") or g.get("cur2") or g.get("cur3") or "").lower(), "USD")
        add(Value(m.start(), m.end(), amount * _MULTIPLIERS.get(mult, 1.0), "money", cur))
    for m in _scan(grammar, "percent", low, tails):
        if occupied.overlaps(m.start(), m.end()) or _is_label(low, m.start(), m.end(), grammar, tails):
            continue
        g = m.groupdict()
        value = _num(g.get("v_hi") or g.get("v"))
        if value is not None:
            add(Value(m.start(), m.end(), value, "percent", "percent"))
    for m in _scan(grammar, "multiplier", low, tails):
        if occupied.overlaps(m.start(), m.end()):
            continue
        g = m.groupdict()
        word = (g.get("word") or "").lower()
        value = _WORD_MULTIPLIERS.get(word) or _num(g.get("v") or g.get("v2"))
        if value is not None:
            add(Value(m.start(), m.end(), value, "multiplier", "times", "change"))
    for m in _scan(grammar, "rank", low, tails):
        if not occupied.overlaps(m.start(), m.end()):
            add(Value(m.start(), m.end(), _num(m.group("v") or m.group("v2")) or 1.0, "rank"))
    for m in grammar.number_scan.finditer(low):  # the one scan every goal needs: its loop reads each field once
        start, end = m.span()
        if occupied.overlaps(start, end) or _is_label(low, start, end, grammar, tails):
            continue
        digits, word, mult = m.group("v", "word", "mult")
        value = _num(digits or word)
        if value is None or (word == "one" and not _counted_noun_follows(low, end)):
            continue
        value *= _MULTIPLIERS.get((mult or "").lower(), 1.0)
        add(_number_value(low, start, end, value))
    values.sort(key=lambda v: v.start)
    for v in values:
        _assign_role(low, v, grammar, tails)
    return values


def _scan(grammar: CompiledGrammar, kind: str, low: str, tails: _Tails) -> list[re.Match[str]]:
    needs = grammar.value_needs.get(kind)
    if needs is not None:
        cues = tails.gate_cues.get(kind)
        if cues and not any(cue in low for cue in cues):
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


def _is_label(low: str, start: int, end: int, grammar: CompiledGrammar, tails: _Tails) -> bool:
    """Tell labels ("grade 4", "phase 3", "40 mg", "3rd") from values."""
    if tails.label_before.found(low[max(0, start - 20) : start]):
        return True
    if grammar.label_after.match(low[end : end + 20]):
        return True
    # Years and year-like numbers are dates, not values, when not followed by a unit or noun of amount.
    token = low[start:end].replace(",", "")
    return bool(_YEAR.fullmatch(token)) and not _AMOUNT_AFTER_YEAR.match(low, end)


def _assign_role(low: str, v: Value, grammar: CompiledGrammar, tails: _Tails) -> None:
    if v.role in {"scale", "change"} and v.kind != "multiplier":
        return
    before = low[max(0, v.start - 40) : v.start]
    comparator = tails.comparator.search(before)
    if comparator:
        v.comparator = comparator.group(0).strip()
        before = before[: comparator.start()]
    if v.kind == "multiplier":
        v.role = "change"
    elif _is_baseline(before, grammar, tails) or _ARROW_AFTER.match(low, v.end):
        v.role = "baseline"  # "from 35%", and "35% -> 50%": the value the arrow leaves
    elif v.kind in {"percent", "money", "count"} and _ends_with_by(before):
        v.role = "change"


def _is_baseline(before: str, grammar: CompiledGrammar, tails: _Tails) -> bool:
    # Most values have no cue: the gate (the cue without its \b, which `re` can skip through) says so quickly.
    return grammar.baseline_gate.search(before) is not None and tails.baseline_cue.found(before)


def _ends_with_by(before: str) -> bool:
    # The literal test is a quick necessary condition; the pattern adds the word boundary.
    return before.rstrip().endswith("by") and _BY_BEFORE.search(before) is not None


# ---- patterns anchored at the end, matched from the end ------------------------------------------------

_AT_REVERSED = {  # a word boundary reads the same from either side; the start of the text becomes its end
    sre.AT_BOUNDARY: r"\b",
    sre.AT_NON_BOUNDARY: r"\B",
    sre.AT_BEGINNING: r"\Z",
    sre.AT_BEGINNING_STRING: r"\Z",
}
_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}


class EndSearch:
    """Search a pattern that ends with `$` (the context before a value) from the end of the text.

    `re` tries such a pattern at every character of the text, and only a match that reaches the end counts.
    The same pattern written backwards matches at the start of the reversed text exactly when the pattern
    matches somewhere in the text: one attempt instead of one per character, about 5x quicker on the 20-40
    characters before a value. The twin is built from the tree of `re._parser`; a pattern with a shape it
    does not know (look-arounds, back-references, flags) is searched as it is.
    """

    __slots__ = ("_reversed", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._reversed = _reversed_pattern(pattern)

    def found(self, text: str) -> bool:
        """Tell whether `pattern.search(text)` finds a match."""
        if self._reversed is None:
            return self.pattern.search(text) is not None
        return self._reversed.match(text[::-1]) is not None

    def search(self, text: str) -> re.Match[str] | None:
        """Return what `pattern.search(text)` returns (searched only when there is a match)."""
        return self.pattern.search(text) if self.found(text) else None


def _reversed_pattern(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """Return a pattern that matches at the start of reversed text exactly when `pattern` matches in the text."""
    if pattern.flags & ~re.UNICODE:
        return None
    items = sre_parse.parse(pattern.pattern, pattern.flags).data
    if not items or items[-1] not in ((sre.AT, sre.AT_END), (sre.AT, sre.AT_END_STRING)):
        return None
    body = _backwards(items[:-1])
    if body is None:
        return None
    # `$` also matches before a newline that ends the text: the first character of the reversed text.
    return re.compile((r"\n?" if items[-1][1] is sre.AT_END else "") + body, pattern.flags)


def _backwards(items: list[tuple[object, object]]) -> str | None:
    """Write a parsed pattern backwards (same language, reversed); None for a shape it does not know.

    Only whether a match exists is kept: groups become non-capturing, lazy repeats greedy.
    """
    out = []
    for op, av in reversed(items):
        if op is sre.LITERAL:
            part = re.escape(chr(av))
        elif op is sre.NOT_LITERAL:
            part = "[^" + re.escape(chr(av)) + "]"
        elif op is sre.ANY:
            part = "."
        elif op is sre.IN:
            part = _char_class(av)
        elif op is sre.AT:
            part = _AT_REVERSED.get(av)
        elif op is sre.BRANCH:
            alternatives = [_backwards(alt.data) for alt in av[1]]
            part = None if None in alternatives else "(?:" + "|".join(alternatives) + ")"
        elif op is sre.SUBPATTERN:
            inner = None if av[1] or av[2] else _backwards(av[3].data)
            part = None if inner is None else "(?:" + inner + ")"
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            inner = _backwards(av[2].data)
            high = "" if av[1] == sre.MAXREPEAT else str(av[1])
            part = None if inner is None else f"(?:{inner}){{{av[0]},{high}}}"
        else:
            return None  # look-arounds, back-references, atomic groups ...
        if part is None:
            return None
        out.append(part)
    return "".join(out)


def _char_class(items: list[tuple[object, object]]) -> str | None:
    parts = []
    for op, av in items:
        if op is sre.NEGATE:
            parts.insert(0, "^")
        elif op is sre.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is sre.RANGE:
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is sre.CATEGORY and av in _CATEGORIES:
            parts.append(_CATEGORIES[av])
        else:
            return None
    return "[" + "".join(parts) + "]"


def _skips(pattern: re.Pattern[str]) -> bool:
    """Tell whether `re` skips through text to where a match can start (it does for a pattern led by literals).

    Mirrors `re._compiler._get_charset_prefix`: a literal, a character class, or alternatives that each open
    with a literal. Any other pattern is tried at every character.
    """
    items = sre_parse.parse(pattern.pattern, pattern.flags).data
    while items and items[0][0] is sre.SUBPATTERN:
        items = items[0][1][3].data
    if not items:
        return False
    op, av = items[0]
    if op is sre.BRANCH:
        return all(alt.data and alt.data[0][0] is sre.LITERAL for alt in av[1])
    return op in (sre.LITERAL, sre.IN)


@dataclass(frozen=True, slots=True)
class _Tails:
    r"""What find_values reads from a grammar besides its patterns, derived once.

    The context patterns that end with `$`, each searched from the end; and for each value gate that `re`
    cannot skip through (scale's `\d\s*/\s*\d`), the strings one of which each of its matches contains: `in`
    finds them in C, so most goals are turned away before the gate is tried at every character.
    """

    label_before: EndSearch
    comparator: EndSearch
    baseline_cue: EndSearch
    gate_cues: dict[str, tuple[str, ...]]

    @classmethod
    def of(cls, grammar: CompiledGrammar) -> _Tails:
        """Derive them from a grammar."""
        gate_cues = {kind: cues(gate) for kind, gate in grammar.value_needs.items() if not _skips(gate)}
        return cls(
            EndSearch(grammar.label_before),
            EndSearch(grammar.comparator),
            EndSearch(grammar.baseline_cue),
            {kind: found for kind, found in gate_cues.items() if found},
        )


_TAILS: dict[int, tuple[CompiledGrammar, _Tails]] = {}  # by id(grammar): a CompiledGrammar is not hashable


def _tails(grammar: CompiledGrammar) -> _Tails:
    known = _TAILS.get(id(grammar))
    if known is None or known[0] is not grammar:
        if len(_TAILS) >= 16:
            _TAILS.clear()
        known = _TAILS[id(grammar)] = (grammar, _Tails.of(grammar))
    return known[1]
