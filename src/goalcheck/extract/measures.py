"""Assemble metrics: what is measured, with target, baseline, unit, scale and direction."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter

from goalcheck.models import Direction, Metric, Quantity, Scale, TextSpan

from .quantities import Value
from .tokens import BOUNDARY, TokenView
from .units import factor

# The models' builders, read once: a class attribute read goes through pydantic's metaclass `__getattr__` hook
# (~90 ns a read, timeit), and extraction builds ~15 models a goal.
_trusted_metric = Metric.trusted
_trusted_text_span = TextSpan.trusted
_trusted_quantity = Quantity.trusted
_trusted_scale = Scale.trusted

# Inline patterns, compiled once.
_DURATION_LEAD = re.compile(r"\b(?:to|from|under|below|than)\s*$")
_PER_PERIOD = re.compile(r"\s*(?:per|a|an|each|every)\s+(?:day|week|month|shift|session)\b")
_LEVEL_LEAD = re.compile(r"\b(?:to|reach|at|hit|achieve)\s*$")
_NOUNS_AFTER = re.compile(r"\s*(?:of\s+)?((?:[A-Za-z][\w'-]*\s*){1,3})")
_BOUND_LEAD = re.compile(r"\b(?:to|from|by|at|of)\s*$")
_DATED_AFTER = re.compile(r"\s*(?:of\s+\w+\s+\w*\s*)?(?:by|in|before|per)\b")
_BY_AHEAD = re.compile(r"\s*[\w ]{0,40}\bby\s")

_DIRECTIONS: dict[str, Direction] = {
    "direction_up": "increase",
    "direction_down": "decrease",
    "direction_reach": "reach",
    "direction_keep": "maintain",
    "direction_better": "increase",
}
_COUNT_CUES = {"more", "fewer", "less", "additional", "number", "#", "total"}
_DIRECTION_LABELS = set(_DIRECTIONS)
_MODIFIER_LABELS = frozenset({"modified_head", "team_noun", "role"})
_RESULT_LABELS = frozenset({"outcome", "outcome_verb", "metric"})
_NOUN_STOP = {
    "of",
    "to",
    "and",
    "or",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "the",
    "a",
    "an",
    "per",
    "percent",
    "%",
    "than",
    "is",
    "are",
    "will",
    "be",
    "this",
    "that",
    "each",
    "every",
    "within",
    "over",
    "out",
    "it",
    "as",
    "points",
    "point",
    "times",
    "x",
    "pct",
}
_VALUE_TARGET_KINDS = {"percent", "money", "score", "multiplier", "rank"}
_START = attrgetter("start")  # a sort key in C: no Python call a candidate


@dataclass(slots=True)  # slots: a few are made for every goal, and read often
class _Candidate:
    name: str
    start: int  # token index
    end: int
    where: tuple[int, int, str]  # character start, end and text: a TextSpan is built only for kept measures
    values: list[Value] = field(default_factory=list)
    counted: bool = False  # made from a count of its own ("12 target practices")


def metric_candidates(view: TokenView, value_ends: AbstractSet[int]) -> list[_Candidate]:
    """Return the measures the goal names: metric nouns and counted things ("more calls", "50 calls").

    `value_ends` holds the token index just past each value that is not a scale.
    """
    lower, starts, size = view.lower, view.starts, len(view.lower)
    out: list[_Candidate] = []
    for h in view.hits.get("metric", ()):
        if h.end < size:
            labels = starts.get(h.end)  # `get`: no empty set added to the defaultdict
            if lower[h.end] == "-" or (labels and not labels.isdisjoint(_MODIFIER_LABELS)):
                continue  # "sales roles", "sales cycle length": the word modifies another noun
        out.append(_Candidate(h.text.lower(), h.start, h.end, (h.char_start, h.char_end, h.text)))
    for h in view.hits.get("count_noun", ()):
        if h.end < size and lower[h.end] == "-":
            continue
        before = view.window_before(h.start, 5)
        # "more calls", "more qualified demos", "reduce cancellations", "50 new customers"
        cue = not _COUNT_CUES.isdisjoint(lower[max(before.start, h.start - 2) : h.start])  # the last two words
        counted = bool(value_ends) and (h.start in value_ends or not value_ends.isdisjoint(before))
        if cue or counted or view.any_label(before[-3:], _DIRECTION_LABELS):  # the dearest test last
            out.append(_Candidate(h.text.lower(), h.start, h.end, (h.char_start, h.char_end, h.text)))
    if len(out) < 2:
        return out  # nothing can overlap (most goals name one measure or none)
    # Prefer the longest name where candidates overlap ("engagement scores" over "scores").
    out.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[_Candidate] = []
    for c in out:
        if not kept or c.start >= kept[-1].end:  # sorted by start: only the last kept one can overlap
            kept.append(c)
    return kept


def build_metrics(view: TokenView, values: list[Value], text: str) -> list[Metric]:
    """Attach each target, change and baseline value to the measure it is about."""
    if not values:  # a third of goals: the measures they name, as named
        return [_to_metric(view, c, None) for c in metric_candidates(view, frozenset())]
    # Each value's tokens, found once: the candidates, the grouping and `_attach` all need them.
    scale: Value | None = None
    placed: list[tuple[Value, int, int]] = []
    value_ends: set[int] = set()
    for v in values:
        if v.role == "scale":
            scale = scale or v  # the first scale
        else:
            end = view.token_at_char(v.end - 1) + 1
            placed.append((v, view.token_at_char(v.start), end))
            value_ends.add(end)
    # A value attaches to a measure in its own sentence: grouping keeps long texts linear.
    sentence = view.sentence
    by_sentence: dict[int, list[_Candidate]] = defaultdict(list)
    for c in metric_candidates(view, value_ends):
        by_sentence[sentence[c.start]].append(c)
    for v, first, end in placed:
        if _is_measure_value(view, v, text):
            _attach(view, v, first, end, by_sentence[sentence[first]], text)
    candidates = list(chain.from_iterable(by_sentence.values()))
    candidates.sort(key=_START)
    metrics = [_to_metric(view, c, scale) for c in candidates]
    if scale and metrics and not any(m.scale for m in metrics):
        metrics[0] = metrics[0].model_copy(update={"scale": _scale(scale, text)})
    return metrics


def _is_measure_value(view: TokenView, v: Value, text: str) -> bool:
    """Tell values that measure something from stray numbers ("version 2024" is a label, gone already)."""
    if v.kind in _VALUE_TARGET_KINDS or v.role in {"baseline", "change"} or v.comparator:
        return True
    before = text[max(0, v.start - 12) : v.start].lower()
    if v.kind == "duration":
        # "from 21 days to 10 days", "under 30 minutes", "10 minutes per day" measure time.
        return bool(_DURATION_LEAD.search(before)) or bool(_PER_PERIOD.match(text[v.end : v.end + 20].lower()))
    if v.unit:
        return True
    if _LEVEL_LEAD.search(before):
        return True
    return _noun_after(view, text, v) is not None


def _noun_after(view: TokenView, text: str, v: Value) -> str | None:
    m = _NOUNS_AFTER.match(text[v.end : v.end + 40])
    if not m:
        return None
    words = []
    for word in m.group(1).split():
        if word.lower() in _NOUN_STOP:
            break
        words.append(word)
    return " ".join(words).lower() or None


def _attach(view: TokenView, v: Value, vtok: int, vend: int, candidates: list[_Candidate], text: str) -> None:
    """Give value v (tokens [vtok, vend)) to a measure of its sentence's `candidates`, or make one for it."""
    candidates.sort(key=_START)
    # The measure right after the value ("50 calls", "80% of key account meetings") wins,
    # then the nearest one before it in the same clause ("engagement scores from 3.2 to 4.0").
    # A value and a measure pair up only within one sentence. Every candidate here starts in the value's
    # sentence (build_metrics groups them so) and sentence numbers never fall along the tokens, so the end of
    # a measure before the value and the value's own end lie in that sentence too: no test a pair.
    after: list[_Candidate] = []
    before: list[_Candidate] = []
    for c in candidates:  # one loop, not two comprehensions: a value meets one or two candidates
        if vend <= c.start <= vend + 4:
            after.append(c)
        elif c.end <= vtok and not c.counted:  # a candidate after the value never ends before it
            before.append(c)
    if before and _is_bound(v, text):
        # "increase sales in 3 hospitals by 10%": a change or level belongs to the verb's object.
        verb = _verb_before(view, vtok)
        owner = before[-1]  # the nearest measure before the value, unless the verb has an object
        if verb is not None:
            for c in before:
                if c.start > verb:
                    owner = c  # the first measure after the verb: its object
                    break
        owner.values.append(v)
    elif after:
        target = after[0]
        phrase = _noun_after(view, text, v)
        if phrase and target.name in phrase and not target.values:
            target.name = phrase  # "80% of key account meetings": the whole phrase, not "account"
        target.values.append(v)
    elif v.kind in {"count", "rank"} and (phrase := _noun_after(view, text, v)):
        # "adding two enterprise AEs", "the top 10 IDNs": a count of its own, not the goal's measure
        span = (v.start, v.end, text[v.start : v.end])
        candidates.append(_Candidate(phrase, vtok, vend, span, [v], counted=True))
    elif before and v.kind not in {"money"}:
        before[-1].values.append(v)
    else:
        span = (v.start, v.end, text[v.start : v.end])
        candidates.append(
            _Candidate(_noun_after(view, text, v) or _word_before(view, vtok) or "value", vtok, vend, span, [v])
        )


