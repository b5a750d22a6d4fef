"""Load rule packs from folders of YAML files, with errors that name the file, the line and the problem."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from goalcheck.errors import RulePackError

from .spec import Grammar, PackSpec, RuleSpec, Vocabulary

M = TypeVar("M", bound=BaseModel)
RULE_FILE = re.compile(r"^([A-Z]{2}\d{2})-([a-z0-9-]+)\.ya?ml$")


# libyaml's C loader reads every built-in pack in ~15 ms (a pure-Python round-trip parser takes ~270 ms,
# a quarter of the cold-start budget); line numbers are recovered only when a file fails validation.
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe loader with YAML 1.2 scalars: "on", "no" and "1:1" stay strings (YAML 1.1 made them bool/int)."""


_Loader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float", re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)$"), list("-+0123456789.")
)


def read_yaml(path: Path) -> Any:
    """Parse one YAML file; raise RulePackError naming the line on syntax errors."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulePackError(path, None, f"cannot read file: {exc}") from exc
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise RulePackError(path, line, f"invalid YAML: {exc.problem or exc.context}") from exc
    except yaml.YAMLError as exc:
        raise RulePackError(path, None, f"invalid YAML: {exc}") from exc
    return data


def line_of(path: Path, loc: Sequence[int | str]) -> int | None:
    """Return the 1-based line of the node at `loc` (or of its nearest parent) in a YAML file.

    Only called on the error path: the file is composed again, with positions, to locate the problem.
    """
    if not isinstance(path, Path):
        return None
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == key), None)
            key_node = next((k for k, v in node.value if k.value == key), None)
            if match is None or key_node is None:
                break
            line, node = key_node.start_mark.line + 1, match
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
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
        raise RulePackError(path, line_of(path, loc), f"{field}: {msg}") from exc


class LoadedPack(BaseModel):
    """One pack folder, validated."""

    path: Path
    spec: PackSpec
    vocabulary: Vocabulary
    grammar: Grammar | None
    rules: tuple[RuleSpec, ...]


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
            path, line_of(path, ["id"]), f"file name does not match id '{rule.id}' and name '{rule.name}'"
        )
    return rule


def _check_regexes(grammar: Grammar, raw: Any, path: Path) -> None:
    from goalcheck.extract.grammar import expand

    def check(pattern: str, loc: list[int | str]) -> None:
        try:
            re.compile(expand(pattern, grammar.fragments))
        except (re.error, KeyError) as exc:
            raise RulePackError(path, line_of(path, loc), f"invalid regular expression: {exc}") from exc

    for i, tp in enumerate(grammar.time):
        check(tp.regex, ["time", i, "regex"])
    for i, cp in enumerate(grammar.cadence):
        check(cp.regex, ["cadence", i, "regex"])
    for name, pattern in grammar.quantity.model_dump(exclude={"needs"}).items():
        check(pattern, ["quantity", name])
    for name, pattern in grammar.quantity.needs.items():
        check(pattern, ["quantity", "needs", name])
    for name, pattern in grammar.deadline_context.model_dump(exclude={"occasions"}).items():
        check(pattern, ["deadline_context", name])
