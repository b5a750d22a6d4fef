"""Load the rewrite templates: goal shapes, phrases, vague-term actions, levels, targets and phases.

Templates are data, like rules: `rules/<pack>/rewrite/templates.yaml` in every pack folder, validated
with `extra="forbid"` so a typo names the file and the line. Packs merge in order, so a domain pack or
an organization's folder in `Config.rule_paths` overrides single phrases or shapes without copying
the rest. (The file sits in a `rewrite/` subfolder because the rule loader reads every YAML file at a
pack's top level as a rule file.)
"""

from __future__ import annotations

import re
import string
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from goalcheck.errors import RulePackError
from goalcheck.rulebook import builtin_packs_dir
from goalcheck.rulebook.loader import read_yaml, validate

TEMPLATE_FILE = Path("rewrite") / "templates.yaml"
Facet = Literal["strategic", "metric", "target", "baseline", "action", "role", "deadline", "milestones", "cadence"]
Head = Literal["skill", "purpose", "weak"]
VagueAction = Literal["drop", "replace", "target", "deadline", "keep"]
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
}
PIECES = frozenset({"role", "core", "measure", "deadline", "activity", "priority"})
REQUIRED_PIECES = PIECES


def fields_of(template: str) -> set[str]:
    """Return the `{field}` names a format string uses."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _check_phrases(phrases: dict[str, str]) -> dict[str, str]:
    for name, text in phrases.items():
        unknown = fields_of(text) - PHRASE_FIELDS[name]
        if unknown:
            raise ValueError(f"phrase '{name}' cannot use {sorted(unknown)}; it may use {sorted(PHRASE_FIELDS[name])}")
    return phrases


PhraseName = Literal[tuple(PHRASE_FIELDS)]  # type: ignore[valid-type]


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
    phrases: dict[PhraseName, str] = {}  # type: ignore[valid-type]

    @field_validator("text")
    @classmethod
    def _pieces(cls, value: str) -> str:
        used = fields_of(value)
        if used - PIECES:
            raise ValueError(f"unknown piece(s) {sorted(used - PIECES)}; known: {sorted(PIECES)}")
        if REQUIRED_PIECES - used:
            raise ValueError(f"a shape must place {sorted(REQUIRED_PIECES - used)}")
        return value

    @field_validator("phrases")
    @classmethod
    def _phrases(cls, value: dict[str, str]) -> dict[str, str]:
        return _check_phrases(value)


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

    @field_validator("terms", mode="before")
    @classmethod
    def _short_form(cls, value: object) -> object:
        if isinstance(value, dict):  # `as needed: drop` is short for `as needed: {action: drop}`
            return {k.lower(): {"action": v} if isinstance(v, str) else v for k, v in value.items()}
        return value


class Heads(_Strict):
    """How a weak head verb is rewritten: the verb for skills, the words that make an object a skill."""

    verb: str | None = None
    skill_words: tuple[str, ...] = ()
    purpose_verbs: tuple[str, ...] = ()


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
    phrases: dict[PhraseName, str] = {}  # type: ignore[valid-type]
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

    @field_validator("phrases")
    @classmethod
    def _phrases(cls, value: dict[str, str]) -> dict[str, str]:
        return _check_phrases(value)


class Templates(BaseModel):
    """Every pack's templates merged; `sources` says which pack file each shape and value came from."""

    model_config = ConfigDict(frozen=True)

    placeholder: str
    phrases: dict[str, str]
    shapes: tuple[Shape, ...]
    levels: tuple[Level, ...]
    verb: str
    skill_words: tuple[str, ...]
    purpose_verbs: tuple[str, ...]
    vague: VagueRules
    targets: tuple[tuple[TargetDef, str], ...]
    accounts: tuple[tuple[str, str], ...]
    phases: tuple[PhaseDef, ...]
    phases_source: str
    shape_sources: dict[str, str]

    def phrase(self, shape: Shape, name: str) -> str:
        """Return a shape's phrase, or the default one."""
        return shape.phrases.get(name, self.phrases.get(name, ""))

    def slot(self, name: str) -> str:
        """Return the placeholder for a slot, e.g. `[deadline]`."""
        return self.placeholder.format(slot=name)

    @property
    def placeholder_pattern(self) -> re.Pattern[str]:
        """Match any placeholder of a known slot in a text (group 1 is the slot name)."""
        before, after = self.placeholder.split("{slot}")
        return re.compile(re.escape(before) + r"([a-z]+)" + re.escape(after))


