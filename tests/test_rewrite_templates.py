"""Rewrite templates are data: validated with file and line, overridable by an organization's pack folder."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

import goalcheck
from goalcheck.errors import RulePackError
from goalcheck.rewrite import rewrite
from goalcheck.rewrite.template_spec import PHRASE_FIELDS
from goalcheck.rewrite.templates import load_templates, read_templates


def _pack(tmp_path: Path, templates: str) -> Path:
    folder = tmp_path / "acme"
    (folder / "rewrite").mkdir(parents=True)
    (folder / "pack.yaml").write_text("name: acme\n", encoding="utf-8")
    (folder / "rewrite" / "templates.yaml").write_text(textwrap.dedent(templates).lstrip(), encoding="utf-8")
    return folder


def test_builtin_templates_load_and_define_every_phrase() -> None:
    templates = load_templates(("generic", "life-sciences"))
    assert set(templates.phrases) == set(PHRASE_FIELDS)
    assert [s.id for s in templates.shapes] == ["account-plan", "purpose", "outcome", "activity", "skill"]
    assert templates.shape_sources["skill"] == "generic/rewrite/templates.yaml"
    # Each pack keeps its own phases: a rewrite takes those of the packs that fit the goal.
    assert [(p.pack, p.source, len(p.stages)) for p in templates.phases] == [
        ("generic", "generic/rewrite/templates.yaml", 4),
        ("life-sciences", "life-sciences/rewrite/templates.yaml", 4),
    ]
    assert templates.slot("deadline") == "[deadline]"


def test_an_organization_overrides_phrases_and_adds_a_shape(tmp_path: Path) -> None:
    folder = _pack(
        tmp_path,
        """
        placeholder: "<{slot}>"
        phrases:
          priority: ", in line with {priority}"
        shapes:
          - id: onboarding
            description: "New-hire goals lead with the deadline."
            when: {words: [onboarding]}
            text: "{role}{core}{measure}{deadline}{activity}{priority}"
            phrases:
              deadline: ", within {deadline}"
        """,
    )
    config = goalcheck.Config(reference_date=dt.date(2025, 1, 15), rule_paths=(folder,))
    result = rewrite("Improve the onboarding checklist.", config)
    assert result.shape == "onboarding"
    assert result.text == (
        "For <role>: Improve the onboarding checklist, measured by the <metric> moving from <baseline> to <target>, "
        "within <deadline> through <activity>, in line with <priority>."
    )
    shape_parts = [p for p in result.parts if p.text == ", within "]
    assert [p.source for p in shape_parts] == [f"{folder}/rewrite/templates.yaml"]
    assert rewrite(result.text, config).text == result.text  # its own placeholders count as present


def test_an_organization_may_keep_the_vague_words_the_sentence_needs(tmp_path: Path) -> None:
    folder = _pack(tmp_path, "vague:\n  needed: keep\nlabels:\n  behaviour: what shows it\n")
    config = goalcheck.Config(reference_date=dt.date(2025, 1, 15), rule_paths=(folder,))
    assert rewrite("Be a better leader.", config).text.startswith("For [role]: Be a better leader, moving")
    assert load_templates(("generic",), (folder,)).slot("behaviour") == "[what shows it]"


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("shapes:\n  - id: x\n    descripton: typo\n    text: '{role}{core}'\n", 3, "unknown key"),
        ("phrases:\n  role: 'For {rol}: '\n", 2, "phrase 'role' cannot use ['rol']"),
        ("shapes:\n  - id: x\n    description: d\n    text: '{core}{measure}'\n", 4, "a shape must place"),
        ("placeholder: '<slot>'\n", 1, "the placeholder format must use {slot}"),
        ("labels:\n  behaviour: Observable_Behaviour\n", 1, "a label is lowercase words"),
        ("labels:\n  behavior: observable behavior\n", 2, "labels.behavior"),
        ("vague:\n  terms:\n    soon: {action: replace}\n", 3, "action 'replace' needs a text"),
        ("phases:\n  - stage: s\n    text: 'train on {skil}'\n", 3, "a phase text may use only {skill}"),
    ],
)
def test_errors_name_the_file_and_line(tmp_path: Path, body: str, line: int, message: str) -> None:
    path = _pack(tmp_path, body) / "rewrite" / "templates.yaml"
    with pytest.raises(RulePackError, match=r"rewrite/templates\.yaml") as info:
        read_templates(path)
    assert info.value.line == line
    assert message in info.value.problem


def test_broken_yaml_is_a_rule_pack_error(tmp_path: Path) -> None:
    folder = _pack(tmp_path, "phrases: [unclosed\n")
    with pytest.raises(RulePackError, match="invalid YAML"):
        load_templates(("generic",), (folder,))
