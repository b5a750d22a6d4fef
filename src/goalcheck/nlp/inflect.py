"""Expand a base form into its inflected forms, so one vocabulary term matches every word form.

Blank spaCy pipelines have no lemmatizer, so goalcheck expands terms when a pack is compiled:
"increase" -> increases, increased, increasing; "director" -> directors. Regular English rules cover
almost every word of goal writing; irregular forms come from the packs' `irregular_forms`. This costs
no install size and about a millisecond per thousand terms (bench/inflection.py), where lemminflect
adds a 0.8 MB wheel and ~1.5 s on its first call, and spacy-lookups-data a 98 MB wheel.
Over-generation ("sales" -> "saleses") is harmless: such strings never occur in goals.
"""

from __future__ import annotations

from collections.abc import Mapping

_VOWELS = set("aeiou")


def _plural(word: str) -> set[str]:
    if (
        word.endswith("z")
        and len(word) >= 3
        and word[-2] in _VOWELS
        and (word[-3] not in _VOWELS or word[-4:-2] == "qu")
    ):
        return {word, word + "es", word + "zes"}  # one vowel before the z doubles it: "quiz" -> "quizzes"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return {word, word + "es"}
    if word.endswith("y") and len(word) > 2 and word[-2] not in _VOWELS:
        return {word[:-1] + "ies"}
    if word.endswith("f"):
        return {word + "s", word[:-1] + "ves"}
    return {word + "s"}


def _verb_forms(word: str) -> set[str]:
    forms = set(_plural(word))
    if word.endswith("e"):
        stem = word[:-1]
        forms |= {word + "d", stem + "ing"}
        if word.endswith("ie"):
            forms.add(word[:-2] + "ying")
    elif word.endswith("y") and len(word) > 2 and word[-2] not in _VOWELS:
        forms |= {word[:-1] + "ied", word + "ing"}
    else:
        forms |= {word + "ed", word + "ing"}
        # Doubling ("plan" -> "planned") depends on stress; emit both, the wrong one never occurs.
        if (
            len(word) >= 3
            and word[-1] not in _VOWELS | {"w", "x", "y"}
            and word[-2] in _VOWELS
            and (word[-3] not in _VOWELS)
        ):
            forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


def word_forms(word: str, irregular: Mapping[str, list[str]] | None = None, *, verb: bool = True) -> set[str]:
    """Return `word` with its plural and, for verbs, its verb forms (lower case)."""
    word = word.lower()
    if not word.isalpha():
        return {word}
    if len(word) < 3:
        return {word, word + "s"}  # abbreviations: "AE" -> "AEs"
    forms = {word} | (_verb_forms(word) if verb else _plural(word))
    if irregular and word in irregular:
        forms |= {w.lower() for w in irregular[word]}
    return forms


def phrase_forms(
    tokens: list[str], irregular: Mapping[str, list[str]] | None = None, *, verb: bool = True
) -> list[list[str]]:
    """Return the inflected variants of a tokenized phrase.

    A one-word term inflects that word; in a longer phrase the head inflects: the last word of a
    noun phrase ("account plans") or, for verbs, also the first of a verb phrase ("working on").
    Nouns get plurals only, so the outcome "waste" does not match the verb "wasted".
    """
    if not tokens:
        return []
    variants = {tuple(tokens)}
    variants |= {(*tokens[:-1], form) for form in word_forms(tokens[-1], irregular, verb=verb)}
    if len(tokens) > 1 and verb:
        variants |= {(form, *tokens[1:]) for form in word_forms(tokens[0], irregular, verb=verb)}
    return [list(v) for v in sorted(variants)]
