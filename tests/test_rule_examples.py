"""Every rule's bad examples trigger it and its good examples do not (ids like TI02-bad-0)."""

from __future__ import annotations

import pytest

import goalcheck
from goalcheck.rulebook import load_rulebook

from .conftest import REFERENCE_DATE

BOOK = load_rulebook(goalcheck.Config().packs)
CASES = [
    pytest.param(rule.id, kind, text, id=f"{rule.id}-{kind}-{i}")
    for rule in BOOK.rules
    for kind, texts in (("bad", rule.examples.bad), ("good", rule.examples.good))
    for i, text in enumerate(texts)
]


@pytest.fixture(scope="module")
def every_rule() -> goalcheck.Linter:
    return goalcheck.Linter(goalcheck.Config(reference_date=REFERENCE_DATE, select=tuple(r.id for r in BOOK.rules)))


@pytest.mark.parametrize(("code", "kind", "text"), CASES)
def test_rule_example(every_rule: goalcheck.Linter, code: str, kind: str, text: str) -> None:
    codes = [f.code for f in every_rule.check(text).findings]
    if kind == "bad":
        assert code in codes, f"{code} should flag {text!r}; got {codes}"
    else:
        assert code not in codes, f"{code} should not flag {text!r}; got {codes}"


def test_every_rule_has_examples() -> None:
    assert BOOK.rules
    for rule in BOOK.rules:
        assert rule.examples.bad and rule.examples.good, rule.id


def test_rule_ids_and_names_are_unique() -> None:
    ids = [r.id for r in BOOK.rules]
    names = [r.name for r in BOOK.rules]
    assert len(ids) == len(set(ids))
    assert len(names) == len(set(names))
