"""The HTML report in a real headless Chromium: self-contained, charts drawn, numbers right.

Chromium comes from Debian's package (`apt-get install -y chromium`); without it these tests fail
with that instruction rather than skip. The screenshot of the 5,000-goal report is kept in the test's
temporary folder, and copied to $GOALCHECK_REPORT_SCREENSHOT when that is set (a CI artifact).
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

import goalcheck
from goalcheck.batch import score_file
from goalcheck.batch.report import write_report
from goalcheck.batch.rows import DIMENSIONS
from goalcheck.rewrite.rewriter import rewriter

from .batch_browser import Browser, chromium_path
from .batch_data import COPIED, TEAMS, generate
from .test_batch_formats import write_table

CHARTS = ("scores", "dimensions", "heatmap", "coverage")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Score a generated 5,000-goal set of 8 teams through the real CLI, with --report."""
    folder = tmp_path_factory.mktemp("report")
    source = write_table(folder / "goals.csv", list(generate(5_000, seed=7, teams=8)))
    out, html = folder / "scored.csv", folder / "report.html"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "goalcheck",
            "score",
            str(source),
            "-o",
            str(out),
            "--report",
            str(html),
            "--reference-date",
            "2025-01-15",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and done.stderr == ""
    with out.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    chromium_path()  # fail here, clearly, when Chromium is missing
    with Browser(width=1280, height=900) as browser:
        browser.open(html)
        page = browser.evaluate(PAGE_JS)
        page["requests"] = browser.requested_urls()
        page["screenshot"] = browser.screenshot(folder / "report.png")
    if os.environ.get("GOALCHECK_REPORT_SCREENSHOT"):
        shutil.copy(page["screenshot"], os.environ["GOALCHECK_REPORT_SCREENSHOT"])
    return {"html": html, "rows": rows, "page": page}


PAGE_JS = """
(() => {
  const text = (el) => el ? el.textContent.trim() : null;
  const cells = (tr) => Object.fromEntries(
      Array.from(tr.querySelectorAll('[data-dimension]')).map(td => [td.dataset.dimension, text(td)]));
  return {
    scripts: document.scripts.length,
    charts: Array.from(document.querySelectorAll('svg[data-chart]')).map(svg => {
      const box = svg.getBoundingClientRect();
      return {name: svg.dataset.chart, width: box.width, height: box.height,
              paths: svg.querySelectorAll('path').length,
              x: box.left + window.scrollX, y: box.top + window.scrollY};
    }),
    overview: Object.fromEntries(Array.from(document.querySelectorAll('#overview [data-field]'))
      .map(el => [el.dataset.field, text(el)])),
    dimensions: cells(document.querySelector('#dimension-table')),
    teams: Array.from(document.querySelectorAll('#team-table tbody tr')).map(tr => ({
      name: tr.dataset.group, goals: text(tr.querySelector('[data-field=goals]')),
      mean: text(tr.querySelector('[data-field=mean]')), shares: cells(tr)})),
    coverage: Array.from(document.querySelectorAll('#coverage-table tbody tr')).map(tr => ({
      id: tr.dataset.priority, total: text(tr.querySelector('[data-field=total]')),
      teams: Object.fromEntries(
        Array.from(tr.querySelectorAll('[data-team]')).map(td => [td.dataset.team, text(td)]))})),
    uncovered: text(document.querySelector('#uncovered')),
    duplicates: Array.from(document.querySelectorAll('#duplicate-table tbody tr')).map(tr => ({
      count: text(tr.querySelector('[data-field=count]')), text: text(tr.querySelector('.goal'))})),
    weakest: Array.from(document.querySelectorAll('#weakest-table tbody tr')).map(tr => ({
      score: text(tr.querySelector('[data-field=score]')), text: text(tr.querySelector('[data-field=text]')),
      rewrite: text(tr.querySelector('[data-field=rewrite]'))})),
    height: document.documentElement.scrollHeight, width: document.documentElement.scrollWidth,
  };
})()
"""


def pct(part: int, whole: int) -> str:
    return f"{part / whole:.0%}"


def test_report_is_self_contained(report: dict[str, Any]) -> None:
    page = report["page"]
    assert page["requests"] == [report["html"].resolve().as_uri()]  # nothing fetched but the file itself
    assert page["scripts"] == 0
    source = report["html"].read_text(encoding="utf-8").lower()
    for outside in ("<script", "<link", "<img", "@import", "url(http", "src="):
        assert outside not in source, outside


