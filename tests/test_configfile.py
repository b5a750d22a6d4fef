"""Configuration: discovery (nearest file wins), keys, flags over files, errors that list the known values."""

from __future__ import annotations

from pathlib import Path

import pytest

from goalcheck.configfile import FileConfig, find_config, read_config, schema
from goalcheck.errors import ConfigError

from .cli_support import REF, goalcheck, write

WEAK = "## Team\n- Improve selling skills.\n"


def concise(*args: str, cwd: Path) -> list[str]:
    run = goalcheck("check", "--format", "concise", "--reference-date", REF, *args, cwd=cwd)
    return run.lines


def test_nearest_configuration_wins(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n\n[tool.goalcheck]\nselect = ["ME01"]\n')
    write(tmp_path, "team/goalcheck.toml", 'select = ["TI01"]\n')
    write(tmp_path, "team/deep/pyproject.toml", '[project]\nname = "no table here"\n')
    write(tmp_path, "top.md", WEAK)
    write(tmp_path, "team/deep/sub.md", WEAK)
    assert concise(".", cwd=tmp_path) == [
        "top.md:2:3: ME01 [error] Nothing in the goal says what will be measured.",
        "team/deep/sub.md:2:3: TI01 [error] The goal has no deadline.",
    ]
    assert find_config((tmp_path / "team" / "deep").resolve()) == (tmp_path / "team" / "goalcheck.toml").resolve()


def test_flags_override_the_file(tmp_path: Path) -> None:
    write(tmp_path, "goalcheck.toml", 'select = ["ME01", "TI01"]\nfail-on = "warning"\n')
    write(tmp_path, "g.md", WEAK)
    assert concise("--select", "CL01", "g.md", cwd=tmp_path) == [
        "g.md:2:3: CL01 [warning] 'Improve' names a direction, not a result."
    ]
    assert concise("--ignore", "TI", "g.md", cwd=tmp_path) == [
        "g.md:2:3: ME01 [error] Nothing in the goal says what will be measured."
    ]
    only_warning = goalcheck("check", "--select", "CL01", "g.md", cwd=tmp_path)
    assert only_warning.code == 1  # fail-on = "warning" from the file
    assert goalcheck("check", "--select", "CL01", "--fail-on", "error", "g.md", cwd=tmp_path).code == 0


def test_per_file_ignores_severity_and_explicit_config(tmp_path: Path) -> None:
    write(
        tmp_path,
        "ci/goalcheck.toml",
        """
        select = ["ME01", "TI01", "CL01"]
        severity = { vague-verb = "error", TI01 = "info" }
        [per-file-ignores]
        "drafts/*.md" = ["measurable"]
        """,
    )
    write(tmp_path, "drafts/a.md", WEAK)
    write(tmp_path, "b.md", WEAK)
    assert concise("--config", "ci/goalcheck.toml", "drafts/a.md", "b.md", cwd=tmp_path) == [
        "drafts/a.md:2:3: CL01 [error] 'Improve' names a direction, not a result.",
        "drafts/a.md:2:3: TI01 [info] The goal has no deadline.",
        "b.md:2:3: CL01 [error] 'Improve' names a direction, not a result.",
        "b.md:2:3: ME01 [error] Nothing in the goal says what will be measured.",
        "b.md:2:3: TI01 [info] The goal has no deadline.",
    ]


def test_priorities_in_config_make_a_goal_strategic(tmp_path: Path) -> None:
    goal = "## Team\n- Ship the Aurora rollout to 40 clinics by Q3 2025.\n"
    write(tmp_path, "g.md", goal)
    assert concise("--select", "ST01", "g.md", cwd=tmp_path) == [
        "g.md:2:3: ST01 [warning] The goal does not say which organizational priority or business outcome it serves."
    ]
    write(tmp_path, "goalcheck.toml", '[[priorities]]\nname = "Aurora rollout"\nsynonyms = ["aurora rollout"]\n')
    assert concise("--select", "ST01", "g.md", cwd=tmp_path) == []


def test_vocab_accept_and_reject(tmp_path: Path) -> None:
    goal = "## Team\n- Share best practices and synergy ideas with each key account by Q3 2025.\n"
    write(tmp_path, "g.md", goal)
    write(tmp_path, "goalcheck.toml", 'select = ["CL"]\n')
    assert concise("g.md", cwd=tmp_path) == ["g.md:2:9: CL04 [warning] 'best practices' leaves the goal open-ended."]
    write(tmp_path, "goalcheck.toml", 'select = ["CL"]\n\n[vocab]\naccept = ["best practices"]\nreject = ["Synergy"]\n')
    assert concise("g.md", cwd=tmp_path) == [
        "g.md:2:28: CL03 [warning] 'synergy' is a judgement, not something a reviewer can observe."
    ]


def test_a_rejected_word_wins_over_an_accepted_one() -> None:
    import goalcheck

    book = goalcheck.Config(accept=("synergy", "best practices"), reject=("Synergy",)).rulebook()
    assert "best practices" in book.vocabulary["accept"] and "synergy" not in book.vocabulary["accept"]
    assert "Synergy" in book.vocabulary["adjective"]
    result = goalcheck.check("Drive synergy with key accounts by Q3 2025.", goalcheck.Config(reject=("synergy",)))
    assert "CL03" in [f.code for f in result.findings]


def test_plan_year_and_fiscal_year_start_set_the_reference(tmp_path: Path) -> None:
    write(tmp_path, "g.md", "## Team\n- Raise NPS from 40 to 55 by Q1 2025.\n")
    assert concise("--select", "PL04", "g.md", cwd=tmp_path) == []
    write(tmp_path, "goalcheck.toml", "plan-year = 2026\n")
    run = goalcheck("check", "--format", "concise", "--select", "PL04", "g.md", cwd=tmp_path)
    assert run.lines == [line for line in run.lines if line.startswith("g.md:2:")] and len(run.lines) == 1
    assert "PL04" in run.lines[0]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'selct = ["ME"]\n',
            "goalcheck.toml:1: unknown key 'selct' (known keys: select, ignore, per-file-ignores, "
            "severity, fail-on, packs, rule-paths, priorities, plan-year, reference-date, "
            "fiscal-year-start, exclude, vocab)",
        ),
        (
            'ignore = ["ME01"]\nselect = ["XX99"]\n',
            "goalcheck.toml:2: select: unknown rule code or name 'XX99' (known: AC01, AC02, CL01",
        ),
        (
            'severity = { ME01 = "fatal" }\n',
            "goalcheck.toml:1: severity.ME01: Input should be 'info', 'warning' or 'error'",
        ),
        (
            'fail-on = "warning"\nfiscal-year-start = 13\n',
            "goalcheck.toml:2: fiscal-year-start: Input should be less than",
        ),
        ("select = [\n", "goalcheck.toml: invalid TOML:"),
        (
            'packs = ["generic", "pharma"]\n',
            "goalcheck.toml:1: packs: unknown pack 'pharma' (built-in packs: generic, life-sciences)",
        ),
        (
            'select = ["CL"]\n\n[vocab]\nacept = ["synergy"]\n',
            "goalcheck.toml:4: unknown key 'acept' in 'vocab' (known keys: accept, reject)",
        ),
        ('[vocab]\naccept = "synergy"\n', "goalcheck.toml:2: vocab.accept: Input should be a valid list"),
        (
            '[[priorities]]\nname = "Grow"\nsynonym = ["growth"]\n',
            "goalcheck.toml:3: unknown key 'synonym' in 'priorities' (known keys: id, name, synonyms, skills)",
        ),
        ("priorities = [3]\n", "goalcheck.toml:1: priorities.0: Input should be a valid string"),
    ],
)
def test_bad_configuration_is_one_line_and_exit_2(tmp_path: Path, text: str, message: str) -> None:
    write(tmp_path, "goalcheck.toml", text)
    write(tmp_path, "g.md", WEAK)
    run = goalcheck("check", "g.md", cwd=tmp_path)
    assert run.code == 2
    assert run.out == ""
    lines = run.err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"goalcheck: error: {message}")


