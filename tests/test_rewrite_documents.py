"""Rewriting and fixing goal documents: only goal text changes, every other byte stays, writes are atomic."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

import goalcheck
from goalcheck.errors import InputError
from goalcheck.parse import parse_document
from goalcheck.rewrite import documents
from goalcheck.rewrite.documents import fix_document, rewrite_document

SKILL = (
    "Demonstrate selling skills in [skill], moving the [metric] from [baseline] to [target] by [deadline] "
    "through [activity], to support [priority]."
)


def _file(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_markdown_rewrite_changes_only_the_goals(tmp_path: Path, config: goalcheck.Config) -> None:
    source = (
        "---\nowner: sales\n---\n# Goals 2025\n\n"
        "## New specialty representatives\n\n"
        "- Improve selling skills.   <!-- goalcheck: ignore[ST01] -->\n"
        "- Increase our formulary win rate to 30% by end of Q3 2025.\n\n"
        "| Objective | Owner |\n|---|---|\n| Conduct monthly field visits. | Ana |\n"
    )
    edit = rewrite_document(_file(tmp_path, "goals.md", source), config)
    assert edit.updated.decode() == (
        "---\nowner: sales\n---\n# Goals 2025\n\n"
        "## New specialty representatives\n\n"
        "- Demonstrate foundational selling skills in [skill], moving the [metric] from [baseline] to [target] "
        "by [deadline] through [activity].   <!-- goalcheck: ignore[ST01] -->\n"
        "- Increase our formulary win rate from [baseline] to 30% by end of Q3 2025, through [activity].\n\n"
        "| Objective | Owner |\n|---|---|\n| Conduct monthly field visits through [deadline], moving the "
        "[metric] from [baseline] to [target], to support [priority]. | Ana |\n"
    )
    assert [(c.index, c.line) for c in edit.changes] == [(0, 8), (1, 9), (2, 13)]
    assert edit.skipped == ()
    assert (tmp_path / "goals.md").read_text() == source  # nothing written yet


def test_crlf_and_byte_order_mark_are_kept(tmp_path: Path, config: goalcheck.Config) -> None:
    path = _file(tmp_path, "goals.txt", b"\xef\xbb\xbfImprove selling skills.\r\n\r\n# a comment\r\n")
    edit = rewrite_document(path, config)
    assert edit.updated == b"\xef\xbb\xbfFor [role]: " + SKILL.encode() + b"\r\n\r\n# a comment\r\n"
    edit.write()
    assert path.read_bytes() == edit.updated
    assert rewrite_document(path, config).changed is False  # rewriting a rewrite changes nothing


def test_yaml_values_are_quoted_where_they_must_be(tmp_path: Path, config: goalcheck.Config) -> None:
    source = (
        "# Team goals\ngoals:\n"
        "  - Improve selling skills.   # goalcheck: ignore[RO01]\n"
        "  - goal: 'Lift call quality to 20 pct by June 30.'\n"
        "    role: key account managers\n"
        "  - Conduct monthly field visits.\n"
    )
    edit = rewrite_document(_file(tmp_path, "goals.yaml", source), config)
    text = edit.updated.decode()
    assert text.startswith("# Team goals\ngoals:\n  - " + SKILL + "   # goalcheck: ignore[RO01]\n")
    assert "    role: key account managers\n" in text
    assert '  - "For [role]: Conduct monthly field visits through [deadline]' in text  # ": " needs quotes
    doc = parse_document("goals.yaml", text)
    assert doc is not None
    assert [g.goal.text for g in doc.goals if g.goal] == [c.after for c in edit.changes]


def test_json_strings_are_escaped(tmp_path: Path, config: goalcheck.Config) -> None:
    source = json.dumps({"goals": [{"goal": 'Improve "selling" skills.', "role": "new reps"}]}, indent=2) + "\n"
    edit = rewrite_document(_file(tmp_path, "goals.json", source), config)
    data = json.loads(edit.updated)
    assert data["goals"][0]["goal"] == edit.changes[0].after
    assert 'foundational \\"selling\\" skills' in edit.updated.decode()
    assert data["goals"][0]["role"] == "new reps"


def test_fix_document_writes_safe_fixes_only(tmp_path: Path, config: goalcheck.Config) -> None:
    source = "# Goals\n\n- Lift call quality to 20 pct by June 30.\n- Improve selling skills.\n"
    path = _file(tmp_path, "goals.md", source)
    edit = fix_document(path, config)
    assert edit.updated.decode() == (
        "# Goals\n\n- Lift call quality to 20% by June 30, 2025.\n- Improve selling skills.\n"
    )
    assert [(f.code, f.original, f.replacement) for c in edit.changes for f in c.fixes] == [
        ("CL05", "20 pct", "20%"),
        ("TI05", "June 30", "June 30, 2025"),
    ]
    assert edit.diff == (
        "--- a/" + path.as_posix() + "\n+++ b/" + path.as_posix() + "\n@@ -1,4 +1,4 @@\n # Goals\n \n"
        "-- Lift call quality to 20 pct by June 30.\n+- Lift call quality to 20% by June 30, 2025.\n"
        " - Improve selling skills.\n"
    )


def test_a_change_that_does_not_read_back_is_left_out(
    tmp_path: Path, config: goalcheck.Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _file(tmp_path, "goals.md", "- Lift call quality to 20 pct.\n- Grow sales 5 pct.\n")
    real = documents.fix_text

    def breaking(text: str, cfg: goalcheck.Config):
        fixed, fixes = real(text, cfg)
        return (fixed + "\n\n# not a goal", fixes) if text.startswith("Lift") else (fixed, fixes)

    monkeypatch.setattr(documents, "fix_text", breaking)
    edit = fix_document(path, config)
    assert edit.updated.decode() == "- Lift call quality to 20 pct.\n- Grow sales 5%.\n"
    assert edit.skipped == (f"{path.as_posix()}:1: goal 1 left as it is: its new text does not fit the document",)


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("goals.yaml", "goals:\n  - [unclosed\n", "invalid YAML"),
        ("goals.txt", b"\x00\x01binary", "not a text file"),
        ("goals.md", b"caf\xe9 goals", "not valid UTF-8"),
        ("config.yaml", "name: not goals\n", "not a goal document"),
    ],
)
def test_files_that_do_not_parse_are_refused(
    tmp_path: Path, config: goalcheck.Config, name: str, data: str | bytes, problem: str
) -> None:
    path = _file(tmp_path, name, data)
    before = path.read_bytes()
    with pytest.raises(InputError, match=problem):
        rewrite_document(path, config)
    with pytest.raises(InputError, match=problem):
        fix_document(path, config)
    assert path.read_bytes() == before


def test_write_is_atomic_and_keeps_the_mode(
    tmp_path: Path, config: goalcheck.Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _file(tmp_path, "goals.txt", "Improve selling skills.\n")
    path.chmod(0o640)
    edit = rewrite_document(path, config)

    def fail(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        edit.write()
    assert path.read_text() == "Improve selling skills.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["goals.txt"]  # no temporary file left
    monkeypatch.undo()
    edit.write()
    assert path.read_bytes() == edit.updated
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
