"""The split person scan of extract/lexical.py finds exactly what the one alternation with "^" finds, and the
substring gates before the person and grade scans answer as the regex alternations they replaced."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from goalcheck.extract.lexical import _PERSON_NAME, _may_name_learners, _may_name_person, _persons

# The pattern as it was written before the split: list marks at the start, or punctuation, then the name.
ALTERNATION = re.compile(r"(?:^[\s\-*•>\d.)]*|[.;:,]\s+)" + _PERSON_NAME)
# The gates as they were written before: one regex alternation each.
PERSON_GATE = re.compile(r"will|should|must|can|has|needs|would|is\s")
LEARNERS_GATE = re.compile(r"student|learner|pupil|scholar|reader|grader")
CORPUS = Path(__file__).resolve().parents[1] / "corpus"
PIECES = [
    "Sam",
    "Ann Lee",
    "will",
    "must",
    "is expected to",
    "has to",
    "can",
    "the team",
    "- ",
    "1.",
    ")",
    "•",
    ".",
    ",",
    ";",
    ":",
    " ",
    "  ",
    "\n",
    "Ünal",
    "42",
]


def _found(matches: object) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    return [(m.span(), m.span("name")) for m in matches]  # type: ignore[attr-defined]


def test_corpus_goals() -> None:
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                text = json.loads(line)["text"]
                assert _found(_persons(text)) == _found(ALTERNATION.finditer(text)), text


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map(" ".join) | st.text(max_size=60))
def test_generated_text(text: str) -> None:
    assert _found(_persons(text)) == _found(ALTERNATION.finditer(text))


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from([*PIECES, "is\t", "is\u00a0", "students", "6th graders", "reader", "ha", "s"]), max_size=8
    ).map("".join)
    | st.text(max_size=40)
)
def test_gates_equal_the_alternations(text: str) -> None:
    assert _may_name_person(text) == (PERSON_GATE.search(text) is not None)
    assert _may_name_learners(text) == (LEARNERS_GATE.search(text) is not None)
