"""Generate the reference part of the docs site from the rule files and the models.

    python -m goalcheck.docs            # write docs/rules/*.md and the JSON Schemas
    python -m goalcheck.docs --check    # exit 1 if any generated file is missing or stale (CI)

Writes one page per rule (`docs/rules/<CODE>.md`), the rule index, and the JSON Schemas of the
configuration (`docs/goalcheck.schema.json`), the JSON report and the YAML/JSON goal file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from goalcheck.config import DEFAULT_PACKS


def pack_of(code: str) -> str:
    """Return the folder of `rules/` a built-in rule lives in ("" for a rule from an extra pack folder)."""
    from goalcheck.rulebook import builtin_packs_dir

    found = next(builtin_packs_dir().glob(f"*/{code}-*.yaml"), None)
    return found.parent.name if found is not None else ""


def generated() -> dict[str, str]:
    """Return every generated file, by path relative to the docs folder."""
    from goalcheck.configfile import schema as config_schema
    from goalcheck.parse.schema import GoalFile
    from goalcheck.project.catalog import catalog
    from goalcheck.report.jsonout import json_schema
    from goalcheck.report.ruledoc import rule_index, rule_page

    rules = catalog(DEFAULT_PACKS).rules
    packs = {r.id: pack_of(r.id) for r in rules}
    files = {f"rules/{r.id}.md": rule_page(r, packs[r.id]) for r in rules}
    files["rules/index.md"] = rule_index(rules, packs)
    goal_file = GoalFile.model_json_schema()
    goal_file["$schema"] = "http://json-schema.org/draft-07/schema#"
    for name, data in (
        ("goalcheck.schema.json", config_schema()),
        ("report.schema.json", json_schema()),
        ("goal-file.schema.json", goal_file),
    ):
        files[name] = json.dumps(data, indent=2, sort_keys=True) + "\n"
    return files


def stale(docs: Path) -> list[str]:
    """Return the generated files that are missing, different, or left over from a removed rule."""
    files = generated()
    out = [
        name
        for name, text in files.items()
        if not (docs / name).is_file() or (docs / name).read_text(encoding="utf-8") != text
    ]
    out += [f"rules/{p.name}" for p in sorted((docs / "rules").glob("*.md")) if f"rules/{p.name}" not in files]
    return out


def write(docs: Path) -> list[str]:
    """Write every generated file and remove pages of rules that no longer exist; return what changed."""
    changed = stale(docs)
    files = generated()
    (docs / "rules").mkdir(parents=True, exist_ok=True)
    for name in changed:
        if name in files:
            (docs / name).write_text(files[name], encoding="utf-8")
        else:
            (docs / name).unlink()
    return changed


def main(argv: list[str] | None = None) -> int:
    """Write or check the generated docs."""
    parser = argparse.ArgumentParser(prog="python -m goalcheck.docs", description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="the docs folder (default: docs)")
    parser.add_argument("--check", action="store_true", help="only report missing or stale files")
    args = parser.parse_args(argv)
    if args.check:
        out = stale(args.docs)
        for name in out:
            print(f"{args.docs / name}: missing or stale; run `python -m goalcheck.docs`")
        return 1 if out else 0
    for name in write(args.docs):
        print(f"wrote {args.docs / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
