"""build_metrics equals the plain algorithm it was made quicker from, on corpus goals and generated ones.

The plain version below looks every value's tokens up where it needs them, tests every value-measure pair
for one sentence, and takes no early exit; build_metrics must return the same metrics, field for field.
"""

from __future__ import annotations

import json
from collections import defaultdict
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import goalcheck
import goalcheck.extract as extract_module
from goalcheck.extract import measures
from goalcheck.extract.quantities import Value
from goalcheck.extract.tokens import TokenView
from goalcheck.extract.units import factor
from goalcheck.models import Metric

from .conftest import REFERENCE_DATE, ROOT

LINTER = goalcheck.Linter(goalcheck.Config(reference_date=REFERENCE_DATE))
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_WORDS = (
    "Increase reduce improve maintain keep lower raise reach achieve grow cut boost sales calls demos customers "
    "revenue churn NPS engagement scores score pipeline deals accounts meetings cancellations hospitals reps "
    "AEs time recovery (MTTR) ( ) - by from to at of in under than per a each every day week month more fewer "
    "additional total number # top two 3 10 50 12 15% 80% 95%+ 3.2 4.0 $2.4M €1.2M 2x 0.5x 30 minutes 2.5 "
    "hours days 21 Q2 March June 2025 out 5 8/10 5-point scale on , . ; : ! ? currently baseline new key "
    "qualified enterprise target practices sessions cycle length sales-cycle role-play save"
)
WORDS = _WORDS.split()  # the words generated goals are made of
GOALISH = st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join)


def _inputs(text: str) -> tuple[TokenView, list[Value], str]:
    """Return what extraction passes build_metrics for one goal."""
    seen: list[tuple[TokenView, list[Value], str]] = []

    def spy(view: TokenView, values: list[Value], text: str) -> list[Metric]:
        seen.append((view, values, text))
        return measures.build_metrics(view, values, text)

    with mock.patch.object(extract_module, "build_metrics", spy):
        LINTER.check(text)
    return seen[0]


def _plain_candidates(view: TokenView, values: list[Value]) -> list[measures._Candidate]:
    out = []
    for h in view.hits.get("metric", ()):
        if h.end < len(view.lower) and (
            view.lower[h.end] == "-" or not view.starts.get(h.end, set()).isdisjoint(measures._MODIFIER_LABELS)
        ):
            continue
        out.append(measures._Candidate(h.text.lower(), h.start, h.end, (h.char_start, h.char_end, h.text)))
    value_token_ends = {view.token_at_char(v.end - 1) + 1 for v in values if v.role != "scale"}
    for h in view.hits.get("count_noun", ()):
        before = view.window_before(h.start, 5)
        cue = any(view.lower[i] in measures._COUNT_CUES for i in before[-2:])
        counted = h.start in value_token_ends or not value_token_ends.isdisjoint(before)
        named = cue or counted or view.any_label(before[-3:], measures._DIRECTION_LABELS)
        if named and (h.end >= len(view.lower) or view.lower[h.end] != "-"):
            out.append(measures._Candidate(h.text.lower(), h.start, h.end, (h.char_start, h.char_end, h.text)))
    out.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[measures._Candidate] = []
    for c in out:
        if not kept or c.start >= kept[-1].end:
            kept.append(c)
    return kept


def _plain_attach(view: TokenView, v: Value, candidates: list[measures._Candidate], text: str) -> None:
    vtok = view.token_at_char(v.start)
    vend = view.token_at_char(v.end - 1) + 1
    candidates.sort(key=lambda c: c.start)
    sentence, last = view.sentence, len(view.sentence) - 1
    after_sentence, before_sentence = sentence[min(vend, last)], sentence[min(vtok, last)]
    after = [c for c in candidates if vend <= c.start <= vend + 4 and sentence[min(c.start, last)] == after_sentence]
    before = [
        c for c in candidates if c.end <= vtok and not c.counted and sentence[min(c.end, last)] == before_sentence
    ]
    lead = text[max(0, v.start - 8) : v.start].lower()
    bound = v.role in {"baseline", "change"} or v.comparator or measures._BOUND_LEAD.search(lead)
    span = (v.start, v.end, text[v.start : v.end])
    if bound and before:
        verb = measures._verb_before(view, vtok)
        objects = [c for c in before if verb is not None and c.start > verb]
        (objects[0] if objects else before[-1]).values.append(v)
    elif after:
        target = after[0]
        phrase = measures._noun_after(view, text, v)
        if phrase and target.name in phrase and not target.values:
            target.name = phrase
        target.values.append(v)
    elif v.kind in {"count", "rank"} and measures._noun_after(view, text, v):
        candidates.append(
            measures._Candidate(measures._noun_after(view, text, v) or "", vtok, vend, span, [v], counted=True)
        )
    elif before and v.kind not in {"money"}:
        before[-1].values.append(v)
    else:
        name = measures._noun_after(view, text, v) or measures._word_before(view, vtok) or "value"
        candidates.append(measures._Candidate(name, vtok, vend, span, [v]))


