"""Print a batch summary on a terminal (or plainly into a pipe) with rich tables."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from goalcheck.batch.rows import DIMENSIONS
from goalcheck.batch.summary import GroupStats, Summary

MAX_ROWS = 20
WIDTH = 132  # wide enough for a name, seven dimensions and the top findings, even in a pipe
SHORT = {
    "strategic": "Strat",
    "measurable": "Meas",
    "actionable": "Act",
    "role": "Role",
    "time": "Time",
    "specific": "Spec",
    "achievable": "Achv",
}


def print_summary(summary: Summary, console: Console) -> None:
    """Print totals, dimension pass rates, per-group tables, priority coverage and duplicates."""
    overall = summary.overall
    mean = "–" if overall.mean_score is None else f"{overall.mean_score:.1f}"
    statuses = ", ".join(f"{n:,} {s}" for s, n in sorted(summary.statuses.items(), key=lambda kv: -kv[1]))
    console.width = max(console.width, WIDTH)
    console.print(f"[bold]{overall.rows:,} rows[/bold], {overall.goals:,} scored, mean score {mean} ({statuses})")
    for kind, groups in (("all goals", {"all goals": overall}), *summary.groups.items()):
        console.print(_group_table(kind, groups, summary))
    totals = summary.priority_totals()
    if summary.priorities:
        table = Table(title="Organizational priorities", title_justify="left")
        table.add_column("priority")
        table.add_column("goals", justify="right")
        for p in summary.priorities:
            table.add_row(Text(p.name), f"{totals[p.id]:,}" if totals[p.id] else "[red]none[/red]")
        console.print(table)
    uncovered = summary.uncovered_priorities()
    if uncovered:
        console.print("[bold red]No goal serves:[/bold red] " + "; ".join(p.name for p in uncovered))
    for note in summary.notes:
        console.print(Text(note, style="yellow"))
    clusters = summary.duplicates.clusters(limit=5)
    if clusters:
        copied = summary.duplicates.duplicated_goals()
        console.print(f"[bold]Near-duplicate goals[/bold]: {copied:,} goals are copies or near-copies; most copied:")
        for cluster in clusters:
            console.print(f"  {cluster.count:>6,} × {cluster.text[:100]}", markup=False, highlight=False)


def _group_table(kind: str, groups: dict[str, GroupStats], summary: Summary) -> Table:
    table = Table(title=f"By {kind}", title_justify="left")
    table.add_column(kind, max_width=36, overflow="fold")
    table.add_column("goals", justify="right")
    table.add_column("mean", justify="right")
    for d in DIMENSIONS:
        table.add_column(SHORT[d], justify="right")
    table.add_column("top findings")
    ordered = sorted(groups.items(), key=lambda kv: (-kv[1].goals, kv[0]))
    for name, stats in ordered[:MAX_ROWS]:
        shares = stats.met_share()
        cells = ["–" if shares[d] is None else f"{shares[d]:.0%}" for d in DIMENSIONS]
        top = ", ".join(f"{code} ×{n}" for code, n in stats.findings.most_common(3))
        mean = "–" if stats.mean_score is None else f"{stats.mean_score:.1f}"
        table.add_row(Text(name), f"{stats.goals:,}", mean, *cells, top)
    if len(ordered) > MAX_ROWS:
        table.caption = f"{MAX_ROWS} largest of {len(ordered)}"
    return table
