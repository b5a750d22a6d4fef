"""Build goalcheck's spaCy pipeline: `spacy.blank("en")` plus the registered goalcheck components."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import spacy
from spacy.language import Language

from .components import SPANS_KEY, TextKeepingTokenizer
from .factories import register_factories

__all__ = ["SPANS_KEY", "build_nlp"]


def _is_bracket_emoticon(key: str) -> bool:
    return any(c in "()" for c in key) and not any(c.isalnum() for c in key)


def build_nlp(
    packs: Sequence[str],
    rule_paths: Sequence[str],
    reference_date: dt.date,
    fiscal_year_start_month: int,
    priorities: Sequence[dict] = (),
    accept: Sequence[str] = (),
    reject: Sequence[str] = (),
) -> Language:
    """Return a blank English pipeline with the lexicon and time taggers, in that order."""
    register_factories()
    nlp = spacy.blank("en")
    # Emoticon exceptions keep "):" whole, so "Phase 1 (Aug-Sept 2025): train ..." would lose the clause
    # boundary after the bracket. Goals are prose: brackets and colons are punctuation here.
    nlp.tokenizer.rules = {k: v for k, v in nlp.tokenizer.rules.items() if not _is_bracket_emoticon(k)}
    nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    common = {"packs": list(packs), "rule_paths": [str(p) for p in rule_paths]}
    nlp.add_pipe(
        "goalcheck_lexicon",
        config={
            **common,
            "spans_key": SPANS_KEY,
            "priorities": list(priorities),
            "accept": list(accept),
            "reject": list(reject),
        },
    )
    nlp.add_pipe(
        "goalcheck_time",
        config={
            **common,
            "reference_date": reference_date.isoformat(),
            "fiscal_year_start_month": fiscal_year_start_month,
        },
    )
    return nlp
