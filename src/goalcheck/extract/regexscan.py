r"""Search a pattern faster without changing what it finds: read its parsed form, skip where it cannot match.

Python's `re` tries a pattern that opens with `\b` at every character of a goal, and a goal is checked
against dozens of such patterns. `WordScan` searches only where a word starts; `WordGates` decides a
gate (a cheap necessary condition of a family of idioms) word by word, once per distinct word; `cues`
finds literal strings every match contains. All three read the tree of `re._parser` (Python 3.11+) and
fall back to the plain search for any pattern shape they do not know, so a surprise only costs speed.
tests/test_regexscan.py holds each of them to the plain search on generated text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import reduce
from operator import or_
from re import _constants as sre
from re import _parser as sre_parse

__all__ = ["WordGates", "WordScan", "cue_sets", "cues", "skips", "spelled_cues", "word_gates"]


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
    """Return a class of the characters a match can start with, or of more: it is only ever a look ahead."""
    parts = []
    for start in sorted(starts, key=str):
        if start[0] == "char":
            parts.append(re.escape(start[1]))
        elif start[0] == "range":
            parts.append(f"{re.escape(start[1])}-{re.escape(start[2])}")
        else:
            # A digit: 0-9 or any non-ASCII character (every other Unicode digit is one), two comparisons where
            # `\d` asks the Unicode database for each character it tests.
            parts.append("0-9\x80-\U0010ffff")
    return "[" + "".join(parts) + "]"


class WordScan:
    r"""Search a pattern that starts with `\b` and a word character only where a word can start.

    Python's `re` cannot skip ahead in a pattern that opens with `\b`: it tries a full match at every
    character. Such a pattern matches at the start of the text or right after a non-word character, and
    every non-word character is outside a-z0-9_: so the twin `[^a-z0-9_](?:...)` matches one character
    before each match after the start, `re` skips to its candidates through a bitmap (in C), and the
    pattern is matched once where the twin hit. Same matches, in the same order, as `finditer` and
    `search`, a third quicker on a goal; a pattern of another shape is searched as it is. `spans` skips the
    second match: it hands out the twin's match for its groups, with the span beside it.
    """

    __slots__ = ("_after", "_after_others", "_first", "pattern", "words")

    def __init__(self, pattern: re.Pattern[str], *, alternatives: bool = False) -> None:
        r"""Scan `pattern`; with `alternatives`, also a top-level `a|b` whose every branch follows a non-word.

        Such a branch opens with `\b` and a word character, or with a one-character negative lookbehind
        that excludes every word character (the `number` pattern: `(?<![\w#./-])...|\b(?:one|two...)`).
        Every match then starts the text or follows a character outside a-z0-9_, as the twin needs.
        """
        self.pattern = pattern
        self._after: re.Pattern[str] | None = None
        # With `alternatives`: the branches that open with a letter ("one", "two" in `number`) as a pattern of their
        # own, and the twin to scan a text that none of them matches (`spans(text, letters=False)`), which tries only
        # where another branch can start ("5", "+5"), not at every word that opens like a number word.
        self.words: re.Pattern[str] | None = None
        self._after_others: re.Pattern[str] | None = None
        # The characters a match can start with, when they are a few letters: a text that opens with none of
        # them needs no match at 0 (a set look-up instead of a call into `re`).
        self._first: frozenset[str] | None = None
        if pattern.flags & ~re.UNICODE:  # ASCII, VERBOSE ...: not worth the care
            return
        items = sre_parse.parse(pattern.pattern, pattern.flags).data
        if alternatives and len(items) == 1 and items[0][0] is sre.BRANCH:
            starts = _branch_starts(items[0][1][1])
            if starts is None:
                return
            # A branch can open with an optional part (`\+?`): the look at the first character always pays.
            look = f"(?={_char_class(starts)})"
            self._split_letters(pattern, items[0][1][1])
        else:
            if not items or items[0] != (sre.AT, sre.AT_BOUNDARY):
                return
            found = _starts(items[1:])
            if found is None or found[1] or not all(map(_is_word, found[0])):
                return
            # `re` enters the pattern after every non-word character, and its `\b` there reads the Unicode
            # database for both neighbours (a pattern that opens with an optional part, "(?:the end of )?Q3",
            # tries that part as well): a look at the first letter, a bitmap test, turns most words away first.
            look = f"(?={_char_class(found[0])})"
            if all(start[0] == "char" for start in found[0]):
                self._first = frozenset(start[1] for start in found[0])
        self._after = re.compile(r"[^a-z0-9_]" + look + "(?:" + pattern.pattern + ")", pattern.flags)

    def _split_letters(self, pattern: re.Pattern[str], branches: list[sre_parse.SubPattern]) -> None:
        """Set `words` and `_after_others` when some branches open with a letter and the others do not."""
        sources = _top_branches(pattern.pattern)
        if len(sources) != len(branches):
            return
        led: list[bool] = []
        for branch in branches:
            found = _starts(branch.data)
            if found is None:
                return
            led.append(all(start[0] == "char" and start[1].isalpha() for start in found[0]))
        others = _branch_starts([branch for branch, letter in zip(branches, led, strict=True) if not letter])
        if not any(led) or others is None:
            return
        self.words = re.compile(
            "|".join(src for src, letter in zip(sources, led, strict=True) if letter), pattern.flags
        )
        look = f"(?={_char_class(others)})"
        self._after_others = re.compile(r"[^a-z0-9_]" + look + "(?:" + pattern.pattern + ")", pattern.flags)

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

    def spans(self, text: str, *, letters: bool = True) -> Iterator[tuple[int, int, re.Match[str]]]:
        """Yield `(start, end, match)` for each match `pattern.finditer(text)` yields; read the span from the tuple.

        After the start of the text, `match` is the twin's own match: the same groups, by number and by name
        (the twin adds none), but its span and group(0) take in the character before. Matching the pattern
        again where the twin hit, as `finditer` does, costs a second match per hit.
        `letters=False` says that `words` finds nothing in `text`: the twin then skips the words.
        """
        if self._after is None:
            for m in self.pattern.finditer(text):
                yield m.start(), m.end(), m
            return
        first = self._first
        m = self.pattern.match(text) if first is None or text[:1] in first else None
        end = 1  # no match at 0: the twin is searched from 0
        if m is not None:
            end = m.end()
            yield 0, end, m
        search = (self._after if letters or self._after_others is None else self._after_others).search
        while (hit := search(text, end - 1)) is not None:  # a match is never empty, so end >= 1
            end = hit.end()
            yield hit.start() + 1, end, hit

    def search(self, text: str) -> re.Match[str] | None:
        """Return what `pattern.search(text)` returns."""
        if self._after is None:
            return self.pattern.search(text)
        return self.pattern.match(text) or self._from(text, 1)


def _branch_starts(branches: list[sre_parse.SubPattern]) -> frozenset[_Start] | None:
    """Return the characters the branches' matches start with, if every match follows a non-word character.

    None when a branch can match right after a word character (or its start is unknown).
    """
    found: set[_Start] = set()
    for branch in branches:
        items = branch.data
        if not items:
            return None
        op, av = items[0]
        if op is sre.ASSERT_NOT and av[0] == -1:
            # (?<![\w...]): the character before the match is no word character
            look = av[1].data
            chars = look[0][1] if len(look) == 1 and look[0][0] is sre.IN else []
            if (sre.CATEGORY, sre.CATEGORY_WORD) not in chars or (sre.NEGATE, None) in chars:
                return None
            starts = _starts(items[1:])
            if starts is None or starts[1]:
                return None
        elif (op, av) == (sre.AT, sre.AT_BOUNDARY):
            starts = _starts(items[1:])
            if starts is None or starts[1] or not all(map(_is_word, starts[0])):
                return None
        else:
            return None
        found |= starts[0]
    return frozenset(found)


def _top_branches(source: str) -> list[str]:
    """Split a pattern's source at the `|` outside groups and classes: the sources of its top-level branches."""
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            i += 1 + (source[i + 1 : i + 2] == "^")
            i += source[i : i + 1] == "]"  # a "]" first in a class is one of its characters
            in_class = True
            continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    return [*parts, source[start:]]


