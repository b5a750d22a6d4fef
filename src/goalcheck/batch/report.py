"""Render a batch summary as one self-contained HTML file that reads at a glance.

The page is a Jinja2 template with autoescaping (goal text is personnel data typed by anyone) and
matplotlib charts inlined as SVG. It references nothing outside itself: no scripts, fonts,
stylesheets or images to fetch, so it opens offline and leaks nothing when shared.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from goalcheck import __version__
from goalcheck.batch import charts
from goalcheck.batch.extras import require
from goalcheck.batch.rows import DIMENSION_LABELS, DIMENSIONS
from goalcheck.batch.summary import GroupStats, Summary

MAX_GROUP_ROWS = 40  # rows per group table; the heat map shows the largest teams
MAX_HEATMAP_TEAMS = 30
MAX_DUPLICATES = 10
MAX_WEAKEST = 15


def require_report_extras() -> None:
    """Fail early, with the install hint, when the report's libraries (Jinja2, matplotlib) are missing."""
    require("jinja2", "report")
    require("matplotlib", "report")


def write_report(summary: Summary, path: str | Path, *, title: str = "Goal quality report") -> Path:
    """Write the HTML report of `summary` to `path` and return the path.

    Each weakest goal is shown with a rewrite: the one scoring made (`--rewrite`), else one in placeholders
    mode, made now (`Summary.fill_rewrites`).
    """
    require_report_extras()
    summary.fill_rewrites()
    jinja2 = require("jinja2", "report")
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("goalcheck.batch", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["pct"] = _pct
    html = env.get_template("report.html.j2").render(**report_context(summary, title=title))
    target = Path(path)
    target.write_text(html, encoding="utf-8")
    return target


def report_context(summary: Summary, *, title: str) -> dict[str, Any]:
    """Return everything the template shows, computed from the summary."""
    overall = summary.overall
    shares = overall.met_share()
    dims = [(DIMENSION_LABELS[d], shares[d] or 0.0) for d in DIMENSIONS] if overall.goals else []
    groups = {kind: _group_rows(stats, summary) for kind, stats in summary.groups.items()}
    teams = groups.get("team", [])[:MAX_HEATMAP_TEAMS]
    coverage = _coverage(summary)
    return {
        "title": title,
        "version": __version__,
        "source": summary.source,
        "reference_date": summary.reference_date,
        "overall": overall,
        "median": _median(summary.histogram),
        "statuses": sorted(summary.statuses.items(), key=lambda kv: (kv[0] != "ok", -kv[1])),
        "errors": summary.errors,
        "highlights": _highlights(summary, dims, groups.get("team", []), coverage),
        "dimensions": [(d, DIMENSION_LABELS[d], shares[d]) for d in DIMENSIONS],
        "groups": {kind: rows[:MAX_GROUP_ROWS] for kind, rows in groups.items()},
        "group_totals": {kind: len(rows) for kind, rows in groups.items()},
        "coverage": coverage,
        "duplicates": summary.duplicates.clusters(limit=MAX_DUPLICATES),
        "duplicated_goals": summary.duplicates.duplicated_goals(),
        "weakest": summary.weakest[:MAX_WEAKEST],
        "finding_names": summary.finding_names,
        "dimension_labels": DIMENSION_LABELS,
        "dimension_keys": DIMENSIONS,
        "charts": {
            "scores": charts.score_histogram(summary.histogram) if overall.goals else "",
            "dimensions": charts.dimension_bars(dims) if dims else "",
            "heatmap": charts.heatmap(
                [t["name"] for t in teams],
                [DIMENSION_LABELS[d] for d in DIMENSIONS],
                [[t["shares"][d] for d in DIMENSIONS] for t in teams],
            )
            if teams
            else "",
            "coverage": charts.coverage_bars([(p["name"], p["total"]) for p in coverage["priorities"]])
            if coverage["priorities"]
            else "",
        },
    }


def _group_rows(stats: dict[str, GroupStats], summary: Summary) -> list[dict[str, Any]]:
    rows = [
        {
            "name": name,
            "rows": s.rows,
            "goals": s.goals,
            "mean": s.mean_score,
            "shares": s.met_share(),
            "top": [(code, summary.finding_names.get(code, ""), n) for code, n in s.findings.most_common(3)],
        }
        for name, s in stats.items()
    ]
    rows.sort(key=lambda r: (-r["goals"], r["name"]))
    return rows


def _coverage(summary: Summary) -> dict[str, Any]:
    totals = summary.priority_totals()
    teams = sorted(summary.coverage)
    priorities = [
        {"id": p.id, "name": p.name, "total": totals[p.id], "teams": [summary.coverage[t][p.id] for t in teams]}
        for p in summary.priorities
    ]
    unserved = [summary.coverage[t]["(none)"] for t in teams]
    return {
        "teams": teams,
        "priorities": priorities,
        "unserved": unserved,
        "uncovered": [p.name for p in summary.uncovered_priorities()],
    }


def _highlights(
    summary: Summary, dims: Sequence[tuple[str, float]], teams: list[dict[str, Any]], coverage: dict[str, Any]
) -> list[str]:
    notes = []
    if dims:
        label, share = min(dims, key=lambda d: d[1])
        notes.append(f"Weakest dimension: {label}, met by {_pct(share)} of goals.")
    scored = [t for t in teams if t["goals"]]
    if len(scored) > 1:
        low = min(scored, key=lambda t: (t["mean"], t["name"]))
        high = max(scored, key=lambda t: (t["mean"], t["name"]))
        notes.append(
            f"Lowest-scoring team: {low['name']} (mean {low['mean']:.0f}); "
            f"highest: {high['name']} (mean {high['mean']:.0f})."
        )
    if coverage["uncovered"]:
        notes.append("No goal serves: " + "; ".join(coverage["uncovered"]) + ".")
    copied = summary.duplicates.duplicated_goals()
    if copied:
        notes.append(f"{copied:,} goals are copies or near-copies of another goal.")
    errors = summary.overall.rows - summary.overall.goals
    if errors:
        notes.append(f"{errors:,} rows could not be scored (see the last section).")
    return notes


def _median(histogram: Sequence[int]) -> float | None:
    total = sum(histogram)
    if not total:
        return None
    return statistics.fmean(_nth_scores(histogram, [(total - 1) // 2, total // 2]))


def _nth_scores(histogram: Sequence[int], positions: Sequence[int]) -> list[int]:
    found, seen = [], 0
    wanted = iter(sorted(positions))
    target = next(wanted)
    for score, count in enumerate(histogram):
        while target is not None and target < seen + count:
            found.append(score)
            target = next(wanted, None)
        seen += count
    return found


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"
