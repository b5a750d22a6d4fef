"""Compose a rewrite from its shape: the core, then each missing piece in the shape's order.

Values come from one function per rewrite: a typed placeholder in `placeholders` mode, a pack's
suggestion in `suggest` mode (the baseline is always a placeholder: only the author knows it). The
result is a list of parts that, joined, is the rewritten goal; `tidy` fixes the spacing where parts
meet without ever changing a kept part's words.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Callable
from dataclasses import dataclass

from .analyze import Analysis, words_after
from .choose import Choices, Option
from .core import CoreBuilder, kept, render
from .dates import deadline_options, phase_dates
from .models import Edit, Mode, Part, Phase
from .templates import Shape, Templates

_LEVEL_WORD = re.compile(r"\b(?:foundational|basic|advanced|intermediate|expert)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Settings:
    """How one rewrite is made."""

    mode: Mode
    alternatives: int
    phased: bool
    reference: dt.date
    fy_start: int
    conservative: bool = False


class Composer:
    """Build the parts of one rewrite."""

    def __init__(self, analysis: Analysis, templates: Templates, choices: Choices, settings: Settings) -> None:
        self.a = analysis
        self.t = templates
        self.choices = choices
        self.s = settings
        self.shape = analysis.shape
        self.source = templates.shape_sources.get(self.shape.id, "")
        self.metric_suggested = False
        self.phases: list[Phase] = []
        self.phases_source = ""
        self.deadline_value: list[Part] | None = None

    def template(self, text: str) -> Part:
        """Return a piece of the template's own wording."""
        return Part(text=text, origin="template", source=self.source)

    def options(self, slot: str) -> list[Option]:
        """Return the suggestion options of a slot, best first."""
        if slot == "deadline":
            quarters = deadline_options(self.s.reference, self.s.fy_start, max(1, self.s.alternatives))
            src = f"reference date {self.s.reference.isoformat()}: the end of the next quarter"
            return [Option(f"end of {q.label}", src) for q in quarters]
        if slot == "target" and not self.metric_suggested:
            return []
        return list(getattr(self.choices, slot, ()))

    def value(self, slot: str) -> list[Part]:
        """Return the parts that fill a slot: a placeholder, or a suggestion in suggest mode."""
        if slot == "deadline" and self.deadline_value is not None:
            return self.deadline_value
        opts = [] if slot == "baseline" else self.options(slot)
        alts = tuple(o.text for o in opts[: self.s.alternatives])
        if self.s.mode == "suggest" and opts:
            if slot == "metric":
                self.metric_suggested = True
            best = opts[0]
            return [Part(text=best.text, origin="suggestion", slot=slot, source=best.source, alternatives=alts)]  # type: ignore[arg-type]
        return [Part(text=self.t.slot(slot), origin="placeholder", slot=slot, alternatives=alts)]  # type: ignore[arg-type]

    def compose(self) -> tuple[list[Part], list[Edit]]:
        """Return the rewrite's parts and the edits made to the author's words."""
        if self.s.phased:
            self._plan_phases()
        builder = CoreBuilder(self.a, self.t, self.shape, self.value, self.source)
        if not self.s.conservative:
            builder.reframe_head()
            builder.vague()
            builder.object_metric()
        if self.s.mode == "suggest":
            builder.fill_placeholders()
        builder.metric_values()
        core = [] if _only_vague(self.a) else builder.parts()  # "TBD": nothing of the author's to keep
        shape = self.shape
        if not core:
            shape = next((s for s in self.t.shapes if s.id == "purpose"), shape)
        present = self.a.present
        pieces = {
            "role": "role" not in present,
            "measure": "metric" not in present and not builder.state.target,
            "deadline": "deadline" not in present and not builder.state.deadline,
            "activity": "activity" not in present,
            "priority": "priority" not in present,
        }
        parts: list[Part] = []
        for literal, name, _, _ in string.Formatter().parse(shape.text):
            if literal:
                parts.append(self.template(literal))
            if name == "core":
                if core:
                    parts += self._core(core, shape)
            elif name == "measure" and pieces["measure"] and builder.state.metric:
                parts += render(self.t.phrase(shape, "object_measure"), self.value, self.template)
            elif name and pieces.get(name):
                parts += self._piece(shape, name)
        parts += builder.state.tail + self._milestones()
        return finish(parts, self.template), builder.edits()

    def _core(self, core: list[Part], shape: Shape) -> list[Part]:
        phrase = self.t.phrase(shape, "core")
        if not phrase.startswith("{core}"):
            core = [_recase(core[0], lower=True), *core[1:]]  # "..., to support market access strategy"
        return render(phrase, lambda _: core, self.template)

    def _piece(self, shape: Shape, name: str) -> list[Part]:
        phrase_name = "deadline_cadence" if name == "deadline" and self.a.result.cadences else name
        return render(self.t.phrase(shape, phrase_name), self.value, self.template)

    # ---- the development path -------------------------------------------------------------------------
    def _plan_phases(self) -> None:
        # The phases of the packs that fit the goal, as its suggestions are: field sales for an HCP goal only.
        path = self.t.phases_for(self.choices.tiers)
        if path is None:
            return
        self.phases_source = path.source
        deadline = self.a.result.deadline.end if self.a.result.deadline else None
        dates = phase_dates(self.s.reference, self.s.fy_start, deadline, len(path.stages))
        skill = self._phase_skill()
        for stage, (label, due) in zip(path.stages, dates, strict=False):
            text = "".join(p.text for p in render(stage.text, lambda _: skill, self.template))
            self.phases.append(Phase(stage=stage.stage, label=label, due=due, text=text))
        if deadline is None and self.phases:
            src = f"reference date {self.s.reference.isoformat()}: the last stage of the development path"
            label = self.phases[-1].label
            text = f"end of {label}" if label.startswith("Q") else label
            self.deadline_value = [Part(text=text, origin="suggestion", slot="deadline", source=src)]

    def _phase_skill(self) -> list[Part]:
        head = self.a.head
        if head is not None and head.kind == "skill" and not self.a.generic_object:
            obj = words_after(self.a.text, head.object_start, 5)
            if obj and len(obj) <= 4:
                start, end = obj[0].start(), obj[-1].end()
                plain = _LEVEL_WORD.sub("", self.a.text[start:end])
                if plain == self.a.text[start:end]:
                    return [kept(self.a.text, start, end)]
                return [Part(text=plain, origin="kept", span=kept(self.a.text, start, end).span)]
        return self.value("skill")

    def _milestones(self) -> list[Part]:
        if not self.phases or "milestones" in self.a.present:
            return []
        sep = self.t.phrases["milestone_separator"]
        items: list[Part] = []
        for i, phase in enumerate(self.phases):
            src = f"{self.phases_source}: phases[{i}] ({phase.stage})"
            fields = {"label": phase.label, "text": phase.text}
            line = render(
                self.t.phrases["milestone"],
                lambda n, f=fields, s=src: [Part(text=f[n], origin="suggestion", slot="milestones", source=s)],
                self.template,
            )
            items += ([self.template(sep)] if i else []) + line
        return render(self.t.phrases["milestones"], lambda _: items, self.template)