def _no_space(items: list[tuple[object, object]]) -> bool:
    r"""Tell whether a parsed pattern never consumes a whitespace character and asserts nothing but `\b`, `\B`.

    A word boundary reads the same inside a word as in the goal: the whitespace around a word is no word
    character, just as the start and end of the word alone are not.
    """
    for op, av in items:
        if op is sre.AT:
            ok = av in (sre.AT_BOUNDARY, sre.AT_NON_BOUNDARY)
        elif op is sre.LITERAL:
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
    - a gate that never consumes whitespace and asserts nothing but word boundaries (no look-around,
      never empty) matches a goal exactly when it matches one of its words alone: the bit decides the gate;
    - a list of cues without whitespace (see `cue_sets`), one of which every match of a gate contains: no
      bit, no match. A gate can need several such bits ("by" and "/" for `by\s+\d{1,2}/\d`); it is
      searched only when all are set.
    Goal sets repeat their words ("Q3", "by", "monthly"), so each distinct word is tested once and then
    looked up: one `str.split` a goal replaces most gate searches. The memo is per word, never per goal,
    and bounded.
    """

    _MAX_WORDS = 50_000

    def __init__(self, tests: tuple[re.Pattern[str], ...]) -> None:
        self.tests = tests
        self._seen: dict[str, int] = {}
        # 85 % of the distinct words of the bench mix pass no test: one search of all the tests as a single
        # alternation turns them away at once (a new word 4.7 -> 2.9 us). Groups would clash or renumber there.
        # Used only when some test has no cues (below).
        plain = tests and all(test.groups == 0 and not test.flags & ~re.UNICODE for test in tests)
        self._any = re.compile("|".join(f"(?:{test.pattern})" for test in tests)) if plain else None
        # That alternation still costs ~35k instructions a new word (callgrind): `re` tries all its branches at
        # every character. Strings of which each test's match holds one, searched as one alternation of plain
        # literals, let `re` skip through the word in C; most new words hold none.
        found = [spelled_cues(test) for test in tests]
        literals = _shortest(frozenset(cue for cues in found for cue in cues or ()))
        self._cues = re.compile(_trie(literals)) if tests and all(found) else None
        # A word that holds some of them is searched only with the tests those strings stand for: a test's every
        # match holds one of its cues, and each cue holds one of the literals (`_shortest` keeps the shortest).
        # The alternation and all the tests cost ~100k instructions a word that passes; 2-5 tests a few thousand.
        self._tests_of: dict[str, tuple[tuple[int, re.Pattern[str]], ...]] = {
            literal: tuple(
                (1 << i, test)
                for i, (test, cues) in enumerate(zip(tests, found, strict=True))
                if any(literal in c for c in cues or ())
            )
            for literal in literals
        }

    @staticmethod
    def decides(pattern: re.Pattern[str]) -> bool:
        """Tell whether a gate can be decided word by word."""
        if pattern.flags & ~re.UNICODE or pattern.fullmatch("") is not None:
            return False
        return _no_space(sre_parse.parse(pattern.pattern, pattern.flags).data)

    def fired(self, text: str) -> int:
        """Return a bit mask: bit i is set when test i holds for some word of `text`."""
        seen = self._seen
        words = text.split()
        try:  # every word seen before (nearly every goal): the look-ups and the or in C
            return reduce(or_, map(seen.__getitem__, words), 0)
        except KeyError:
            pass
        fired = 0
        for word in words:
            bits = seen.get(word)
            if bits is None:
                if len(seen) >= self._MAX_WORDS:
                    seen.clear()
                bits = seen[word] = self._bits(word)
            fired |= bits
        return fired

    def _bits(self, word: str) -> int:
        cues = self._cues
        if cues is None:
            if self._any is not None and self._any.search(word) is None:
                return 0
            return sum(1 << i for i, test in enumerate(self.tests) if test.search(word))
        # Every literal the word holds, each where it starts: none is in another, so at most one starts at a
        # character and a search from the next character finds the next.
        bits = tried = 0
        hit = cues.search(word)
        while hit is not None:
            for bit, test in self._tests_of[hit.group()]:
                if not tried & bit:
                    tried |= bit
                    if test.search(word):
                        bits |= bit
            hit = cues.search(word, hit.start() + 1)
        return bits


_RARE_LETTERS = frozenset("jqxz")  # letters few English words hold


def word_gates(gates: list[re.Pattern[str] | None]) -> tuple[WordGates, list[tuple[int, bool]]]:
    """Build the WordGates of a list of gates; return it and, for each gate, (its mask, whether it decides).

    A gate that decides has one bit. Any other needs every bit of its mask (`fired & mask == mask`) or
    cannot match; a mask of 0 rules nothing out.
    """
    bit_of: dict[str, int] = {}

    def bit(test: str) -> int:
        return bit_of.setdefault(test, 1 << len(bit_of))

    bits: list[tuple[int, bool]] = []
    for gate in gates:
        if gate is None:
            bits.append((0, False))
        elif WordGates.decides(gate):
            bits.append((bit(gate.pattern), True))
        else:
            mask = 0
            for found in cue_sets(gate):
                # A single common letter is in nearly every word: its test would cost and rule nothing out. A rare
                # one pays: "x" (the multiplier gate's "3x", "3 x") is in 17 % of the bench goals, and its bit
                # spares the others that gate's search (~10k instructions a goal).
                if not any(
                    any(c.isspace() for c in cue) or (len(cue) == 1 and cue.isalpha() and cue not in _RARE_LETTERS)
                    for cue in found
                ):
                    # One search for the alternation of the cues: `re` looks for them in C.
                    mask |= bit("|".join(map(re.escape, found)))
            bits.append((mask, False))
    return WordGates(tuple(re.compile(test) for test in bit_of)), bits


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
    return _shortest(found)


def cue_sets(pattern: re.Pattern[str]) -> tuple[tuple[str, ...], ...]:
    """Return every list of strings known of which each match of `pattern` contains one (`cues`: the best).

    Read from the items every match goes through: runs of literals, groups, repeats of at least one, and
    alternations whose every branch has cues.
    """
    if pattern.flags & ~re.UNICODE:
        return ()
    items = sre_parse.parse(pattern.pattern, pattern.flags).data
    return tuple(dict.fromkeys(_shortest(found) for found in _cue_sets(items)))


_SPELLED_MAX = 16  # strings a run of literals and small classes is spelled out into, at most


def spelled_cues(pattern: re.Pattern[str]) -> frozenset[str] | None:
    r"""Return strings of which every match of `pattern` contains one, small classes spelled out; None if unknown.

    Like `cues`, but a character class of a few characters joins the run of literals around it ("q[1-4]":
    q1 ... q4, "h[12]": h1, h2, "fy[0-9]": fy0 ... fy9) instead of ending it: single letters, which nearly every
    word holds, become strings few words hold. Of the lists found, the one with the longest shortest string.
    """
    if pattern.flags & ~re.UNICODE:
        return None
    return _spelled(sre_parse.parse(pattern.pattern, pattern.flags).data)


def _spelled(items: list[tuple[object, object]]) -> frozenset[str] | None:
    """Return the best of `_spelled_sets`: the longest shortest string first, then fewer strings; first of equals."""
    found = _spelled_sets(items)
    return max(found, key=lambda cues: (min(map(len, cues)), -len(cues))) if found else None


def _spelled_sets(items: list[tuple[object, object]]) -> list[frozenset[str]]:
    """Like `_cue_sets`, with small classes and alternatives of plain literals joining the run of literals."""
    found: list[frozenset[str]] = []
    run: set[str] = set()  # the strings the literals and small classes since the last other item spell
    for op, av in [*items, (None, None)]:
        chars = _few_chars(op, av)
        if chars is None and op is sre.BRANCH:
            # Alternatives of plain literals join the run too: `re` parses "quarter|qtr" as q(?:uarter|tr)
            words = [_plain(alt.data) for alt in av[1]]
            chars = None if None in words else words
        if chars is not None:
            grown = {r + c for r in run or {""} for c in chars}
            if len(grown) > _SPELLED_MAX:
                if run:
                    found.append(frozenset(run))
                grown = set(chars)
            run = grown
            continue
        if run:
            found.append(frozenset(run))
        run = set()
        if op is sre.SUBPATTERN and not (av[1] or av[2]):
            found += _spelled_sets(av[3].data)
        elif op is sre.BRANCH:
            branches = [_spelled(alt.data) for alt in av[1]]
            if all(branches):
                found.append(frozenset().union(*branches))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
            found += _spelled_sets(av[2].data)
            if len(av[2].data) == 1:  # "[0-9]+x": its last character is one of the class, next to what follows
                run = set(_few_chars(*av[2].data[0]) or ())
    return found


def _plain(items: list[tuple[object, object]]) -> str | None:
    """Return the string a run of literals matches; None for anything else."""
    return "".join(chr(av) for _, av in items) if all(op is sre.LITERAL for op, _ in items) else None


def _few_chars(op: object, av: object) -> list[str] | None:
    """Return the characters a literal or a small class (at most 10 characters) matches; None for any other item."""
    if op is sre.LITERAL:
        return [chr(av)]
    if op is not sre.IN:
        return None
    chars: list[str] = []
    for o, a in av:
        if o is sre.LITERAL:
            chars.append(chr(a))
        elif o is sre.RANGE and a[1] - a[0] < 10:
            chars += map(chr, range(a[0], a[1] + 1))
        else:  # `\d` too: it matches every Unicode digit ("٣"), not 0-9 alone
            return None
    return chars if len(chars) <= 10 else None


def _trie(words: tuple[str, ...]) -> str:
    """Return an alternation of `words` (none in another) with their common prefixes shared.

    `re` tries the alternatives of a branch one by one; a first character that differs turns a whole group away.
    """
    groups: dict[str, list[str]] = {}
    for word in sorted(words):
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(
        re.escape(first + rests[0]) if len(rests) == 1 else f"{re.escape(first)}(?:{_trie(tuple(rests))})"
        for first, rests in groups.items()
    )


def _shortest(found: frozenset[str]) -> tuple[str, ...]:
    # A cue that contains a shorter cue adds nothing ("business day" after "day"); shortest first.
    kept = sorted(found, key=lambda c: (len(c), c))
    return tuple(c for i, c in enumerate(kept) if not any(k in c for k in kept[:i]))


def _cue_sets(items: list[tuple[object, object]]) -> list[frozenset[str]]:
    found: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in [*items, (None, None)]:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            found.append(frozenset(["".join(run)]))
            run = []
        if op is sre.SUBPATTERN and not (av[1] or av[2]):
            found += _cue_sets(av[3].data)
        elif op is sre.BRANCH:
            branches = [_cues(alt.data) for alt in av[1]]
            if all(branches):
                found.append(frozenset().union(*branches))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
            found += _cue_sets(av[2].data)
    return found


def _cues(items: list[tuple[object, object]]) -> frozenset[str] | None:
    """Return the best of `_cue_sets`: fewer strings to look for first, then longer (rarer) ones; first of equals."""
    found = _cue_sets(items)
    return min(found, key=lambda cues: (len(cues), -min(map(len, cues)))) if found else None


def skips(pattern: re.Pattern[str]) -> bool:
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
