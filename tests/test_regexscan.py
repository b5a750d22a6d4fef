"""The fast scanners of extract/regexscan.py find exactly what the plain regular expressions find."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from goalcheck.extract.grammar import lower_text
from goalcheck.extract.regexscan import (
    WordGates,
    WordScan,
    _top_branches,
    _trie,
    cue_sets,
    cues,
    spelled_cues,
    word_gates,
)
from goalcheck.nlp.components import grammar_for

GRAMMAR = grammar_for(("generic", "life-sciences"), ())
CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SCANNED = [
    *(t.regex for t in GRAMMAR.time),
    *(regex for _, regex in GRAMMAR.cadence),
    GRAMMAR.trigger_before,
    GRAMMAR.not_deadline_after,
]
GATES = [*GRAMMAR.time_gates, *(needs for needs, _ in GRAMMAR.cadence if needs is not None)]

# Goal-like pieces: time words, numbers, dates and the punctuation around them, plus arbitrary text.
WORDS = [
    "by",
    "end",
    "of",
    "q3",
    "q2",
    "2025",
    "fy25",
    "fy26",
    "h1",
    "h2",
    "june",
    "30,",
    "12/31",
    "2025-06-30",
    "mid-year",
    "year-end",
    "eoy",
    "within",
    "90",
    "days",
    "weeks",
    "months",
    "quarter",
    "quarterly",
    "monthly",
    "every",
    "two",
    "weeks",
    "bi-weekly",
    "per",
    "day",
    "daily",
    "this",
    "next",
    "the",
    "start",
    "of",
    "term",
    "semester",
    "since",
    "compared",
    "to",
    "until",
    "before",
    "after",
    "(",
    ")",
    ":",
    ";",
    "-",
    "—",
    ".",
    "%",
    "$",
    "3.2",
    "4.0",
    "15",
    "a",
    "an",
    "to",
    "from",
    "in",
    "on",
]
goal_like = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=30).flatmap(
    lambda words: st.sampled_from([" ", "  ", "\n", ", ", "", "\u00a0"]).map(lambda sep: sep.join(words))
)
texts = st.one_of(goal_like, st.text(max_size=200)).map(lower_text)


def spans(matches):
    return [(m.start(), m.end(), m.group(0)) for m in matches]


@settings(max_examples=300, deadline=None)
@given(texts)
def test_wordscan_finds_what_finditer_and_search_find(text):
    for pattern in SCANNED:
        scan = WordScan(pattern)
        assert spans(scan.finditer(text)) == spans(pattern.finditer(text)), pattern.pattern
        found, expected = scan.search(text), pattern.search(text)
        assert (found and found.span()) == (expected and expected.span()), pattern.pattern


def groups(matches):
    return [(m.span(), m.groups(), m.groupdict()) for m in matches]


def scanned(scan, text):
    # `spans` can hand out the twin's match: its groups are the pattern's, its own span is not read
    return [((start, end), m.groups(), m.groupdict()) for start, end, m in scan.spans(text)]


@settings(max_examples=300, deadline=None)
@given(texts)
def test_spans_give_the_matches_and_groups_finditer_gives(text):
    for pattern in SCANNED:
        assert scanned(WordScan(pattern), text) == groups(pattern.finditer(text)), pattern.pattern


def test_spans_on_the_corpus_and_edges():
    files = sorted(CORPUS.glob("*.jsonl")) + sorted((CORPUS / "fresh").glob("*.jsonl"))
    lines = [line for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    goals = [lower_text(json.loads(line)["text"]) for line in lines]
    scans = [WordScan(pattern) for pattern in SCANNED]
    assert sum(scan._after is not None for scan in scans) > len(scans) // 2  # the quick path is taken
    for text in [*goals, "q3", "by q3", "(q3)", " q3 q4", ""]:
        for scan in scans:
            assert scanned(scan, text) == groups(scan.pattern.finditer(text)), (scan.pattern.pattern, text)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_word_gates_decide_or_only_rule_out(text):
    gates, bits = word_gates(GATES)
    fired = gates.fired(text)
    for gate, (bit, decides) in zip(GATES, bits, strict=True):
        matches = gate.search(text) is not None
        if decides:
            assert bool(fired & bit) == matches, gate.pattern
        elif fired & bit != bit:
            assert not matches, gate.pattern  # a gate with one of its lists of cues absent cannot match


@settings(max_examples=300, deadline=None)
@given(texts)
def test_cues_are_necessary(text):
    for pattern in [*SCANNED, *GATES]:
        found = cues(pattern)
        if found and pattern.search(text) is not None:
            assert any(cue in text for cue in found), pattern.pattern
            assert found in cue_sets(pattern)
            for each in cue_sets(pattern):
                assert any(cue in text for cue in each), (pattern.pattern, each)


def test_cue_sets_read_every_part_a_match_needs():
    assert cue_sets(re.compile(r"by\s+\d{1,2}/\d")) == (("by",), ("/",))
    assert cue_sets(re.compile(r"(?:first|2nd)\s+(?:day|week)s?")) == (("2nd", "first"), ("day", "week"))
    assert cue_sets(re.compile(r"\d+(?:x|-fold)?")) == ()
    gates, bits = word_gates([re.compile(r"by\s+\d{1,2}/\d")])
    assert bits == [(0b11, False)]
    assert gates.fired("by 6/30") == gates.fired("due by 6/30") == 0b11
    assert gates.fired("by june 30") == 0b01


def test_scanners_fall_back_on_shapes_they_do_not_read():
    verbose = re.compile(r"\b q3 \b", re.VERBOSE)
    assert spans(WordScan(verbose).finditer("by q3.")) == spans(verbose.finditer("by q3."))
    lookbehind = re.compile(r"(?<=by )q\d")
    assert not WordGates.decides(lookbehind)
    assert cues(re.compile(r"\d+")) == ()


def test_word_scan_skips_to_word_starts():
    scan = WordScan(re.compile(r"\bq[1-4]\b"))
    assert spans(scan.finditer("q1, aq2 (q3) q4")) == [(0, 2, "q1"), (9, 11, "q3"), (13, 15, "q4")]
    assert scan.search("faq2") is None
    assert [(start, end) for start, end, _ in scan.spans("q1, aq2 (q3) q4")] == [(0, 2), (9, 11), (13, 15)]


@settings(max_examples=300, deadline=None)
@given(texts)
def test_word_gates_decide_the_gates_as_written(text):
    # The word tests keep the gates' \b (compile_grammar): a bit that decides agrees with the gate's search.
    gates, bits = word_gates(list(GRAMMAR.word_needs))
    fired = gates.fired(text)
    for gate, (bit, decides) in zip(GRAMMAR.word_needs, bits, strict=True):
        if gate is not None and decides:
            assert bool(fired & bit) == (gate.search(text) is not None), gate.pattern


def test_word_boundaries_are_decided_word_by_word():
    assert WordGates.decides(re.compile(r"\bmay\b"))
    assert not WordGates.decides(re.compile(r"^may"))
    gates, _ = word_gates([re.compile(r"\bmay\b"), re.compile(r"\Bay")])
    assert gates.fired("the mayor, in may") == 0b11
    assert gates.fired("the mayor") == 0b10
    assert gates.fired("ay") == 0


@settings(max_examples=300, deadline=None)
@given(texts)
def test_the_cues_of_a_word_try_every_test_it_can_pass(text):
    gates = GRAMMAR.word_gates
    assert gates._cues is not None  # every test has cues: a word is searched with its cues' tests alone
    for word in text.split():
        assert gates._bits(word) == sum(1 << i for i, test in enumerate(gates.tests) if test.search(word)), word


@settings(max_examples=300, deadline=None)
@given(texts)
def test_spelled_cues_are_necessary(text):
    for pattern in [*SCANNED, *GATES, *GRAMMAR.word_gates.tests]:
        found = spelled_cues(pattern)
        if found and pattern.search(text) is not None:
            assert any(cue in text for cue in found), (pattern.pattern, sorted(found))


def test_spelled_cues_spell_out_small_classes():
    assert spelled_cues(re.compile(r"q[1-4]")) == {"q1", "q2", "q3", "q4"}
    assert spelled_cues(re.compile(r"\b(?:quarter|qtr)\b")) == {"quarter", "qtr"}  # parsed as q(?:uarter|tr)
    assert spelled_cues(re.compile(r"\b(?:once|[0-9]+x)\b")) == {"once", *(f"{d}x" for d in range(10))}
    assert spelled_cues(re.compile(r"(?:19|20)[0-9][0-9]")) == {"19", "20"}  # 19 or 20 and 100 more: too many
    # \d is every Unicode digit: never spelled out as 0-9
    assert spelled_cues(re.compile(r"\b(?:once|\d+x)\b")) == {"once", "x"}
    assert spelled_cues(re.compile(r"\d+")) is None
    gates = GRAMMAR.word_gates
    assert gates._cues is not None  # every word test has them: new words are turned away by them
    for word in ["\u0663x", "2x", "\u0661\u0669\u0662\u0665", "q\u0663", "fy2\u0665"]:
        assert gates._bits(word) == sum(1 << i for i, test in enumerate(gates.tests) if test.search(word)), word


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text("abc", min_size=1, max_size=4), min_size=1, max_size=8), st.text("abcd", max_size=12))
def test_trie_finds_what_the_plain_alternation_finds(words, text):
    kept = tuple(w for w in set(words) if not any(k != w and k in w for k in words))
    assert (re.search(_trie(kept), text) is not None) == any(w in text for w in kept)


def test_tests_with_groups_are_searched_one_by_one():
    gates = WordGates((re.compile(r"(a)b"), re.compile(r"c")))
    assert gates._any is None
    assert gates.fired("ab c x") == 0b11
    assert gates.fired("x") == 0


def test_a_word_is_searched_with_the_tests_of_every_cue_it_holds():
    # "abc" holds "ab" and the overlapping "bc": both tests are tried; "x" holds no cue and is tried with none.
    gates = WordGates((re.compile(r"ab"), re.compile(r"bc"), re.compile(r"b(?=c)"), re.compile(r"q[1-4]")))
    assert gates._cues is not None
    assert gates._bits("abc") == 0b0111
    assert gates._bits("xbcq3") == 0b1110
    assert gates._bits("x") == 0


def test_top_branches_split_where_re_splits():
    assert _top_branches(r"a|b(c|d)|[|]|[]|]|[^]|x]|\||e") == ["a", "b(c|d)", "[|]", "[]|]", "[^]|x]", r"\|", "e"]
    scan = WordScan(re.compile(r"(?<![\w.])\d+|\b(?:one|two)\b|\bx[|]"), alternatives=True)
    assert scan.words is not None and scan.words.pattern == r"\b(?:one|two)\b|\bx[|]"
    assert [m.span() for _, _, m in scan.spans("a 12 one x|", letters=False)] == [(1, 4)]  # the twin's spans
    assert WordScan(re.compile(r"(?<![\w.])\d+|\b\d+x\b"), alternatives=True).words is None  # none opens with a letter
