"""Suggestions fit the goal's field: a domain pack's values where the goal names its field, generic ones elsewhere.

`goalcheck rewrite --mode suggest` and the findings' suggestions draw on the same choice
(goalcheck.rulebook.domains): "Get fit." is not filled with "role-play sessions on clinical objections".
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import goalcheck
from goalcheck.rewrite import rewrite
from goalcheck.rulebook.domains import _WORD, Fields, term_words, written_words

from .corpus_data import SETS, load

# Words only the life-sciences pack's suggestions use.
LS_WORDS = ("clinical", "hcp", "formulary", "payer", "idn", "scientific", "specialty", "representative", "role-play")
OUTSIDE_LS = [
    "Get fit.",
    "Improve reading scores for my class.",
    "Hire more engineers.",
    "Ensure 24/7 coverage of the NOC with at least 2 engineers per shift.",
    "Reduce time to hire for engineering roles.",
]


def _ls_words(texts: list[str]) -> list[str]:
    joined = " ".join(texts).lower()
    return [w for w in LS_WORDS if w in joined]


def test_goal_outside_every_field_gets_generic_suggestions(config: goalcheck.Config) -> None:
    result = rewrite("Get fit.", config, "suggest")
    assert result.text == (
        "For new team members: Get fit, moving the skills assessment score from [baseline] to 4.0 on a 1-5 scale "
        "by end of Q2 2025 through monthly progress reviews with a manager or mentor, to support launching new "
        "specialty products."
    )
    # The priority is one the configuration has (the life-sciences pack's): a goal serves the organization's.
    assert {p.slot: p.source for p in result.suggestions} == {
        "role": "generic/pack.yaml: suggest.roles[0]",
        "metric": "generic/pack.yaml: suggest.metrics[0]",
        "target": "generic/rewrite/templates.yaml: targets[0]",
        "deadline": "reference date 2025-01-15: the end of the next quarter",
        "activity": "generic/pack.yaml: suggest.activities[0]",
        "priority": "life-sciences/pack.yaml: priorities[launch]",
    }


@pytest.mark.parametrize("text", OUTSIDE_LS)
def test_no_life_sciences_value_or_alternative_outside_its_field(config: goalcheck.Config, text: str) -> None:
    result = rewrite(text, config, "suggest", alternatives=5)
    values = [p for p in result.suggestions if p.slot not in ("priority", "deadline")]
    assert values and all(p.source.startswith("generic/") for p in values)
    assert _ls_words([t for p in values for t in (p.text, *p.alternatives)]) == []


def test_goal_in_the_life_sciences_field_keeps_its_values(config: goalcheck.Config) -> None:
    result = rewrite("Improve selling skills with HCPs.", config, "suggest")
    assert result.text == (
        "For new specialty representatives: Demonstrate foundational selling skills in scientific dialogue with "
        "HCPs, moving the customer engagement score on scientific dialogue quality from [baseline] to 4.0 on a "
        "1-5 scale by end of Q2 2025 through monthly role-play sessions on clinical objections, with video "
        "recording and structured feedback, to support improving customer engagement."
    )
    assert {p.slot: p.source.split(":")[0] for p in result.suggestions if p.slot != "deadline"} == {
        "role": "life-sciences/pack.yaml",
        "skill": "life-sciences/pack.yaml",
        "metric": "life-sciences/pack.yaml",
        "target": "life-sciences/rewrite/templates.yaml",
        "activity": "life-sciences/pack.yaml",
        "priority": "life-sciences/pack.yaml",
    }


def test_a_priority_of_the_pack_puts_the_goal_in_its_field(config: goalcheck.Config) -> None:
    # "compliance" names the life-sciences pack's priority, though it is no domain term of its own.
    result = rewrite("Reduce compliance findings in call-note audits from 3% to 7% by Q2 2025.", config, "suggest")
    assert [(p.slot, p.text) for p in result.suggestions] == [
        ("role", "new specialty representatives"),
        ("activity", "quarterly account planning reviews for the top 3 IDN accounts"),
    ]


def test_findings_suggest_values_of_the_goals_field(linter: goalcheck.Linter) -> None:
    def suggestions(text: str) -> dict[str, list[str]]:
        return {f.code: [s.text for s in f.suggestions] for f in linter.check(text).findings if f.code != "ST01"}

    outside = suggestions("Get fit.")
    assert outside["ME01"] == [
        "Name the measure, e.g. skills assessment score (1-5).",
        "State how the skill will be measured, e.g. skills assessment score (1-5).",
    ]
    assert (
        outside["AC01"][0]
        == "Add a development activity with a cadence, e.g. monthly progress reviews with a manager or mentor."
    )
    assert outside["RO01"][0] == "Name the role or level, e.g. 'For new team members or experienced team members: ...'."
    assert outside["CL01"][1] == "Name the skill: structured problem solving or clear written communication."
    for text in OUTSIDE_LS:
        assert _ls_words([t for texts in suggestions(text).values() for t in texts]) == [], text
    inside = suggestions("Improve selling skills with HCPs.")
    assert inside["ME01"][0] == "Name the measure, e.g. customer engagement score on scientific dialogue quality (1-5)."
    assert inside["CL01"][1] == "Name the skill: scientific dialogue or clinical objection handling."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Meet 5 KOLs a month.", "life-sciences"),  # a plural: "KOLs" names "kol"
        ("Book two ride-alongs with my district manager.", "life-sciences"),  # a hyphenated term
        ("Cut p&t committee turnaround to 30 days.", "life-sciences"),
        ("Bill 40 HCPCS codes correctly.", "generic"),  # a longer word is not the term
        ("Join the field hockey team.", "generic"),  # "field" alone is no term
    ],
)
def test_a_domain_term_is_named_as_whole_words(config: goalcheck.Config, text: str, expected: str) -> None:
    book = config.rulebook()
    roles = book.suggestions_for(text).roles
    pack = next(p.pack for p in book.pack_suggestions if p.suggest.roles and p.suggest.roles[0] == roles[0])
    assert pack == expected


def test_term_words_ignore_case_plural_and_punctuation() -> None:
    assert term_words("HCPs, field visits & P&T") == ["hcp", "field", "visit", "&", "p&t"]


def _named_plainly(fields: Fields, text: str) -> frozenset[int]:
    """Fields.named as first written: the words found by `_WORD` and every pack's terms tested on them."""
    written = _WORD.findall(text.lower())
    joined = f" {' '.join(written)} "
    found = set()
    for pack in fields._terms:
        if not pack.spelled.isdisjoint(w.encode() for w in written):
            found.add(pack.index)
        for first, terms in pack.longer.items():
            if first.decode() in written and any(t.decode() in joined for t in terms):
                found.add(pack.index)
    return frozenset(found)


