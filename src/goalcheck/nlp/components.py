"""The goalcheck pipeline components: they annotate a Doc; extraction interprets the annotations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span, SpanGroup
from spacy.util import minibatch

from goalcheck.config import Config
from goalcheck.extract.annotations import CADENCES_KEY, HITS_KEY, TEXT_KEY, TIME_KEY, WORD_GATES_KEY, doc_text
from goalcheck.extract.grammar import CompiledGrammar, compile_grammar, lower_text
from goalcheck.extract.time import TimeContext, find_cadences, find_time
from goalcheck.rulebook import PriorityDef, RuleBook, load_rulebook
from goalcheck.rulebook.spec import Vocabulary

from .inflect import phrase_forms

SPANS_KEY = "goalcheck"
PRIORITY_PREFIX = "priority:"
# Categories whose terms are verbs get verb forms; every other category is nouns, adjectives or phrases.
VERB_CATEGORIES = frozenset(
    {
        "outcome_verb",
        "direction_up",
        "direction_down",
        "direction_reach",
        "direction_keep",
        "direction_better",
        "action_verb",
        "object_verb",
        "hire_verb",
        "weak_verb",
        "build_verb",
    }
)
UNINFLECTED = frozenset(
    {"comparative", "quantifier", "adverb", "adjective", "superlative", "loophole", "temporal", "level"}
)


def rulebook_for(packs: Sequence[str], rule_paths: Sequence[str]) -> RuleBook:
    """Load (cached) the rule book a component's config names."""
    return load_rulebook(tuple(packs), tuple(Path(p) for p in rule_paths))


@lru_cache(maxsize=8)
def _grammar(packs: tuple[str, ...], rule_paths: tuple[str, ...]) -> CompiledGrammar:
    return compile_grammar(rulebook_for(packs, rule_paths).grammar)


def grammar_for(packs: Sequence[str], rule_paths: Sequence[str]) -> CompiledGrammar:
    """Compile (cached) the grammar of the rule book a component's config names."""
    return _grammar(tuple(packs), tuple(rule_paths))


class TextKeepingTokenizer:
    """spaCy's tokenizer, recording on each Doc the text it was given (`doc.text` would join the tokens again).

    The tokenizer loses no character, so the recorded text is `doc.text`; the components and extraction read
    it with `annotations.doc_text`. Every other attribute (rules, explain, serialization) is the tokenizer's.
    """

    def __init__(self, tokenizer: Tokenizer) -> None:
        object.__setattr__(self, "tokenizer", tokenizer)

    def __call__(self, text: str) -> Doc:
        """Tokenize `text` and record it on the Doc."""
        doc = self.tokenizer(text)
        doc.user_data[TEXT_KEY] = text
        return doc

    def __getattr__(self, name: str) -> object:
        if name == "tokenizer":  # not set yet (a copy being built): no tokenizer to ask
            raise AttributeError(name)
        return getattr(self.tokenizer, name)

    def __setattr__(self, name: str, value: object) -> None:
        setattr(self.tokenizer, name, value)


