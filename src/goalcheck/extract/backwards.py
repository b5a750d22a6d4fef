r"""Search a pattern that ends with `$` from the end of the text: one attempt instead of one per character.

The context before a value ("from", "up to", "grade") is read by patterns anchored at the end of the text
before it. `EndSearch` writes such a pattern backwards from the tree of `re._parser` (Python 3.11+) and
matches the twin once at the start of the reversed text; a shape it does not know is searched as written.
tests/test_values_scan.py holds it to the plain search on generated text.
"""

from __future__ import annotations

import re
from re import _constants as sre
from re import _parser as sre_parse

__all__ = ["EndSearch"]

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
    does not know (back-references, flags, a look-ahead of varying width) is searched as it is.
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

    def found_before(self, text: str, end: int, width: int) -> bool:
        """Tell whether `pattern.search(text[max(0, end - width) : end])` finds a match.

        The twin reads the reversed slice taken in one step (`text[end - 1 : stop : -1]`), not the slice and
        then its reverse: one string built instead of two, for each number of a goal.
        """
        if self._reversed is None:
            return self.pattern.search(text[max(0, end - width) : end]) is not None
        if end <= 0:
            return self._reversed.match("") is not None
        stop = end - width - 1  # the reversed slice stops before this index; below 0 it runs to the start
        return self._reversed.match(text[end - 1 : stop if stop >= 0 else None : -1]) is not None

    def search(self, text: str) -> re.Match[str] | None:
        """Return what `pattern.search(text)` returns (searched only when there is a match)."""
        return self.pattern.search(text) if self.found(text) else None


def _reversed_pattern(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """Return a pattern that matches at the start of reversed text exactly when `pattern` matches in the text."""
    if pattern.flags & ~re.UNICODE:
        return None
    body = _from_end(sre_parse.parse(pattern.pattern, pattern.flags).data)
    if body is None:
        return None
    try:
        return re.compile(body, pattern.flags)
    except re.error:  # a look-ahead of varying width turned into a look-behind, which `re` refuses
        return None


def _from_end(items: list[tuple[object, object]]) -> str | None:
    r"""Write backwards a parsed pattern whose every match ends with `$`; None for any other pattern.

    The `$` closes the pattern, or each alternative of the alternation (or group) that closes it:
    "since|compared to" before a date ends `(?:a\s*$|b\s*$)`, and `re` factors a shared `\b` out in front.
    """
    if not items:
        return None
    op, av = items[-1]
    if (op, av) == (sre.AT, sre.AT_END):
        last: str | None = r"\n?"  # `$` also matches before a newline that ends the text: reversed, its start
    elif (op, av) == (sre.AT, sre.AT_END_STRING):
        last = ""
    elif op is sre.BRANCH:
        alternatives = [_from_end(alt.data) for alt in av[1]]
        last = None if None in alternatives else "(?:" + "|".join(alternatives) + ")"
    elif op is sre.SUBPATTERN and not (av[1] or av[2]):
        inner = _from_end(av[3].data)
        last = None if inner is None else "(?:" + inner + ")"
    else:
        return None
    rest = _backwards(items[:-1])
    return None if last is None or rest is None else last + rest


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
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            # Read from the end, a look-behind ("(?<!of\s)my" in the scope words) looks at the text after the
            # point, and a look-ahead at the text before it: the same characters, in the reversed text.
            inner = _backwards(av[1].data)
            look = ("(?" if av[0] < 0 else "(?<") + ("=" if op is sre.ASSERT else "!")
            part = None if inner is None else look + inner + ")"
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            inner = _backwards(av[2].data)
            high = "" if av[1] == sre.MAXREPEAT else str(av[1])
            part = None if inner is None else f"(?:{inner}){{{av[0]},{high}}}"
        else:
            return None  # back-references, atomic groups, conditionals ...
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