# Non-ASCII letters whose lower case holds ASCII letters (Kelvin sign, dotted capital I), a lone surrogate, others.
_AWKWARD = ["KOL", "\u212aOLs", "\u0130DN", "caf\u00e9 KOLs", "\ud800HCP", "p&t", "KOL\u00b2s", "field  visits", ""]


def test_written_words_are_the_words_of_the_pattern() -> None:
    texts = [goal.text for name in SETS for goal in load(name)] + _AWKWARD
    fields = goalcheck.Config().rulebook().fields
    for text in texts:
        assert written_words(text) == [w.encode() for w in _WORD.findall(text.lower())], text
        assert fields.named(text) == _named_plainly(fields, text), text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"aKk&1 -.\u212a\u0130\u00e9s", "field ", "visit", "kol", "hcp", "\ud800"])))
def test_written_words_on_arbitrary_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    fields = goalcheck.Config().rulebook().fields
    assert written_words(text) == [w.encode() for w in _WORD.findall(text.lower())]
    assert fields.named(text) == _named_plainly(fields, text)


def test_an_organizations_pack_without_terms_suggests_for_every_goal(tmp_path: Path) -> None:
    house = tmp_path / "house"
    house.mkdir()
    (house / "pack.yaml").write_text("name: house\nsuggest:\n  roles: [store managers]\n", encoding="utf-8")
    niche = tmp_path / "niche"
    niche.mkdir()
    (niche / "pack.yaml").write_text(
        "name: niche\nsuggest:\n  roles: [sommeliers]\n  domain_terms: [wine list]\n", encoding="utf-8"
    )
    config = goalcheck.Config(rule_paths=(house, niche))
    book = config.rulebook()
    assert book.suggestions_for("Get fit.").roles == ("store managers", *book.pack_suggestions[0].suggest.roles)
    assert book.suggestions_for("Refresh the wine list monthly.").roles == ("sommeliers",)
    assert book.suggestions_for("Cut HCP wait times.").roles == book.pack_suggestions[1].suggest.roles