def _plain_direction(
    view: TokenView, c: measures._Candidate, target: Value | None, baseline: Value | None
) -> str | None:
    first = min([view.token_at_char(v.start) for v in c.values] or [c.start])
    verb = None
    for j in measures._words_before(view, first, 14):
        labels = view.covers.get(j)
        if not labels or "metric" in labels:
            continue
        verb = next((label for label in measures._DIRECTIONS if label in labels), None)
        if verb is not None:
            break
    if verb is not None and not (verb == "direction_better" and target and baseline):
        return measures._DIRECTIONS[verb]
    if target and baseline:
        return "increase" if target.value * factor(target.unit, baseline.unit) > baseline.value else "decrease"
    if target and target.kind == "multiplier":
        return "decrease" if target.value < 1 else "increase"
    return "reach" if target else None


def _plain_metric(view: TokenView, c: measures._Candidate, scale: Value | None) -> Metric:
    text = view.text
    targets = [v for v in c.values if v.role in {"target", "change"}]
    baselines = [v for v in c.values if v.role == "baseline"]
    staged = len(targets) > 1 and all(t.kind == targets[0].kind for t in targets) and measures._dated(text, targets)
    target = (targets[-1] if staged else targets[0]) if targets else None
    baseline = baselines[0] if baselines else None
    return Metric(
        name=c.name,
        span=measures._span(*c.where),
        target=measures._quantity(target, text) if target else None,
        baseline=measures._quantity(baseline, text) if baseline else None,
        unit=(target or baseline).unit if (target or baseline) else None,
        scale=measures._scale(scale, text) if scale and target and target.kind in {"count", "score"} else None,
        direction=_plain_direction(view, c, target, baseline),
        change=bool(target and target.role == "change"),
    )


def _plain_build(view: TokenView, values: list[Value], text: str) -> list[Metric]:
    by_sentence: dict[int, list[measures._Candidate]] = defaultdict(list)
    for c in _plain_candidates(view, values):
        by_sentence[view.sentence[c.start]].append(c)
    scale = next((v for v in values if v.role == "scale"), None)
    for v in values:
        if v.role == "scale" or not measures._is_measure_value(view, v, text):
            continue
        _plain_attach(view, v, by_sentence[view.sentence[view.token_at_char(v.start)]], text)
    candidates = sorted((c for group in by_sentence.values() for c in group), key=lambda c: c.start)
    metrics = [_plain_metric(view, c, scale) for c in candidates]
    if scale and metrics and not any(m.scale for m in metrics):
        metrics[0] = metrics[0].model_copy(update={"scale": measures._scale(scale, text)})
    return metrics


def _dumps(metrics: list[Metric]) -> list[str]:
    return [m.model_dump_json() for m in metrics]


def _assert_same(text: str) -> list[Metric]:
    view, values, text = _inputs(text)
    metrics = measures.build_metrics(view, values, text)
    assert _dumps(metrics) == _dumps(_plain_build(view, values, text)), text
    return metrics


def test_corpus_goals_equal_the_plain_algorithm() -> None:
    texts = [
        json.loads(line)["text"]
        for f in sorted((ROOT / "corpus").glob("*.jsonl"))
        for line in f.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    metrics = [m for text in texts for m in _assert_same(text)]
    # Not a comparison of empty lists: the corpus reaches bare measures, targets, baselines, scales, directions.
    assert sum(m.target is None for m in metrics) > 20
    assert sum(m.target is not None for m in metrics) > 100
    assert sum(m.baseline is not None for m in metrics) > 5
    assert sum(m.scale is not None for m in metrics) > 0
    assert {m.direction for m in metrics} == {None, "increase", "decrease", "reach", "maintain"}


@SETTINGS
@given(GOALISH)
def test_generated_goals_equal_the_plain_algorithm(text: str) -> None:
    _assert_same(text)
