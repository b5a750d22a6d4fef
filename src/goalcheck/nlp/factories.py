"""Register every goalcheck pipeline factory and Doc extension, once per process."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from goalcheck.extract.annotations import CADENCES, EXTENSIONS, HITS, TIME

from .components import SPANS_KEY, LexiconTagger, TimeTagger

_registered = False


def register_factories() -> None:
    """Register the components and the Doc extensions they write (idempotent)."""
    global _registered
    if _registered:
        return
    for ext in EXTENSIONS:  # plain values (a default only): annotations reads and writes them in user_data
        if not Doc.has_extension(ext):
            Doc.set_extension(ext, default=None)
    Language.factory(
        "goalcheck_lexicon",
        default_config={
            "packs": ["generic", "life-sciences"],
            "rule_paths": [],
            "spans_key": SPANS_KEY,
            "priorities": [],
            "accept": [],
            "reject": [],
        },
        assigns=[f"doc._.{HITS}"],
    )(make_lexicon)
    Language.factory(
        "goalcheck_time",
        default_config={
            "packs": ["generic", "life-sciences"],
            "rule_paths": [],
            "reference_date": "2025-01-01",
            "fiscal_year_start_month": 1,
        },
        assigns=[f"doc._.{TIME}", f"doc._.{CADENCES}"],
    )(make_time)
    _registered = True


def make_lexicon(
    nlp: Language,
    name: str,
    packs: Sequence[str],
    rule_paths: Sequence[str],
    spans_key: str,
    priorities: Sequence[dict],
    accept: Sequence[str],
    reject: Sequence[str],
) -> LexiconTagger:
    """Build the vocabulary tagger."""
    return LexiconTagger(
        nlp,
        name,
        packs=packs,
        rule_paths=rule_paths,
        spans_key=spans_key,
        priorities=priorities,
        accept=accept,
        reject=reject,
    )


def make_time(
    nlp: Language,
    name: str,
    packs: Sequence[str],
    rule_paths: Sequence[str],
    reference_date: str,
    fiscal_year_start_month: int,
) -> TimeTagger:
    """Build the time tagger."""
    return TimeTagger(
        nlp,
        name,
        packs=packs,
        rule_paths=rule_paths,
        reference_date=reference_date,
        fiscal_year_start_month=fiscal_year_start_month,
    )
