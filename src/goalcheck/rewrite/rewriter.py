"""REWRITE: turn a goal into a SMART+ goal, keeping the author's words and facts.

The Rewriter checks the goal, reads its parts (`analyze`), chooses values for what is missing
(`choose`), composes the shape (`compose`) and checks the result again. A rewrite never scores lower
than its original: if the full rewrite would (a reframed verb the linter reads differently, say), the
conservative one (only additions, no word of the author's changed) is used, and failing that the goal
is returned as it was.
"""

from __future__ import annotations

from functools import lru_cache

from goalcheck.config import Config
from goalcheck.linter import Linter
from goalcheck.models import Dimension, Finding, GoalResult

from .analyze import (
    Analysis,
    body_of,
    find_placeholders,
    generic_object,
    head_verb,
    level_of,
    present_slots,
    select_shape,
)
from .choose import Chooser, words
from .compose import Composer, Settings
from .core import kept
from .models import SLOT_NAMES, Edit, Mode, Part, Rewrite
from .templates import load_templates

# The rule that says a slot is missing; the rewrite adds a slot only when its rule runs.
SLOT_RULES: dict[str, frozenset[str]] = {
    "role": frozenset({"RO01"}),
    "metric": frozenset({"ME01"}),
    "target": frozenset({"ME02"}),
    "baseline": frozenset({"ME03"}),
    "activity": frozenset({"AC01"}),
    "deadline": frozenset({"TI01", "TI02"}),
    "priority": frozenset({"ST01"}),
}


class Rewriter:
    """Rewrite goals under one configuration; build it once and reuse it."""

    def __init__(self, config: Config | None = None) -> None:
        from .choose import pack_values

        self.config = config or Config()
        self.linter = _linter(self.config)
        self.reference = self.linter.reference_date
        self.templates = load_templates(self.config.packs, tuple(self.config.rule_paths))
        self.values = pack_values(self.config.packs, tuple(self.config.rule_paths), tuple(self.config.priorities))
        self.chooser = Chooser(self.values, self.templates)
        self.skill_words = words(" ".join(self.templates.skill_words))
        # A pack's skills, and their last two words: "clinical objection handling", "objection handling".
        names = [o.text.lower() for o in self.values.skills] + [
            s.lower() for p, _ in self.values.priorities for s in p.skills
        ]
        self.skills = tuple(sorted({n for name in names for n in (name, " ".join(name.split()[-2:]))}))
        self.enabled = frozenset(r.id for r in self.linter.rules)

    def rewrite(
        self,
        text: str,
        mode: Mode = "placeholders",
        *,
        alternatives: int = 0,
        phased: bool = False,
        role: str | None = None,
    ) -> Rewrite:
        """Rewrite one goal; `role` is the role its document names (a heading, a `role:` key), if any."""
        if mode not in ("placeholders", "suggest"):
            raise ValueError(f"mode must be 'placeholders' or 'suggest', not {mode!r}")
        if alternatives < 0:
            raise ValueError("alternatives must be 0 or more")
        before = self.linter.check(text)
        analysis = self.analyze(before, role)
        settings = Settings(mode, alternatives, phased, self.reference, self.config.fiscal_year_start_month)
        best = None
        for conservative in (False, True):
            candidate = self._compose(analysis, settings, conservative)
            if candidate.score_after >= before.score:
                return candidate
            best = best or candidate
        return self._unchanged(before, mode)

    def analyze(self, result: GoalResult, role: str | None = None) -> Analysis:
        """Read a checked goal: its head verb, present slots, shape, level and whether its skill is generic."""
        text = result.text
        placeholders = find_placeholders(text, self.templates)
        present = present_slots(result, placeholders, self.values, role)
        # A slot whose rule this configuration does not run is not asked for (`ignore = ["RO01"]`).
        present |= {slot for slot, codes in SLOT_RULES.items() if not codes & self.enabled}
        head = head_verb(result, self.templates, self.skill_words, self.skills)
        configured = next((p for p in result.priorities if p.configured), None)
        role_text = role or next((" ".join(filter(None, (r.level, r.name))) for r in result.roles), None)
        return Analysis(
            text=text,
            result=result,
            body=body_of(text),
            placeholders=placeholders,
            present=present,
            head=head,
            shape=select_shape(self.templates, result, present, head),
            level=None,
            role_text=role_text,
            generic_object=generic_object(result, head, self.templates.purpose_verbs),
            priority_id=configured.id if configured else None,
            words=words(text),
        )

    def _compose(self, analysis: Analysis, settings: Settings, conservative: bool) -> Rewrite:
        choices = self.chooser.choose(analysis.text, analysis.priority_id, analysis.role_text)
        role_text = analysis.role_text
        if role_text is None and settings.mode == "suggest" and choices.role:
            role_text = choices.role[0].text
        analysis.level = level_of(role_text, self.templates)
        composer = Composer(analysis, self.templates, choices, _with(settings, conservative))
        parts, edits = composer.compose()
        return self._result(analysis.result, parts, edits, settings.mode, analysis.shape.id, composer)

    def _result(
        self,
        before: GoalResult,
        parts: list[Part],
        edits: list[Edit],
        mode: Mode,
        shape: str,
        composer: Composer | None,
    ) -> Rewrite:
        text = "".join(p.text for p in parts)
        after = before if text == before.text else self.linter.check(text)
        missing = {p.slot for p in parts if p.origin == "placeholder"}
        return Rewrite(
            original=before.text,
            text=text,
            mode=mode,
            shape=shape,
            parts=tuple(parts),
            edits=tuple(edits),
            missing=tuple(s for s in SLOT_NAMES if s in missing),
            phases=tuple(composer.phases) if composer is not None else (),
            score_before=before.score,
            score_after=after.score,
            findings=after.findings,
            needs_author=author_findings(before, after, parts),
            reference_date=self.reference,
        )

    def _unchanged(self, before: GoalResult, mode: Mode) -> Rewrite:
        parts = [kept(before.text, 0, len(before.text))] if before.text else []
        return self._result(before, parts, [], mode, "unchanged", None)


def author_findings(before: GoalResult, after: GoalResult, parts: list[Part]) -> tuple[Finding, ...]:
    """Return the rewrite's plausibility findings on the author's own values, which no rewrite changes.

    A finding counts when it lies within a kept run of the rewrite and the original has the same finding
    on the same words: "130%", "from 3% to 7%" with "reduce", a deadline already past.
    """
    kept_runs, at = [], 0
    for p in parts:
        if p.origin == "kept":
            kept_runs.append((at, at + len(p.text)))
        at += len(p.text)
    own = {(f.code, before.text[f.start : f.end]) for f in before.findings}
    return tuple(
        f
        for f in after.findings
        if f.dimension is Dimension.ACHIEVABLE
        and (f.code, after.text[f.start : f.end]) in own
        and any(s <= f.start and f.end <= e for s, e in kept_runs)
    )


def _with(settings: Settings, conservative: bool) -> Settings:
    return Settings(
        settings.mode, settings.alternatives, settings.phased, settings.reference, settings.fy_start, conservative
    )


@lru_cache(maxsize=16)
def _linter(config: Config) -> Linter:
    return Linter(config)


@lru_cache(maxsize=16)
def rewriter(config: Config) -> Rewriter:
    """Return the (cached) Rewriter of a configuration."""
    return Rewriter(config)
