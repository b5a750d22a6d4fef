"""Compile a pack's grammar (time idioms, cadences, quantities) into regular expressions, once."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from re import _constants as sre
from re import _parser as sre_parse

from goalcheck.rulebook.spec import Grammar

_FRAGMENT = re.compile(r"{(\w+)}")
_BOUNDARY = re.compile(r"(?<!\\)\\b")
_CASED = re.compile(r"(\\.|\(\?P)|([A-Z])")


def lower_pattern(pattern: str) -> str:
    r"""Lower-case a regular expression's literals, leaving escapes (\\D, \\S) and `(?P` alone.

    Extraction matches lower-cased text with case-sensitive patterns: Python's `re` runs about twice
    as fast without IGNORECASE.
    """
    return _CASED.sub(lambda m: m.group(1) or m.group(2).lower(), pattern)


def lower_text(text: str) -> str:
    """Lower-case text without changing its length, so offsets stay valid."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def expand(pattern: str, fragments: Mapping[str, str]) -> str:
    """Splice `{name}` fragments into a pattern (fragments may use earlier fragments)."""
    for _ in range(3):
        if not _FRAGMENT.search(pattern):
            break
        pattern = _FRAGMENT.sub(lambda m: fragments[m.group(1)] if m.group(1) in fragments else m.group(0), pattern)
    return pattern


# A character a match can start with: ("char", c), ("range", low, high) or ("digit",).
_Start = tuple[object, ...]


def _starts(items: list[tuple[object, object]]) -> tuple[frozenset[_Start], bool] | None:
    """Return the characters a match of a parsed pattern can start with, and whether it can be empty.

    Reads the tree of `re._parser` (Python 3.11+); None for anything it does not know, so a surprise
    only costs speed.
    """
    found: set[_Start] = set()
    for op, av in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero width: the next item decides
        if op is sre.LITERAL:
            return frozenset({*found, ("char", chr(av))}), False
        if op is sre.IN:
            chars = [_class_start(o, a) for o, a in av]
            return None if None in chars else (frozenset({*found, *chars}), False)
        inner: tuple[frozenset[_Start], bool] | None = None
        if op is sre.SUBPATTERN and not (av[1] or av[2]):
            inner = _starts(av[3].data)
        elif op is sre.BRANCH:
            branches = [_starts(alt.data) for alt in av[1]]
            if None not in branches:
                inner = frozenset().union(*(b[0] for b in branches)), any(b[1] for b in branches)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            sub = _starts(av[2].data)
            if sub is not None:
                inner = sub[0], sub[1] or av[0] == 0
        if inner is None:
            return None
        found |= inner[0]
        if not inner[1]:
            return frozenset(found), False
    return frozenset(found), True


def _class_start(op: object, av: object) -> _Start | None:
    if op is sre.LITERAL:
        return ("char", chr(av))
    if op is sre.RANGE:
        return ("range", chr(av[0]), chr(av[1]))
    if op is sre.CATEGORY and av is sre.CATEGORY_DIGIT:
        return ("digit",)
    return None


_WORD_CHAR = re.compile(r"\w")


def _is_word(start: _Start) -> bool:
    if start[0] == "char":
        return _WORD_CHAR.match(start[1]) is not None
    if start[0] == "range":
        low, high = ord(start[1]), ord(start[2])
        return high - low < 256 and all(_WORD_CHAR.match(chr(c)) for c in range(low, high + 1))
    return True  # a digit is a word character


def _char_class(starts: frozenset[_Start]) -> str:
    parts = []
    for start in sorted(starts, key=str):
        if start[0] == "char":
            parts.append(re.escape(start[1]))
        elif start[0] == "range":
            parts.append(f"{re.escape(start[1])}-{re.escape(start[2])}")
        else:
            parts.append(r"\d")
    return "[" + "".join(parts) + "]"


