"""Choose the values `suggest` mode fills in: role, skill, metric, target, activity, priority, accounts.

Every value comes from a pack (pack.yaml `suggest` and `priorities`, rewrite/templates.yaml `targets`
and `accounts`) and carries its source. The choice is by shared words, deterministic and explainable:
the goal's priority and words pick the role and the skill, the skill picks the metric, and together they
pick the priority a goal without one serves and the activity that fits it. Ties keep the pack's order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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
    """A value to suggest and the pack entry it comes from."""

    text: str
    source: str


@dataclass(frozen=True)
class PackValues:
    """The suggestion lists of every pack, merged, each value with its source."""

    skills: tuple[Option, ...]
    metrics: tuple[tuple[MetricSuggestion, str], ...]
    activities: tuple[Option, ...]
    roles: tuple[Option, ...]
    priorities: tuple[tuple[PriorityDef, str], ...]


@lru_cache(maxsize=8)
def pack_values(
    packs: tuple[str, ...], rule_paths: tuple[Path, ...], configured: tuple[PriorityDef, ...] = ()
) -> PackValues:
    """Read every pack's pack.yaml; a later pack's suggestions come first (they are more specific).

    `configured` are the configuration's own priorities (`Config.priorities`): one with a known id
    replaces the pack's, a new one is added.
    """
    skills: list[Option] = []
    metrics: list[tuple[MetricSuggestion, str]] = []
    activities: list[Option] = []
    roles: list[Option] = []
    priorities: dict[str, tuple[PriorityDef, str]] = {}
    for label, folder in pack_folders(packs, rule_paths):
        path = folder / "pack.yaml"
        if not path.is_file():
            continue
        spec = validate(PackSpec, read_yaml(path), path)
        where = f"{label}/pack.yaml"
        s = spec.suggest
        skills[:0] = [Option(v, f"{where}: suggest.skills[{i}]") for i, v in enumerate(s.skills)]
        metrics[:0] = [(m, f"{where}: suggest.metrics[{i}]") for i, m in enumerate(s.metrics)]
        activities[:0] = [Option(v, f"{where}: suggest.activities[{i}]") for i, v in enumerate(s.activities)]
        roles[:0] = [Option(v, f"{where}: suggest.roles[{i}]") for i, v in enumerate(s.roles)]
        priorities.update({p.id: (p, f"{where}: priorities[{p.id}]") for p in spec.priorities})
    priorities.update({p.id: (p, f"configuration: priorities[{p.id}]") for p in configured})
    return PackValues(tuple(skills), tuple(metrics), tuple(activities), tuple(roles), tuple(priorities.values()))


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
        known = self.priority(priority_id) if priority_id else None
        known_words = priority_words(known) if known else frozenset()
        roles = ranked(self.values.roles, context | known_words) if role is None else []
        role_words = words(role or (roles[0].text if roles else ""))
        skill_pool = list(self.values.skills)
        if known is not None:
            src = next(s for p, s in self.values.priorities if p.id == known.id)
            skill_pool[:0] = [Option(v, f"{src}.skills[{i}]") for i, v in enumerate(known.skills)]
        skills = ranked(_unique(skill_pool), context | known_words)
        skill_words = words(skills[0].text) if skills else frozenset()
        metric_opts = [Option(m.name, s) for m, s in self.values.metrics]
        metrics = ranked(metric_opts, context | skill_words | known_words)
        chosen_metric = words(metrics[0].text) if metrics else frozenset()
        if known is not None:
            priorities = [Option(priority_value(known), self._source(known))]
        else:
            skill = skills[0].text.lower() if skills else ""
            derived = skill_words | chosen_metric | role_words

            def score(p: PriorityDef) -> int:
                # The chosen skill listed under a priority decides; then the goal's own words count double.
                named = 3 if skill in (s.lower() for s in p.skills) else 0
                return named + 2 * len(priority_words(p) & context) + len(priority_words(p) & derived)

            scored = sorted(self.values.priorities, key=lambda ps: -score(ps[0]))
            priorities = [Option(priority_value(p), s) for p, s in scored]
        prio_words = priority_words(self.priority_by_value(priorities[0].text)) if priorities else frozenset()
        activities = ranked(self.values.activities, context | skill_words | chosen_metric | prio_words)
        return Choices(
            role=tuple(roles),
            skill=tuple(skills),
            metric=tuple(metrics),
            target=tuple(self.targets(metrics[0].text)) if metrics else (),
            activity=tuple(activities),
            priority=tuple(priorities),
            accounts=tuple(Option(a, s) for a, s in self.templates.accounts),
        )

    def priority_by_value(self, value: str) -> PriorityDef:
        """Return the priority whose display value this is."""
        return next(p for p, _ in self.values.priorities if priority_value(p) == value)

    def _source(self, p: PriorityDef) -> str:
        return next(s for q, s in self.values.priorities if q.id == p.id)

    def targets(self, metric: str) -> list[Option]:
        """Return the targets to suggest for a suggested metric: by its name, then by its scale or unit."""
        spec = next((m for m, _ in self.values.metrics if m.name == metric), None)
        found = [Option(t.value, s) for t, s in self.templates.targets if t.metric == metric]
        if spec is not None:
            found += [
                Option(t.value, s)
                for t, s in self.templates.targets
                if t.metric is None and ((t.scale and t.scale == spec.scale) or (t.unit and t.unit == spec.unit))
            ]
        return found


def _unique(options: Iterable[Option]) -> list[Option]:
    seen: set[str] = set()
    out = []
    for o in options:
        if o.text.lower() not in seen:
            seen.add(o.text.lower())
            out.append(o)
    return out
