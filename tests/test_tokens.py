"""TokenView: the indexed windows equal a walk over the words, and the word cache keeps spaCy's words."""

from __future__ import annotations

import dataclasses

import goalcheck
from goalcheck.extract.annotations import HITS_KEY
from goalcheck.extract.tokens import TokenView

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