def test_every_chart_renders_with_a_visible_size(report: dict[str, Any]) -> None:
    charts = {c["name"]: c for c in report["page"]["charts"]}
    assert sorted(charts) == sorted(CHARTS)
    for chart in charts.values():
        assert chart["width"] > 300 and chart["height"] > 150, chart
        assert chart["paths"] > 20, chart
    image = Image.open(report["page"]["screenshot"]).convert("L")
    assert image.width == 1280 and image.height == report["page"]["height"]
    for chart in charts.values():  # the pixels under each chart are not a blank area
        left, top = int(chart["x"]), int(chart["y"])
        box = (left, top, left + int(chart["width"]), top + int(chart["height"]))
        inked = sum(image.crop(box).histogram()[:200])
        assert inked > 0.02 * chart["width"] * chart["height"], chart["name"]
    assert report["page"]["width"] == 1280, "nothing overflows the page sideways"


def test_overview_and_dimension_table_numbers(report: dict[str, Any]) -> None:
    rows, page = report["rows"], report["page"]
    scored = [r for r in rows if r["status"] == "ok"]
    assert page["overview"]["rows"] == "5,000"
    assert page["overview"]["goals"] == f"{len(scored):,}"
    assert page["overview"]["mean"] == f"{sum(int(r['score']) for r in scored) / len(scored):.1f}"
    assert page["dimensions"] == {
        d: pct(sum(r[f"dimension.{d}"] == "met" for r in scored), len(scored)) for d in DIMENSIONS
    }


def test_team_table_numbers(report: dict[str, Any]) -> None:
    by_team: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in report["rows"]:
        by_team[r["team"]].append(r)
    teams = {t["name"]: t for t in report["page"]["teams"]}
    assert sorted(teams) == sorted(TEAMS) == sorted(by_team)
    for name, team_rows in by_team.items():
        expected_mean = sum(int(r["score"]) for r in team_rows) / len(team_rows)
        assert teams[name]["goals"] == f"{len(team_rows):,}"
        assert teams[name]["mean"] == f"{expected_mean:.1f}"
        assert teams[name]["shares"] == {
            d: pct(sum(r[f"dimension.{d}"] == "met" for r in team_rows), len(team_rows)) for d in DIMENSIONS
        }


def test_priority_coverage_numbers_and_the_uncovered_priority(report: dict[str, Any]) -> None:
    rows = report["rows"]
    served: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        served[r["team"]].update(r["priorities"].split() or ["(none)"])
    table = {p["id"]: p for p in report["page"]["coverage"]}
    priorities = ("launch", "market-access", "key-accounts", "customer-engagement", "compliance", "(none)")
    for priority in priorities:
        assert table[priority]["teams"] == {t: f"{served[t][priority]:,}" for t in sorted(served)}
        assert table[priority]["total"] == f"{sum(served[t][priority] for t in served):,}"
    assert table["compliance"]["total"] == "0"
    assert report["page"]["uncovered"] == "No goal serves: Enhancing compliance effectiveness"


def test_weakest_goals_and_duplicates(report: dict[str, Any]) -> None:
    rows, page = report["rows"], report["page"]
    lowest = sorted(int(r["score"]) for r in rows if r["status"] == "ok")
    weakest = [int(w["score"]) for w in page["weakest"]]
    assert len(weakest) == 15
    assert weakest == sorted(weakest) and weakest[0] == lowest[0]
    # Scored without --rewrite, each weakest goal still shows its rewrite (placeholders: nothing invented).
    rewrite = rewriter(goalcheck.Config(reference_date=dt.date(2025, 1, 15))).rewrite
    for goal in page["weakest"]:
        assert goal["rewrite"] == rewrite(goal["text"], "placeholders").text
        assert "[" in goal["rewrite"]  # what only the author knows is left as a slot
    copies = Counter(r["goal"] for r in rows)
    top = page["duplicates"][0]
    assert top["text"] in COPIED
    assert int(top["count"].replace(",", "")) >= copies[top["text"]] >= 80  # 4% of goals are copies of 2


def test_goal_text_is_escaped_and_the_report_still_renders(tmp_path: Path, config: goalcheck.Config) -> None:
    hostile = [
        {"team": "<b>Ops</b>", "goal": "<script>alert(1)</script> Improve <img src=x onerror=alert(2)>"},
        {"team": 'R&D "quoted"', "goal": "Grow sales by 10% by Q3 2025 & {{ template }}."},
    ]
    summary = score_file(write_table(tmp_path / "hostile.csv", hostile), tmp_path / "out.csv", config=config)
    html = write_report(summary, tmp_path / "hostile.html")
    with Browser(width=1280, height=900) as browser:
        browser.open(html)
        assert browser.evaluate("document.scripts.length + document.images.length") == 0
        assert browser.requested_urls() == [html.resolve().as_uri()]
        teams = browser.evaluate(
            "Array.from(document.querySelectorAll('#team-table tbody th')).map(e => e.textContent)"
        )
        weakest = browser.evaluate("document.querySelector('#weakest-table').textContent")
    assert sorted(teams) == ["<b>Ops</b>", 'R&D "quoted"']
    assert "<script>alert(1)</script> Improve <img src=x onerror=alert(2)>" in weakest
    assert "{{ template }}" in weakest