def _is_bound(v: Value, text: str) -> bool:
    """Tell a change, a bounded value or one after "to", "from", "by" ... (it belongs to a measure before it)."""
    if v.role in {"baseline", "change"} or v.comparator:
        return True
    return _BOUND_LEAD.search(text[max(0, v.start - 8) : v.start].lower()) is not None


def _word_before(view: TokenView, i: int) -> str | None:
    """Name a bare value by the result word before it ("save €1.2M" -> "save")."""
    for j in reversed(view.window_before(i, 4)):
        labels = view.covers.get(j)  # `get`: no empty set added to the defaultdict
        if labels and not labels.isdisjoint(_RESULT_LABELS):
            return view.lower[j]
    return None


def _verb_before(view: TokenView, i: int) -> int | None:
    for j in reversed(view.window_before(i, 14)):
        labels = view.covers.get(j)
        if labels and not labels.isdisjoint(_DIRECTION_LABELS):
            return j
    return None


def _to_metric(view: TokenView, c: _Candidate, scale: Value | None) -> Metric:
    text = view.text
    targets: list[Value] = []
    baselines: list[Value] = []
    for v in c.values:  # one loop, not two comprehensions: a measure has one or two values
        if v.role in {"target", "change"}:
            targets.append(v)
        elif v.role == "baseline":
            baselines.append(v)
    # The first target is the goal's ("95%+ within 24 hours"); later values qualify it. In a sequence of
    # dated targets ("30% by March, 60% by June, 100% by September") the last one is the goal's.
    staged = len(targets) > 1 and all(t.kind == targets[0].kind for t in targets) and _dated(text, targets)
    target = (targets[-1] if staged else targets[0]) if targets else None
    baseline = baselines[0] if baselines else None
    direction = _direction(view, c, target, baseline)
    unit = (target or baseline).unit if (target or baseline) else None
    return _trusted_metric(
        name=c.name,
        span=_trusted_text_span(start=c.where[0], end=c.where[1], text=c.where[2]),
        target=_quantity(target, text) if target else None,
        baseline=_quantity(baseline, text) if baseline else None,
        unit=unit,
        scale=_scale(scale, text) if scale and target and target.kind in {"count", "score"} else None,
        direction=direction,
        change=bool(target and target.role == "change"),
    )


