"""Load YAML (front matter, goal files) with the position of every node; syntax errors become InputError.

PyYAML's composer gives every key, value and list item its line and column, which is all goalcheck
needs (comments are read line by line by `directives`); the project's rule packs use PyYAML too, so
no second YAML library is imported at start-up. Duplicate keys are errors, as in YAML 1.2.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from goalcheck.errors import InputError

from .context import normalize_key


@dataclass(frozen=True)
class Loaded:
    """A YAML document: its data, and its node tree for positions (None for an empty document)."""

    data: Any
    node: Node | None


def _check_duplicates(node: Node | None, path: str, first_line: int) -> None:
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, MappingNode):
            seen: set[str] = set()
            for key, value in current.value:
                if isinstance(key, ScalarNode):
                    if key.value in seen:
                        line = first_line + key.start_mark.line
                        raise InputError(path, line, f"invalid YAML: duplicate key '{key.value}'")
                    seen.add(key.value)
                stack.append(value)
        elif isinstance(current, SequenceNode):
            stack.extend(current.value)


def load_yaml(text: str, path: str, first_line: int = 1) -> Loaded:
    """Parse YAML text whose first line is line `first_line` of `path`; raise InputError on bad syntax."""
    try:
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as exc:  # a control character: the reader refuses the text at once
        line = first_line + text.count("\n", 0, exc.position)
        raise InputError(path, line, f"invalid YAML: character #x{exc.character:04x} is not allowed") from exc
    try:
        node = loader.get_single_node()
        _check_duplicates(node, path, first_line)
        data = loader.construct_document(node) if node is not None else None
    except yaml.reader.ReaderError as exc:
        line = first_line + text.count("\n", 0, exc.position)
        raise InputError(path, line, f"invalid YAML: character #x{exc.character:04x} is not allowed") from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark is not None else None
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        raise InputError(path, line, f"invalid YAML: {problem}") from exc
    except yaml.YAMLError as exc:
        raise InputError(path, first_line, f"invalid YAML: {str(exc).splitlines()[0]}") from exc
    finally:
        loader.dispose()
    return Loaded(data, node)


def entry(node: Node | None, key: str) -> tuple[Node, Node] | None:
    """Return the (key, value) nodes of `key` in a mapping node (keys compared in snake case)."""
    if isinstance(node, MappingNode):
        for k, v in node.value:
            if isinstance(k, ScalarNode) and normalize_key(k.value) == normalize_key(key):
                return k, v
    return None


def item(node: Node | None, index: int) -> Node | None:
    """Return item `index` of a sequence node."""
    if isinstance(node, SequenceNode) and 0 <= index < len(node.value):
        return node.value[index]
    return None


def node_line(node: Node | None, loc: Sequence[int | str], first_line: int = 1) -> int | None:
    """Return the 1-based line of the node at `loc` (keys, then list indexes), or of its nearest parent."""
    if node is None:
        return None
    line = node.start_mark.line
    for step in loc:
        if isinstance(step, str) and (pair := entry(node, step)) is not None:
            line, node = pair[0].start_mark.line, pair[1]
        elif isinstance(step, int) and (child := item(node, step)) is not None:
            line, node = child.start_mark.line, child
        else:
            break
    return first_line + line
