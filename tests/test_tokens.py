"""TokenView: the indexed windows equal a walk over the words, the word cache keeps spaCy's words, the label
index (`covers`, sharing sets with `starts`) holds what a plain build from the vocabulary matches holds, and no
extractor asks for the hits of a label the view keeps none of."""

from __future__ import annotations

import dataclasses
from collections import defaultdict

import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.tokens import Doc

import goalcheck
from goalcheck import extract as extract_module
from goalcheck.extract.annotations import HITS_KEY
from goalcheck.extract.tokens import BOUNDARY, LABELS_WITHOUT_HITS, SENTENCE_END, Hit, TokenView, _covers

from .corpus_data import SETS, load

GOALS = [
    "Increase NPS from 32 to 45 by Q3 2025 through weekly customer calls.",
    "Phase 1 (Aug-Sept 2025): train all reps; Phase 2: roll out monthly reviews!",
    "  Improve  onboarding\n\tfor new hires İstanbul team — by end of FY26. ",
    "Lower the mean time to recovery (MTTR) to 30 minutes? Yes.",
    "",
]
CORPUS_GOALS = [goal.text for name in SETS for goal in load(name)]


def test_windows_equal_a_walk_to_the_boundary(linter: goalcheck.Linter) -> None:
    for goal in GOALS:
        doc = linter.nlp(goal)
        view = TokenView.of(doc, goal, doc.user_data.get(HITS_KEY))
        walked = dataclasses.replace(view, bounds=None)  # no index: the windows walk the words
        assert view.lower == [t.lower_ for t in doc]
        for i in range(len(view.lower) + 1):
            for size in range(16):
                assert view.window_before(i, size) == walked.window_before(i, size), (goal, i, size)
                assert view.window_after(i, size) == walked.window_after(i, size), (goal, i, size)


def _plain_index(hits: list[Hit]) -> tuple[dict[int, set[str]], dict[int, set[str]]]:
    """Build `starts` and `covers` the plain way: a set a token, every label added where its hit lies."""
    starts: dict[int, set[str]] = defaultdict(set)
    covers: dict[int, set[str]] = defaultdict(set)
    for hit in hits:
        starts[hit.start].add(hit.label)
        for i in range(hit.start, hit.end):
            covers[i].add(hit.label)
    return dict(starts), dict(covers)


def _kept(view: TokenView, matches: list[tuple[str, int, int]]) -> list[Hit]:
    """Keep the plain way the vocabulary matches a view indexes: none inside a longer one of its label."""
    kept: list[Hit] = []
    for label, start, end in sorted(matches, key=lambda m: (m[1], -m[2])):
        if not any(h.label == label and h.start <= start and end <= h.end for h in kept):
            first, last = view.starts_at[start], view.ends_at[end - 1]
            kept.append(Hit(label, start, end, first, last, view.text[first:last]))
    return kept


def test_label_index_of_goals(linter: goalcheck.Linter) -> None:
    goals = [*GOALS, "Grow specialty pharmacy sales representatives' reach by 10% in key accounts."]
    for goal in [*goals, *CORPUS_GOALS]:
        doc = linter.nlp(goal)
        view = TokenView.of(doc, goal, doc.user_data.get(HITS_KEY))
        kept = _kept(view, doc.user_data.get(HITS_KEY) or [])
        assert (dict(view.starts), dict(view.covers)) == _plain_index(kept), goal
        # Every kept match is a hit, but those of the labels read only through `starts` and `covers`.
        listed = [h for h in kept if h.label not in LABELS_WITHOUT_HITS]
        assert sorted(h for found in view.hits.values() for h in found) == sorted(listed), goal


class _AskedFor(defaultdict):
    """The hits of a view, noting every label an extractor asks for."""

    def __init__(self, hits: dict[str, list[Hit]], asked: set[str]) -> None:
        super().__init__(list, hits)
        self.asked = asked

    def get(self, label: str, default: object = None) -> object:
        self.asked.add(label)
        return super().get(label, default)

    def __getitem__(self, label: str) -> list[Hit]:
        self.asked.add(label)
        return super().__getitem__(label)

    def __contains__(self, label: object) -> bool:
        self.asked.add(str(label))
        return super().__contains__(label)


def test_no_extractor_asks_for_a_label_without_hits(linter: goalcheck.Linter, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: set[str] = set()
    plain_of = TokenView.of

    def noting(*args: object) -> TokenView:
        view = plain_of(*args)
        view.hits = _AskedFor(view.hits, asked)
        return view

    monkeypatch.setattr(extract_module.TokenView, "of", noting)
    for goal in CORPUS_GOALS:
        linter.check(goal)
    assert "metric" in asked and "role" in asked  # the extractors ran through the noting view
    assert not asked & LABELS_WITHOUT_HITS


_HITS = st.lists(
    st.tuples(st.sampled_from(["role", "metric", "outcome"]), st.integers(0, 8), st.integers(1, 3)).map(
        lambda t: Hit(t[0], t[1], t[1] + t[2], 0, 0, "")
    ),
    max_size=12,
)


@given(_HITS)
def test_covers_equal_a_plain_build(hits: list[Hit]) -> None:
    starts, covers = _plain_index(hits)
    shared = defaultdict(set, {i: set(labels) for i, labels in starts.items()})
    longer = [(h.label, h.start, h.end) for h in hits if h.end - h.start > 1]
    assert dict(_covers(shared, longer)) == covers
    assert dict(shared) == starts  # the sets `covers` shares with `starts` are not changed


def _plain_tokens(doc: Doc) -> tuple[list[str], list[int], list[int], list[int], list[int]]:
    """Build the words, offsets, sentence numbers and boundary indices of a view the plain way, from spaCy's tokens."""
    lower = [t.lower_ for t in doc]
    starts_at = [t.idx for t in doc]
    ends_at = [t.idx + len(t.text) for t in doc]
    bounds = [i for i, word in enumerate(lower) if word in BOUNDARY]
    sentence = [sum(word in SENTENCE_END for word in lower[:i]) for i in range(len(lower) + 1)]
    return lower, starts_at, ends_at, sentence, bounds


def _assert_plain_tokens(linter: goalcheck.Linter, goal: str) -> None:
    doc = linter.nlp(goal)
    view = TokenView.of(doc, goal, doc.user_data.get(HITS_KEY))
    assert (view.lower, view.starts_at, view.ends_at, view.sentence, view.bounds) == _plain_tokens(doc), goal


def test_token_lists_equal_a_plain_build(linter: goalcheck.Linter) -> None:
    # The view reads each word's lower case and length from a cache keyed on the written word (`token.orth`):
    # "İSTANBUL" (8 characters) and "i\u0307stanbul" (9) share a lower case, not a length.
    odd = "İSTANBUL i\u0307stanbul İstanbul istanbul ΣΊΣΥΦΟΣ σίσυφος"
    for goal in [*GOALS, odd, *CORPUS_GOALS, *CORPUS_GOALS]:
        _assert_plain_tokens(linter, goal)


@given(text=st.text(alphabet=st.sampled_from("aiAİıΣσς\u0307 .;:!?\n\t—()-,5%$é"), max_size=40) | st.text(max_size=30))
def test_token_lists_of_generated_text_equal_a_plain_build(linter: goalcheck.Linter, text: str) -> None:
    _assert_plain_tokens(linter, text)
