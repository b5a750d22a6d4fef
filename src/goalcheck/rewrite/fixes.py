"""Safe fixes: meaning-preserving edits of a goal's text ("20 pct" -> "20%", "by June 30" -> "by June 30, 2025").

A safe fix comes from a rule of kind `format` (CL05, TI05). It is applied only if the fixed goal says
the same: re-checked, it has the same deadline and milestone dates and the same values, and the rule no
longer fires where it did (sqlfluff's `fix_str` test, run on every fix). `--fix` runs the format rules
even though they are off by default, unless the configuration ignores them.
"""

from __future__ import annotations

from functools import lru_cache

from pydantic import BaseModel, ConfigDict

from goalcheck.check.formats import replacement
from goalcheck.config import Config
from goalcheck.linter import Linter, rule_matches
from goalcheck.models import Finding, GoalResult, Suggestion


class TextFix(BaseModel):
    """One safe edit of a goal's text: replace [start, end) with `replacement`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    start: int
    end: int
    original: str
    replacement: str


def format_checks(config: Config) -> dict[str, str]:
    """Return {rule id: check} for the format rules a configuration's packs define and do not ignore."""
    book = config.rulebook()
    return {
        r.id: r.check
        for r in book.rules
        if r.kind == "format" and r.check and not any(rule_matches(r, s) for s in config.ignore)
    }


@lru_cache(maxsize=4)
def fix_linter(config: Config) -> Linter | None:
    """Return a Linter that runs only the format rules (None when the configuration ignores them all)."""
    ids = tuple(format_checks(config))
    if not ids:
        return None
    return Linter(config.model_copy(update={"select": ids, "ignore": (), "severity": ()}))


def safe_fixes(result: GoalResult, checks: dict[str, str]) -> list[TextFix]:
    """Return the safe fixes of a goal's format findings (`checks`: rule id -> check), in order, none overlapping."""
    fixes: list[TextFix] = []
    for f in sorted(result.findings, key=lambda f: (f.start, f.end)):
        check = checks.get(f.code)
        new = replacement(check, result, f.start, f.end) if check else None
        original = result.text[f.start : f.end]
        if new is None or new == original or (fixes and f.start < fixes[-1].end):
            continue
        fixes.append(TextFix(code=f.code, start=f.start, end=f.end, original=original, replacement=new))
    return fixes


def apply_fixes(text: str, fixes: list[TextFix]) -> str:
    """Apply non-overlapping fixes to a text."""
    for fix in sorted(fixes, key=lambda f: f.start, reverse=True):
        text = text[: fix.start] + fix.replacement + text[fix.end :]
    return text


def _meaning(result: GoalResult) -> tuple:
    dates = [result.deadline.end if result.deadline else None, *(m.due.end for m in result.milestones)]
    values = sorted((q.value, q.kind) for q in result.quantities)
    return tuple(dates), tuple(values)


def fix_text(text: str, config: Config) -> tuple[str, list[TextFix]]:
    """Return a goal with its safe fixes applied, and the fixes that were; each fix is verified alone."""
    linter = fix_linter(config)
    if linter is None:
        return text, []
    before = linter.check(text)
    kept: list[TextFix] = []
    for fix in safe_fixes(before, format_checks(config)):
        after = linter.check(apply_fixes(text, [fix]))
        shift = len(fix.replacement) - len(fix.original)
        still = any(f.code == fix.code and f.start == fix.start and f.end == fix.end + shift for f in after.findings)
        if not still and _meaning(after) == _meaning(before):
            kept.append(fix)
    return apply_fixes(text, kept), kept


def attach_fixes(result: GoalResult, config: Config) -> GoalResult:
    """Return the result with each format finding's safe fix as a suggestion (`replacement`, `safety="safe"`).

    The linter itself attaches no replacement yet; call this on a result before reporting it.
    """
    checks = format_checks(config)
    if not any(f.code in checks for f in result.findings):
        return result  # cheap: no format finding, nothing to attach
    by_span = {(f.code, f.start, f.end): f for f in safe_fixes(result, checks)}
    findings = []
    for f in result.findings:
        fix = by_span.get((f.code, f.start, f.end))
        if fix is not None and not any(s.replacement for s in f.suggestions):
            safe = Suggestion(
                text=f"Replace '{fix.original}' with '{fix.replacement}'.",
                replacement=fix.replacement,
                safety="safe",
                source=f"rules/{f.code}",
            )
            f = Finding(**{**dict(f), "suggestions": (safe, *f.suggestions)})
        findings.append(f)
    return result.model_copy(update={"findings": tuple(findings)})
