"""Tell which packs' suggestions fit a goal: those of the packs whose field the goal names.

A pack's `suggest.domain_terms` say which field its suggestions are for ("HCP", "formulary", "MSL" for
life-sciences commercial teams). A goal that names one of them, or serves one of the pack's priorities,
gets that pack's suggestions; a pack that lists no terms (the generic pack, an organization's folder of
house values) suggests for any goal, and its values are what a goal that names no field gets. So "Get
fit." is not filled with "role-play sessions on clinical objections".

The terms are listed, not taken from `vocabulary.yaml`: vocabularies say what a word *is* (a role, a
metric), not whose field it belongs to. The generic vocabulary holds "HCP" and "rep"; the life-sciences
one holds "hospital" and "launch", which a nurse's or a teacher's goal names as well.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from .spec import SuggestSpec

_WORD = re.compile(r"[a-z0-9&]+")
# `_WORD`'s words of a lower-cased text, as ASCII bytes: every byte but [a-z0-9&] becomes a space and the text is
# split there (its UTF-8 bytes outside ASCII are all >= 0x80, so never part of a word). Fields.named costs 20,000
# instructions a goal so against 39,500 with `_WORD.findall` and str words (callgrind, 2,000 goals of the bench mix).
_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789&")
_SEPARATE = bytes(c if c in _WORD_BYTES else 0x20 for c in range(256))


def term_words(text: str) -> list[str]:
    """Return a text's words, lower case, a plural -s removed ("HCPs" -> "hcp", "field visits" -> "field visit")."""
    return _singulars(_WORD.findall(text.lower()))


def written_words(text: str) -> list[bytes]:
    """Return the words `_WORD` finds in a text's lower case, as written (not made singular), as ASCII bytes."""
    # "surrogatepass": a lone surrogate (JSON input may hold one) encodes to bytes >= 0x80, a separator like any.
    return text.lower().encode("utf-8", "surrogatepass").translate(_SEPARATE).split()


def _singulars(words: list[str]) -> list[str]:
    return [w[:-1] if w[-1] == "s" and len(w) > 3 and w[-2] not in "su" else w for w in words]


def _spellings(word: str) -> tuple[str, ...]:
    """Return the lower-case words `term_words` turns into one of its words: the word, and its -s plural if stripped."""
    plural = f"{word}s"
    return (word, plural) if term_words(plural) == [word] else (word,)


def _spelled_phrases(words: Sequence[str]) -> list[str]:
    """Return every "a b" whose words are spellings of `words` in order (each as is, or its -s plural)."""
    phrases = [""]
    for word in words:
        phrases = [f"{p} {s}" if p else s for p in phrases for s in _spellings(word)]
    return phrases


_NONE: frozenset[int] = frozenset()


@dataclass(frozen=True)
class PackSuggestions:
    """One pack's suggestions, with the terms and priority ids that say a goal is in its field."""

    pack: str
    suggest: SuggestSpec
    priorities: tuple[str, ...] = ()

    @property
    def general(self) -> bool:
        """Tell whether the pack suggests for any goal (it names no field)."""
        return not self.suggest.domain_terms


@dataclass(frozen=True)
class _PackTerms:
    """The domain terms of one pack that lists some, ready to test a goal's words against (Fields.named)."""

    index: int  # the pack's position in Fields.packs
    # In ASCII bytes, as `written_words` returns a goal's words:
    spelled: frozenset[bytes]  # every spelling of its one-word terms
    firsts: frozenset[bytes]  # every spelling of its longer terms' first words
    # Its longer terms in every spelling, as " a bs " (each word as written, or with its -s plural), by the
    # spelling of their first word: a goal's words are then compared as written, never normalized.
    longer: dict[bytes, tuple[bytes, ...]]


