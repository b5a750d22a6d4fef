"""Output formats: SARIF validated against the official 2.1.0 schema, versioned JSON, GitHub, JUnit."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from goalcheck.report.github import escape_data, escape_property

from .cli_support import REF, ROOT, goalcheck, write
from .conftest import SHARED

DOC = "## New specialty representatives\n- Improve selling skills.\n- Raise NPS from 40 to 130% by Q4 2025.\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write(tmp_path, "goals/team.md", DOC)
    return tmp_path


def output(folder: Path, fmt: str, *extra: str) -> str:
    run = goalcheck(
        "check",
        "--format",
        fmt,
        "--select",
        "ME01,TI01,PL01",
        "--reference-date",
        REF,
        *extra,
        "goals",
        cwd=folder,
    )
    assert run.code == 1
    return run.out


def test_sarif_is_valid_sarif_2_1_0(folder: Path) -> None:
    schema = json.loads((SHARED / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    log = json.loads(output(folder, "sarif", "missing.md"))
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["ME01", "PL01", "TI01"]
    assert [
        (r["ruleId"], r["ruleIndex"], r["level"], r["locations"][0]["physicalLocation"]["region"])
        for r in run["results"]
    ] == [
        ("ME01", 0, "error", {"startLine": 2, "startColumn": 3, "endLine": 2, "endColumn": 10}),
        ("TI01", 2, "error", {"startLine": 2, "startColumn": 3, "endLine": 2, "endColumn": 10}),
        ("PL01", 1, "error", {"startLine": 3, "startColumn": 24, "endLine": 3, "endColumn": 28}),
    ]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]} == {
        "goals/team.md"
    }
    rule = run["tool"]["driver"]["rules"][0]
    assert rule["defaultConfiguration"] == {"level": "error", "enabled": True}
    assert rule["helpUri"] == "https://goalcheck.readthedocs.io/rules/ME01/"
    assert rule["properties"]["precision"] == "high" and rule["properties"]["tags"] == ["smart", "measurable"]
    assert run["invocations"][0]["executionSuccessful"] is False
    assert run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"] == "no such file or folder"


def test_sarif_fingerprint_follows_the_goal_not_the_line(folder: Path) -> None:
    before = json.loads(output(folder, "sarif"))["runs"][0]["results"][0]
    write(
        folder,
        "goals/team.md",
        "## New specialty representatives\n\n- Become a good coach by Q2.\n" + DOC[33:],
    )
    after = json.loads(output(folder, "sarif"))["runs"][0]["results"]
    moved = next(r for r in after if r["locations"][0]["physicalLocation"]["region"]["startLine"] == 4)
    assert moved["partialFingerprints"] == before["partialFingerprints"]


def test_json_report_matches_its_published_schema(folder: Path) -> None:
    data = json.loads(output(folder, "json"))
    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(data)
    assert data["schema_version"] == 1
    assert [(r["kind"], r["line"], r["text"], [f["code"] for f in r["findings"]]) for r in data["results"]] == [
        ("goal", 2, "Improve selling skills.", ["ME01", "TI01"]),
        ("goal", 3, "Raise NPS from 40 to 130% by Q4 2025.", ["PL01"]),
    ]
    first = data["results"][0]
    assert set(first["facets"]) == {
        "strategic",
        "metric",
        "target",
        "baseline",
        "action",
        "role",
        "deadline",
        "milestones",
        "vague",
    }
    assert first["facets"]["role"] is True  # from the heading
    assert 0 <= first["score"] <= 100
    finding = first["findings"][0]
    assert {k: finding[k] for k in ("path", "line", "column", "end_line", "end_column", "offset", "length")} == {
        "path": "goals/team.md",
        "line": 2,
        "column": 3,
        "end_line": 2,
        "end_column": 10,
        "offset": 35,
        "length": 7,
    }
    assert data["summary"] == {
        "files": 1,
        "goals": 2,
        "findings": 3,
        "errors": 3,
        "warnings": 0,
        "info": 0,
        "skipped": 0,
        "problems": 0,
    }


def test_github_annotations(folder: Path) -> None:
    assert output(folder, "github").splitlines() == [
        "::error file=goals/team.md,line=2,col=3,endLine=2,endColumn=10,title=ME01 missing-metric::Nothing "
        "in the "
        "goal says what will be measured.",
        "::error file=goals/team.md,line=2,col=3,endLine=2,endColumn=10,title=TI01 missing-deadline::The "
        "goal has no "
        "deadline.",
        "::error file=goals/team.md,line=3,col=24,endLine=3,endColumn=28,title=PL01 "
        "percent-over-100::'130%25' is over "
        "100%25: a share or rate cannot exceed it.",
    ]
    assert escape_data("50%\r\nmore") == "50%25%0D%0Amore"
    assert escape_property("a:b,c") == "a%3Ab%2Cc"


def test_junit_has_a_case_per_goal_and_a_failure_per_finding(folder: Path) -> None:
    root = ET.fromstring(output(folder, "junit", "missing.md"))
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("3", "2", "1")
    suite = root.find("testsuite[@name='goals/team.md']")
    assert suite is not None
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [
        "2:3: Improve selling skills.",
        "3:3: Raise NPS from 40 to 130% by Q4 2025.",
    ]
    assert [f.get("type") for f in cases[0].findall("failure")] == ["ME01", "TI01"]
    assert cases[1].find("failure").text == (
        "goals/team.md:3:24: PL01 [error] '130%' is over 100%: a share or rate cannot exceed it."
    )
    error = root.find("testsuite[@name='goalcheck']/testcase/error")
    assert error is not None and error.get("message") == "no such file or folder"
