"""Render JUnit XML: one test suite per file, one test case per goal, one failure per finding.

Files that could not be checked are test cases with an `<error>` in a `goalcheck` suite, so a CI test
report shows them instead of passing silently.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .concise import concise_line
from .models import RunReport

MAX_NAME = 80


def _name(text: str | None, fallback: str) -> str:
    text = " ".join((text or fallback).split())
    return text if len(text) <= MAX_NAME else text[: MAX_NAME - 3] + "..."


def render_junit(report: RunReport) -> str:
    """Render a run as a JUnit XML document."""
    root = ET.Element("testsuites", name="goalcheck")
    total = failures = 0
    for file in report.files:
        suite = ET.SubElement(root, "testsuite", name=file.path)
        cases = bad = 0
        for goal in file.goals:
            loc = goal.location
            case = ET.SubElement(
                suite,
                "testcase",
                classname=file.path,
                name=f"{loc.line}:{loc.column}: {_name(goal.text, 'document')}",
                file=file.path,
                line=str(loc.line),
            )
            cases += 1
            bad += bool(goal.findings)
            for d in goal.findings:
                failure = ET.SubElement(case, "failure", type=d.code, message=f"{d.code} {d.name}: {d.message}")
                failure.text = concise_line(d)
        suite.set("tests", str(cases))
        suite.set("failures", str(bad))
        suite.set("errors", "0")
        total += cases
        failures += bad
    if report.problems:
        suite = ET.SubElement(
            root,
            "testsuite",
            name="goalcheck",
            tests=str(len(report.problems)),
            failures="0",
            errors=str(len(report.problems)),
        )
        for p in report.problems:
            case = ET.SubElement(suite, "testcase", classname="goalcheck", name=p.path or "configuration")
            ET.SubElement(case, "error", message=p.message).text = str(p)
    root.set("tests", str(total + len(report.problems)))
    root.set("failures", str(failures))
    root.set("errors", str(len(report.problems)))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
