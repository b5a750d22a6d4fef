"""End to end through the real command line: findings, exit codes, stdin, bad input, baseline, rules, init."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from goalcheck.cli import register_extensions
from goalcheck.config import DEFAULT_PACKS
from goalcheck.configfile import read_config
from goalcheck.project.catalog import catalog

from .cli_support import REF, ROOT, goalcheck, goalcheck_process, write

CORE = "ME01,TI01,CL01,DO,GC,RO01"
KNOWN = ", ".join(r.id for r in catalog(DEFAULT_PACKS).rules)  # every code, in order
WEAK = "## New specialty representatives\n- Improve selling skills.\n"


def test_example_file_with_weak_goals_fails_with_located_findings() -> None:
    run = goalcheck("check", "--format", "concise", "--select", CORE, "examples/goals.md", cwd=ROOT)
    assert run.lines == [
        "examples/goals.md:11:3: CL01 [warning] 'Improve' names a direction, not a result.",
        "examples/goals.md:11:3: ME01 [error] Nothing in the goal says what will be measured.",
        "examples/goals.md:11:3: TI01 [error] The goal has no deadline.",
        "examples/goals.md:12:3: ME01 [error] Nothing in the goal says what will be measured.",
        "examples/goals.md:18:3: ME01 [error] Nothing in the goal says what will be measured.",
        "examples/goals.md:18:3: TI01 [error] The goal has no deadline.",
        "examples/goals.md:23:5: DO04 [warning] The goal record sets no progress milestones.",
        "examples/goals.md:23:18: RO01 [warning] The goal does not say whose goal it is: no role, team by "
        "function "
        "or level.",
    ]
    assert run.code == 1
    assert run.err == ""


def test_example_file_with_weak_goals_fixed_or_suppressed_passes() -> None:
    run = goalcheck("check", "--format", "concise", "--select", "ME01,TI01,GC", "examples/goals-fixed.md", cwd=ROOT)
    assert (run.code, run.out, run.err) == (0, "", "")
    assert goalcheck("check", "examples/goals-fixed.md", cwd=ROOT).code == 0
    assert goalcheck("check", "examples/goals.md", cwd=ROOT).code == 1


def test_text_output_shows_the_line_a_caret_and_a_suggestion(tmp_path: Path) -> None:
    write(tmp_path, "goals.md", WEAK)
    run = goalcheck("check", "--select", "CL01,TI01", "--reference-date", REF, "goals.md", cwd=tmp_path)
    assert run.out == (
        "goals.md:2:3: [warning] 'Improve' names a direction, not a result. (CL01 vague-verb)\n"
        "  |\n"
        "2 | - Improve selling skills.\n"
        "  |   ^^^^^^^\n"
        "  = help: Say what will change and by how much: which part of selling skills, measured how.\n"
        "  = docs: https://goalcheck.readthedocs.io/rules/CL01/\n"
        "\n"
        "goals.md:2:3: [error] The goal has no deadline. (TI01 missing-deadline)\n"
        "  |\n"
        "2 | - Improve selling skills.\n"
        "  |   ^^^^^^^\n"
        "  = help: Add the date or period by which it is due, e.g. 'by end of Q2 2025'.\n"
        "  = docs: https://goalcheck.readthedocs.io/rules/TI01/\n"
        "\n"
        "Found 2 findings (1 error, 1 warning) in 1 goal in 1 file.\n"
    )
    assert run.code == 1


def test_caret_spans_the_words_of_a_finding(tmp_path: Path) -> None:
    write(tmp_path, "goals.md", "## Team\n- Sign 25 new **hospital** accounts by Q4 2025 as needed.\n")
    run = goalcheck("check", "--select", "CL04", "--reference-date", REF, "goals.md", cwd=tmp_path)
    assert run.lines[:4] == [
        "goals.md:2:48: [warning] 'as needed' leaves the goal open-ended. (CL04 open-ended-clause)",
        "  |",
        "2 | - Sign 25 new **hospital** accounts by Q4 2025 as needed.",
        "  | " + " " * 47 + "^" * 9,
    ]


def test_stdin_is_plain_text_unless_named(tmp_path: Path) -> None:
    run = goalcheck(
        "check",
        "-",
        "--format",
        "concise",
        "--select",
        "ME01,TI01",
        "--reference-date",
        REF,
        cwd=tmp_path,
        stdin="Improve selling skills.\n",
    )
    assert run.lines == [
        "<stdin>:1:1: ME01 [error] Nothing in the goal says what will be measured.",
        "<stdin>:1:1: TI01 [error] The goal has no deadline.",
    ]
    named = goalcheck(
        "check",
        "-",
        "--stdin-filename",
        "team.md",
        "--format",
        "concise",
        "--select",
        "ME01",
        cwd=tmp_path,
        stdin=WEAK,
    )
    assert named.lines == ["team.md:2:3: ME01 [error] Nothing in the goal says what will be measured."]


def test_exit_zero_and_fail_on(tmp_path: Path) -> None:
    write(tmp_path, "goals.md", WEAK)
    assert goalcheck("check", "--exit-zero", "goals.md", cwd=tmp_path).code == 0
    assert goalcheck("check", "--select", "CL01", "goals.md", cwd=tmp_path).code == 0
    assert goalcheck("check", "--select", "CL01", "--fail-on", "warning", "goals.md", cwd=tmp_path).code == 1
    assert goalcheck("check", "--fail-on", "fatal", "goals.md", cwd=tmp_path).code == 2


@pytest.mark.parametrize(
    ("setup", "args", "error"),
    [
        ({}, ["missing.md"], "goalcheck: error: missing.md: no such file or folder"),
        (
            {"bin/a.png": b"\x89PNG\r\n\x1a\n\x00\x00", "bin/b.md": b"\x7fELF\x02\x01\x00\x00"},
            ["bin"],
            "goalcheck: error: bin/b.md: not a text file (binary content)",
        ),
        (
            {"bin/a.png": b"\x89PNG\r\n\x1a\n\x00\x00"},
            ["bin"],
            "goalcheck: error: bin: no goal documents in this folder (looked for .json, .markdown, .md, "
            ".mdown, .text, "
            ".txt, .yaml, .yml)",
        ),
        (
            {"latin.md": "## Team\n- Verbessern Sie die Qualität.\n".encode("latin-1")},
            ["latin.md"],
            "goalcheck: error: latin.md:2: not valid UTF-8 (byte 0xe4 at column 28); save the file as UTF-8",
        ),
        (
            {"goals.yaml": b"goals:\n  - goal: Raise NPS\n   - bad indent\n"},
            ["goals.yaml"],
            "goalcheck: error: goals.yaml:3: invalid YAML: expected <block end>, but found '<block sequence start>'",
        ),
        (
            {"goals.yaml": b"goals:\n  - goal: Raise NPS\n    owners: [me]\n"},
            ["goals.yaml"],
            "goalcheck: error: goals.yaml:3: goals.0.owners: unknown key (known keys: activities, goal, id, "
            "metrics, "
            "milestones, notes, owner, review, role, status, title)",
        ),
        (
            {"goalcheck.toml": b'ignore = ["ME99"]\n', "g.md": WEAK.encode()},
            ["g.md"],
            f"goalcheck: error: goalcheck.toml:1: ignore: unknown rule code or name 'ME99' (known: {KNOWN})\n",
        ),
        (
            {"g.md": WEAK.encode()},
            ["--select", "ZZ", "g.md"],
            "goalcheck: error: --select: unknown rule code or name 'ZZ' (known: AC01",
        ),
    ],
)
def test_bad_input_is_one_line_naming_the_file_and_exit_2(
    tmp_path: Path, setup: dict, args: list[str], error: str
) -> None:
    for name, data in setup.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    run = goalcheck("check", *args, cwd=tmp_path)
    assert run.code == 2
    assert run.out == ""
    assert len(run.err.splitlines()) == 1
    assert run.err.startswith(error)
    assert "Traceback" not in run.err


def test_utf16_and_an_internal_error_cost_one_file_each(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "utf16.md").write_bytes("## Team\n- Grow sales\n".encode("utf-16"))
    write(tmp_path, "crash.md", WEAK)
    write(tmp_path, "good.md", WEAK)
    import goalcheck.project.run as run_module

    real = run_module.parse_document

    def flaky(path: str, source: str, kind: str | None = None):
        if path == "crash.md":
            raise RuntimeError("boom")
        return real(path, source, kind)

    monkeypatch.setattr(run_module, "parse_document", flaky)
    run = goalcheck("check", "--format", "concise", "--select", "ME01", "utf16.md", "crash.md", "good.md", cwd=tmp_path)
    assert run.lines == ["good.md:2:3: ME01 [error] Nothing in the goal says what will be measured."]
    assert run.err.splitlines() == [
        "goalcheck: error: utf16.md: UTF-16 text; save the file as UTF-8",
        "goalcheck: error: crash.md: internal error, please report it: RuntimeError: boom",
    ]
    assert run.code == 1


def test_every_other_file_is_still_checked(tmp_path: Path) -> None:
    write(tmp_path, "good.md", WEAK)
    (tmp_path / "bad.md").write_bytes(b"## Team\n- Gro\xdf\n")
    write(tmp_path, "broken.yaml", "goals: [\n")
    write(tmp_path, ".github/workflows/ci.yaml", "on: push\njobs: {}\n")
    write(tmp_path, "ci.yaml", "on: push\njobs: {}\n")
    run = goalcheck("check", "--format", "concise", "--select", "ME01", ".", "missing.txt", cwd=tmp_path)
    assert run.lines == ["good.md:2:3: ME01 [error] Nothing in the goal says what will be measured."]
    assert run.err.splitlines() == [
        "goalcheck: error: bad.md:2: not valid UTF-8 (byte 0xdf at column 6); save the file as UTF-8",
        "goalcheck: error: broken.yaml:2: invalid YAML: expected the node content, but found '<stream end>'",
        "goalcheck: error: missing.txt: no such file or folder",
    ]
    assert run.code == 1


def test_yaml_that_is_not_a_goal_file_is_skipped_silently(tmp_path: Path) -> None:
    write(tmp_path, ".pre-commit-config.yaml", "repos:\n  - repo: local\n    hooks: []\n")
    run = goalcheck("check", "--format", "concise", ".pre-commit-config.yaml", cwd=tmp_path)
    assert (run.code, run.out, run.err) == (0, "", "")


def test_output_file_and_statistics(tmp_path: Path) -> None:
    write(tmp_path, "goals.md", WEAK + "- Become a better presenter.\n")
    run = goalcheck(
        "check",
        "--format",
        "concise",
        "--select",
        "ME01,TI01,CL",
        "--statistics",
        "-o",
        "out.txt",
        "goals.md",
        cwd=tmp_path,
    )
    assert (run.code, run.out) == (1, "")
    assert (tmp_path / "out.txt").read_text(encoding="utf-8").splitlines() == [
        "goals.md:2:3: CL01 [warning] 'Improve' names a direction, not a result.",
        "goals.md:2:3: ME01 [error] Nothing in the goal says what will be measured.",
        "goals.md:2:3: TI01 [error] The goal has no deadline.",
        "goals.md:3:3: ME01 [error] Nothing in the goal says what will be measured.",
        "goals.md:3:3: TI01 [error] The goal has no deadline.",
        "goals.md:3:12: CL02 [warning] 'better' has no value: more than what, and how much?",
        "2  ME01  missing-metric",
        "2  TI01  missing-deadline",
        "1  CL01  vague-verb",
        "1  CL02  vague-quantifier",
    ]


def test_an_output_file_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    write(tmp_path, "goals.md", WEAK)
    run = goalcheck("check", "-o", "no/such/folder/out.sarif", "goals.md", cwd=tmp_path)
    assert (run.code, run.out) == (2, "")
    assert run.err == "goalcheck: error: no/such/folder/out.sarif: cannot write: No such file or directory\n"
    base = goalcheck("check", "--write-baseline", "no/base.json", "goals.md", cwd=tmp_path)
    assert (base.code, base.err) == (2, "goalcheck: error: no/base.json: cannot write: No such file or directory\n")


def test_baseline_reports_only_new_findings_and_ignores_line_moves(tmp_path: Path) -> None:
    write(tmp_path, "goals.md", WEAK)
    wrote = goalcheck("check", "--select", "ME01,TI01", "--write-baseline", "base.json", "goals.md", cwd=tmp_path)
    assert (wrote.code, wrote.out, wrote.err) == (0, "", "goalcheck: wrote 2 findings to base.json\n")
    assert json.loads((tmp_path / "base.json").read_text())["entries"] == [
        {"path": "goals.md", "code": "ME01", "goal": "improve selling skills.", "count": 1},
        {"path": "goals.md", "code": "TI01", "goal": "improve selling skills.", "count": 1},
    ]
    write(
        tmp_path,
        "goals.md",
        "## New specialty representatives\n- Become a better presenter.\n- Improve   selling skills.\n",
    )
    run = goalcheck(
        "check",
        "--format",
        "concise",
        "--select",
        "ME01,TI01",
        "--baseline",
        "base.json",
        "goals.md",
        cwd=tmp_path,
    )
    assert run.lines == [
        "goals.md:2:3: ME01 [error] Nothing in the goal says what will be measured.",
        "goals.md:2:3: TI01 [error] The goal has no deadline.",
    ]
    missing = goalcheck("check", "--baseline", "nope.json", "goals.md", cwd=tmp_path)
    assert (missing.code, missing.err) == (
        2,
        "goalcheck: error: nope.json: cannot read baseline: No such file or directory\n",
    )


def test_rules_lists_every_rule(tmp_path: Path) -> None:
    run = goalcheck("rules", cwd=tmp_path)
    assert run.code == 0
    assert run.lines[0] == "AC01  outcome-without-action          actionable  warning"
    assert "DO05  missing-review-timeline         time        warning" in run.lines
    assert "GC01  unused-suppression              meta        warning" in run.lines
    assert [line.split()[0] for line in run.lines] == sorted(line.split()[0] for line in run.lines)
    rows = json.loads(goalcheck("rules", "--format", "json", cwd=tmp_path).out)
    assert rows[0] == {
        "code": "AC01",
        "name": "outcome-without-action",
        "dimension": "actionable",
        "severity": "warning",
        "default": True,
        "kind": "absence",
    }


def test_rule_explains_a_rule_by_code_or_name(tmp_path: Path) -> None:
    run = goalcheck("rule", "vague-verb", cwd=tmp_path)
    assert run.code == 0
    assert run.lines[0] == "# CL01 vague-verb"
    for heading in (
        "## What it flags",
        "## Why it matters",
        "## Example",
        "## Use instead",
        "## Suggestion",
        "## Options",
    ):
        assert heading in run.lines
    assert "> Improve selling skills." in run.lines
    unknown = goalcheck("rule", "XX01", cwd=tmp_path)
    assert unknown.code == 2
    assert unknown.err.startswith("goalcheck: error: unknown rule code or name 'XX01' (known: AC01, AC02")
    assert goalcheck("explain", "DO05", cwd=tmp_path).lines[0] == "# DO05 missing-review-timeline"


def test_init_writes_a_config_that_loads(tmp_path: Path) -> None:
    run = goalcheck("init", "--plan-year", "2026", "--fiscal-year-start", "4", cwd=tmp_path)
    assert (run.code, run.out) == (
        0,
        "Wrote goalcheck.toml: edit the priorities, then run `goalcheck check`.\n",
    )
    loaded = read_config(tmp_path / "goalcheck.toml")
    assert (loaded.config.plan_year, loaded.config.fiscal_year_start) == (2026, 4)
    assert [p.id for p in loaded.config.priorities] == [
        "launch",
        "market-access",
        "key-accounts",
        "customer-engagement",
        "compliance",
    ]
    again = goalcheck("init", cwd=tmp_path)
    assert (again.code, again.err) == (
        2,
        "goalcheck: error: goalcheck.toml: exists already (use --force to overwrite)\n",
    )
    write(tmp_path, "pyproject.toml", '[project]\nname = "team-goals"\n')
    assert goalcheck("init", "--pyproject", cwd=tmp_path).code == 0
    data = tomllib.loads((tmp_path / "pyproject.toml").read_text(encoding="utf-8"))
    assert data["project"] == {"name": "team-goals"}
    assert data["tool"]["goalcheck"]["fail-on"] == "error"
    write(tmp_path, "g.md", WEAK)
    assert goalcheck("check", "--select", "ME01", "g.md", cwd=tmp_path).code == 1


def test_help_lists_the_commands_and_the_registered_extensions(tmp_path: Path) -> None:
    registered = register_extensions()
    assert register_extensions() == registered  # registering twice adds nothing
    run = goalcheck("--help", cwd=tmp_path)
    assert run.code == 0
    commands = [line.split()[0] for line in run.out.split("Commands:")[1].splitlines() if line.strip()]
    assert commands[:4] == ["check", "rules", "rule", "init"]
    assert ("score" in commands) == ("goalcheck.batch.cli" in registered)
    assert "explain" not in commands  # a hidden alias of `rule`


def test_python_m_goalcheck_in_a_fresh_process(tmp_path: Path) -> None:
    write(tmp_path, "goals.txt", "Improve selling skills.\n")
    run = goalcheck_process("check", "--format", "concise", "--select", "ME01", "goals.txt", cwd=tmp_path)
    assert (run.code, run.out, run.err) == (
        1,
        "goals.txt:1:1: ME01 [error] Nothing in the goal says what will be measured.\n",
        "",
    )
    usage = goalcheck_process("check", "--output-format", "xml", "goals.txt", cwd=tmp_path)
    assert usage.code == 2
    assert "Invalid value for '--output-format'" in usage.err
    assert "Traceback" not in usage.err


def test_color_only_when_asked_or_on_a_terminal(tmp_path: Path) -> None:
    write(tmp_path, "goals.md", WEAK)
    plain = goalcheck("check", "--select", "ME01", "goals.md", cwd=tmp_path)
    colored = goalcheck("check", "--select", "ME01", "--color", "goals.md", cwd=tmp_path)
    assert "\x1b[" not in plain.out
    assert "\x1b[1;31m[error]\x1b[0m" in colored.out
    assert re.sub(r"\x1b\[[0-9;]*m", "", colored.out) == plain.out


def test_exclude_applies_to_folders_and_with_force_exclude_to_named_files(tmp_path: Path) -> None:
    write(tmp_path, "goalcheck.toml", 'select = ["ME01"]\nexclude = ["archive/**"]\n')
    write(tmp_path, "archive/2023.md", WEAK)
    write(tmp_path, "current.md", WEAK)
    assert goalcheck("check", "--format", "concise", ".", cwd=tmp_path).lines == [
        "current.md:2:3: ME01 [error] Nothing in the goal says what will be measured."
    ]
    named = goalcheck("check", "--format", "concise", "archive/2023.md", cwd=tmp_path)
    assert named.lines == ["archive/2023.md:2:3: ME01 [error] Nothing in the goal says what will be measured."]
    forced = goalcheck("check", "--format", "concise", "--force-exclude", "archive/2023.md", cwd=tmp_path)
    assert (forced.code, forced.out) == (0, "")


def test_only_the_role_words_of_a_heading_frame_its_goals(tmp_path: Path) -> None:
    write(tmp_path, "goals.md", "## Hospital account managers, Q3 plan\n- Improve selling skills.\n")
    run = goalcheck(
        "check", "--format", "concise", "--select", "RO01,TI01", "--reference-date", REF, "goals.md", cwd=tmp_path
    )
    assert run.lines == ["goals.md:2:3: TI01 [error] The goal has no deadline."]


def test_version(tmp_path: Path) -> None:
    import goalcheck as package

    run = goalcheck("--version", cwd=tmp_path)
    assert (run.code, run.out) == (0, f"goalcheck {package.__version__}\n")
    assert tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"] == package.__version__
