"""Define the schema of rule packs: rule files, pack files, vocabularies and the time grammar.

Every model forbids unknown keys, so a typo such as `severty:` fails loading with the file and line.
"""

from __future__ import annotations

import re
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator

from goalcheck.models import Dimension, FacetName, Severity

ConditionName = Literal[FacetName, "cadence", "long_horizon"]
VagueCategory = Literal[
    "weak-verb", "quantifier", "comparative", "adverb", "adjective", "superlative", "loophole", "temporal"
]
PlausibilityCheck = Literal[
    "percent-over-100", "beyond-scale", "direction-contradiction", "deadline-past", "unit-mismatch"
]
# Checks of how a value is written (goalcheck.check.formats); their findings have safe fixes.
FormatCheck = Literal["nonstandard-percent", "year-less-date"]
# "document" rules check a goal document's structure (goalcheck.parse.track), not one goal's text.
RuleKind = Literal["absence", "presence", "relation", "count", "plausibility", "document", "format"]


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Condition(_Strict):
    """Facts about the goal that must hold (`has`) or must not (`lacks`) for a rule to apply."""

    has: tuple[ConditionName, ...] = ()
    lacks: tuple[ConditionName, ...] = ()


class Examples(_Strict):
    """A rule's examples: each bad one must trigger it, no good one may; both run as tests."""

    bad: tuple[str, ...] = Field(min_length=1)
    good: tuple[str, ...] = Field(min_length=1)


