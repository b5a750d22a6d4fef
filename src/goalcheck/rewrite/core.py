"""Build the core of a rewrite: the author's own words, with a closed set of changes.

The changes are: drop a vague word, replace it, turn it into a slot (`several reps` -> `[target] reps`,
`soon` -> `by [deadline]`), reframe a weak verb on a skill (`improve selling skills` -> `demonstrate
foundational selling skills`), and insert the missing value of a metric (`from [baseline]`). Everything
else is kept, character for character, with its span in the original.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from goalcheck.models import TextSpan, VagueTerm

from .analyze import PREPOSITIONS, Analysis, adjective_position, object_words, words_after
from .models import Edit, Part
from .templates import Shape, Templates
from .vague import VagueEdits

Value = Callable[[str], list[Part]]
_TO_TARGET = re.compile(
    r"\bto\s+(?:(?:at\s+least|at\s+most|over|above|under|below|about|around|approximately|nearly|"
    r"almost|more\s+than|less\s+than|fewer\s+than|no\s+more\s+than)\s+)?$",
    re.IGNORECASE,
)
_NUMERIC_KINDS = frozenset({"percent", "money", "count", "score", "multiplier", "rank", "duration"})


@dataclass(frozen=True)
class Change:
    """Replace original[start:end] with `parts` (an insertion when start == end)."""

    start: int
    end: int
    parts: tuple[Part, ...]
    edit: Edit | None = None


@dataclass
class CoreState:
    """What the core's changes already supplied, so the shape does not add it twice."""

    deadline: bool = False
    target: bool = False
    metric: bool = False
    changes: list[Change] = field(default_factory=list)
    tail: list[Part] = field(default_factory=list)