class Fields:
    """Order a configuration's packs for one goal: the packs whose field it names, the general ones, the rest."""

    def __init__(self, packs: Sequence[PackSuggestions]) -> None:
        self.packs = tuple(packs)
        # Per pack that lists terms: its one-word terms as a set (one C-level test a goal), its longer terms as
        # " a b " strings keyed by their first word, so most packs cost one set test. Both hold every spelling
        # (_spellings): `term_words` turns exactly the spellings of a word into that word, so a goal's words as
        # written contain a spelling of a term where its normalized words contain the term, and a goal's words
        # are never normalized.
        self._terms: list[_PackTerms] = []
        for i, pack in enumerate(self.packs):
            singles: set[str] = set()
            longer: dict[str, dict[str, None]] = {}
            for term in pack.suggest.domain_terms:
                key = term_words(term)
                if len(key) == 1:
                    singles.add(key[0])
                elif key:
                    for first in _spellings(key[0]):
                        for spelled in _spelled_phrases(key[1:]):
                            longer.setdefault(first, {})[f" {first} {spelled} "] = None
            if singles or longer:  # a pack without terms names no field: it never fits by its words
                self._terms.append(
                    _PackTerms(
                        index=i,
                        spelled=frozenset(s.encode() for word in singles for s in _spellings(word)),
                        firsts=frozenset(w.encode() for w in longer),
                        longer={w.encode(): tuple(t.encode() for t in v) for w, v in longer.items()},
                    )
                )
        # Every word that may start a term of some pack: a goal whose words hold none (46 % of the bench mix) names
        # no field.
        self._words = frozenset().union(*(pack.spelled | pack.firsts for pack in self._terms))
        self._priorities = {pid: i for i, pack in enumerate(self.packs) for pid in pack.priorities}
        self.general = frozenset(i for i, pack in enumerate(self.packs) if pack.general)
        self._merged: dict[frozenset[int], SuggestSpec] = {}

    def named(self, text: str) -> frozenset[int]:
        """Return the packs (by position) one of whose domain terms the text names."""
        written = written_words(text)
        # The goal's words that are a pack's term or a term's first word: one pass over the words for every pack.
        hits = self._words.intersection(written)
        if not hits:
            return _NONE
        joined = b""  # the words as " a b c ", built only when a longer term may be in them
        found: set[int] = set()
        for pack in self._terms:
            if not pack.spelled.isdisjoint(hits):
                found.add(pack.index)
                continue
            for first in pack.firsts.intersection(hits):
                joined = joined or b" %b " % b" ".join(written)
                if any(term in joined for term in pack.longer[first]):
                    found.add(pack.index)
                    break
        return frozenset(found)

    def tiers(self, text: str, priority_ids: Collection[str] = ()) -> tuple[tuple[int, ...], ...]:
        """Return the packs in the order their suggestions fit a goal, as tiers; a later pack first within one.

        First the packs whose field the goal names (a domain term, or a priority it serves), then the general
        packs, then the others: a slot takes its values from the first tier that has any.
        """
        return self._tiers(self._fit(text, priority_ids))

    def _fit(self, text: str, priority_ids: Collection[str]) -> frozenset[int]:
        fit = self.named(text)
        if not priority_ids:  # most goals serve no configured priority: no set to build
            return fit
        served = {self._priorities[p] for p in priority_ids if p in self._priorities}
        return fit | served if served else fit

    def _tiers(self, fit: frozenset[int]) -> tuple[tuple[int, ...], ...]:
        general = self.general - fit
        rest = set(range(len(self.packs))) - fit - general
        return tuple(tuple(sorted(tier, reverse=True)) for tier in (fit, general, rest) if tier)

    def suggest(self, text: str, priority_ids: Collection[str] = ()) -> SuggestSpec:
        """Return the suggestions that fit a goal, each list from the first tier of packs that has values."""
        fit = self._fit(text, priority_ids)
        merged = self._merged.get(fit)  # the tiers, and so the values, follow from the fitting packs alone
        if merged is None:
            tiers = self._tiers(fit)
            lists = {
                name: next((v for tier in tiers if (v := self._values(tier, name))), ())
                for name in ("skills", "metrics", "activities", "roles")
            }
            merged = self._merged[fit] = SuggestSpec(**lists)
        return merged

    def _values(self, tier: tuple[int, ...], name: str) -> tuple:
        return tuple(v for i in tier for v in getattr(self.packs[i].suggest, name))