def pack_folders(packs: tuple[str, ...], rule_paths: tuple[Path, ...]) -> list[tuple[str, Path]]:
    """Return (label, folder) for every pack of a configuration, in merge order."""
    root = builtin_packs_dir()
    return [(name, root / name) for name in packs] + [(str(p), Path(p)) for p in rule_paths]


def read_templates(path: Path) -> TemplateSpec:
    """Read and validate one templates file; errors name the file and the line."""
    return validate(TemplateSpec, read_yaml(path), path)


@lru_cache(maxsize=8)
def load_templates(packs: tuple[str, ...], rule_paths: tuple[Path, ...] = ()) -> Templates:
    """Load and merge the templates of every pack: later packs override phrases, shapes and levels by id."""
    specs = []
    for label, folder in pack_folders(packs, rule_paths):
        path = folder / TEMPLATE_FILE
        if path.is_file():
            specs.append((f"{label}/{TEMPLATE_FILE.as_posix()}", read_templates(path)))
    if not specs:
        raise RulePackError(builtin_packs_dir() / "generic" / TEMPLATE_FILE, None, "no pack provides rewrite templates")
    return _merge(specs)


def _merge(specs: list[tuple[str, TemplateSpec]]) -> Templates:
    placeholder, verb = "[{slot}]", "demonstrate"
    phrases: dict[str, str] = {}
    shapes: list[Shape] = []
    shape_sources: dict[str, str] = {}
    levels: dict[str, Level] = {}
    skill_words: list[str] = []
    purpose: list[str] = []
    categories: dict[str, str] = {}
    terms: dict[str, TermAction] = {}
    targets: list[tuple[TargetDef, str]] = []
    accounts: list[tuple[str, str]] = []
    phases: tuple[PhaseDef, ...] = ()
    phases_source = ""
    for source, spec in specs:
        placeholder = spec.placeholder or placeholder
        verb = spec.heads.verb or verb
        phrases.update(spec.phrases)
        shapes = _merge_shapes(shapes, spec.shapes)
        shape_sources.update({s.id: source for s in spec.shapes})
        levels.update({lv.id: lv for lv in spec.levels})
        skill_words += [w for w in spec.heads.skill_words if w not in skill_words]
        purpose += [w for w in spec.heads.purpose_verbs if w not in purpose]
        categories.update(spec.vague.categories)
        terms.update(spec.vague.terms)
        targets = [(t, f"{source}: targets[{i}]") for i, t in enumerate(spec.targets)] + targets
        accounts = [(a, f"{source}: accounts[{i}]") for i, a in enumerate(spec.accounts)] + accounts
        if spec.phases:
            phases, phases_source = spec.phases, source
    missing = sorted(set(PHRASE_FIELDS) - set(phrases))
    if missing:
        raise RulePackError(specs[0][0], None, f"templates define no phrase for {missing}")
    if not shapes:
        raise RulePackError(specs[0][0], None, "templates define no shape")
    return Templates(
        placeholder=placeholder,
        phrases=phrases,
        shapes=tuple(shapes),
        levels=tuple(levels.values()),
        verb=verb,
        skill_words=tuple(skill_words),
        purpose_verbs=tuple(purpose),
        vague=VagueRules(categories=categories, terms=terms),
        targets=tuple(targets),
        accounts=tuple(accounts),
        phases=phases,
        phases_source=phases_source,
        shape_sources=shape_sources,
    )


def _merge_shapes(shapes: list[Shape], added: tuple[Shape, ...]) -> list[Shape]:
    """Replace shapes with the same id in place; a later pack's new shapes are tried first (house style)."""
    merged = list(shapes)
    new = []
    for shape in added:
        index = next((i for i, s in enumerate(merged) if s.id == shape.id), None)
        if index is None:
            new.append(shape)
        else:
            merged[index] = shape
    return new + merged
