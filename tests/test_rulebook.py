"""Rule packs are data: loading validates them and errors name the file, the line and the problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import goalcheck
from goalcheck.rulebook import builtin_packs_dir, load_rulebook
from goalcheck.rulebook.loader import load_pack

from .conftest import REFERENCE_DATE

GOOD_RULE = """\
id: XY01
name: sample-rule
dimension: time
facet: deadline
severity: warning
kind: absence
message: "No deadline."
fix_title: "Add one."
rationale: "Because."
source: "Test."
examples:
  bad: ["Improve selling skills."]
  good: ["Grow sales by 5% by Q3 2025."]
"""


def make_pack(tmp_path: Path, rule: str, name: str = "XY01-sample-rule.yaml") -> Path:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "pack.yaml").write_text("name: test-pack\n", encoding="utf-8")
    (folder / name).write_text(rule, encoding="utf-8")
    return folder


def test_valid_pack_loads(tmp_path: Path) -> None:
    pack = load_pack(make_pack(tmp_path, GOOD_RULE))
    assert [r.id for r in pack.rules] == ["XY01"]


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (GOOD_RULE.replace("severity: warning", "severty: warning"), r"XY01-sample-rule.yaml:5: severty: unknown key"),
        (GOOD_RULE.replace("kind: absence", "kind: magic"), r"XY01-sample-rule.yaml:6: kind: Input should be"),
        (
            GOOD_RULE.replace('message: "No deadline."', 'message: "No {deadlin}."'),
            r"XY01-sample-rule.yaml:7: message: .*unknown placeholder",
        ),
        (
            GOOD_RULE.replace('  good: ["Grow sales by 5% by Q3 2025."]', "  good: []"),
            r"XY01-sample-rule.yaml:13: examples.good: .*at least 1",
        ),
        (GOOD_RULE.replace("dimension: time", "dimension: [time"), r"XY01-sample-rule.yaml:\d+: invalid YAML"),
        (GOOD_RULE.replace("id: XY01", "id: XY1"), r"XY01-sample-rule.yaml:1: id: String should match"),
    ],
)
def test_malformed_rule_names_file_line_and_problem(tmp_path: Path, rule: str, expected: str) -> None:
    with pytest.raises(goalcheck.RulePackError, match=expected):
        load_pack(make_pack(tmp_path, rule))


def test_rule_file_name_must_match(tmp_path: Path) -> None:
    with pytest.raises(goalcheck.RulePackError, match="file name does not match"):
        load_pack(make_pack(tmp_path, GOOD_RULE, name="XY02-other-name.yaml"))


def test_bad_regex_in_grammar(tmp_path: Path) -> None:
    folder = tmp_path / "generic"
    shutil.copytree(builtin_packs_dir() / "generic", folder)
    grammar = folder / "grammar.yaml"
    grammar.write_text(
        grammar.read_text(encoding="utf-8").replace("regex: \\b(?P<y>", "regex: \\b(?P<y"), encoding="utf-8"
    )
    with pytest.raises(goalcheck.RulePackError, match=r"grammar.yaml:\d+: invalid regular expression"):
        load_pack(folder)


def test_bad_regex_in_the_deadline_context_names_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "generic"
    shutil.copytree(builtin_packs_dir() / "generic", folder)
    grammar = folder / "grammar.yaml"
    text = grammar.read_text(encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith("  season_edge:"))
    grammar.write_text(text.replace("  season_edge: '(?:the", "  season_edge: '(?:(the"), encoding="utf-8")
    with pytest.raises(goalcheck.RulePackError, match=rf"grammar.yaml:{line}: invalid regular expression"):
        load_pack(folder)


def test_unknown_pack_lists_the_known_ones() -> None:
    with pytest.raises(goalcheck.RulePackError, match=r"unknown pack 'nope'.*generic, life-sciences"):
        load_rulebook(("generic", "nope"))


def test_organization_pack_adds_priorities_and_words_without_python(tmp_path: Path) -> None:
    folder = tmp_path / "acme"
    folder.mkdir()
    (folder / "pack.yaml").write_text(
        "name: acme\npriorities:\n  - id: project-aurora\n    name: Project Aurora rollout\n"
        "    synonyms: [project aurora, aurora rollout]\n",
        encoding="utf-8",
    )
    (folder / "vocabulary.yaml").write_text("role:\n  - growth hacker\nactivity:\n  - hackathon\n", encoding="utf-8")
    text = "Growth hackers will run two hackathons to speed up the Aurora rollout by Q3 2025."
    plain = goalcheck.Linter(goalcheck.Config(reference_date=REFERENCE_DATE, packs=("generic",))).check(text)
    custom = goalcheck.Linter(
        goalcheck.Config(reference_date=REFERENCE_DATE, packs=("generic",), rule_paths=(folder,))
    ).check(text)
    assert not plain.facets.role and not plain.facets.strategic
    assert [p.id for p in custom.priorities] == ["project-aurora"]
    assert [r.name for r in custom.roles] == ["growth hackers"]
    assert any(a.name == "hackathons" for a in custom.activities)


def test_generic_pack_works_alone() -> None:
    result = goalcheck.Linter(goalcheck.Config(reference_date=REFERENCE_DATE, packs=("generic",))).check(
        "Increase sales by 10% by Q3 2025."
    )
    assert result.facets.strategic and result.facets.target and result.facets.deadline