class RuleText(_Strict):
    """What every rule file says about its rule: names, severity, texts, source and examples."""

    name: str = Field(pattern=r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
    aliases: tuple[str, ...] = ()
    severity: Severity
    message: str
    fix_title: str
    suggestions: tuple[str, ...] = ()
    rationale: str
    source: str
    precision: Literal["very-high", "high", "medium", "low"] = "high"
    default: bool = True
    examples: Examples


class RuleSpec(RuleText):
    """One rule, as written in `rules/<pack>/<ID>-<name>.yaml`."""

    id: str = Field(pattern=r"^[A-Z]{2}\d{2}$")
    dimension: Dimension
    facet: FacetName | None = None
    kind: RuleKind
    when: Condition = Condition()
    categories: tuple[VagueCategory, ...] = ()
    of: Literal["milestones"] | None = None
    min: int | None = Field(default=None, ge=1)
    check: PlausibilityCheck | FormatCheck | None = None

    @field_validator("message")
    @classmethod
    def _message_placeholders(cls, value: str) -> str:
        return _check_placeholders(value, MESSAGE_FIELDS)

    @field_validator("fix_title")
    @classmethod
    def _fix_placeholders(cls, value: str) -> str:
        return _check_placeholders(value, SUGGESTION_FIELDS)

    @field_validator("suggestions")
    @classmethod
    def _suggestion_placeholders(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for item in value:
            _check_placeholders(item, SUGGESTION_FIELDS)
        return value

    def model_post_init(self, __context: object) -> None:
        """Check the fields each kind needs."""
        needs = {"presence": ("categories",), "count": ("of", "min"), "plausibility": ("check",), "format": ("check",)}
        missing = [f for f in needs.get(self.kind, ()) if not getattr(self, f)]
        if missing:
            raise ValueError(f"kind '{self.kind}' needs {', '.join(missing)}")
        checks = {"plausibility": get_args(PlausibilityCheck), "format": get_args(FormatCheck)}
        if self.check is not None and self.check not in checks.get(self.kind, ()):
            raise ValueError(f"check '{self.check}' is not a check of kind '{self.kind}'")


MESSAGE_FIELDS = frozenset({"match", "goal", "metric", "target", "baseline", "unit", "scale", "deadline", "reference"})
SUGGESTION_FIELDS = MESSAGE_FIELDS | {
    "object",
    "skill",
    "metric_example",
    "activity",
    "role_example",
    "priority_example",
    "priority_name",
    "next_quarter",
}


def _check_placeholders(value: str, known: frozenset[str]) -> str:
    unknown = set(re.findall(r"{(\w+)}", value)) - known
    if unknown:
        raise ValueError(f"unknown placeholder(s) {sorted(unknown)}; known: {sorted(known)}")
    return value


class PriorityDef(_Strict):
    """An organizational priority and the words that name it."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    synonyms: tuple[str, ...] = Field(min_length=1)
    skills: tuple[str, ...] = ()


class MetricSuggestion(_Strict):
    """A measure to propose, with its scale or unit."""

    name: str
    scale: str | None = None
    unit: str | None = None


class SuggestSpec(_Strict):
    """Concrete values suggestions and rewrites draw on.

    `domain_terms` name the field the values are for: they are suggested for a goal that names one of the
    terms (or serves one of the pack's priorities); a pack that lists none suggests for any goal.
    """

    skills: tuple[str, ...] = ()
    metrics: tuple[MetricSuggestion, ...] = ()
    activities: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    domain_terms: tuple[str, ...] = ()


class PackSpec(_Strict):
    """A pack's `pack.yaml`."""

    name: str
    description: str = ""
    irregular_forms: dict[str, tuple[str, ...]] = {}
    priorities: tuple[PriorityDef, ...] = ()
    suggest: SuggestSpec = SuggestSpec()


class Vocabulary(_Strict):
    """A pack's `vocabulary.yaml`: one list of terms per category (base forms; inflected on compile)."""

    outcome: tuple[str, ...] = ()
    outcome_noun: tuple[str, ...] = ()
    outcome_verb: tuple[str, ...] = ()
    metric: tuple[str, ...] = ()
    measure_noun: tuple[str, ...] = ()  # what makes a metric phrase a measure: "score", "rate"
    count_noun: tuple[str, ...] = ()
    direction_up: tuple[str, ...] = ()
    direction_down: tuple[str, ...] = ()
    direction_reach: tuple[str, ...] = ()
    direction_keep: tuple[str, ...] = ()
    direction_better: tuple[str, ...] = ()  # "improve": up or down, whichever is better
    activity: tuple[str, ...] = ()
    action_verb: tuple[str, ...] = ()
    object_verb: tuple[str, ...] = ()
    concrete_object: tuple[str, ...] = ()
    abstract_noun: tuple[str, ...] = ()
    role: tuple[str, ...] = ()
    team_function: tuple[str, ...] = ()
    team_noun: tuple[str, ...] = ()
    level: tuple[str, ...] = ()
    people_noun: tuple[str, ...] = ()
    hire_verb: tuple[str, ...] = ()
    modified_head: tuple[str, ...] = ()
    weak_verb: tuple[str, ...] = ()
    build_verb: tuple[str, ...] = ()
    comparative: tuple[str, ...] = ()
    quantifier: tuple[str, ...] = ()
    adverb: tuple[str, ...] = ()
    adjective: tuple[str, ...] = ()
    superlative: tuple[str, ...] = ()
    loophole: tuple[str, ...] = ()
    temporal: tuple[str, ...] = ()
    accept: tuple[str, ...] = ()


TimeResolver = Literal[
    "iso_date",
    "absolute",
    "quarter",
    "half",
    "fiscal_year",
    "year_part",
    "month_year",
    "period",
    "duration",
    "holiday",
    "season",
    "school_year",
    "month",
    "year",
    "weekday",
]


class TimePattern(_Strict):
    """One time idiom: a regular expression and the resolver that turns it into dates."""

    id: str
    resolver: TimeResolver
    needs: str = ""
    regex: str


class CadencePattern(_Strict):
    """One cadence idiom ("monthly", "every two weeks"), with a cheap test to try first."""

    needs: str = ""
    regex: str


class QuantityGrammar(_Strict):
    """Regular expressions for values and the words around them."""

    needs: dict[str, str] = {}
    money: str
    percent: str
    scale: str
    multiplier: str
    rank: str
    totality: str
    number: str
    comparator: str
    baseline_cue: str
    label_before: str
    label_after: str
    # A count right after these words sizes the goal's scope, not a target ("across my 12 accounts").
    scope_before: str = ""


class DeadlineContext(_Strict):
    """The words around a time expression that decide whether it is due (see grammar.yaml `deadline_context`)."""

    spoken_end: str
    baseline_label: str
    age_after: str
    due_before: str
    bound_target: str
    measured_at: str
    aside: str
    baseline_before: str
    due_word_before: str
    season_edge: str
    attributive_before: str
    attributive_after: str
    occasions: tuple[str, ...] = ()


class Grammar(_Strict):
    """A pack's `grammar.yaml`."""

    fragments: dict[str, str] = {}
    time: tuple[TimePattern, ...] = ()
    deadline_triggers: str
    self_evident: tuple[str, ...] = ()
    not_deadline_after: str
    service_standard: str
    deadline_context: DeadlineContext
    cadence: tuple[CadencePattern, ...] = ()
    quantity: QuantityGrammar