def _dated(text: str, values: list[Value]) -> bool:
    return all(_is_dated(text[v.end : v.end + 45].lower()) for v in values)


def _is_dated(after: str) -> bool:
    # A date word right after the value, or a "by" a few words on. The second pattern backtracks through
    # up to 40 characters to fail, so the literal "by" is tested first.
    return _DATED_AFTER.match(after) is not None or ("by" in after and _BY_AHEAD.match(after) is not None)


def _direction(view: TokenView, c: _Candidate, target: Value | None, baseline: Value | None) -> Direction | None:
    # The leftmost value's token (token_at_char never falls as the offset grows: one look-up), else the measure's.
    first = view.token_at_char(min(c.values, key=_START).start) if c.values else c.start
    verb = _direction_verb(view, first)
    if verb is not None and not (verb == "direction_better" and target and baseline):
        return _DIRECTIONS[verb]  # "improve churn from 8% to 5%": there the values tell which way is better
    if target and baseline:
        # "to 30 minutes, currently at 2.5 hours": compare in one unit
        return "increase" if target.value * factor(target.unit, baseline.unit) > baseline.value else "decrease"
    if target and target.kind == "multiplier":
        return "decrease" if target.value < 1 else "increase"
    return "reach" if target else None


def _direction_verb(view: TokenView, i: int) -> str | None:
    """Return the direction category of the nearest direction verb before token i."""
    for j in _words_before(view, i, 14):
        labels = view.covers.get(j)
        if not labels or "metric" in labels or labels.isdisjoint(_DIRECTION_LABELS):
            continue  # most words have no label; "engagement scores" names the measure, "score" is no verb here
        for label in _DIRECTIONS:  # in this order: a word may carry two directions
            if label in labels:
                return label
    return None


def _words_before(view: TokenView, i: int, size: int) -> Iterable[int]:
    """Return token indices before i, nearest first, up to a clause boundary.

    An aside in brackets is passed over: "Lower the mean time to recovery (MTTR) to 30 minutes".
    """
    window = view.window_before(i, size)
    if window.start == 0 or view.lower[window.start - 1] != ")":
        return reversed(window)  # no bracket in the way (nearly always)
    return _words_around_brackets(view, i, size)


def _words_around_brackets(view: TokenView, i: int, size: int) -> Iterator[int]:
    lower, j, stop, depth = view.lower, i - 1, max(0, i - size), 0
    while j >= stop:
        word = lower[j]
        if word == ")":
            depth += 1
        elif word == "(" and depth:
            depth -= 1
        elif depth == 0:
            if word in BOUNDARY:
                return
            yield j
        j -= 1


def _quantity(v: Value, text: str) -> Quantity:
    kind = "score" if v.kind == "count" and v.unit == "points" else v.kind
    return _trusted_quantity(
        value=float(v.value),
        unit=v.unit,
        kind=kind,
        span=_trusted_text_span(start=v.start, end=v.end, text=text[v.start : v.end]),
    )


def _scale(v: Value, text: str) -> Scale:
    return _trusted_scale(
        low=float(v.value) if v.kind == "scale" else 0.0,
        high=float(v.high or 0),
        span=_span(v.start, v.end, text[v.start : v.end]),
    )


def _span(start: int, end: int, text: str) -> TextSpan:
    return _trusted_text_span(start=start, end=end, text=text)
