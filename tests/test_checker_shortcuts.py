"""The checker's shortcuts give what the plain code they stand for gives."""

from __future__ import annotations

import pytest

from goalcheck.check.context import DATE_FIELDS, FIELDS, Placeholders, date_values, suggester, suggestions
from goalcheck.extract import extract

from .corpus_data import SETS, linter_for, load


def _checked(name: str) -> list:
    linter = linter_for(name)
    out = []
    for goal in load(name):
        parts = extract(linter.nlp(goal.text), linter.rulebook, linter.grammar, linter.reference_date, goal.text)
        out.append((linter, parts))
    return out


@pytest.mark.parametrize("name", sorted(SETS))
def test_suggester_gives_the_books_suggestions(name: str) -> None:
    checked = _checked(name)
    book = checked[0][0].rulebook
    bare = book.model_copy(update={"pack_suggestions": ()})  # a book whose packs give no suggestions of their own
    for _, parts in checked:
        assert suggester(book)(parts) == suggestions(parts, book)
        assert suggester(bare)(parts) == suggestions(parts, bare)


@pytest.mark.parametrize("name", sorted(SETS))
def test_date_values_are_the_fields_values(name: str) -> None:
    for linter, parts in _checked(name)[:20]:
        fy = linter.config.fiscal_year_start_month
        known = date_values(parts, linter.rulebook, fy, {"kept": "as is"})
        assert known == {"kept": "as is", **{key: FIELDS[key](parts, linter.rulebook, fy) for key in DATE_FIELDS}}
        lazy = Placeholders(parts, linter.rulebook, fy)
        eager = Placeholders(parts, linter.rulebook, fy, date_values(parts, linter.rulebook, fy, {}))
        for key in (*FIELDS, "skill", "activity", "unknown"):
            assert eager[key] == lazy[key], key
