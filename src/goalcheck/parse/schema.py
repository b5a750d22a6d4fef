"""Define the schema of YAML and JSON goal files (published as docs/goal-file.schema.json).

```yaml
plan_year: 2025                 # goals are read as written at the start of this plan year
fiscal_year_start: 4            # month number or name; "Q1" follows it
role: New specialty representatives     # the default role of every goal
review: [monthly progress checks, quarterly assessments, mid-year adjustment, annual evaluation]
goals:
  - Improve selling skills.     # a plain goal: only its text is checked
  - goal: Increase average engagement scores from 3.2 to 4.0 by Q2 2025.
    metrics: [engagement score on scientific dialogue quality, 1-5]
    activities: [monthly role-play sessions with video feedback]
    milestones: ["Q1 2025: baseline assessment", "Q2 2025: 4.0 in field assessments"]
    review: monthly progress check with the first-line manager
```

Keys may be written with hyphens or underscores. A file whose top level has no `goals` key (and is not
a list of goal mappings) is not a goal file and is skipped without a word.
"""

from __future__ import annotations

import datetime as dt

from pydantic import AliasChoices, BaseModel, ConfigDict, Field

Texts = str | list[str]


class Milestone(BaseModel):
    """A dated checkpoint: `{due: "Q1 2025", label: "baseline assessment"}`."""

    model_config = ConfigDict(extra="forbid")

    due: str | dt.date
    label: str = ""


class GoalEntry(BaseModel):
    """One goal with its documentation: the five parts of the seed's "Document and Track"."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    id: str | int | None = None
    title: str | None = None
    owner: str | None = None
    role: str | None = Field(default=None, description="Whom the goal is for; read as 'For <role>: <goal>'.")
    goal: str | None = Field(
        default=None,
        validation_alias=AliasChoices("goal", "objective", "specific_objective"),
        description="The goal statement (specific objective); the text that is checked.",
    )
    metrics: Texts | None = Field(default=None, validation_alias=AliasChoices("metrics", "success_metrics"))
    activities: Texts | None = Field(
        default=None, validation_alias=AliasChoices("activities", "development_activities")
    )
    milestones: list[str | Milestone] | str | None = Field(
        default=None, validation_alias=AliasChoices("milestones", "progress_milestones")
    )
    review: Texts | None = Field(default=None, validation_alias=AliasChoices("review", "review_timeline"))
    status: str | None = None
    notes: str | None = None


class Suppressions(BaseModel):
    """`goalcheck: {ignore: [...]}`: rules not to report anywhere in this file."""

    model_config = ConfigDict(extra="forbid")

    ignore: list[str] = []


class GoalFile(BaseModel):
    """A YAML or JSON goal file."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    title: str | None = None
    owner: str | None = None
    team: str | None = None
    description: str | None = None
    plan_year: int | None = Field(default=None, ge=1900, le=2200)
    reference_date: dt.date | None = None
    fiscal_year_start: int | str | None = None
    role: str | None = None
    review: Texts | None = Field(default=None, validation_alias=AliasChoices("review", "review_timeline"))
    goalcheck: Suppressions | None = None
    goals: list[str | GoalEntry]


def documented_parts(entry: GoalEntry) -> frozenset[str]:
    """Return the parts a goal entry documents (non-empty fields)."""
    names = {
        "objective": entry.goal,
        "metrics": entry.metrics,
        "activities": entry.activities,
        "milestones": entry.milestones,
        "review": entry.review,
    }
    return frozenset(name for name, value in names.items() if value and (not isinstance(value, str) or value.strip()))
