"""TokenView: the indexed windows equal a walk over the words, the word cache keeps spaCy's words, and the
label index (`covers`, sharing sets with `starts`) holds what a plain build from the hits holds."""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from hypothesis import given
from hypothesis import strategies as st

import goalcheck
from goalcheck.extract.annotations import HITS_KEY
from goalcheck.extract.tokens import Hit, TokenView, _covers

GOALS = [
    "Increase NPS from 32 to 45 by Q3 2025 through weekly customer calls.",
    "Phase 1 (Aug-Sept 2025): train all reps; Phase 2: roll out monthly reviews!",
    "  Improve  onboarding\n\tfor new hires İstanbul team — by end of FY26. ",
    "Lower the mean time to recovery (MTTR) to 30 minutes? Yes.",
    "",
]


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


def test_label_index_of_goals(linter: goalcheck.Linter) -> None:
    goals = [*GOALS, "Grow specialty pharmacy sales representatives' reach by 10% in key accounts."]
    for goal in goals:
        doc = linter.nlp(goal)
        view = TokenView.of(doc, goal, doc.user_data.get(HITS_KEY))
        starts, covers = _plain_index([h for found in view.hits.values() for h in found])
        assert (dict(view.starts), dict(view.covers)) == (starts, covers), goal


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
    longer = [h for h in hits if h.end - h.start > 1]
    assert dict(_covers(shared, longer)) == covers
    assert dict(shared) == starts  # the sets `covers` shares with `starts` are not changed
