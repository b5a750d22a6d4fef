"""Render a rule as its documentation page, from its rule file: what it flags, why, examples, fix, options.

The same Markdown is printed by `goalcheck rule CODE` and written to `docs/rules/<CODE>.md` by
`python -m goalcheck.docs`, so the command line and the site never disagree.
"""

from __future__ import annotations

import re
from typing import Any

from .models import rule_url

_EXPLAIN = {
    "absence": "Flags a goal that has no {facet}. The finding points at the goal's first word.",
    "presence": "Flags each word or phrase of these kinds of vague language: {categories}.",
    "relation": "Flags a goal that has {has} but no {lacks}.",
    "count": "Flags a goal with fewer than {min} {of} when it {has}.",
    "plausibility": "Flags values a reader cannot believe ({check}).",
    "format": "Flags a value written in a form with one standard spelling ({check}); `goalcheck check --fix` "
    "writes the standard spelling (a safe fix: the meaning does not change).",
    "document": "Flags a structured goal record (a goal with labeled parts in Markdown, or a mapping in a "
    "YAML or JSON goal file) that does not document this part. Plain goals are not asked for it.",
    "meta": "Flags goalcheck's own suppression comments.",
}
_CONDITIONS = {"long_horizon": "a deadline far off", "cadence": "a cadence", "action": "an activity"}


def _words(names: Any) -> str:
    words = [_CONDITIONS.get(n, f"a {n}") for n in names]
    return " and ".join(words) if words else "nothing"


def what_it_flags(rule: Any) -> str:
    """Describe in one sentence what a rule looks for, from its kind and options."""
    when = getattr(rule, "when", None)
    return _EXPLAIN[rule.kind].format(
        facet=getattr(rule, "facet", None) or "such part",
        categories=", ".join(getattr(rule, "categories", ()) or ()),
        has=_words(when.has if when else ()),
        lacks=_words(when.lacks if when else ()).removeprefix("a "),
        min=getattr(rule, "min", None),
        of=getattr(rule, "of", None),
        check=getattr(rule, "check", None),
    )


def _placeholders(text: str) -> str:
    return re.sub(r"{(\w+)}", lambda m: f"«{m.group(1).replace('_', ' ')}»", text)


def _example(text: str, kind: str) -> list[str]:
    if kind in {"document", "meta"}:
        return ["```markdown", text.rstrip("\n"), "```", ""]
    return [f"> {text}", ""]


def rule_page(rule: Any, pack: str) -> str:
    """Return the Markdown documentation page of a rule."""
    dimension = rule.dimension.value if rule.dimension is not None else "meta"
    state = "on by default" if rule.default else "off by default (select it to run it)"
    lines = [
        f"# {rule.id} {rule.name}",
        "",
        f"**Dimension:** {dimension} · **Severity:** {rule.severity.value} · "
        f"**Precision:** {rule.precision} · "
        f"**Kind:** {rule.kind} · **Pack:** {pack} · {state}",
        "",
        "## What it flags",
        "",
        what_it_flags(rule),
        "",
        f"Message: *{_placeholders(rule.message)}*",
        "",
        "## Why it matters",
        "",
        " ".join(rule.rationale.split()),
        "",
        "## Example",
        "",
    ]
    for bad in rule.examples.bad:
        lines += _example(bad, rule.kind)
    lines += ["## Use instead", ""]
    for good in rule.examples.good:
        lines += _example(good, rule.kind)
    lines += ["## Suggestion", "", f"{_placeholders(rule.fix_title)}", ""]
    lines += [f"- {_placeholders(s)}" for s in rule.suggestions]
    if rule.suggestions:
        lines.append("")
    lines += [
        "The fix is safe: `goalcheck check --fix` writes it."
        if rule.kind == "format"
        else "Suggestions are display-only: goalcheck never rewrites a goal file by itself.",
        "",
        "## Options",
        "",
        "```toml",
        "[tool.goalcheck]",
        f'ignore = ["{rule.id}"]              # or its name, "{rule.name}"',
        f'severity = {{ {rule.id} = "error" }}   # error, warning or info',
        f'per-file-ignores = {{ "drafts/*.md" = ["{rule.id}"] }}',
        "```",
        "",
        f"Suppress it for one goal with `<!-- goalcheck: ignore[{rule.id}] -->` (Markdown) or "
        f"`# goalcheck: ignore[{rule.id}]` (YAML, plain text).",
        "",
        "## Source",
        "",
        rule.source,
        "",
    ]
    return "\n".join(lines)


def rule_index(rules: Any, packs: dict[str, str]) -> str:
    """Return the Markdown index of all rules."""
    lines = [
        "# Rules",
        "",
        "Every rule, its code, name, dimension and default severity. Select or ignore them",
        "by code, code prefix (`CL`), name (`vague-verb`) or dimension (`time`).",
        "",
        "| Code | Name | Dimension | Severity | Default | Pack |",
        "|---|---|---|---|---|---|",
    ]
    for rule in rules:
        dimension = rule.dimension.value if rule.dimension is not None else "meta"
        lines.append(
            f"| [{rule.id}]({rule.id}.md) | {rule.name} | {dimension} | {rule.severity.value} | "
            f"{'on' if rule.default else 'off'} | {packs.get(rule.id, '')} |"
        )
    return "\n".join(lines) + "\n"


__all__ = ["rule_index", "rule_page", "rule_url", "what_it_flags"]