def test_a_bad_config_only_stops_the_files_under_it(tmp_path: Path) -> None:
    write(tmp_path, "bad/goalcheck.toml", 'select = ["XX99"]\n')
    write(tmp_path, "bad/g.md", WEAK)
    write(tmp_path, "good/g.md", WEAK)
    run = goalcheck("check", "--format", "concise", "--select", "ME01", "bad", "good", cwd=tmp_path)
    assert run.lines == ["good/g.md:2:3: ME01 [error] Nothing in the goal says what will be measured."]
    assert run.err.count("\n") == 1 and "select: unknown rule code or name 'XX99'" in run.err
    assert run.code == 1


def test_read_config_accepts_month_names_and_today(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "pyproject.toml",
        '[tool.goalcheck]\nfiscal-year-start = "April"\nreference-date = "today"\n',
    )
    loaded = read_config(path)
    assert (loaded.config.fiscal_year_start, loaded.config.reference_date) == (4, None)
    with pytest.raises(ConfigError, match=r"no \[tool\.goalcheck\] table"):
        read_config(write(tmp_path, "other/pyproject.toml", "[project]\n"))


def test_schema_lists_every_key_in_kebab_case() -> None:
    assert sorted(schema()["properties"]) == sorted(f.alias for f in FileConfig.model_fields.values())
    assert schema()["additionalProperties"] is False
