"""EXTRACT: turn an annotated Doc into GoalParts, the plain model every check reads."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from operator import attrgetter

from spacy.tokens import Doc

from goalcheck.models import Cadence, DateRange, GoalParts, Metric, Milestone, Quantity, TextSpan
from goalcheck.rulebook import RuleBook

from . import lexical
from .annotations import CADENCES_KEY, HITS_KEY, TIME_KEY, WORD_GATES_KEY, doc_text
from .grammar import CompiledGrammar, lower_text
from .measures import build_metrics
from .quantities import Value, find_values
from .time import CadenceExpr, TimeExpr, word_number
from .tokens import TokenView

# The models' builders, read once: a class attribute read goes through pydantic's metaclass `__getattr__` hook
# (~90 ns a read, timeit), and extraction builds ~15 models a goal.
_trusted_goal_parts = GoalParts.trusted
_trusted_text_span = TextSpan.trusted
_trusted_cadence = Cadence.trusted
_trusted_date_range = DateRange.trusted
_trusted_milestone = Milestone.trusted

# Inline patterns, compiled once.
_BETWEEN_VALUE_AND_YEAR = re.compile(r"\s*(?:in|during|for)?\s*")
_TWO_DIGITS = re.compile(r"\d{2}\b")
_PHASE_LABEL = re.compile(r"[\s:,–-]*([^.;:\n]{0,60}?)(?=\s+(?:Q[1-4]|H[12]|by|in)\b|[.;\n]|$)")
_NOUN_PHRASE = re.compile(r"[a-z][\w-]*(?:\s+[a-z][\w-]*)?")
_SPAN_START = attrgetter("span.start")  # a sort key in C: no Python call a quantity
_START = attrgetter("start")  # the same for a value

__all__ = ["extract"]


def extract(
    doc: Doc, book: RuleBook, grammar: CompiledGrammar, reference: dt.date, text: str | None = None
) -> GoalParts:
    """Extract a goal's parts from a Doc the goalcheck pipeline has annotated (`text` is `doc.text`)."""
    text = doc_text(doc) if text is None else text
    data = doc.user_data  # the extensions' own entries (see annotations): `doc._` builds an object an access
    view = TokenView.of(doc, text, data.get(HITS_KEY))
    times: list[TimeExpr] = data.get(TIME_KEY) or []
    cadence_exprs: list[CadenceExpr] = data.get(CADENCES_KEY) or []
    taken = [(t.start, t.end) for t in times] + [(c.start, c.end) for c in cadence_exprs]
    words = data.get(WORD_GATES_KEY)  # the time tagger's word gates, if they are these gates on this text
    if words is not None and words[0] is grammar.word_gates and words[1] == text:  # mostly the very same str
        low, fired = words[2], words[3]  # the tagger lowered the text already
    else:
        low, fired = lower_text(text), None
    values = find_values(low, grammar, taken, fired)
    values += _standards(times, text) + _frequencies(cadence_exprs, low, grammar)
    values.sort(key=_START)
    times = _not_baseline_years(times, values, low)
    metrics = build_metrics(view, values, text)
    cadences = [_cadence(c, text) for c in cadence_exprs]
    activities = lexical.activities(view, cadences)
    has_target = False
    for m in metrics:  # a loop, not `any(...)`: a generator made a goal, twice
        if m.target:
            has_target = True
            break
    if not has_target:
        metrics += _totality(view, low, grammar, bool(activities))
        has_target = any(m.target for m in metrics)
    deadline, milestones = _deadline(times, text)
    # Every part below was built from typed values (validated where a value could need coercion).
    return _trusted_goal_parts(
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


_STANDARD = re.compile(
    r"(?P<n>\d+(?:\.\d+)?|one|two|three|four|five|six|eight|ten|twelve|twenty|thirty|"
    r"forty|sixty|ninety)\s+(?P<unit>(?:business\s+|working\s+)?(?:hour|hr|minute|min|day|week|month)s?)",
    re.IGNORECASE,
)
_FREQUENCY = re.compile(r"^(?:once|twice|three\s+times|four\s+times|\d+\s+times|\d+x)\b")


def _standards(times: list[TimeExpr], text: str) -> list[Value]:
    """Read "within 2 hours of the page" (a standard per case, not a due date) as a target duration."""
    out = []
    for t in times:
        if t.deadline or t.grain != "duration":
            continue
        m = _STANDARD.search(t.text)
        if m:
            n = word_number(m.group("n")) or 0.0
            out.append(
                Value(
                    t.start,
                    t.end,
                    n,
                    "duration",
                    re.sub(r"s$", "", m.group("unit").lower()),
                    "target",
                    comparator="within",
                )
            )
    return out


def _frequencies(cadences: list[CadenceExpr], low: str, grammar: CompiledGrammar) -> list[Value]:
    """Read counted or bounded cadences ("3 times a week", "at least once a week") as frequency targets."""
    out = []
    for c in cadences:
        counted = _FREQUENCY.match(low[c.start : c.end])
        bounded = grammar.comparator.search(low[max(0, c.start - 20) : c.start])
        if counted or bounded:
            n = word_number(low[c.start : c.end].split()[0].rstrip("x")) if counted else 1.0
            count = {"once": 1.0, "twice": 2.0}.get(low[c.start : c.end].split()[0], n or 1.0)
            out.append(
                Value(
                    c.start,
                    c.end,
                    count,
                    "count",
                    f"per {c.period}",
                    "target",
                    comparator=bounded.group(0).strip() if bounded else None,
                )
            )
    return out


def _not_baseline_years(times: list[TimeExpr], values: list[Value], low: str) -> list[TimeExpr]:
    """Drop the deadline reading of a year that dates a baseline ("up from 71% in 2024")."""
    baselines = [v for v in values if v.role == "baseline"]
    if not baselines:
        return times  # nothing dates a baseline: every reading stands (most goals)
    out = []
    for t in times:
        dated = any(
            0 <= t.start - b.end <= 12 and _BETWEEN_VALUE_AND_YEAR.fullmatch(low[b.end : t.start]) for b in baselines
        )
        out.append(dataclasses.replace(t, deadline=False) if dated and t.deadline else t)
    return out


def _span(start: int, end: int, text: str) -> TextSpan:
    return _trusted_text_span(start=start, end=end, text=text[start:end])


def _cadence(c: CadenceExpr, text: str) -> Cadence:
    return _trusted_cadence(period=c.period, every=c.every, span=_span(c.start, c.end, text))


_LENGTHS = frozenset({"duration", "event"})  # the grains of a length ("within 6 months"), not a named period


def _in_sequence(times: list[TimeExpr]) -> list[TimeExpr]:
    """Keep year-less phases in order: in "Q1: ... Q4: ..." each phase ends after the one before."""
    out: list[TimeExpr] = []
    last: TimeExpr | None = None
    for t in times:
        if (
            last
            and t.period_end < last.period_end
            # Within the named period before it ("for the year: Q1 ..."), a phase takes no step.
            and (t.period_start < last.period_start or last.grain in _LENGTHS)
            and t.grain in {"quarter", "half", "month"}
            and not _TWO_DIGITS.search(t.text.lower().lstrip("qh"))
        ):
            t = dataclasses.replace(t, period_start=_plus_year(t.period_start), period_end=_plus_year(t.period_end))
        out.append(t)
        last = t
    return out


_JOINED = re.compile(r"\s*(?:and|to|through|thru|-|–|/)?\s*")
_RESTATED = re.compile(r"\s*\(\s*")


def _one_per_span(times: list[TimeExpr], text: str) -> list[TimeExpr]:
    """Read adjacent periods as one: "by FY26 year-end" is FY26's end, "in Q3 and Q4" is due by Q4's end."""
    out: list[TimeExpr] = []
    for t in sorted(times, key=lambda t: t.start):
        if out:
            between = text[out[-1].end : t.start]
            if _RESTATED.fullmatch(between):
                out.pop()  # "by the end of summer season (Sept 30)": the date in brackets says when exactly
            elif _JOINED.fullmatch(between):
                if t.period_end < out[-1].period_end:
                    continue  # "FY26 year-end": the relative period is FY26's
                out.pop()
        out.append(t)
    return out


def _plus_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _deadline(times: list[TimeExpr], text: str) -> tuple[DateRange | None, list[Milestone]]:
    due = [t for t in times if t.deadline]
    if not due:
        return None, []
    if any(not t.attributive for t in due):
        due = [t for t in due if not t.attributive]  # "by May 31, to support Q3 revenue targets"
    if len(due) > 1:  # one period needs no joining or ordering
        due = _in_sequence(_one_per_span(due, text))
    ranges = [
        _trusted_date_range(
            start=t.period_start, end=t.period_end, text=t.text, span=_span(t.start, t.end, text), grain=t.grain
        )
        for t in due
    ]
    if len(ranges) == 1:  # most dated goals: one deadline, no checkpoints (no key calls, no set of ends)
        return ranges[0], []
    last = max(ranges, key=lambda r: (r.end, r.span.start))
    milestones: list[Milestone] = []
    # "in their first semester": a period of each person's own, no checkpoint on the calendar.
    dated = [r for r in ranges if "their" not in r.text.lower().split()]
    if len({r.end for r in dated}) >= 2:
        # Of two checkpoints due the same day, the shorter names the phase: "Q4" over "for the year".
        for r in sorted(dated, key=lambda r: (r.end, r.end - r.start)):
            if r.end not in {m.due.end for m in milestones}:
                milestones.append(_trusted_milestone(due=r, label=_phase_label(text, r)))
    return last, milestones


def _phase_label(text: str, r: DateRange) -> str:
    """Return the words that follow a checkpoint ("Q2: develop practical skills" -> "develop practical skills")."""
    m = _PHASE_LABEL.match(text[r.span.end :])
    return m.group(1).strip() if m else ""


def _totality(view: TokenView, low: str, grammar: CompiledGrammar, has_action: bool) -> list[Metric]:
    """Read "all reps complete ...", "each student introduces ..." as a target of 100% of a named set."""
    if not has_action:
        return []
    people = {"role", "people_noun", "count_noun", "team_function", "outcome_noun"}
    for m in grammar.totality.finditer(low):
        noun = _NOUN_PHRASE.match(low[m.end() :])
        if not noun:
            continue
        # A named set of people or things, then something they do: "each student introduces ...".
        first = view.token_at_char(m.end())
        if not view.any_label(range(first, first + 3), people):
            continue

        span = _span(m.start(), m.end() + noun.end(), view.text)
        target = Quantity(value=100, unit="percent", kind="all", span=_span(m.start(), m.end(), view.text))
        return [Metric(name=f"share of {noun.group(0)}", span=span, target=target, unit="percent", direction="reach")]
    return []


def _all_quantities(metrics: list[Metric]) -> list[Quantity]:
    out = []
    for m in metrics:  # plain tests, not a comprehension a metric; each field read once (pydantic's hook)
        baseline, target = m.baseline, m.target
        if baseline is not None:
            out.append(baseline)
        if target is not None:
            out.append(target)
    if len(out) > 1:  # a sort reads the key of a lone item too
        out.sort(key=_SPAN_START)
    return out
