"""Print what word-form matching costs: goalcheck's compile-time expansion against the alternatives.

    python bench/inflection.py

Blank spaCy pipelines have no lemmatizer, so "increase / increased" and "director / directors" must
match one pattern some other way. Options measured or read from the package index:
  - expand inflections when packs are compiled (goalcheck/nlp/inflect.py): no dependency;
  - lemminflect at compile time: a 0.8 MB wheel, plus its first call;
  - spacy-lookups-data lookup lemmatizer at run time: a ~98 MB wheel, and a lemma for every token.
The optional packages are measured only when installed (`pip install lemminflect` to compare).
"""

from __future__ import annotations

import importlib.util
import time

import goalcheck
from goalcheck.nlp.components import UNINFLECTED, VERB_CATEGORIES
from goalcheck.nlp.inflect import phrase_forms
from goalcheck.rulebook import load_rulebook


def main() -> None:
    book = load_rulebook(goalcheck.Config().packs)
    irregular = {k: list(v) for k, v in book.irregular_forms.items()}
    terms = [(c, t.lower().split()) for c, words in book.vocabulary.items() if c not in UNINFLECTED for t in words]
    start = time.perf_counter()
    forms = sum(len(phrase_forms(tokens, irregular, verb=c in VERB_CATEGORIES)) for c, tokens in terms)
    ours = time.perf_counter() - start
    print(f"goalcheck expansion: {len(terms)} terms -> {forms} word forms in {ours * 1000:.1f} ms, no dependency")
    if importlib.util.find_spec("lemminflect"):
        start = time.perf_counter()
        import lemminflect

        lemminflect.getAllInflections("increase")
        first = time.perf_counter() - start
        start = time.perf_counter()
        for _, tokens in terms:
            lemminflect.getAllInflections(tokens[-1])
        every = (time.perf_counter() - start) * 1000
        print(f"lemminflect: import + first call {first * 1000:.0f} ms, all terms {every:.0f} ms")
    else:
        print("lemminflect: not installed (0.8 MB wheel; not needed)")
    if importlib.util.find_spec("spacy_lookups_data"):
        print("spacy-lookups-data: installed (a lookup lemmatizer would lemmatize every token at run time)")
    else:
        print("spacy-lookups-data: not installed (~98 MB wheel; not needed)")


if __name__ == "__main__":
    main()