def _only_vague(a: Analysis) -> bool:
    start, end = a.body
    chars = list(a.text[start:end])
    if any(t.category == "weak-verb" for t in a.result.vague_terms):
        return False  # "Get fit": the author's intent, however vague, is kept
    for term in a.result.vague_terms:
        for i in range(max(term.span.start, start), min(term.span.end, end)):
            chars[i - start] = " "
    return bool(a.result.vague_terms) and not re.search(r"\w", "".join(chars))


def _recase(part: Part, *, lower: bool) -> Part:
    text = part.text
    if not text or (lower and text[1:2].isupper()):
        return part  # an acronym ("KAMs") keeps its case
    first = text[0].lower() if lower else text[0].upper()
    return part.model_copy(update={"text": first + text[1:]})


def finish(parts: list[Part], template: Callable[[str], Part]) -> list[Part]:
    """Tidy the spacing where parts meet, capitalize the first letter and end the goal with a period."""
    parts = [p for p in parts if p.text]
    for i in range(len(parts) - 1):
        here, nxt = parts[i], parts[i + 1]
        if here.text.endswith(" ") and (nxt.text[:1] in " ,.;:" or not nxt.text):
            parts[i] = _trim(here, len(here.text) - len(here.text.rstrip(" ")), end=True)
        if parts[i].text.rstrip().endswith(",") and nxt.text.startswith(","):
            parts[i + 1] = _trim(nxt, 1, end=False)
    parts = [p for p in parts if p.text]
    if parts:
        parts[0] = _trim(parts[0], len(parts[0].text) - len(parts[0].text.lstrip()), end=False)
        parts[-1] = _trim(parts[-1], len(parts[-1].text) - len(parts[-1].text.rstrip()), end=True)
        if parts[0].origin != "kept":
            parts[0] = _recase(parts[0], lower=False)  # the author's own first letter stays as written
        if not parts[-1].text.endswith("."):
            parts.append(template("."))
    return _merge([p for p in parts if p.text])


def _trim(part: Part, count: int, *, end: bool) -> Part:
    if count <= 0:
        return part
    text = part.text[:-count] if end else part.text[count:]
    update: dict[str, object] = {"text": text}
    if part.span is not None and part.origin == "kept":
        span = part.span
        start, stop = (span.start, span.end - count) if end else (span.start + count, span.end)
        update["span"] = span.model_copy(
            update={"start": start, "end": stop, "text": span.text[:-count] if end else span.text[count:]}
        )
    return part.model_copy(update=update)


def _merge(parts: list[Part]) -> list[Part]:
    out: list[Part] = []
    for p in parts:
        last = out[-1] if out else None
        if last is not None and last.origin == p.origin == "template" and last.source == p.source:
            out[-1] = last.model_copy(update={"text": last.text + p.text})
        else:
            out.append(p)
    return out
