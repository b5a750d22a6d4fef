"""The pipeline's annotations: what the components write directly is what the Doc extensions read."""

from __future__ import annotations

import goalcheck
from goalcheck.extract import extract
from goalcheck.extract.annotations import HITS_KEY, TEXT_KEY, TIME_KEY, doc_text
from goalcheck.nlp.components import TextKeepingTokenizer, as_spans

GOALS = [
    "Increase NPS from 32 to 45 by Q3 2025 through weekly customer calls.",
    "Phase 1 (Aug-Sept 2025): train all reps; Phase 2: roll out monthly reviews.",
    "  Improve  onboarding\n\tfor new hires İstanbul team — by end of FY26. ",
    "",
]


def test_tokenizer_records_the_text_doc_text_rebuilds(linter: goalcheck.Linter) -> None:
    assert isinstance(linter.nlp.tokenizer, TextKeepingTokenizer)
    for goal in GOALS:
        doc = linter.nlp(goal)
        assert doc.user_data[TEXT_KEY] == doc.text == doc_text(doc) == goal


def test_extensions_read_what_the_components_wrote(linter: goalcheck.Linter) -> None:
    doc = linter.nlp(GOALS[0])
    hits = doc._.goalcheck_hits
    assert hits and all(isinstance(label, str) for label, _, _ in hits)
    assert doc._.goalcheck_time and doc._.goalcheck_cadences
    assert [(s.label_, s.start, s.end) for s in as_spans(doc)] == hits


def test_a_doc_made_elsewhere_falls_back_to_doc_text(linter: goalcheck.Linter, config: goalcheck.Config) -> None:
    nlp = linter.nlp
    doc = nlp.tokenizer.tokenizer(GOALS[0])  # spaCy's own tokenizer: nothing recorded
    assert TEXT_KEY not in doc.user_data and doc_text(doc) == GOALS[0]
    for _, component in nlp.pipeline:
        doc = component(doc)
    ref = config.resolved_reference_date()
    assert extract(doc, linter.rulebook, linter.grammar, ref) == extract(
        nlp(GOALS[0]), linter.rulebook, linter.grammar, ref
    )


def test_the_wrapper_forwards_the_tokenizers_attributes(linter: goalcheck.Linter) -> None:
    wrapper = linter.nlp.tokenizer
    assert wrapper.rules is wrapper.tokenizer.rules or wrapper.rules == wrapper.tokenizer.rules
    assert "):" not in wrapper.rules  # build_nlp's emoticon removal is the tokenizer's


def test_the_components_annotate_a_batch_before_yielding_it(linter: goalcheck.Linter) -> None:
    """Each component annotates a whole batch before it yields the batch's first Doc (check_many's speed rests on
    it: every stage runs over a batch in turn), and a Doc annotated in a batch is annotated as alone."""
    nlp = linter.nlp
    texts = GOALS * 3  # 12 goals: batches of 5, 5 and 2
    docs = list(nlp.pipe(texts, batch_size=5))
    alone = [nlp(t) for t in texts]
    for batched, single in zip(docs, alone, strict=True):
        assert batched.text == single.text
        assert batched.user_data[HITS_KEY] == single.user_data[HITS_KEY]
        assert batched.user_data[TIME_KEY] == single.user_data[TIME_KEY]
    for _, component in nlp.pipeline:
        batch = [nlp.make_doc(t) for t in texts[:5]]
        out = component.pipe(iter(batch), batch_size=5)
        first = next(out)
        assert first is batch[0]
        # The whole batch is annotated before its first Doc comes out.
        key = TIME_KEY if component is nlp.get_pipe("goalcheck_time") else HITS_KEY
        assert all(key in d.user_data for d in batch)
        assert list(out) == batch[1:]
