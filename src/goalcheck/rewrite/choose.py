"""Choose the values `suggest` mode fills in: role, skill, metric, target, activity, priority, accounts.

Every value comes from a pack (pack.yaml `suggest` and `priorities`, rewrite/templates.yaml `targets`
and `accounts`) and carries its source. First the pack: a slot's values come from the packs whose field
the goal names (its `suggest.domain_terms`, or a priority of the pack the goal serves), or else from the
general packs (goalcheck.rulebook.domains). Then shared words, deterministic and explainable: the goal's
priority and words pick the role and the skill, the skill picks the metric, and together they pick the
priority a goal without one serves and the activity that fits it. Ties keep the pack's order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from goalcheck.rulebook import load_rulebook
from goalcheck.rulebook.domains import Fields
from goalcheck.rulebook.loader import read_yaml, validate
from goalcheck.rulebook.spec import MetricSuggestion, PackSpec, PriorityDef

from .templates import Templates, pack_folders

_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "on",
        "in",
        "for",
        "to",
        "with",
        "and",
        "or",
        "by",
        "from",
        "at",
        "as",
        "is",
        "are",
        "be",
        "will",
        "our",
        "my",
        "their",
        "your",
        "each",
        "per",
        "its",
        "that",
        "this",
        "these",
        "those",
        "than",
        "into",
        "over",
        "under",
        "up",
        "team",
        "teams",
    ]
)


def words(text: str) -> frozenset[str]:
    """Return the content words of a text, lower case, plural -s removed."""
    out = set()
    for w in re.findall(r"[a-z0-9]+", text.lower()):
        if w in _STOP:
            continue
        out.add(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w)
    return frozenset(out)


@dataclass(frozen=True)
class Option:
    """A value to suggest, the pack entry it comes from and the pack's position (-1: not a pack's)."""

    text: str
    source: str
    pack: int = -1


@dataclass(frozen=True)
class PackValues:
    """The suggestion lists of every pack, merged, each value with its source."""

    skills: tuple[Option, ...]
    metrics: tuple[tuple[MetricSuggestion, str, int], ...]  # the metric, its source, its pack's position
    activities: tuple[Option, ...]
    roles: tuple[Option, ...]
    priorities: tuple[tuple[PriorityDef, str], ...]
    fields: Fields
    labels: tuple[str, ...]  # each pack's label (`templates.pack_folders`), by its position in `fields`


@lru_cache(maxsize=8)
def pack_values(
    packs: tuple[str, ...], rule_paths: tuple[Path, ...], configured: tuple[PriorityDef, ...] = ()
) -> PackValues:
    """Read every pack's pack.yaml; a later pack's suggestions come first (they are more specific).

    `configured` are the configuration's own priorities (`Config.priorities`): one with a known id
    replaces the pack's, a new one is added. Which packs fit a goal is the rule book's (`RuleBook.fields`):
    its packs are these, in this order.
    """
    skills: list[Option] = []
    metrics: list[tuple[MetricSuggestion, str, int]] = []
    activities: list[Option] = []
    roles: list[Option] = []
    priorities: dict[str, tuple[PriorityDef, str]] = {}
    labels: list[str] = []
    for label, folder in pack_folders(packs, rule_paths):
        path = folder / "pack.yaml"
        if not path.is_file():
            continue
        spec = validate(PackSpec, read_yaml(path), path)
        where, n = f"{label}/pack.yaml", len(labels)
        s = spec.suggest
        labels.append(label)
        skills[:0] = [Option(v, f"{where}: suggest.skills[{i}]", n) for i, v in enumerate(s.skills)]
        metrics[:0] = [(m, f"{where}: suggest.metrics[{i}]", n) for i, m in enumerate(s.metrics)]
        activities[:0] = [Option(v, f"{where}: suggest.activities[{i}]", n) for i, v in enumerate(s.activities)]
        roles[:0] = [Option(v, f"{where}: suggest.roles[{i}]", n) for i, v in enumerate(s.roles)]
        priorities.update({p.id: (p, f"{where}: priorities[{p.id}]") for p in spec.priorities})
    priorities.update({p.id: (p, f"configuration: priorities[{p.id}]") for p in configured})
    return PackValues(
        tuple(skills),
        tuple(metrics),
        tuple(activities),
        tuple(roles),
        tuple(priorities.values()),
        load_rulebook(packs, rule_paths).fields,
        tuple(labels),
    )


def fitting(options: Sequence[Option], tiers: Sequence[Sequence[int]]) -> list[Option]:
    """Return the options of the first tier of packs that has any (a configuration's own come first)."""
    own = [o for o in options if o.pack < 0]
    for tier in tiers:
        found = [o for o in options if o.pack in tier]
        if found:
            return own + found
    return own


def ranked(options: Sequence[Option], context: frozenset[str]) -> list[Option]:
    """Sort options by the words they share with the context, most first; ties keep their order."""
    return sorted(options, key=lambda o: -len(words(o.text) & context))


def priority_words(p: PriorityDef) -> frozenset[str]:
    """Return the words that name a priority: its name, synonyms and skills."""
    return words(" ".join((p.name, *p.synonyms, *p.skills)))


def priority_value(p: PriorityDef) -> str:
    """Return a priority's name as it reads after "to support" ("improving customer engagement")."""
    name = p.name
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


@dataclass(frozen=True)
class Choices:
    """The options for every slot, best first."""

    role: tuple[Option, ...]
    skill: tuple[Option, ...]
    metric: tuple[Option, ...]
    target: tuple[Option, ...]
    activity: tuple[Option, ...]
    priority: tuple[Option, ...]
    accounts: tuple[Option, ...]
    tiers: tuple[tuple[str, ...], ...]  # the packs (by label) in the order their values fit the goal


class Chooser:
    """Pick suggestion values for one configuration's packs."""

    def __init__(self, values: PackValues, templates: Templates) -> None:
        self.values = values
        self.templates = templates

    def priority(self, priority_id: str) -> PriorityDef | None:
        """Return a configured priority by id."""
        return next((p for p, _ in self.values.priorities if p.id == priority_id), None)

    def choose(self, goal: str, priority_id: str | None, role: str | None) -> Choices:
        """Return the options for every slot of a goal, given its priority and role when it has them."""
        context = words(goal)
        fields = self.values.fields
        tiers = fields.tiers(goal, [priority_id] if priority_id else [])
        known = self.priority(priority_id) if priority_id else None
        known_words = priority_words(known) if known else frozenset()
        roles = ranked(fitting(self.values.roles, tiers), context | known_words) if role is None else []
        skill_pool = fitting(self.values.skills, tiers)
        if known is not None:
            src = next(s for p, s in self.values.priorities if p.id == known.id)
            skill_pool[:0] = [Option(v, f"{src}.skills[{i}]") for i, v in enumerate(known.skills)]
        skills = ranked(_unique(skill_pool), context | known_words)
        skill_words = words(skills[0].text) if skills else frozenset()
        metric_opts = [Option(m.name, s, n) for m, s, n in self.values.metrics]
        metrics = ranked(fitting(metric_opts, tiers), context | skill_words | known_words)
        chosen_metric = words(metrics[0].text) if metrics else frozenset()
        # A general pack's values fit any goal: their words say nothing about the priority it serves, and a
        # priority picked for a goal outside its field says nothing about the activity.
        in_field = known is not None or any(i not in fields.general for tier in tiers[:1] for i in tier)
        if known is not None:
            priorities = [Option(priority_value(known), self._source(known))]
        else:
            skill = skills[0].text.lower() if skills else ""
            derived = words(role or "") | _telling(roles[:1] + skills[:1] + metrics[:1], fields.general)

            def score(p: PriorityDef) -> int:
                # The chosen skill listed under a priority decides; then the goal's own words count double.
                named = 3 if skill in (s.lower() for s in p.skills) else 0
                return named + 2 * len(priority_words(p) & context) + len(priority_words(p) & derived)

            scored = sorted(self.values.priorities, key=lambda ps: -score(ps[0]))
            priorities = [Option(priority_value(p), s) for p, s in scored]
        prio_words = frozenset()
        if priorities and in_field:
            prio_words = priority_words(self.priority_by_value(priorities[0].text))
        activities = ranked(fitting(self.values.activities, tiers), context | skill_words | chosen_metric | prio_words)
        return Choices(
            role=tuple(roles),
            skill=tuple(skills),
            metric=tuple(metrics),
            target=tuple(self.targets(metrics[0].text)) if metrics else (),
            activity=tuple(activities),
            priority=tuple(priorities),
            accounts=tuple(Option(a, s) for a, s in self.templates.accounts),
            tiers=tuple(tuple(self.values.labels[i] for i in tier) for tier in tiers),
        )

    def priority_by_value(self, value: str) -> PriorityDef:
        """Return the priority whose display value this is."""
        return next(p for p, _ in self.values.priorities if priority_value(p) == value)

    def _source(self, p: PriorityDef) -> str:
        return next(s for q, s in self.values.priorities if q.id == p.id)

    def targets(self, metric: str) -> list[Option]:
        """Return the targets to suggest for a suggested metric: by its name, then by its scale or unit."""
        spec = next((m for m, *_ in self.values.metrics if m.name == metric), None)
        found = [Option(t.value, s) for t, s in self.templates.targets if t.metric == metric]
        if spec is not None:
            found += [
                Option(t.value, s)
                for t, s in self.templates.targets
                if t.metric is None and ((t.scale and t.scale == spec.scale) or (t.unit and t.unit == spec.unit))
            ]
        return found


def _telling(options: Iterable[Option], general: frozenset[int]) -> frozenset[str]:
    """Return the words of the options that come from a domain pack (or from the configuration)."""
    return frozenset(w for o in options if o.pack not in general for w in words(o.text))


def _unique(options: Iterable[Option]) -> list[Option]:
    seen: set[str] = set()
    out = []
    for o in options:
        if o.text.lower() not in seen:
            seen.add(o.text.lower())
            out.append(o)
    return out