class BatchedComponent:
    """A pipeline component that annotates a stream of Docs a batch at a time (`nlp.pipe` calls `pipe`).

    The component runs over the whole batch, then yields it, as spaCy's trainable pipes do: `nlp.pipe` then
    runs each stage (tokenizer, lexicon, time) over a batch before the next stage starts, and extraction reads
    the batch after that, instead of every goal passing through every stage in turn. Each stage's code and
    tables stay in the CPU caches for the batch. It costs ~2 % more instructions and saves CPU time:
    `Linter.check_many` batched against unbatched, alternating pairs of 4,000 bench goals, median 0.82 on a
    loaded machine and 0.91 on a quieter one.
    """

    def __call__(self, doc: Doc) -> Doc:
        """Annotate one Doc (each component's own)."""
        raise NotImplementedError

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Annotate a stream of Docs a batch at a time, in order."""
        for batch in minibatch(stream, size=batch_size):
            for doc in batch:
                self(doc)
            yield from batch


class LexiconTagger(BatchedComponent):
    """Tag vocabulary terms of every category, in every word form, as spans in `doc.spans[spans_key]`.

    Span labels are vocabulary categories ("metric", "weak_verb" ...) or `priority:<id>` for the
    configured organizational priorities.
    """

    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        packs: Sequence[str],
        rule_paths: Sequence[str],
        spans_key: str,
        priorities: Sequence[dict] = (),
        accept: Sequence[str] = (),
        reject: Sequence[str] = (),
    ) -> None:
        self.name = name
        self.spans_key = spans_key
        # The same rules, vocabulary and priorities the Linter uses: Config.rulebook() is the one recipe.
        config = Config(
            packs=tuple(packs),
            rule_paths=tuple(Path(p) for p in rule_paths),
            priorities=tuple(PriorityDef.model_validate(p) for p in priorities),
            accept=tuple(accept),
            reject=tuple(reject),
        )
        self.rulebook = config.rulebook()
        self.irregular = {k: list(v) for k, v in self.rulebook.irregular_forms.items()}
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        terms: dict[str, Sequence[str]] = {c: self.rulebook.vocabulary[c] for c in Vocabulary.model_fields}
        for prio in self.rulebook.priorities:
            terms[PRIORITY_PREFIX + prio.id] = prio.synonyms
        for label, words in terms.items():
            self._add(nlp, label, words, verb=label in VERB_CATEGORIES, inflect=label not in UNINFLECTED)
        self.labels = {nlp.vocab.strings[label]: label for label in terms}

    def _add(self, nlp: Language, label: str, words: Sequence[str], *, verb: bool, inflect: bool) -> None:
        docs = []
        seen: set[tuple[str, ...]] = set()
        for term in words:
            tokens = [t.lower_ for t in nlp.make_doc(term)]
            for variant in phrase_forms(tokens, self.irregular, verb=verb) if inflect else [tokens]:
                if tuple(variant) not in seen:
                    seen.add(tuple(variant))
                    docs.append(Doc(nlp.vocab, words=variant))
        if docs:
            self.matcher.add(label, docs)

    def __call__(self, doc: Doc) -> Doc:
        """Record every vocabulary match as (label, start token, end token) in `doc._.goalcheck_hits`.

        Matches stay plain tuples on the hot path (creating Span objects cost more than matching);
        `as_spans(doc)` turns them into a SpanGroup for inspection.
        """
        labels = self.labels
        doc.user_data[HITS_KEY] = [(labels[key], start, end) for key, start, end in self.matcher(doc)]
        return doc


def as_spans(doc: Doc, spans_key: str = SPANS_KEY) -> SpanGroup:
    """Return the lexicon's matches as a SpanGroup (labels are vocabulary categories), and store it."""
    spans = [Span(doc, start, end, label=label) for label, start, end in doc._.goalcheck_hits or ()]
    doc.spans[spans_key] = SpanGroup(doc, name=spans_key, spans=spans)
    return doc.spans[spans_key]


class TimeTagger(BatchedComponent):
    """Find time expressions and cadences, resolved against a reference date and fiscal-year start."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        packs: Sequence[str],
        rule_paths: Sequence[str],
        reference_date: str,
        fiscal_year_start_month: int,
    ) -> None:
        self.name = name
        self.grammar = grammar_for(packs, rule_paths)
        self.context = TimeContext(dt.date.fromisoformat(reference_date), fiscal_year_start_month)

    def __call__(self, doc: Doc) -> Doc:
        """Set `doc._.goalcheck_cadences` and `doc._.goalcheck_time`."""
        text = doc_text(doc)
        low = lower_text(text)
        gates = self.grammar.word_gates
        fired = gates.fired(low)  # shared by both finders and extraction's value gates
        cadences = find_cadences(text, self.grammar, low, fired=fired)
        data = doc.user_data  # the extensions' own entries (see annotations)
        data[WORD_GATES_KEY] = (gates, text, low, fired)
        data[CADENCES_KEY] = cadences
        data[TIME_KEY] = find_time(text, self.grammar, self.context, cadences, low, fired=fired)
        return doc
