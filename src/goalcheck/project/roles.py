"""Check a document's goals with the Linter, giving each goal the role its context names.

A goal under "## New specialty representatives", in a YAML entry with `role:`, or in a file whose front
matter says `role:` is that role's goal. The Linter reads one goal's text, so the context is given as
the seed itself writes it, "For new specialty representatives: <goal>", and the findings are mapped
back onto the goal's own text. A heading counts only if the Linter finds a role in it.
"""

from __future__ import annotations

from collections.abc import Mapping

from goalcheck.linter import Linter
from goalcheck.models import Finding, GoalResult
from goalcheck.parse.models import Document, GoalRecord


class RoleAwareChecker:
    """Check goals with one Linter, trying the role a goal's context names when the goal names none."""

    def __init__(self, linter: Linter, kinds: Mapping[str, str]) -> None:
        self.linter = linter
        self.kinds = kinds  # rule id -> kind, to tell words of the context from absences
        self._heading_roles: dict[str, str | None] = {}

    def role_in(self, heading: str) -> str | None:
        """Return the words of a heading that name a role, or None (cached).

        Only those words frame the goal ("Hospital account managers, Q3 plan" -> "Hospital account
        managers"), so a date in the heading never becomes the goal's deadline.
        """
        if heading not in self._heading_roles:
            roles = self.linter.check(heading).roles if heading.strip() else ()
            widest = max(roles, key=lambda r: r.span.end - r.span.start, default=None)
            self._heading_roles[heading] = widest.span.text if widest is not None else None
        return self._heading_roles[heading]

    def context_role(self, record: GoalRecord, doc: Document) -> str | None:
        """Return the role a goal's context names: its own `role:`, the nearest role heading, the file's."""
        if record.role:
            return record.role
        for heading in reversed(record.headings):
            role = self.role_in(heading)
            if role:
                return role
        return doc.context.role

    def check(self, doc: Document) -> list[GoalResult | None]:
        """Return each goal's result (None for a record without an objective), in document order."""
        texts = [g.goal.text for g in doc.goals if g.goal is not None]
        plain = iter(self.linter.check_many(texts))
        results: list[GoalResult | None] = []
        for record in doc.goals:
            if record.goal is None:
                results.append(None)
                continue
            result = next(plain)
            role = None if result.facets.role else self.context_role(record, doc)
            if role:
                prefix = f"For {role.strip().rstrip(':')}: "
                framed = self.linter.check(prefix + record.goal.text)
                if framed.facets.role:
                    result = self._unframe(framed, len(prefix), record.goal.text)
            results.append(result)
        return results

    def _unframe(self, result: GoalResult, shift: int, text: str) -> GoalResult:
        """Map findings of "For <role>: <goal>" back onto <goal>; drop those about the role's words.

        Only `text` and `findings` are remapped; the parts' spans still count from the framed text.
        """
        stripped = len(text) - len(text.lstrip())
        first_end = stripped
        while first_end < len(text) and not text[first_end].isspace():
            first_end += 1
        findings: list[Finding] = []
        for f in result.findings:
            if f.end <= shift:
                if self.kinds.get(f.code) == "presence":
                    continue  # a vague word in the heading is not the goal's
                findings.append(f.model_copy(update={"start": stripped, "end": first_end}))
            else:
                findings.append(f.model_copy(update={"start": max(f.start - shift, 0), "end": f.end - shift}))
        findings.sort(key=lambda f: (f.start, f.code))
        return result.model_copy(update={"text": text, "findings": tuple(findings)})
