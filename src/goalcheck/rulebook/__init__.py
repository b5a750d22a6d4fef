"""Load and merge rule packs into one RuleBook: rules, vocabulary, grammar, priorities, suggestions.

The rule packs are data in the repository's top-level `rules/` folder (shipped inside the wheel as
`goalcheck/rules`); this subpackage is the engine that reads them.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import cached_property, lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from goalcheck.errors import RulePackError

from .domains import Fields, PackSuggestions
from .loader import LoadedPack, load_pack
from .spec import Grammar, PackSpec, PriorityDef, RuleSpec, SuggestSpec, Vocabulary

__all__ = ["PriorityDef", "RuleBook", "RuleSpec", "builtin_packs_dir", "load_rulebook"]


def builtin_packs_dir() -> Path:
    """Return the folder holding the built-in packs (inside the wheel, or the source checkout)."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "rules", here.parent.parent / "rules"):
        if (candidate / "generic" / "pack.yaml").is_file():
            return candidate
    raise RulePackError(here / "rules", None, "built-in rule packs not found; reinstall goalcheck")


class RuleBook(BaseModel):
    """Every pack of a configuration merged: later packs add words, priorities and rules."""

    model_config = ConfigDict(frozen=True)

    packs: tuple[str, ...]
    rules: tuple[RuleSpec, ...]
    vocabulary: dict[str, tuple[str, ...]]
    irregular_forms: dict[str, tuple[str, ...]]
    grammar: Grammar
    priorities: tuple[PriorityDef, ...]
    suggest: SuggestSpec
    # Every pack's own suggestions, in load order: `suggestions_for` picks those that fit a goal.
    pack_suggestions: tuple[PackSuggestions, ...] = ()

    def with_priorities(self, extra: Sequence[PriorityDef]) -> RuleBook:
        """Return this book with more priorities: one with a known id replaces it, a new id is added."""
        if not extra:
            return self
        merged = {p.id: p for p in self.priorities}
        merged.update({p.id: p for p in extra})
        return self.model_copy(update={"priorities": tuple(merged.values())})

    def with_vocabulary(self, *, accept: Sequence[str] = (), reject: Sequence[str] = ()) -> RuleBook:
        """Return this book with an organization's own words: `accept` never vague, `reject` always (CL03)."""
        if not accept and not reject:
            return self
        rejected = {t.strip().lower() for t in reject}
        vocab = dict(self.vocabulary)
        vocab["accept"] = tuple(t for t in (*vocab["accept"], *accept) if t.strip().lower() not in rejected)
        vocab["adjective"] = (*vocab["adjective"], *reject)
        return self.model_copy(update={"vocabulary": vocab})

    def suggestions_for(self, text: str, priority_ids: Collection[str] = ()) -> SuggestSpec:
        """Return the suggestions that fit a goal: its field's pack's, or the general packs' (rulebook.domains)."""
        # Each field read once: a read goes through pydantic's `__getattr__` hook (~350 instructions in Python 3.11),
        # and a goal that uses a suggestion asks here.
        packs = self.pack_suggestions
        if not packs:
            return self.suggest
        return self._fields_of(packs).suggest(text, priority_ids)

    @property
    def fields(self) -> Fields:
        """Which packs' suggestions fit a goal (rulebook.domains), built once a book, not once a goal."""
        return self._fields_of(self.pack_suggestions)

    def _fields_of(self, packs: tuple[PackSuggestions, ...]) -> Fields:
        cached, fields = self._fields
        return fields if cached is packs else Fields(packs)  # a copy with other packs (model_copy copies the cache)

    @cached_property
    def _fields(self) -> tuple[tuple[PackSuggestions, ...], Fields]:
        return self.pack_suggestions, Fields(self.pack_suggestions)

    def priority_names(self) -> dict[str, str]:
        """Return the configured priorities' names by id, built once a book, not once a goal that names one."""
        priorities, names = self._priority_names
        if priorities is not self.priorities:  # a copy with other priorities (model_copy copies the cache)
            return {p.id: p.name for p in self.priorities}
        return names

    @cached_property
    def _priority_names(self) -> tuple[tuple[PriorityDef, ...], dict[str, str]]:
        return self.priorities, {p.id: p.name for p in self.priorities}

    def rule(self, code_or_name: str) -> RuleSpec | None:
        """Find a rule by id, name or alias (case-insensitive for ids)."""
        key = code_or_name.strip()
        for rule in self.rules:
            if key.upper() == rule.id or key == rule.name or key in rule.aliases:
                return rule
        return None


def _merge(loaded: Sequence[LoadedPack]) -> RuleBook:
    vocab: dict[str, list[str]] = {name: [] for name in Vocabulary.model_fields}
    irregular: dict[str, tuple[str, ...]] = {}
    rules: dict[str, RuleSpec] = {}
    names: dict[str, str] = {}
    priorities: dict[str, PriorityDef] = {}
    suggest = SuggestSpec()
    grammar: Grammar | None = None
    for pack in loaded:
        for category, terms in pack.vocabulary.model_dump().items():
            vocab[category].extend(t for t in terms if t not in vocab[category])
        irregular.update(pack.spec.irregular_forms)
        for rule in pack.rules:
            if rule.name in names and names[rule.name] != rule.id:
                raise RulePackError(pack.path, None, f"rule name '{rule.name}' is used by {names[rule.name]} already")
            rules[rule.id] = rule
            names[rule.name] = rule.id
        for prio in pack.spec.priorities:
            priorities[prio.id] = prio
        suggest = _merge_suggest(suggest, pack.spec)
        grammar = pack.grammar or grammar
    if grammar is None:
        raise RulePackError(loaded[0].path, None, "no pack provides grammar.yaml (include the 'generic' pack)")
    return RuleBook(
        packs=tuple(p.spec.name for p in loaded),
        rules=tuple(sorted(rules.values(), key=lambda r: r.id)),
        vocabulary={k: tuple(v) for k, v in vocab.items()},
        irregular_forms=irregular,
        grammar=grammar,
        priorities=tuple(priorities.values()),
        suggest=suggest,
        pack_suggestions=tuple(
            PackSuggestions(p.spec.name, p.spec.suggest, tuple(q.id for q in p.spec.priorities)) for p in loaded
        ),
    )


def _merge_suggest(base: SuggestSpec, pack: PackSpec) -> SuggestSpec:
    add = pack.suggest
    # A domain pack's concrete suggestions come first: they are more specific than the generic ones.
    return SuggestSpec(
        skills=add.skills + base.skills,
        metrics=add.metrics + base.metrics,
        activities=add.activities + base.activities,
        roles=add.roles + base.roles,
    )


@lru_cache(maxsize=8)
def load_rulebook(packs: tuple[str, ...], extra_paths: tuple[Path, ...] = ()) -> RuleBook:
    """Load built-in packs by name, then extra pack folders, and merge them (cached per process)."""
    root = builtin_packs_dir()
    folders = []
    for name in packs:
        folder = root / name
        if not (folder / "pack.yaml").is_file():
            known = sorted(p.name for p in root.iterdir() if (p / "pack.yaml").is_file())
            raise RulePackError(folder, None, f"unknown pack '{name}' (built-in packs: {', '.join(known)})")
        folders.append(folder)
    folders.extend(extra_paths)
    return _merge([load_pack(f) for f in folders])