class CoreBuilder(VagueEdits):
    """Collect the changes to a goal's words and return its core as parts."""

    def __init__(self, analysis: Analysis, templates: Templates, shape: Shape, value: Value, source: str) -> None:
        self.a = analysis
        self.t = templates
        self.shape = shape
        self.value = value
        self.source = source
        self.state = CoreState()

    def template(self, text: str) -> Part:
        """Return a piece of the template's own wording."""
        return Part(text=text, origin="template", source=self.source)

    def add(self, start: int, end: int, parts: list[Part], edit: Edit | None = None) -> None:
        """Record a change unless it overlaps one already made (earlier changes win; deletions merge)."""
        for i, c in enumerate(self.state.changes):
            if (start < c.end and c.start < end) or (start == end and c.start < start < c.end):
                if parts or c.parts or start == end:
                    return
                merged = Change(min(start, c.start), max(end, c.end), (), c.edit)
                self.state.changes[i] = merged
                if edit is not None:
                    self.state.changes.append(Change(merged.end, merged.end, (), edit))
                return
        self.state.changes.append(Change(start, end, tuple(parts), edit))

    # ---- the head verb ------------------------------------------------------------------------------
    def reframe_head(self) -> None:
        """Replace a weak verb on a skill with the templates' verb, and add the level's adjective."""
        head = self.a.head
        if head is None or head.kind != "skill":
            return
        text = self.a.text
        verb, reason = self.t.verb, "a skill is shown, then measured"
        if verb.lower() in text.lower() and verb.lower() != "show":
            verb = "show"  # "demonstrate ..., demonstrated by ..." reads twice
        measured = self._measured_object()
        if measured:
            verb, reason = self.t.measured_verb, "the goal's own value measures it"
        original = head.span.text
        if original.lower() not in {self.t.verb.lower(), "show"}:
            new = verb[:1].upper() + verb[1:] if original[:1].isupper() else verb
            term = VagueTerm(category="weak-verb", span=head.span)
            self.add(
                head.span.start,
                head.span.end,
                [self.template(new)],
                self._edit("reframe", term, head.span.start, head.span.end, new, reason),
            )
        if measured:
            return  # "Raise selling skills to 2": a level adjective or a named skill would change the measure
        at = adjective_position(self.a.result, head)
        if self.a.level is not None and at is not None:
            self.add(at, at, [self.template(self.a.level.adjective + " ")])
        if self.a.generic_object and "skill" not in self.a.present:
            obj = object_words(self.a.result, head)
            self.phrase_at(obj[-1].end() if obj else head.span.end, "skill")

    # ---- vague words ----------------------------------------------------------------------------------
    # ---- placeholders and metric values ---------------------------------------------------------------
    def _measured_object(self) -> bool:
        """Tell whether the head verb's own clause gives the value ("improve X by 10%", "... from 3 to 4")."""
        head, text = self.a.head, self.a.text
        assert head is not None
        comma = re.search(r"[,;:]", text[head.span.end :])
        clause_end = head.span.end + comma.start() if comma else len(text)
        return any(
            m.target is not None
            and head.span.end <= m.target.span.start < clause_end
            and m.direction in (None, "increase", "reach")
            for m in self.a.result.metrics
        )

    def fill_placeholders(self) -> None:
        """In suggest mode, put a suggestion in place of each placeholder that has one."""
        for slot, spans in self.a.placeholders.items():
            if slot == "metric":  # "the [metric] of relationships": a pack's metric names its own object
                spans = [(s, e) for s, e in spans if not re.match(r"\s+of\b", self.a.text[e:])]
            parts = self.value(slot) if spans else []
            if all(p.origin == "placeholder" for p in parts):
                continue
            for start, end in spans:
                self.add(start, end, parts)

    def object_metric(self) -> None:
        """Give a weak verb on a thing only measured its metric: "Grow the [metric] of social media presence"."""
        measured = frozenset(self.t.measured_objects)
        placeholder = Part(text=self.t.slot("metric"), origin="placeholder", slot="metric")
        for term in self.a.result.vague_terms:
            head = self.a.head
            if term.category != "weak-verb" or (head is not None and head.kind == "skill" and term.span == head.span):
                continue
            obj = [m.group().lower() for m in words_after(self.a.text, term.span.end, 4)]
            if not obj or obj[0] in {"a", "an"} | PREPOSITIONS or not measured & set(obj):
                continue
            phrase = render(self.t.phrase(self.shape, "object_metric"), lambda _: [placeholder], self.template)
            self.add(term.span.end, term.span.end, phrase)
            self.state.metric = True

    def metric_values(self) -> None:
        """Insert a metric's missing baseline or target next to the values it has."""
        present = self.a.present | ({"target"} if self.state.target else set())
        metric = self.a.result.primary_metric
        need_target, need_baseline = "target" not in present, "baseline" not in present
        if metric is None or not (need_target or need_baseline):
            if metric is None and self.state.target and need_baseline:
                self.tail("baseline_tail")
            return
        if need_target and need_baseline:
            self.phrase_at(self._after_noun_phrase(metric.span.end if metric.span else None), "range")
        elif need_baseline and metric.target is None:
            self.tail("baseline_tail")  # "Read [target] books ... (baseline: [baseline])"
        elif need_baseline and metric.target is not None:
            q = metric.target
            numeric = q.kind in _NUMERIC_KINDS and any(c.isdigit() for c in q.span.text)
            to = _TO_TARGET.search(self.a.text[: q.span.start])
            if to and numeric:
                self.phrase_at(to.start(), "baseline_to")
            elif metric.change and numeric:
                self.phrase_at(q.span.end, "baseline_change")
            else:
                self.tail("baseline_tail")
        elif need_target and metric.baseline is not None:
            self.phrase_at(metric.baseline.span.end, "target_after_baseline")

    def _after_noun_phrase(self, end: int | None) -> int:
        """Return where a metric's noun phrase ends ("call| volume by ..." -> "call volume| by ...")."""
        text, limit = self.a.text, self.a.body[1]
        if end is None or end > limit or re.match(r"[\w'’]", text[end : end + 1]):
            return limit
        for _ in range(3):
            m = re.match(r"\s+([\w'’-]+)", text[end:limit])
            if not m or m.group(1).lower() in PREPOSITIONS or not m.group(1)[:1].isalpha():
                break
            if any(c.start < end + m.end() and end + m.start(1) < c.end for c in self.state.changes):
                break  # a word being changed ("starts| significantly")
            end += m.end()
        return end

    def tail(self, name: str) -> None:
        """Add a phrase at the end of the goal, after every piece the shape adds (a note such as the baseline)."""
        self.state.tail += render(self.t.phrase(self.shape, name), self.value, self.template)

    def phrase_at(self, at: int, name: str) -> None:
        """Insert a phrase with its slot values at an offset of the original."""
        self.add(at, at, render(self.t.phrase(self.shape, name), self.value, self.template))

    # ---- result ---------------------------------------------------------------------------------------
    def parts(self) -> list[Part]:
        """Return the core: kept runs of the body between the changes."""
        start, end = self.a.body
        text = self.a.text
        out: list[Part] = []
        cursor = start
        for c in sorted(self.state.changes, key=lambda c: (c.start, c.end)):
            if c.start > cursor:
                out.append(kept(text, cursor, min(c.start, end)))
            out.extend(c.parts)
            cursor = max(cursor, c.end)
        if cursor < end:
            out.append(kept(text, cursor, end))
        out = [p for p in out if p.text]
        if out and out[-1].origin == "kept":
            last = out[-1]
            trimmed = last.text.rstrip(" ,;:—–-")  # "grade faster, etc." -> "grade"
            if trimmed != last.text and trimmed:
                out[-1] = kept(text, last.span.start, last.span.start + len(trimmed))  # type: ignore[union-attr]
        return out

    def edits(self) -> list[Edit]:
        """Return the edits of the author's words, in text order."""
        return [c.edit for c in sorted(self.state.changes, key=lambda c: c.start) if c.edit is not None]


def kept(text: str, start: int, end: int) -> Part:
    """Return a run of the original, kept as it is."""
    return Part(text=text[start:end], origin="kept", span=TextSpan(start=start, end=end, text=text[start:end]))


def render(phrase: str, value: Value, template: Callable[[str], Part]) -> list[Part]:
    """Render a phrase: its own words as template parts, each `{slot}` as that slot's value."""
    out: list[Part] = []
    for literal, name in re.findall(r"([^{]*)(?:\{(\w+)\})?", phrase):
        if literal:
            out.append(template(literal))
        if name:
            out.extend(value(name))
    return out