FIELD_SALES = ("ride-along", "field assessment", "customer calls")


def _milestone_sources(result: goalcheck.Rewrite) -> set[str]:
    return {p.source.split(":")[0] for p in result.parts if p.slot == "milestones"}


@pytest.mark.parametrize("text", [*OUTSIDE_LS, "Improve patient handover communication on the ward."])
def test_phases_outside_the_field_are_the_generic_ones(config: goalcheck.Config, text: str) -> None:
    for mode in ("placeholders", "suggest"):
        result = rewrite(text, config, mode, phased=True)  # type: ignore[arg-type]
        assert [w for w in FIELD_SALES if w in result.text.lower()] == []
        assert [p.stage for p in result.phases] == [
            "build knowledge",
            "practical application",
            "advanced capability",
            "coach others",
        ]
        assert _milestone_sources(result) == {"generic/rewrite/templates.yaml"}


def test_a_goal_outside_the_field_gets_the_generic_path(config: goalcheck.Config) -> None:
    result = rewrite("Get fit.", config, "suggest", phased=True)
    assert [(p.label, p.text) for p in result.phases] == [
        ("Q1 2025", "complete foundational training on structured problem solving"),
        ("Q2 2025", "use structured problem solving in day-to-day work, with feedback from an observer"),
        ("Q3 2025", "demonstrate advanced structured problem solving in an assessment"),
        ("Q4 2025", "coach peers on structured problem solving"),
    ]


def test_a_goal_in_the_field_keeps_its_packs_path(config: goalcheck.Config) -> None:
    result = rewrite("Improve selling skills with HCPs.", config, "suggest", phased=True)
    assert [p.text for p in result.phases] == [
        "complete foundational training on scientific dialogue",
        "use scientific dialogue in customer calls observed on ride-alongs",
        "demonstrate advanced scientific dialogue in a field assessment",
        "coach peers on scientific dialogue in team meetings",
    ]
    assert _milestone_sources(result) == {"life-sciences/rewrite/templates.yaml"}
    assert [w for w in FIELD_SALES if w in result.text.lower()] == list(FIELD_SALES)


def test_an_organizations_phases_follow_its_field(tmp_path: Path) -> None:
    def pack(name: str, terms: str, stage: str) -> Path:
        folder = tmp_path / name
        (folder / "rewrite").mkdir(parents=True)
        (folder / "pack.yaml").write_text(f"name: {name}\nsuggest:\n  domain_terms: [{terms}]\n", encoding="utf-8")
        phases = f"phases:\n  - stage: one\n    text: '{stage} {{skill}}'\n"
        (folder / "rewrite" / "templates.yaml").write_text(phases, encoding="utf-8")
        return folder

    house = pack("house", "", "practise")  # no terms: its path is every goal's outside a named field
    niche = pack("niche", "wine list", "taste")
    config = goalcheck.Config(reference_date=dt.date(2025, 1, 15), rule_paths=(house, niche))

    def path(text: str) -> tuple[list[str], set[str]]:
        result = rewrite(text, config, "suggest", phased=True)
        return [p.text.split()[0] for p in result.phases], _milestone_sources(result)

    assert path("Refresh the wine list.") == (["taste"], {f"{niche}/rewrite/templates.yaml"})
    assert path("Get fit.") == (["practise"], {f"{house}/rewrite/templates.yaml"})
    assert path("Improve selling skills with HCPs.")[0] == ["complete", "use", "demonstrate", "coach"]
