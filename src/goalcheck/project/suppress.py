"""Apply suppression comments to a document's findings, and report the unused and the invalid ones.

`ignore[...]` applies to the goal it sits on (inline, trailing, or inside a YAML goal's mapping), or else
to the next goal; `disable[...]` ... `enable[...]` to every goal that starts between them (to the end of
the file without an `enable`); `file-ignore[...]` to the whole file. A blanket `ignore` (no codes) is
allowed for one goal; ranges need codes. Every selector that suppresses nothing is reported (GC01).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from goalcheck.parse.models import Directive, Document

from .catalog import Catalog

ALL = "*"  # a blanket ignore


@dataclass
class _Rule:
    directive: Directive
    selectors: tuple[str, ...]  # ALL for a blanket ignore
    goals: range | set[int]
    used: set[str] = field(default_factory=set)


def short(d: Directive) -> str:
    """Return a directive as written without its comment markers: `ignore[CL01,TI01]`."""
    return f"{d.action}[{','.join(d.selectors)}]" if d.selectors else d.action


@dataclass
class Issue:
    """A directive to report: unused (GC01) or invalid (GC02)."""

    code: str
    directive: Directive
    match: str
    problem: str = ""


class Suppressor:
    """Decide which findings of a document are suppressed, remembering which directives were used."""

    def __init__(self, doc: Document, catalog: Catalog) -> None:
        self.catalog = catalog
        self.rules: list[_Rule] = []
        self.issues: list[Issue] = []
        starts = [g.anchor.start for g in doc.goals]
        open_ranges: dict[str, _Rule] = {}
        for d in doc.directives:
            if not self._valid(d):
                continue
            if d.action == "ignore":
                target = (
                    d.target if d.target is not None else next((i for i, s in enumerate(starts) if s >= d.end), None)
                )
                self.rules.append(_Rule(d, d.selectors or (ALL,), {target} if target is not None else set()))
            elif d.action == "file-ignore":
                self.rules.append(_Rule(d, d.selectors or (ALL,), range(len(starts))))
            elif d.action == "disable":
                for sel in d.selectors:
                    open_ranges[sel.upper()] = _Rule(d, (sel,), set())
                    self.rules.append(open_ranges[sel.upper()])
            else:
                self._enable(d, open_ranges)
        for rule in self.rules:
            if rule.directive.action == "disable":
                end = next(
                    (
                        r
                        for r in doc.directives
                        if r.action == "enable"
                        and r.start > rule.directive.end
                        and rule.selectors[0].upper() in {s.upper() for s in r.selectors}
                    ),
                    None,
                )
                limit = end.start if end is not None else len(doc.source) + 1
                rule.goals = {i for i, s in enumerate(starts) if rule.directive.end <= s < limit}

    def _valid(self, d: Directive) -> bool:
        if d.action in {"disable", "enable"} and not d.selectors:
            self.issues.append(Issue("GC02", d, short(d), f"'{d.action}' needs rule codes, e.g. {d.action}[CL01]"))
            return False
        unknown = [s for s in d.selectors if not self.catalog.ids((s,))]
        if unknown:
            self.issues.append(Issue("GC02", d, short(d), f"unknown rule code or name '{unknown[0]}'"))
            return False
        return True

    def _enable(self, d: Directive, open_ranges: dict[str, _Rule]) -> None:
        for sel in d.selectors:
            if open_ranges.pop(sel.upper(), None) is None:
                self.issues.append(Issue("GC02", d, short(d), f"'enable[{sel}]' without a 'disable[{sel}]' before it"))

    def suppressed(self, goal: int, code: str) -> bool:
        """Tell whether rule `code` is suppressed on goal `goal`; mark the directives used."""
        hit = False
        for rule in self.rules:
            if goal not in rule.goals:
                continue
            for sel in rule.selectors:
                if sel == ALL or code in self.catalog.ids((sel,)):
                    rule.used.add(sel)
                    hit = True
        return hit

    def unused(self) -> list[Issue]:
        """Return the invalid directives and every selector that suppressed nothing."""
        issues = list(self.issues)
        for rule in self.rules:
            idle = [s for s in rule.selectors if s not in rule.used]
            if not idle:
                continue
            d = rule.directive
            what = short(d) if idle == list(rule.selectors) and d.action != "disable" else ",".join(idle)
            if not any(i.directive is d and i.code == "GC01" for i in issues):
                issues.append(Issue("GC01", d, what))
            else:
                issue = next(i for i in issues if i.directive is d and i.code == "GC01")
                issue.match = f"{issue.match}, {what}"
        return sorted(issues, key=lambda i: (i.directive.start, i.code))
