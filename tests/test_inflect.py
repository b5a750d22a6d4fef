"""Word forms are expanded when patterns are compiled, so one term matches every inflection."""

from __future__ import annotations

from goalcheck.nlp.inflect import phrase_forms, word_forms


def test_verbs() -> None:
    assert {"increase", "increases", "increased", "increasing"} <= word_forms("increase")
    assert {"plan", "plans", "planned", "planning"} <= word_forms("plan")
    assert {"apply", "applies", "applied", "applying"} <= word_forms("apply")
    assert {"build", "built"} <= word_forms("build", {"build": ["built"]})


def test_nouns_get_plurals_only() -> None:
    assert word_forms("director", verb=False) == {"director", "directors"}
    assert word_forms("waste", verb=False) == {"waste", "wastes"}
    assert word_forms("strategy", verb=False) == {"strategy", "strategies"}
    assert word_forms("ae", verb=False) == {"ae", "aes"}
    assert "quizzes" in word_forms("quiz", verb=False)  # one vowel before the z: doubled
    assert "waltzes" in word_forms("waltz", verb=False)


def test_phrases_inflect_their_head() -> None:
    assert ["account", "plans"] in phrase_forms(["account", "plan"], verb=False)
    assert ["working", "on"] in phrase_forms(["work", "on"])
