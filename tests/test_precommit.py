"""The real pre-commit tool with this repository as hook source: a weak goal is refused, a fixed one commits.

pre-commit clones this repository at HEAD and pip-installs it into its own environment (from the package
index pip is configured with), so the hook tested is the committed `.pre-commit-hooks.yaml` and code.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .cli_support import ROOT

WEAK = "## New specialty representatives\n- Improve selling skills.\n"
FIXED = (
    "## New specialty representatives\n"
    "- Raise average engagement scores from 3.2 to 4.0 by Q2 2025, through monthly role-play sessions.\n"
)


def git(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False)


def test_weak_goal_is_refused_and_fixed_goal_commits(tmp_path: Path) -> None:
    rev = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    repo = tmp_path / "team-goals"
    repo.mkdir()
    bindir = str(Path(sys.executable).parent)  # pre-commit itself, installed beside this Python
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "PRE_COMMIT_COLOR": "never",
        "PATH": bindir + os.pathsep + os.environ.get("PATH", ""),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "Team Lead",
        "GIT_AUTHOR_EMAIL": "lead@example.org",
        "GIT_COMMITTER_NAME": "Team Lead",
        "GIT_COMMITTER_EMAIL": "lead@example.org",
    }
    assert git("init", "-q", cwd=repo, env=env).returncode == 0
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT.as_posix()}\n    rev: {rev}\n    hooks:\n      - id: goalcheck\n"
        "        args: [--reference-date, '2025-01-15', --format, concise]\n",
        encoding="utf-8",
    )
    installed = subprocess.run(
        [sys.executable, "-m", "pre_commit", "install", "--install-hooks"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr

    (repo / "goals.md").write_text(WEAK, encoding="utf-8")
    git("add", "goals.md", ".pre-commit-config.yaml", cwd=repo, env=env)
    refused = git("commit", "-m", "Add coaching goals", cwd=repo, env=env)
    assert refused.returncode != 0
    output = refused.stdout + refused.stderr
    assert "goalcheck....." in output and "Failed" in output
    assert "goals.md:2:3: ME01 [error] Nothing in the goal says what will be measured." in output.splitlines()
    assert "goals.md:2:3: TI01 [error] The goal has no deadline." in output.splitlines()
    assert git("rev-list", "--all", cwd=repo, env=env).stdout == ""

    (repo / "goals.md").write_text(FIXED, encoding="utf-8")
    git("add", "goals.md", cwd=repo, env=env)
    accepted = git("commit", "-m", "Add coaching goals", cwd=repo, env=env)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "Passed" in accepted.stdout + accepted.stderr
    assert git("log", "--format=%s", cwd=repo, env=env).stdout == "Add coaching goals\n"
