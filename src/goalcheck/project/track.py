"""Run the document rules ("Document and Track"): each structured goal record documents five parts.

The seed asks for clear documentation of every coaching goal: specific objectives, success metrics,
development activities, progress milestones and a review timeline. Plain goals (a bullet, a line, a
string in a YAML list) are statements, not records, and are not asked for the parts. The rules are
data (`rules/document/`, kind `document`); which part each one asks for is the table below.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from goalcheck.parse.models import DocContext, GoalRecord
from goalcheck.rulebook.spec import RuleSpec

PART_OF_RULE: dict[str, str] = {
    "missing-objective": "objective",
    "missing-success-metrics": "metrics",
    "missing-development-activities": "activities",
    "missing-progress-milestones": "milestones",
    "missing-review-timeline": "review",
}


def documented(record: GoalRecord, context: DocContext) -> frozenset[str]:
    """Return the parts a record documents, counting a review timeline that covers the whole document."""
    parts = set(record.fields or ())
    if context.review:
        parts.add("review")
    return frozenset(parts)


def document_findings(record: GoalRecord, context: DocContext, rules: Sequence[RuleSpec]) -> Iterator[RuleSpec]:
    """Yield every document rule a structured record breaks (nothing for a plain goal)."""
    if record.fields is None:
        return
    parts = documented(record, context)
    for rule in rules:
        part = PART_OF_RULE.get(rule.name)
        if part is not None and part not in parts:
            yield rule
