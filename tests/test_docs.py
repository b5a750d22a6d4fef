"""The docs site: a page per rule, generated pages and schemas current, `mkdocs build --strict` passes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from goalcheck.config import DEFAULT_PACKS
from goalcheck.docs import generated, stale
from goalcheck.project.catalog import catalog

from .cli_support import ROOT

DOCS = ROOT / "docs"


def test_every_rule_has_a_page() -> None:
    missing = [r.id for r in catalog(DEFAULT_PACKS).rules if not (DOCS / "rules" / f"{r.id}.md").is_file()]
    assert missing == [], "run `python -m goalcheck.docs`"


def test_generated_pages_and_schemas_are_current() -> None:
    assert stale(DOCS) == [], "run `python -m goalcheck.docs`"


def test_a_stale_or_missing_page_is_detected(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "rules").mkdir(parents=True)
    files = generated()
    for name, text in files.items():
        (docs / name).write_text(text, encoding="utf-8")
    (docs / "rules" / "CL01.md").write_text("# CL01 vague-verb\n\nout of date\n", encoding="utf-8")
    (docs / "rules" / "TI01.md").unlink()
    (docs / "rules" / "XX01.md").write_text("# a removed rule\n", encoding="utf-8")
    assert stale(docs) == ["rules/CL01.md", "rules/TI01.md", "rules/XX01.md"]


def test_rule_page_sections() -> None:
    page = (DOCS / "rules" / "DO05.md").read_text(encoding="utf-8")
    outside_code = page.split("```")[::2]  # the examples are Markdown documents in fenced blocks
    headings = [line for part in outside_code for line in part.splitlines() if line.startswith("## ")]
    assert headings == [
        "## What it flags",
        "## Why it matters",
        "## Example",
        "## Use instead",
        "## Suggestion",
        "## Options",
        "## Source",
    ]


def test_mkdocs_build_strict(tmp_path: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "site" / "rules" / "DO05" / "index.html").is_file()
