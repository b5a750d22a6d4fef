"""A light, read-only view of an annotated Doc that the extractors share."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from spacy.tokens import Doc

from goalcheck.models import TextSpan

from .annotations import HITS_KEY, doc_text

# The models' builders, read once: a class attribute read goes through pydantic's metaclass `__getattr__` hook
# (~90 ns a read, timeit), and extraction builds ~15 models a goal.
_trusted_text_span = TextSpan.trusted

_NUMBER = re.compile(
    r"^[~≈]?\d[\d,.]*\+?%?$|^(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|fifty|hundred)$"
)
BOUNDARY = {".", ";", ":", "!", "?", "\n", "—", "(", ")"}
SENTENCE_END = {".", ";", "!", "?"}
# Vocabulary labels that no extractor reads as hits (`view.hits.get(label)`), only as labels of a token
# (`starts`, `covers`): the view builds no Hit for them (30 % of the hits of the bench mix; -4.7 % of the view's
# instructions) and `hits` has no entry for them. An extractor that wants the hits of one takes it out of this
# set: tests/test_tokens.py fails when an extractor asks `hits` for one of them.
LABELS_WITHOUT_HITS = frozenset(
    {
        "concrete_object",
        "modified_head",
        "level",
        "measure_noun",
        "hire_verb",
        "abstract_noun",
        "direction_down",
        "direction_reach",
        "direction_keep",
        "outcome_verb",
    }
)


# The lower-cased word and the length of each word as written, by spaCy's hash of the written word (`token.orth`):
# `token.lower_` decodes the word from the StringStore at every call, a dict look-up of the int is cheaper, and
# the length read with it saves `len(token)` a token (TokenView.of 118.8k -> 117.5k instructions a goal,
# callgrind, 300 bench goals). Exact: the hash is the StringStore's key for that very string, and its lower
# case and length are the string's (keyed on `token.lower`, "İ" and "i̇" would share one length: a test).
_WORDS: dict[int, tuple[str, int]] = {}
_WORDS_MAX = 50_000  # bounded: cleared when a long run of new words fills it


@lru_cache(maxsize=4096)
def _is_number(word: str) -> bool:
    # Keyed on one lower-cased word ("50", "five", "12%"): goals repeat them, the regex costs more than a look-up.
    return bool(_NUMBER.match(word))


class Hit(NamedTuple):
    """A vocabulary match: token range and character range (a tuple: goals have dozens of them)."""

    label: str
    start: int
    end: int
    char_start: int
    char_end: int
    text: str


def _longest_first(hits: Sequence[tuple[str, int, int]]) -> Sequence[tuple[str, int, int]]:
    """Order (label, start, end) matches by start, the longer of two matches at one start first.

    The lexicon's matcher lists its matches by start, and most goals' lists need no change: a walk that finds
    them in this order already returns them as they are (two thirds of the bench goals; TokenView.of 118.6k
    -> 116.4k instructions a goal, callgrind, 300 bench goals). Otherwise two stable sorts on C-level keys (end
    descending, then start) give the order of the key `(start, -end)` without a Python call a match.
    """
    last_start, last_end = -1, 0
    for _, start, end in hits:
        if start <= last_start and (start < last_start or end > last_end):
            break  # out of order: sort
        last_start, last_end = start, end
    else:
        return hits
    ordered = sorted(hits, key=itemgetter(2), reverse=True)
    ordered.sort(key=itemgetter(1))
    return ordered


def _covers(starts: dict[int, set[str]], longer: list[tuple[str, int, int]]) -> defaultdict[int, set[str]]:
    """Return the labels covering each token: those of the hits starting there and of the longer hits over it.

    Most hits are one word, so most tokens' sets are the very sets of `starts`, shared (a dict copy, no set
    built a token); a token inside a longer hit gets a set of its own. The views' readers never change a set.
    Each longer match's label is in the set of its first token already (`starts[start]`): the walk starts at
    the second (with `get`, no empty set made for a token and dropped: 116.4k -> 115.5k instructions a goal).
    """
    covers = defaultdict(set, starts)
    get = covers.get
    for label, start, end in longer:  # (label, start, end) of each kept match longer than a word
        for i in range(start + 1, end):
            labels = get(i)
            if labels is None:
                covers[i] = {label}
            elif label not in labels:
                covers[i] = {*labels, label}  # a new set: the one `starts` holds stays as it is
    return covers


@dataclass(slots=True)  # slots: one view a goal, its fields read by every extractor
class TokenView:
    """Tokens, lower-cased words and vocabulary hits of one goal, indexed for quick look-ups."""

    doc: Doc
    text: str
    lower: list[str] = field(default_factory=list)
    starts_at: list[int] = field(default_factory=list)  # character offset of each token
    ends_at: list[int] = field(default_factory=list)
    sentence: list[int] = field(default_factory=list)  # sentence number of each token (and one past the end)
    hits: dict[str, list[Hit]] = field(default_factory=lambda: defaultdict(list))  # none of LABELS_WITHOUT_HITS
    starts: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    covers: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    bounds: list[int] | None = None  # indices of the BOUNDARY tokens, in order (`of` fills it)

    @classmethod
    def of(cls, doc: Doc, text: str | None = None, hits: Sequence[tuple[str, int, int]] | None = None) -> TokenView:
        """Index a Doc annotated by the lexicon tagger (`text` is `doc.text` and `hits` its `goalcheck_hits`)."""
        lower, starts_at, ends_at, sentence, bounds = [], [], [], [], []
        number = 0
        words = _WORDS
        if len(words) > _WORDS_MAX:
            words.clear()
        # One pass: creating Token objects is the expensive part of a blank pipeline. Reading the tokens in bulk
        # costs more for goals this short: `doc.to_array([LOWER, IDX, LENGTH])` alone is ~30k instructions (as
        # much as this loop spends on 9 tokens), and with the lists built from it by map, compress and
        # accumulate the view took 129k-133k instructions a goal against 121k (callgrind, 300 bench goals).
        for token in doc:
            key = token.orth
            try:  # a subscript, not `words.get` and a test: the word is nearly always there
                word, length = words[key]
            except KeyError:
                word, length = words[key] = (token.lower_, len(token))
            sentence.append(number)
            if word in BOUNDARY:  # SENTENCE_END is within BOUNDARY: one test for most words
                bounds.append(len(lower))
                if word in SENTENCE_END:
                    number += 1
            lower.append(word)
            idx = token.idx
            starts_at.append(idx)
            ends_at.append(idx + length)
        sentence.append(number)
        text = doc_text(doc) if text is None else text
        if hits is None:
            hits = doc.user_data.get(HITS_KEY)
        by_label: defaultdict[str, list[Hit]] = defaultdict(list)
        starts: defaultdict[int, set[str]] = defaultdict(set)
        longer: list[tuple[str, int, int]] = []
        last_end: dict[str, int] = {}  # the end of each label's last match kept
        new_hit = tuple.__new__  # Hit(...) goes through a Python-level __new__; this is the same tuple, quicker
        for label, start, end in _longest_first(hits or ()):
            if last_end.get(label, -1) >= end:
                continue  # inside a longer match of the same category: "specialty representatives"
            last_end[label] = end
            labels = starts.get(start)  # `get` and a literal, not the defaultdict's factory (119.8k -> 118.6k)
            if labels is None:
                starts[start] = {label}
            else:
                labels.add(label)
            if end - start > 1:
                longer.append((label, start, end))
            if label in LABELS_WITHOUT_HITS:
                continue  # read through `starts` and `covers` only: no Hit to build
            char_start, char_end = starts_at[start], ends_at[end - 1]
            hit = new_hit(Hit, (label, start, end, char_start, char_end, text[char_start:char_end]))
            found = by_label.get(label)
            if found is None:
                by_label[label] = [hit]
            else:
                found.append(hit)
        # With no match longer than a word (half the bench goals), the labels covering a token are those of the
        # hits starting there: one dict serves as both (115.5k -> 113.4k). Its readers take a missing token and
        # an empty set alike, so the empty sets that `covers[i]` adds change nothing `starts` tells.
        covers = _covers(starts, longer) if longer else starts
        return cls(doc, text, lower, starts_at, ends_at, sentence, by_label, starts, covers, bounds)

    def span(self, start: int, end: int) -> TextSpan:
        """Return the TextSpan of tokens [start, end)."""
        start_char, end_char = self.starts_at[start], self.ends_at[end - 1]
        return _trusted_text_span(start=start_char, end=end_char, text=self.text[start_char:end_char])

    def is_number(self, i: int) -> bool:
        """Tell whether token i is a number ("50", "3.2", "12%", "five")."""
        return 0 <= i < len(self.lower) and _is_number(self.lower[i])

    def window_before(self, i: int, size: int) -> range:
        """Token indices up to `size` before i, stopping at a sentence or clause boundary."""
        stop = max(0, i - size)
        bounds = self.bounds
        if bounds is not None and 0 <= i <= len(self.lower) and size >= 0:
            # The window opens after the last boundary token before i (bisect: no walk over the words).
            at = bisect_left(bounds, i)
            return range(max(stop, bounds[at - 1] + 1) if at else stop, i)
        lower, start = self.lower, i
        while start > stop and lower[start - 1] not in BOUNDARY:
            start -= 1
        return range(start, i)

    def window_after(self, i: int, size: int) -> range:
        """Token indices from i up to `size` ahead, stopping at a boundary."""
        stop = min(len(self.lower), i + size)
        bounds = self.bounds
        if bounds is not None and i >= 0:
            # The window closes at the first boundary token from i on.
            at = bisect_left(bounds, i)
            return range(i, max(i, min(stop, bounds[at])) if at < len(bounds) else max(i, stop))
        lower, end = self.lower, i
        while end < stop and lower[end] not in BOUNDARY:
            end += 1
        return range(i, end)

    def any_label(self, indices: range, labels: AbstractSet[str]) -> bool:
        """Tell whether any token in `indices` is covered by a hit with one of `labels`."""
        covers = self.covers
        for i in indices:  # a plain loop: cheaper than any() over a generator for these few tokens
            found = covers.get(i)
            if found and not found.isdisjoint(labels):
                return True
        return False

    def token_at_char(self, char: int) -> int:
        """Return the index of the token containing (or following) a character offset."""
        return bisect_right(self.ends_at, char)
