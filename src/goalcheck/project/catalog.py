"""Know every rule `goalcheck check` can report: goal rules of the packs, document rules, meta rules.

Goal rules (`rules/<pack>/`) run in the Linter; document rules (`rules/document/`, kind `document`) run over
goal documents; meta rules (`rules/meta/`, kind `meta`) report on suppression comments. Selectors
(codes, code prefixes, names, aliases, dimensions) mean the same everywhere: config, flags, comments.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field

from goalcheck.errors import ConfigError, RulePackError
from goalcheck.rulebook import RuleSpec, builtin_packs_dir, load_rulebook
from goalcheck.rulebook.loader import RULE_FILE, line_of, read_yaml, validate
from goalcheck.rulebook.spec import RuleText

DOCUMENT_FOLDER = "document"
META_FOLDER = "meta"


class MetaRule(RuleText):
    """A rule about goalcheck's own comments (GC01 unused-suppression ...), as written in `rules/meta/`."""

    id: str = Field(pattern=r"^GC\d{2}$")
    kind: Literal["meta"]

    @property
    def dimension(self) -> None:
        """Meta rules belong to no SMART+ dimension."""
        return None


AnyRule = RuleSpec | MetaRule


def _load(model: type[RuleSpec] | type[MetaRule], folder: str) -> tuple:
    """Load the rule files of a folder of `rules/` that is not a goal pack (it has no pack.yaml)."""
    rules = []
    for path in sorted((builtin_packs_dir() / folder).glob("*.yaml")):
        match = RULE_FILE.match(path.name)
        data = read_yaml(path)
        rule = validate(model, data, path)
        if not match or (rule.id, rule.name) != match.groups():
            raise RulePackError(path, line_of(path, ["id"]), "a rule file is named <ID>-<name>.yaml after its rule")
        rules.append(rule)
    return tuple(rules)


@lru_cache(maxsize=1)
def document_rules() -> tuple[RuleSpec, ...]:
    """Return the document rules (DO..), validated like any rule file."""
    return _load(RuleSpec, DOCUMENT_FOLDER)


@lru_cache(maxsize=1)
def meta_rules() -> tuple[MetaRule, ...]:
    """Return the meta rules (GC..)."""
    return _load(MetaRule, META_FOLDER)


def matches(rule: AnyRule, selector: str) -> bool:
    """Tell whether a selector (code, code prefix, name, alias or dimension) names a rule."""
    sel = selector.strip()
    dimension = rule.dimension.value if rule.dimension is not None else None
    return bool(sel) and (rule.id.startswith(sel.upper()) or sel in {rule.name, dimension, *rule.aliases})


class Catalog:
    """All the rules of one configuration (packs and extra pack folders)."""

    def __init__(self, packs: tuple[str, ...], rule_paths: tuple[Path, ...] = ()) -> None:
        self.rulebook = load_rulebook(packs, rule_paths)
        self.engine: tuple[RuleSpec, ...] = self.rulebook.rules
        self.document = document_rules()
        self.meta = meta_rules()
        self.rules: tuple[AnyRule, ...] = tuple(sorted((*self.engine, *self.document, *self.meta), key=lambda r: r.id))
        self.by_id = {r.id: r for r in self.rules}

    def find(self, code_or_name: str) -> AnyRule | None:
        """Return the rule with this code, name or alias."""
        key = code_or_name.strip()
        return self.by_id.get(key.upper()) or next((r for r in self.rules if key == r.name or key in r.aliases), None)

    def known(self) -> str:
        """List the known codes, for error messages."""
        return ", ".join(r.id for r in self.rules)

    def check_selectors(self, selectors: Iterable[str], where: str) -> None:
        """Raise ConfigError for the first selector that names no rule."""
        for selector in selectors:
            if not any(matches(r, selector) for r in self.rules):
                raise ConfigError(f"{where}: unknown rule code or name '{selector}' (known: {self.known()})")

    def selected(self, select: tuple[str, ...] | None, ignore: Iterable[str]) -> frozenset[str]:
        """Return the ids of the rules a select/ignore pair runs (default-on rules when select is None)."""
        ignore = tuple(ignore)
        chosen = [r for r in self.rules if (r.default if select is None else any(matches(r, s) for s in select))]
        return frozenset(r.id for r in chosen if not any(matches(r, s) for s in ignore))

    def ids(self, selectors: Iterable[str]) -> frozenset[str]:
        """Return the ids of every rule any of the selectors names."""
        selectors = tuple(selectors)
        return frozenset(r.id for r in self.rules if any(matches(r, s) for s in selectors))

    def for_engine(self, selectors: Iterable[str]) -> tuple[str, ...]:
        """Keep the selectors that name at least one goal rule (the Linter rejects any other)."""
        return tuple(s for s in selectors if any(matches(r, s) for r in self.engine))


@lru_cache(maxsize=8)
def catalog(packs: tuple[str, ...], rule_paths: tuple[Path, ...] = ()) -> Catalog:
    """Return the (cached) catalog of a configuration."""
    return Catalog(packs, rule_paths)
