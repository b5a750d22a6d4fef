"""EXTRACT: turn an annotated Doc into GoalParts, the plain model every check reads."""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc

from goalcheck.models import Cadence, DateRange, GoalParts, Metric, Milestone, Quantity, TextSpan
from goalcheck.rulebook import RuleBook

from . import lexical
from .grammar import CompiledGrammar, lower_text
from .measures import build_metrics
from .quantities import find_values
from .time import CadenceExpr, TimeExpr
from .tokens import TokenView

__all__ = ["extract"]

_TOTAL_FOLLOWED_BY_DOING = 6


def extract(doc: Doc, book: RuleBook, grammar: CompiledGrammar, reference: dt.date, spans_key: str) -> GoalParts:
    """Extract a goal's parts from a Doc the goalcheck pipeline has annotated."""
    text = doc.text
    low = lower_text(text)
    view = TokenView.of(doc, spans_key)
    times: list[TimeExpr] = doc._.goalcheck_time or []
    cadence_exprs: list[CadenceExpr] = doc._.goalcheck_cadences or []
    taken = [(t.start, t.end) for t in times] + [(c.start, c.end) for c in cadence_exprs]
    values = find_values(low, grammar, taken)
    metrics = build_metrics(view, values, text)
    cadences = [_cadence(c, text) for c in cadence_exprs]
    activities = lexical.activities(view, cadences)
    if not any(m.target for m in metrics):
        metrics += _totality(view, low, grammar, bool(activities))
    has_target = any(m.target for m in metrics)
    deadline, milestones = _deadline(times, text)
    return GoalParts(
        text=text,
        priorities=tuple(lexical.priorities(view, book)),
        metrics=tuple(metrics),
        activities=tuple(activities),
        cadences=tuple(cadences),
        roles=tuple(lexical.roles(view)),
        deadline=deadline,
        milestones=tuple(milestones),
        vague_terms=tuple(lexical.vague_terms(view, has_target=has_target, has_metric=bool(metrics))),
        quantities=tuple(_all_quantities(metrics)),
        reference_date=reference,
    )


def _span(start: int, end: int, text: str) -> TextSpan:
    return TextSpan(start=start, end=end, text=text[start:end])


def _cadence(c: CadenceExpr, text: str) -> Cadence:
    return Cadence(period=c.period, every=c.every, span=_span(c.start, c.end, text))  # type: ignore[arg-type]


def _deadline(times: list[TimeExpr], text: str) -> tuple[DateRange | None, list[Milestone]]:
    due = [t for t in times if t.deadline]
    if not due:
        return None, []
    ranges = [
        DateRange(start=t.period_start, end=t.period_end, text=t.text, span=_span(t.start, t.end, text),
                  grain=t.grain)  # type: ignore[arg-type]
        for t in due
    ]
    last = max(ranges, key=lambda r: (r.end, r.span.start))
    milestones: list[Milestone] = []
    if len({r.end for r in ranges}) >= 2:
        for r in sorted(ranges, key=lambda r: r.end):
            if r.end not in {m.due.end for m in milestones}:
                milestones.append(Milestone(due=r, label=_phase_label(text, r)))
    return last, milestones


def _phase_label(text: str, r: DateRange) -> str:
    """Return the words that follow a checkpoint ("Q2: develop practical skills" -> "develop practical skills")."""
    m = re.match(r"[\s:,–-]*([^.;:\n]{0,60}?)(?=\s+(?:Q[1-4]|H[12]|by|in)\b|[.;\n]|$)", text[r.span.end:])
    return m.group(1).strip() if m else ""


def _totality(view: TokenView, low: str, grammar: CompiledGrammar, has_action: bool) -> list[Metric]:
    """Read "all reps complete ...", "each student introduces ..." as a target of 100% of a named set."""
    if not has_action:
        return []
    for m in grammar.totality.finditer(low):
        noun = re.match(r"[a-z][\w-]*(?:\s+[a-z][\w-]*)?", low[m.end():])
        if not noun:
            continue
        span = _span(m.start(), m.end() + noun.end(), view.doc.text)
        target = Quantity(value=100, unit="percent", kind="all", span=_span(m.start(), m.end(), view.doc.text))
        return [Metric(name=f"share of {noun.group(0)}", span=span, target=target, unit="percent",
                       direction="reach")]
    return []


def _all_quantities(metrics: list[Metric]) -> list[Quantity]:
    out = []
    for m in metrics:
        out += [q for q in (m.baseline, m.target) if q is not None]
    return sorted(out, key=lambda q: q.span.start)
