"""Load rule packs from folders of YAML files, with errors that name the file, the line and the problem."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from goalcheck.errors import RulePackError

from .spec import Grammar, PackSpec, RuleSpec, Vocabulary

M = TypeVar("M", bound=BaseModel)
RULE_FILE = re.compile(r"^([A-Z]{2}\d{2})-([a-z0-9-]+)\.ya?ml$")
_yaml = YAML(typ="rt")


def read_yaml(path: Path) -> Any:
    """Parse one YAML file, keeping line numbers; raise RulePackError on syntax errors."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulePackError(path, None, f"cannot read file: {exc}") from exc
    try:
        return _yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise RulePackError(path, line, f"invalid YAML: {exc.problem or exc.context}") from exc


def line_of(data: Any, loc: Sequence[int | str]) -> int | None:
    """Return the 1-based line of the node at `loc` in ruamel data, or of its nearest parent."""
    line = data.lc.line + 1 if isinstance(data, CommentedMap | CommentedSeq) else None
    node = data
    for key in loc:
        if isinstance(node, CommentedMap) and key in node:
            line = node.lc.key(key)[0] + 1
            node = node[key]
        elif isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
            line = node.lc.item(key)[0] + 1
            node = node[key]
        else:
            break
    return line


def validate(model: type[M], data: Any, path: Path) -> M:
    """Validate YAML data against a model; the first error becomes a RulePackError at its line."""
    if not isinstance(data, dict):
        raise RulePackError(path, 1, f"expected a mapping of keys for a {model.__name__}")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        # A typo ("severty:") shows up as an unknown key and a missing one: name the typo.
        err = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")[0]
        loc = [p for p in err["loc"] if isinstance(p, int | str)]
        field = ".".join(str(p) for p in loc) or "file"
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            known = ", ".join(model.model_fields) if len(loc) == 1 else "see docs/packs.md"
            msg = f"unknown key (known keys: {known})"
        raise RulePackError(path, line_of(data, loc), f"{field}: {msg}") from exc


class LoadedPack(BaseModel):
    """One pack folder, validated."""

    path: Path
    spec: PackSpec
    vocabulary: Vocabulary
    grammar: Grammar | None
    rules: tuple[RuleSpec, ...]
    rule_lines: dict[str, int] = {}


def load_pack(folder: Path) -> LoadedPack:
    """Load and validate a pack folder: pack.yaml, vocabulary.yaml, grammar.yaml and rule files."""
    if not folder.is_dir():
        raise RulePackError(folder, None, "pack folder not found")
    pack_file = folder / "pack.yaml"
    if not pack_file.is_file():
        raise RulePackError(pack_file, None, "a pack folder needs a pack.yaml")
    spec = validate(PackSpec, read_yaml(pack_file), pack_file)
    vocab_file = folder / "vocabulary.yaml"
    vocabulary = validate(Vocabulary, read_yaml(vocab_file), vocab_file) if vocab_file.is_file() else Vocabulary()
    grammar_file = folder / "grammar.yaml"
    grammar = None
    if grammar_file.is_file():
        raw = read_yaml(grammar_file)
        grammar = validate(Grammar, raw, grammar_file)
        _check_regexes(grammar, raw, grammar_file)
    rules = []
    for path in sorted(folder.glob("*.y*ml")):
        if path.name in {"pack.yaml", "vocabulary.yaml", "grammar.yaml"}:
            continue
        rules.append(_load_rule(path))
    return LoadedPack(path=folder, spec=spec, vocabulary=vocabulary, grammar=grammar, rules=tuple(rules))


def _load_rule(path: Path) -> RuleSpec:
    match = RULE_FILE.match(path.name)
    if not match:
        raise RulePackError(path, None, "a rule file is named <ID>-<name>.yaml, e.g. TI02-cadence-as-deadline.yaml")
    data = read_yaml(path)
    rule = validate(RuleSpec, data, path)
    if (rule.id, rule.name) != match.groups():
        raise RulePackError(
            path, line_of(data, ["id"]), f"file name does not match id '{rule.id}' and name '{rule.name}'"
        )
    return rule


def _check_regexes(grammar: Grammar, raw: Any, path: Path) -> None:
    from goalcheck.extract.grammar import expand

    def check(pattern: str, loc: list[int | str]) -> None:
        try:
            re.compile(expand(pattern, grammar.fragments))
        except (re.error, KeyError) as exc:
            raise RulePackError(path, line_of(raw, loc), f"invalid regular expression: {exc}") from exc

    for i, tp in enumerate(grammar.time):
        check(tp.regex, ["time", i, "regex"])
    for i, cp in enumerate(grammar.cadence):
        check(cp.regex, ["cadence", i, "regex"])
    for name, pattern in grammar.quantity.model_dump(exclude={"needs"}).items():
        check(pattern, ["quantity", name])
    for name, pattern in grammar.quantity.needs.items():
        check(pattern, ["quantity", "needs", name])
