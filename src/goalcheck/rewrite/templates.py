"""Load the rewrite templates: goal shapes, phrases, vague-term actions, levels, targets and phases.

Templates are data, like rules: `rules/<pack>/rewrite/templates.yaml` in every pack folder, validated
by `template_spec.TemplateSpec` so a typo names the file and the line. Packs merge in order, so a domain
pack or an organization's folder in `Config.rule_paths` overrides single phrases or shapes without
copying the rest; only the phases stay each pack's own, chosen by the goal's field. (The file sits in a
`rewrite/` subfolder because the rule loader reads every YAML file at a pack's top level as a rule file.)
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from goalcheck.errors import RulePackError
from goalcheck.rulebook import builtin_packs_dir
from goalcheck.rulebook.loader import read_yaml, validate

from .template_spec import PHRASE_FIELDS, Level, PhaseDef, Shape, TargetDef, TemplateSpec, TermAction, VagueRules

TEMPLATE_FILE = Path("rewrite") / "templates.yaml"


class PackPhases(BaseModel):
    """One pack's development path (`--phased`), the pack it belongs to and the file it comes from."""

    model_config = ConfigDict(frozen=True)

    pack: str  # the pack's label: a built-in pack's name, or the folder of one in `Config.rule_paths`
    stages: tuple[PhaseDef, ...]
    source: str


class Templates(BaseModel):
    """Every pack's templates merged; `sources` says which pack file each shape and value came from.

    Phases are not merged: each pack keeps its own, and a rewrite takes those of the packs that fit the
    goal (`phases_for`), as it does the suggestions. A pack's path in field-sales terms is not a nurse's.
    """

    model_config = ConfigDict(frozen=True)

    placeholder: str
    labels: dict[str, str]
    phrases: dict[str, str]
    shapes: tuple[Shape, ...]
    levels: tuple[Level, ...]
    verb: str
    measured_verb: str
    skill_words: tuple[str, ...]
    measured_objects: tuple[str, ...]
    purpose_verbs: tuple[str, ...]
    vague: VagueRules
    targets: tuple[tuple[TargetDef, str], ...]
    accounts: tuple[tuple[str, str], ...]
    phases: tuple[PackPhases, ...]  # every pack's that has any, in merge order
    shape_sources: dict[str, str]

    def phrase(self, shape: Shape, name: str) -> str:
        """Return a shape's phrase, or the default one."""
        return getattr(shape.phrases, name) or self.phrases.get(name, "")

    def phases_for(self, tiers: Sequence[Collection[str]]) -> PackPhases | None:
        """Return the phases of the first tier of packs (by label) that has any; a later pack first in a tier.

        The tiers are the packs in the order their values fit a goal (`rulebook.domains.Fields.tiers`): the
        packs whose field it names, the general packs, the others. A pack in none comes last.
        """
        for tier in (*tiers, None):
            found = next((p for p in reversed(self.phases) if tier is None or p.pack in tier), None)
            if found is not None:
                return found
        return None

    def slot(self, name: str) -> str:
        """Return the placeholder for a slot, e.g. `[deadline]`, `[observable behaviour]` (its label)."""
        return self.placeholder.format(slot=self.labels.get(name, name))

    def slot_of(self, label: str) -> str:
        """Return the slot a placeholder's words name (`observable behaviour` -> `behaviour`)."""
        return next((slot for slot, text in self.labels.items() if text == label), label)

    @property
    def placeholder_pattern(self) -> re.Pattern[str]:
        """Match any placeholder in a text (group 1 is its slot name or label)."""
        before, after = self.placeholder.split("{slot}")
        return re.compile(re.escape(before) + r"([a-z]+(?: [a-z]+)*)" + re.escape(after))


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
            specs.append((label, f"{label}/{TEMPLATE_FILE.as_posix()}", read_templates(path)))
    if not specs:
        raise RulePackError(builtin_packs_dir() / "generic" / TEMPLATE_FILE, None, "no pack provides rewrite templates")
    return _merge(specs)


def _merge(specs: list[tuple[str, str, TemplateSpec]]) -> Templates:
    placeholder, verb, measured_verb = "[{slot}]", "demonstrate", "raise"
    labels: dict[str, str] = {}
    needed: str | None = None
    phrases: dict[str, str] = {}
    shapes: list[Shape] = []
    shape_sources: dict[str, str] = {}
    levels: dict[str, Level] = {}
    skill_words: list[str] = []
    measured: list[str] = []
    purpose: list[str] = []
    categories: dict[str, str] = {}
    terms: dict[str, TermAction] = {}
    targets: list[tuple[TargetDef, str]] = []
    accounts: list[tuple[str, str]] = []
    phases: list[PackPhases] = []
    for label, source, spec in specs:
        placeholder = spec.placeholder or placeholder
        labels.update(spec.labels)
        needed = spec.vague.needed or needed
        verb = spec.heads.verb or verb
        measured_verb = spec.heads.measured_verb or measured_verb
        phrases.update(spec.phrases.given())
        shapes = _merge_shapes(shapes, spec.shapes)
        shape_sources.update({s.id: source for s in spec.shapes})
        levels.update({lv.id: lv for lv in spec.levels})
        skill_words += [w for w in spec.heads.skill_words if w not in skill_words]
        measured += [w for w in spec.heads.measured_objects if w not in measured]
        purpose += [w for w in spec.heads.purpose_verbs if w not in purpose]
        categories.update(spec.vague.categories)
        terms.update(spec.vague.terms)
        targets = [(t, f"{source}: targets[{i}]") for i, t in enumerate(spec.targets)] + targets
        accounts = [(a, f"{source}: accounts[{i}]") for i, a in enumerate(spec.accounts)] + accounts
        if spec.phases:
            phases.append(PackPhases(pack=label, stages=spec.phases, source=source))
    missing = sorted(set(PHRASE_FIELDS) - set(phrases))
    if missing:
        raise RulePackError(specs[0][1], None, f"templates define no phrase for {missing}")
    if not shapes:
        raise RulePackError(specs[0][1], None, "templates define no shape")
    return Templates(
        placeholder=placeholder,
        labels=labels,
        phrases=phrases,
        shapes=tuple(shapes),
        levels=tuple(levels.values()),
        verb=verb,
        measured_verb=measured_verb,
        skill_words=tuple(skill_words),
        measured_objects=tuple(measured),
        purpose_verbs=tuple(purpose),
        vague=VagueRules(categories=categories, terms=terms, needed=needed),  # type: ignore[arg-type]
        targets=tuple(targets),
        accounts=tuple(accounts),
        phases=tuple(phases),
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
