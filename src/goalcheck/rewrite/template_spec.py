"""Define the schema of a pack's `rewrite/templates.yaml` (validated with `extra="forbid"`: a typo names its line).

Every section is optional, so a pack or an organization's folder overrides only what it names. The
closed sets (facts a shape may test, actions on vague words, the values each phrase may use) are here.
"""

from __future__ import annotations

import re
import string
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from .models import SlotName

Facet = Literal["strategic", "metric", "target", "baseline", "action", "role", "deadline", "milestones", "cadence"]
Head = Literal["skill", "purpose", "weak"]
VagueAction = Literal["drop", "replace", "target", "deadline", "behaviour", "practices", "keep"]
NeededAction = Literal["behaviour", "keep"]
# Each phrase and the values it may use; a phrase renders one missing piece of a goal.
PHRASE_FIELDS: dict[str, frozenset[str]] = {
    "core": frozenset({"core"}),
    "role": frozenset({"role"}),
    "skill": frozenset({"skill"}),
    "measure": frozenset({"metric", "baseline", "target"}),
    "range": frozenset({"baseline", "target"}),
    "baseline_to": frozenset({"baseline"}),
    "baseline_change": frozenset({"baseline"}),
    "baseline_tail": frozenset({"baseline"}),
    "target_after_baseline": frozenset({"target"}),
    "deadline": frozenset({"deadline"}),
    "deadline_cadence": frozenset({"deadline"}),
    "activity": frozenset({"activity", "accounts"}),
    "priority": frozenset({"priority"}),
    "milestones": frozenset({"milestones"}),
    "milestone": frozenset({"label", "text"}),
    "milestone_separator": frozenset(),
    "behaviour": frozenset({"behaviour"}),
    "behaviour_verb": frozenset({"behaviour"}),
    "object_metric": frozenset({"metric"}),
    "object_measure": frozenset({"baseline", "target"}),
}
PIECES = frozenset({"role", "core", "measure", "deadline", "activity", "priority"})
REQUIRED_PIECES = PIECES


def fields_of(template: str) -> set[str]:
    """Return the `{field}` names a format string uses."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Phrases(_Strict):
    """The phrases that add a missing piece; each may use only its own values (see PHRASE_FIELDS)."""

    core: str | None = None
    role: str | None = None
    skill: str | None = None
    measure: str | None = None
    range: str | None = None
    baseline_to: str | None = None
    baseline_change: str | None = None
    baseline_tail: str | None = None
    target_after_baseline: str | None = None
    deadline: str | None = None
    deadline_cadence: str | None = None
    activity: str | None = None
    priority: str | None = None
    milestones: str | None = None
    milestone: str | None = None
    milestone_separator: str | None = None
    behaviour: str | None = None
    behaviour_verb: str | None = None
    object_metric: str | None = None
    object_measure: str | None = None

    @field_validator("*")
    @classmethod
    def _fields(cls, value: str | None, info: ValidationInfo) -> str | None:
        allowed = PHRASE_FIELDS[info.field_name or ""]
        unknown = fields_of(value or "") - allowed
        if unknown:
            raise ValueError(f"phrase '{info.field_name}' cannot use {sorted(unknown)}; it may use {sorted(allowed)}")
        return value

    def given(self) -> dict[str, str]:
        """Return the phrases this file sets."""
        return {k: v for k, v in self.model_dump().items() if v is not None}


class ShapeWhen(_Strict):
    """When a shape applies: facts the goal has or lacks, words it mentions, the kind of its head verb."""

    has: tuple[Facet, ...] = ()
    lacks: tuple[Facet, ...] = ()
    words: tuple[str, ...] = ()
    head: tuple[Head, ...] = ()


class Shape(_Strict):
    """A goal shape: the order of the goal's pieces and the phrases that differ from the defaults."""

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    description: str
    when: ShapeWhen = ShapeWhen()
    text: str
    phrases: Phrases = Phrases()

    @field_validator("text")
    @classmethod
    def _pieces(cls, value: str) -> str:
        used = fields_of(value)
        if used - PIECES:
            raise ValueError(f"unknown piece(s) {sorted(used - PIECES)}; known: {sorted(PIECES)}")
        if REQUIRED_PIECES - used:
            raise ValueError(f"a shape must place {sorted(REQUIRED_PIECES - used)}")
        return value


class Level(_Strict):
    """A development level: the words that name it in a role, and the adjective its skills take."""

    id: str
    words: tuple[str, ...] = Field(min_length=1)
    adjective: str


class TermAction(_Strict):
    """What to do with one vague term: drop it, replace it, or turn it into a slot."""

    action: VagueAction
    text: str = ""

    @model_validator(mode="after")
    def _replacement(self) -> TermAction:
        if self.action == "replace" and not self.text:
            raise ValueError("action 'replace' needs a text")
        return self


class VagueRules(_Strict):
    """Actions on vague terms, by category and by term (a term's action wins)."""

    categories: dict[str, VagueAction] = {}
    terms: dict[str, TermAction] = {}
    needed: NeededAction | None = None

    @field_validator("terms", mode="before")
    @classmethod
    def _short_form(cls, value: object) -> object:
        if isinstance(value, dict):  # `as needed: drop` is short for `as needed: {action: drop}`
            return {k.lower(): {"action": v} if isinstance(v, str) else v for k, v in value.items()}
        return value


class Heads(_Strict):
    """How a weak head verb is rewritten: the verb for skills, the words that make an object a skill."""

    verb: str | None = None
    measured_verb: str | None = None
    skill_words: tuple[str, ...] = ()
    purpose_verbs: tuple[str, ...] = ()
    measured_objects: tuple[str, ...] = ()


class TargetDef(_Strict):
    """A target to suggest for a metric, by its name, or by its scale or unit."""

    metric: str | None = None
    scale: str | None = None
    unit: str | None = None
    value: str


class PhaseDef(_Strict):
    """One stage of the time-phased development path; `{skill}` is the goal's skill."""

    stage: str
    text: str

    @field_validator("text")
    @classmethod
    def _skill_only(cls, value: str) -> str:
        if fields_of(value) - {"skill"}:
            raise ValueError("a phase text may use only {skill}")
        return value


class TemplateSpec(_Strict):
    """A pack's `rewrite/templates.yaml`; every section is optional, so a pack overrides only what it names."""

    placeholder: str | None = None
    labels: dict[SlotName, str] = {}
    phrases: Phrases = Phrases()
    shapes: tuple[Shape, ...] = ()
    levels: tuple[Level, ...] = ()
    heads: Heads = Heads()
    vague: VagueRules = VagueRules()
    targets: tuple[TargetDef, ...] = ()
    accounts: tuple[str, ...] = ()
    phases: tuple[PhaseDef, ...] = ()

    @field_validator("placeholder")
    @classmethod
    def _slot_field(cls, value: str | None) -> str | None:
        if value is not None and fields_of(value) != {"slot"}:
            raise ValueError("the placeholder format must use {slot} and nothing else, e.g. '[{slot}]'")
        return value

    @field_validator("labels")
    @classmethod
    def _label_words(cls, value: dict[str, str]) -> dict[str, str]:
        bad = [label for label in value.values() if not re.fullmatch(r"[a-z]+(?: [a-z]+)*", label)]
        if bad:
            raise ValueError(f"a label is lowercase words separated by spaces, not {bad}")
        return value
