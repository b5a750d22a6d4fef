"""Render SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Follows GitHub's required subset: tool.driver with its rules (id, name, descriptions, help, default
level, precision and tags), and per result the rule id and index, level, message, one physical
location with a region, and a `goalTextHash/v1` partial fingerprint (rule code + normalized goal text)
so a finding keeps its identity when the goal moves to another line. Columns are Unicode code points.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import goalcheck
from goalcheck.models import Severity

from .models import DOCS_URL, Diagnostic, RunReport, rule_url

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def goal_fingerprint(code: str, goal_text: str) -> str:
    """Return a stable id for (rule, goal): sha256 of the code and the goal text, case and spaces folded."""
    normalized = " ".join(goal_text.lower().split())
    return hashlib.sha256(f"{code}\n{normalized}".encode()).hexdigest()[:32]


def _descriptor(rule: Any) -> dict:
    dimension = rule.dimension.value if rule.dimension is not None else "meta"
    rationale = " ".join(rule.rationale.split())
    first = rule.rationale.strip().split(". ")[0].rstrip(".") + "."
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.name.replace("-", " ").capitalize()},
        "fullDescription": {"text": " ".join(rule.rationale.split())},
        "help": {
            "text": f"{rule.fix_title} {first} See {rule_url(rule.id)}",
            "markdown": f"{rule.fix_title}\n\n{rationale}\n\n[{rule.id} docs]({rule_url(rule.id)})",
        },
        "helpUri": rule_url(rule.id),
        "defaultConfiguration": {"level": LEVELS[rule.severity], "enabled": bool(rule.default)},
        "properties": {
            "precision": rule.precision,
            "tags": ["smart", dimension],
            "problem.severity": "recommendation" if rule.severity is Severity.INFO else rule.severity.value,
        },
    }


def _uri(path: str) -> str:
    return quote(path.replace("\\", "/"), safe="/:._-~") if path != "<stdin>" else "stdin"


def _result(d: Diagnostic, index: int, goal_text: str) -> dict:
    loc = d.location
    return {
        "ruleId": d.code,
        "ruleIndex": index,
        "level": LEVELS[d.severity],
        "message": {"text": d.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(loc.path)},
                    "region": {
                        "startLine": loc.line,
                        "startColumn": loc.column,
                        "endLine": loc.end_line,
                        "endColumn": max(loc.end_column, loc.column + 1)
                        if loc.end_line == loc.line
                        else loc.end_column,
                    },
                }
            }
        ],
        "partialFingerprints": {"goalTextHash/v1": goal_fingerprint(d.code, goal_text)},
    }


def build_sarif(report: RunReport, rules: Mapping[str, Any]) -> dict:
    """Return the SARIF log of a run as a dict."""
    findings = [(d, g.text or "") for f in report.files for g in f.goals for d in g.findings]
    used = sorted({d.code for d, _ in findings if d.code in rules})
    index = {code: i for i, code in enumerate(used)}
    notifications = [
        {
            "level": "error",
            "message": {"text": p.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(p.path or "goalcheck")},
                        **({"region": {"startLine": p.line}} if p.line else {}),
                    }
                }
            ],
        }
        for p in report.problems
    ]
    run = {
        "tool": {
            "driver": {
                "name": "goalcheck",
                "semanticVersion": goalcheck.__version__,
                "version": goalcheck.__version__,
                "informationUri": DOCS_URL,
                "rules": [_descriptor(rules[code]) for code in used],
            }
        },
        "automationDetails": {"id": "goalcheck/"},
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": not report.problems, "toolExecutionNotifications": notifications}],
        "results": [_result(d, index.get(d.code, -1), text) for d, text in findings],
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def render_sarif(report: RunReport, rules: Mapping[str, Any]) -> str:
    """Render a run as a SARIF 2.1.0 log."""
    return json.dumps(build_sarif(report, rules), indent=2, ensure_ascii=False) + "\n"