class WordScan:
    r"""Search a pattern that starts with `\b` and a word character only where a word can start.

    Python's `re` cannot skip ahead in a pattern that opens with `\b`: it tries a full match at every
    character. Such a pattern matches at the start of the text or right after a non-word character, and
    every non-word character is outside a-z0-9_: so the twin `[^a-z0-9_](?:...)` matches one character
    before each match after the start, `re` skips to its candidates through a bitmap (in C), and the
    pattern is matched once where the twin hit. Same matches, in the same order, as `finditer` and
    `search`, a third quicker on a goal; a pattern of another shape is searched as it is.
    """

    __slots__ = ("_after", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._after: re.Pattern[str] | None = None
        if pattern.flags & ~re.UNICODE:  # ASCII, VERBOSE ...: not worth the care
            return
        items = sre_parse.parse(pattern.pattern, pattern.flags).data
        if not items or items[0] != (sre.AT, sre.AT_BOUNDARY):
            return
        starts = _starts(items[1:])
        if starts is None or starts[1] or not all(map(_is_word, starts[0])):
            return
        # A pattern that opens with an optional part ("(?:the end of )?Q3") makes `re` enter it at every word;
        # a look at the first letter turns most words away before that.
        first = next((op for op, _ in items[1:] if op not in (sre.AT, sre.ASSERT, sre.ASSERT_NOT)), None)
        look = f"(?={_char_class(starts[0])})" if first in (sre.MAX_REPEAT, sre.MIN_REPEAT) else ""
        self._after = re.compile(r"[^a-z0-9_]" + look + "(?:" + pattern.pattern + ")", pattern.flags)

    def _from(self, text: str, pos: int) -> re.Match[str] | None:
        """Return `pattern.search(text, pos)` for pos >= 1: the match right after the twin's first hit."""
        hit = self._after.search(text, pos - 1)
        return None if hit is None else self.pattern.match(text, hit.start() + 1)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Yield what `pattern.finditer(text)` yields."""
        if self._after is None:
            yield from self.pattern.finditer(text)
            return
        m = self.pattern.match(text) or self._from(text, 1)
        while m is not None:
            yield m
            m = self._from(text, m.end())  # a match is never empty, so end() >= 1

    def search(self, text: str) -> re.Match[str] | None:
        """Return what `pattern.search(text)` returns."""
        if self._after is None:
            return self.pattern.search(text)
        return self.pattern.match(text) or self._from(text, 1)


def _no_space(items: list[tuple[object, object]]) -> bool:
    """Tell whether a parsed pattern never consumes a whitespace character and asserts nothing."""
    for op, av in items:
        if op is sre.LITERAL:
            ok = not chr(av).isspace()
        elif op is sre.IN:
            ok = all(
                (o is sre.CATEGORY and a in (sre.CATEGORY_DIGIT, sre.CATEGORY_WORD))
                or (o is sre.LITERAL and not chr(a).isspace())
                or (o is sre.RANGE and a[1] - a[0] < 256 and not any(chr(c).isspace() for c in range(a[0], a[1] + 1)))
                for o, a in av
            )
        elif op is sre.SUBPATTERN:
            ok = not (av[1] or av[2]) and _no_space(av[3].data)
        elif op is sre.BRANCH:
            ok = all(_no_space(alt.data) for alt in av[1])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            ok = _no_space(av[2].data)
        else:
            return False
        if not ok:
            return False
    return True


class WordGates:
    r"""Answer, once per distinct word, what the gates need to know about the words of a goal.

    A word is a whitespace-separated piece of the goal. Two kinds of test, one bit each:
    - a gate that never consumes whitespace and asserts nothing (no `\b`, no look-around, never empty)
      matches a goal exactly when it matches one of its words alone: the bit decides the gate;
    - a list of cues without whitespace (see `cues`), one of which every match of a gate contains: no bit,
      no match, so the gate is searched only when the bit is set.
    Goal sets repeat their words ("Q3", "by", "monthly"), so each distinct word is tested once and then
    looked up: one `str.split` a goal replaces most gate searches. The memo is per word, never per goal,
    and bounded.
    """

    _MAX_WORDS = 50_000

    def __init__(self, tests: tuple[re.Pattern[str] | tuple[str, ...], ...]) -> None:
        self.tests = tests
        self._seen: dict[str, int] = {}

    @staticmethod
    def decides(pattern: re.Pattern[str]) -> bool:
        """Tell whether a gate can be decided word by word."""
        if pattern.flags & ~re.UNICODE or pattern.fullmatch("") is not None:
            return False
        return _no_space(sre_parse.parse(pattern.pattern, pattern.flags).data)

    def fired(self, text: str) -> int:
        """Return a bit mask: bit i is set when test i holds for some word of `text`."""
        seen, fired = self._seen, 0
        for word in text.split():
            bits = seen.get(word)
            if bits is None:
                if len(seen) >= self._MAX_WORDS:
                    seen.clear()
                bits = seen[word] = sum(1 << i for i, test in enumerate(self.tests) if self._holds(test, word))
            fired |= bits
        return fired

    @staticmethod
    def _holds(test: re.Pattern[str] | tuple[str, ...], word: str) -> bool:
        if isinstance(test, tuple):
            return any(cue in word for cue in test)
        return test.search(word) is not None


def _word_gates(gates: list[re.Pattern[str] | None]) -> tuple[WordGates, list[tuple[int, bool]]]:
    """Build the WordGates of a list of gates; return it and, for each gate, (its bit or 0, whether it decides)."""
    tests: list[re.Pattern[str] | tuple[str, ...]] = []
    bits: list[tuple[int, bool]] = []
    for gate in gates:
        found = cues(gate) if gate is not None else ()
        if gate is not None and WordGates.decides(gate):
            tests.append(gate)
            bits.append((1 << (len(tests) - 1), True))
        elif found and not any(any(c.isspace() for c in cue) for cue in found):
            tests.append(found)
            bits.append((1 << (len(tests) - 1), False))
        else:
            bits.append((0, False))
    return WordGates(tuple(tests)), bits


def cues(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """Return strings of which every match of `pattern` contains one; () when none are known.

    `any(c in text for c in cues)` is then a necessary condition for `pattern.search(text)`. Read from the
    tree of `re._parser`: a run of literals, or an alternation whose every branch has cues.
    """
    if pattern.flags & ~re.UNICODE:
        return ()
    found = _cues(sre_parse.parse(pattern.pattern, pattern.flags).data)
    if not found:
        return ()
    # A cue that contains a shorter cue adds nothing ("business day" after "day"); shortest first.
    kept = sorted(found, key=lambda c: (len(c), c))
    return tuple(c for i, c in enumerate(kept) if not any(k in c for k in kept[:i]))


def _cues(items: list[tuple[object, object]]) -> frozenset[str] | None:
    best: frozenset[str] | None = None

    def consider(found: frozenset[str] | None) -> None:
        nonlocal best
        # Fewer strings to look for first, then longer (rarer) ones.
        if found and (best is None or (len(found), -min(map(len, found))) < (len(best), -min(map(len, best)))):
            best = found

    run: list[str] = []
    for op, av in [*items, (None, None)]:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            consider(frozenset(["".join(run)]))
            run = []
        if op is sre.SUBPATTERN and not (av[1] or av[2]):
            consider(_cues(av[3].data))
        elif op is sre.BRANCH:
            branches = [_cues(alt.data) for alt in av[1]]
            if all(branches):
                consider(frozenset().union(*branches))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
            consider(_cues(av[2].data))
    return best


@dataclass(frozen=True, eq=False)
class TimeRegex:
    """One compiled time idiom (compared and hashed by identity: a cache key on every match)."""

    id: str
    resolver: str
    needs: re.Pattern[str] | None
    regex: re.Pattern[str]
    self_evident: bool
    gate: int = -1  # index of its `needs` in CompiledGrammar.time_gates; -1: always tried
    scan: WordScan = field(init=False, repr=False)  # finds what `regex.finditer` finds, faster

    def __post_init__(self) -> None:
        object.__setattr__(self, "scan", WordScan(self.regex))


@dataclass(frozen=True)
class CompiledGrammar:
    """Every regular expression extraction needs, compiled once per rule book."""

    time: tuple[TimeRegex, ...]
    time_gates: tuple[re.Pattern[str], ...]  # the distinct `needs` of the time idioms, each searched once a goal
    cadence_scans: tuple[WordScan, ...]  # for each cadence: its regex, to scan with
    trigger_scan: WordScan  # trigger_before, to search with
    not_deadline_scan: WordScan  # not_deadline_after, to search with
    word_gates: WordGates  # what the time and cadence gates need to know, word by word
    time_gate_bits: tuple[tuple[int, bool], ...]  # for each time gate: (its bit in word_gates.fired(), decides)
    cadence_gate_bits: tuple[tuple[int, bool], ...]  # the same for each cadence's gate
    trigger_before: re.Pattern[str]
    not_deadline_after: re.Pattern[str]
    service_standard: re.Pattern[str]
    cadence: tuple[tuple[re.Pattern[str] | None, re.Pattern[str]], ...]
    money: re.Pattern[str]
    percent: re.Pattern[str]
    scale: re.Pattern[str]
    multiplier: re.Pattern[str]
    rank: re.Pattern[str]
    totality: re.Pattern[str]
    number: re.Pattern[str]
    comparator: re.Pattern[str]
    baseline_cue: re.Pattern[str]
    baseline_gate: re.Pattern[str]  # baseline_cue without its \b: true whenever the cue is, and ~10x quicker
    label_before: re.Pattern[str]
    label_after: re.Pattern[str]
    value_needs: dict[str, re.Pattern[str]]


def compile_grammar(grammar: Grammar) -> CompiledGrammar:
    """Compile a validated Grammar."""
    frag = grammar.fragments

    def rx(pattern: str) -> re.Pattern[str]:
        return re.compile(lower_pattern(expand(pattern, frag)))

    def gate(pattern: str) -> re.Pattern[str]:
        # A gate only has to be true whenever its pattern can match. Without its \b it stays true in every
        # such case, and `re` can skip ahead to a first letter: 5-10x quicker on a goal.
        return rx(_BOUNDARY.sub("", pattern))

    q = grammar.quantity
    gates: dict[str, int] = {}
    for t in grammar.time:
        if t.needs:
            gates.setdefault(t.needs, len(gates))
    trigger_before = rx(r"\b" + grammar.deadline_triggers + r"\s+(?:the\s+|a\s+|an\s+)?$")
    not_deadline_after = rx(grammar.not_deadline_after)
    time_gates = [gate(needs) for needs in gates]
    cadence_gates = [gate(c.needs) if c.needs else None for c in grammar.cadence]
    word_gates, bits = _word_gates([*time_gates, *cadence_gates])
    return CompiledGrammar(
        time=tuple(
            TimeRegex(
                t.id,
                t.resolver,
                gate(t.needs) if t.needs else None,
                rx(t.regex),
                t.id in grammar.self_evident,
                gates[t.needs] if t.needs else -1,
            )
            for t in grammar.time
        ),
        time_gates=tuple(time_gates),
        cadence_scans=tuple(WordScan(rx(c.regex)) for c in grammar.cadence),
        trigger_scan=WordScan(trigger_before),
        not_deadline_scan=WordScan(not_deadline_after),
        word_gates=word_gates,
        time_gate_bits=tuple(bits[: len(time_gates)]),
        cadence_gate_bits=tuple(bits[len(time_gates) :]),
        trigger_before=trigger_before,
        not_deadline_after=not_deadline_after,
        service_standard=rx(grammar.service_standard),
        cadence=tuple((gate(c.needs) if c.needs else None, rx(c.regex)) for c in grammar.cadence),
        money=rx(q.money),
        percent=rx(q.percent),
        scale=rx(q.scale),
        multiplier=rx(q.multiplier),
        rank=rx(q.rank),
        totality=rx(q.totality),
        number=rx(q.number),
        comparator=rx(q.comparator),
        baseline_cue=rx(q.baseline_cue),
        baseline_gate=gate(q.baseline_cue),
        label_before=rx(q.label_before),
        label_after=rx(q.label_after),
        value_needs={name: gate(pattern) for name, pattern in q.needs.items()},
    )
