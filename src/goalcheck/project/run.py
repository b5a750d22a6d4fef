"""Run `goalcheck check`: read each document, check its goals and records, locate every finding.

Nothing here raises for bad input: a file that cannot be read, decoded or parsed, or whose
configuration is wrong, becomes a Problem (one line naming file, line and problem) and every other
file is still checked.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from goalcheck.config import Config
from goalcheck.errors import ConfigError, GoalcheckError, InputError, RulePackError
from goalcheck.models import Finding, GoalResult, Severity, Suggestion
from goalcheck.parse import LineIndex, decode, kind_of, parse_document
from goalcheck.parse.models import Document, GoalRecord
from goalcheck.report.models import Diagnostic, Edit, FileReport, GoalReport, Location, Problem, RunReport, rule_url

from .catalog import AnyRule, Catalog
from .files import Missing, Source, expand
from .roles import RoleAwareChecker
from .settings import Overrides, Resolver, Settings, matches_glob
from .suppress import Suppressor
from .track import document_findings


class _Values(dict):
    def __missing__(self, key: str) -> str:
        return ""


class Runner:
    """Check documents; build each Linter once per distinct configuration."""

    def __init__(
        self,
        overrides: Overrides,
        cwd: Path,
        *,
        force_exclude: bool = False,
        read_stdin: Callable[[], bytes] | None = None,
    ) -> None:
        self.overrides = overrides
        self.cwd = cwd
        self.resolver = Resolver(overrides, cwd)
        self.force_exclude = force_exclude
        self.read_stdin = read_stdin or (lambda: sys.stdin.buffer.read())
        self._checkers: dict[Config, RoleAwareChecker] = {}

    def run(self, paths: list[str], stdin_name: str | None = None) -> RunReport:
        """Check every document the paths name."""
        files: list[FileReport] = []
        problems: list[Problem] = []
        skipped: list[str] = []
        for item in expand(paths, self.cwd, stdin_name):
            if isinstance(item, Missing):
                problems.append(Problem(path=item.display, message=item.message))
                continue
            try:
                report = self.check_source(item)
            except ConfigError as exc:
                problem = Problem(path="", message=str(exc))
                if problem not in problems:
                    problems.append(problem)
                continue
            except (InputError, RulePackError) as exc:
                problems.append(Problem(path=exc.path or item.display, line=exc.line, message=exc.problem))
                continue
            except GoalcheckError as exc:
                problems.append(Problem(path=item.display, message=str(exc)))
                continue
            except Exception as exc:  # a bug must cost one file, not the run: report it and go on
                problems.append(
                    Problem(path=item.display, message=f"internal error, please report it: {type(exc).__name__}: {exc}")
                )
                continue
            if report is None:
                skipped.append(item.display)
            else:
                files.append(report)
        return RunReport(files=tuple(files), problems=tuple(problems), skipped=tuple(skipped))

    def rules(self) -> dict[str, AnyRule]:
        """Return every rule of every configuration used so far (SARIF describes the rules it reports)."""
        rules: dict[str, AnyRule] = {}
        for settings in self.resolver.loaded():
            rules.update(settings.catalog.by_id)
        return rules

    def check_source(self, src: Source) -> FileReport | None:
        """Read, decode, parse and check one document; None when it is excluded or not a goal document."""
        settings = self.resolver.for_path(src.path)
        if src.path is not None and (self.force_exclude or not src.named) and self._excluded(src.path, settings):
            return None
        try:
            data = self.read_stdin() if src.path is None else src.path.read_bytes()
        except OSError as exc:
            raise InputError(src.display, None, f"cannot read: {exc.strerror or exc}") from exc
        doc = parse_document(src.display, decode(data, src.display), kind_of(src.display))
        if doc is None:
            return None
        report = self.check_document(doc, settings, self._relative(src.path, settings))
        return report.model_copy(update={"from_stdin": True}) if src.path is None else report

    def _relative(self, path: Path | None, settings: Settings) -> str:
        if path is None:
            return ""
        try:
            return path.resolve().relative_to(settings.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def _excluded(self, path: Path, settings: Settings) -> bool:
        relative = self._relative(path, settings)
        return any(matches_glob(relative, pattern) for pattern in settings.exclude)

    def checker(self, config: Config, catalog: Catalog) -> RoleAwareChecker:
        """Return the (cached) checker for an engine configuration."""
        if config not in self._checkers:
            from goalcheck.linter import Linter

            kinds = {r.id: r.kind for r in catalog.rules}
            self._checkers[config] = RoleAwareChecker(Linter(config), kinds)
        return self._checkers[config]

    def check_document(self, doc: Document, settings: Settings, relative: str) -> FileReport:
        """Check one parsed document and locate its findings."""
        catalog = settings.catalog
        config = settings.engine_config(doc.context, self.overrides)
        results = self.checker(config, catalog).check(doc)
        located = _Locator(doc, catalog, settings, config)
        enabled = settings.enabled(relative, doc.context)
        suppressor = Suppressor(doc, catalog)
        goals = []
        for i, (record, result) in enumerate(zip(doc.goals, results, strict=True)):
            findings = [
                located.finding(record, f)
                for f in (result.findings if result else ())
                if f.code in enabled and not suppressor.suppressed(i, f.code)
            ]
            findings += [
                located.record_rule(record, result, rule)
                for rule in document_findings(record, doc.context, catalog.document)
                if rule.id in enabled and not suppressor.suppressed(i, rule.id)
            ]
            findings.sort(key=lambda d: (d.location.offset, d.code))
            goals.append(
                GoalReport(
                    location=located.goal_location(record),
                    text=result.text if result else None,
                    score=result.score if result else None,
                    facets=result.facets if result else None,
                    findings=tuple(findings),
                )
            )
        meta = [
            located.meta(
                issue.code,
                issue.directive.start,
                issue.directive.end,
                {"match": issue.match, "problem": issue.problem},
            )
            for issue in suppressor.unused()
            if issue.code in enabled
        ]
        if meta:
            goals.append(GoalReport(kind="document", location=meta[0].location, text=None, findings=tuple(meta)))
        return FileReport(
            path=doc.path,
            kind=doc.kind,
            source=doc.source,
            fail_on=settings.fail_on,
            goals=tuple(goals),
            edits=tuple(located.edits),
        )


class _Locator:
    """Turn findings into located Diagnostics for one document."""

    def __init__(self, doc: Document, catalog: Catalog, settings: Settings, config: Config) -> None:
        self.doc = doc
        self.catalog = catalog
        self.index = LineIndex(doc.source)
        self.config = config
        self.edits: list[Edit] = []
        self.severity: dict[str, Severity] = {}
        for selector, level in settings.severity:
            for code in catalog.ids((selector,)):
                self.severity[code] = level

    def location(self, start: int, end: int) -> Location:
        line, column = self.index.position(start)
        end_line, end_column = self.index.position(max(start, end))
        return Location(
            path=self.doc.path,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            offset=start,
            length=max(0, end - start),
        )

    def goal_location(self, record: GoalRecord) -> Location:
        if record.goal is not None and record.goal.text:
            return self.location(*record.goal.doc_span(0, len(record.goal.text)))
        return self.location(record.anchor.start, record.anchor.end)

    def finding(self, record: GoalRecord, f: Finding) -> Diagnostic:
        assert record.goal is not None
        start, end = record.goal.doc_span(f.start, f.end)
        fix = next((s for s in f.suggestions if s.safety == "safe" and s.replacement is not None), None)
        if fix is not None and self.doc.source[start:end] == record.goal.text[f.start : f.end]:
            # Only where the words stand verbatim in the document: never rewrite across markup.
            self.edits.append(Edit(offset=start, length=end - start, replacement=fix.replacement, code=f.code))
        return Diagnostic(
            code=f.code,
            name=f.name,
            dimension=f.dimension.value,
            severity=f.severity,
            message=f.message,
            location=self.location(start, end),
            suggestions=f.suggestions,
            url=rule_url(f.code),
        )

    def record_rule(self, record: GoalRecord, result: GoalResult | None, rule: AnyRule) -> Diagnostic:
        from goalcheck.check.context import fields
        from goalcheck.models import GoalParts

        parts = result or GoalParts(text="", reference_date=self.config.resolved_reference_date())
        values = _Values(fields(parts, self.catalog.rulebook, self.config.fiscal_year_start_month))
        return self._diagnostic(rule, record.anchor.start, record.anchor.end, values)

    def meta(self, code: str, start: int, end: int, values: dict[str, str]) -> Diagnostic:
        return self._diagnostic(self.catalog.by_id[code], start, end, _Values(values))

    def _diagnostic(self, rule: AnyRule, start: int, end: int, values: _Values) -> Diagnostic:
        texts = [rule.fix_title.format_map(values), *(s.format_map(values) for s in rule.suggestions)]
        return Diagnostic(
            code=rule.id,
            name=rule.name,
            dimension=rule.dimension.value if rule.dimension is not None else None,
            severity=self.severity.get(rule.id, rule.severity),
            message=rule.message.format_map(values),
            location=self.location(start, end),
            suggestions=tuple(Suggestion(text=t, source=f"rules/{rule.id}") for t in texts if t),
            url=rule_url(rule.id),
        )
