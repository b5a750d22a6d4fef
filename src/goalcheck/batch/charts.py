"""Draw the report's charts with matplotlib and return them as inline SVG markup.

Figures are built with `matplotlib.figure.Figure` (no pyplot state, no GUI backend). Text is drawn
as paths, so the SVG needs no font; ids are prefixed per chart so several charts can share one
HTML page; metadata dates are dropped so the same data gives the same bytes.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Sequence
from typing import Any

from goalcheck.batch.extras import require

INK = "#1f2937"
MUTED = "#6b7280"
ACCENT = "#2563eb"
WARN = "#dc2626"
_RC = {
    "svg.fonttype": "path",
    "svg.hashsalt": "goalcheck",
    "font.size": 10,
    "axes.edgecolor": "#d1d5db",
    "axes.labelcolor": INK,
    "xtick.color": MUTED,
    "ytick.color": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def _figure(width: float, height: float) -> Any:
    require("matplotlib", "report")
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _svg(fig: Any, name: str) -> str:
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context(_RC), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a team name with a glyph DejaVu lacks must not spam stderr
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r'\bid="', f'id="{name}-', svg)
    svg = svg.replace('href="#', f'href="#{name}-').replace("url(#", f"url(#{name}-")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{name} chart" data-chart="{name}" ', 1)


def score_histogram(histogram: Sequence[int]) -> str:
    """Return a bar chart of how many goals score 0-9, 10-19, ... 90-100."""
    import matplotlib

    counts = [sum(histogram[lo : lo + 10]) for lo in range(0, 90, 10)] + [sum(histogram[90:101])]
    labels = [f"{lo}-{lo + 9}" for lo in range(0, 90, 10)] + ["90-100"]
    with matplotlib.rc_context(_RC):
        fig = _figure(6.4, 2.8)
        ax = fig.add_subplot()
        colors = [WARN if lo < 50 else "#f59e0b" if lo < 80 else "#16a34a" for lo in range(0, 100, 10)]
        bars = ax.bar(labels, counts, color=colors, width=0.8)
        ax.bar_label(bars, labels=[f"{c:,}" if c else "" for c in counts], fontsize=8, color=MUTED, padding=2)
        ax.set_xlabel("score")
        ax.set_ylabel("goals")
        ax.tick_params(axis="x", labelsize=8)
        ax.margins(y=0.15)
    return _svg(fig, "scores")


def dimension_bars(shares: Sequence[tuple[str, float]]) -> str:
    """Return horizontal bars: the share of goals meeting each dimension."""
    import matplotlib

    with matplotlib.rc_context(_RC):
        fig = _figure(6.4, 0.42 * len(shares) + 0.8)
        ax = fig.add_subplot()
        labels = [label for label, _ in shares][::-1]
        values = [100 * share for _, share in shares][::-1]
        bars = ax.barh(labels, values, color=[WARN if v < 50 else ACCENT for v in values], height=0.6)
        ax.bar_label(bars, labels=[f"{v:.0f}%" for v in values], fontsize=9, color=INK, padding=3)
        ax.set_xlim(0, 110)
        ax.set_xlabel("goals meeting the dimension (%)")
    return _svg(fig, "dimensions")


def heatmap(
    rows: Sequence[str], columns: Sequence[str], values: Sequence[Sequence[float | None]], name: str = "heatmap"
) -> str:
    """Return a heat map (rows x columns, shares 0-1, None for no data) with the percentage in each cell."""
    import matplotlib
    import numpy as np

    data = np.array([[np.nan if v is None else 100 * v for v in row] for row in values], dtype=float)
    with matplotlib.rc_context(_RC):
        fig = _figure(1.1 * len(columns) + 2.4, 0.42 * len(rows) + 1.2)
        ax = fig.add_subplot()
        mesh = ax.pcolormesh(data, cmap="RdYlGn", vmin=0, vmax=100, edgecolors="white", linewidth=1.5)
        for (i, j), value in np.ndenumerate(data):
            text = "–" if np.isnan(value) else f"{value:.0f}"
            ax.text(
                j + 0.5,
                i + 0.5,
                text,
                ha="center",
                va="center",
                fontsize=9,
                color="white" if not np.isnan(value) and (value < 20 or value > 85) else INK,
            )
        ax.set_xticks([j + 0.5 for j in range(len(columns))], columns, rotation=0)
        ax.set_yticks([i + 0.5 for i in range(len(rows))], rows)
        ax.invert_yaxis()
        ax.xaxis.tick_top()
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        bar = fig.colorbar(mesh, ax=ax, shrink=0.8, label="% of goals meeting", pad=0.02)
        bar.solids.set_rasterized(False)  # keep the legend vector: no embedded bitmap
    return _svg(fig, name)


def coverage_bars(priorities: Sequence[tuple[str, int]]) -> str:
    """Return horizontal bars of goals per organizational priority; uncovered priorities in red."""
    import matplotlib

    with matplotlib.rc_context(_RC):
        fig = _figure(6.4, 0.45 * len(priorities) + 0.8)
        ax = fig.add_subplot()
        labels = [label for label, _ in priorities][::-1]
        counts = [count for _, count in priorities][::-1]
        bars = ax.barh(labels, counts, color=ACCENT, height=0.6)
        ax.bar_label(bars, labels=[f"{c:,}" if c else "no goals" for c in counts], fontsize=9, padding=3, color=INK)
        for tick, count in zip(ax.get_yticklabels(), counts, strict=True):
            if not count:
                tick.set_color(WARN)
        ax.set_xlim(0, max(counts or [1]) * 1.18 or 1)
        ax.set_xlabel("goals serving the priority")
    return _svg(fig, "coverage")
