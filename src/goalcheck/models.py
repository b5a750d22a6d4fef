"""Define the wire models: a goal's parsed parts, its findings and its result.

Every model is a frozen pydantic v2 model, so a result can be hashed, cached and serialized
(`result.model_dump_json()`) without surprises. `SCHEMA_VERSION` versions the JSON shape.
Offsets are character offsets into the goal text, `end` exclusive.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from functools import lru_cache
from typing import Any, Literal, Self, get_args

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1

FacetName = Literal["strategic", "metric", "target", "baseline", "action", "role", "deadline", "milestones", "vague"]
FACET_NAMES: tuple[str, ...] = get_args(FacetName)


class Severity(StrEnum):
    """How much a finding matters; ordered info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Return 0, 1 or 2 so severities can be compared."""
        return ("info", "warning", "error").index(self.value)


class Dimension(StrEnum):
    """The SMART+ dimensions a goal is scored on (seed framework plus classic S and A)."""

    STRATEGIC = "strategic"
    MEASURABLE = "measurable"
    ACTIONABLE = "actionable"
    ROLE = "role"
    TIME = "time"
    SPECIFIC = "specific"
    ACHIEVABLE = "achievable"


class Status(StrEnum):
    """How well a goal meets one dimension."""

    MET = "met"
    PARTIAL = "partial"
    MISSING = "missing"


Direction = Literal["increase", "decrease", "reach", "maintain"]
QuantityKind = Literal["percent", "money", "count", "score", "multiplier", "rank", "all", "duration"]


# BaseModel has no __new__ of its own; read through the class, `cls.__new__` goes through the pydantic
# metaclass's attribute hook first.
_new = object.__new__
# The setters of BaseModel's own slots, called directly: `object.__setattr__` (how pydantic itself fills a frozen
# model) looks each one up on the type first (a trusted model: 837 -> 699 ns, timeit). The instance dict is one of
# them: 8.9k -> 8.4k instructions a TextSpan built and freed (callgrind).
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    @classmethod
    def trusted(cls, fields: dict[str, Any] | None = None, /, **values: Any) -> Self:
        """Build a model from values that already have its fields' types, without validating them.

        Extraction builds thousands of small models a second from ints and strs it made itself, and
        pydantic's validation was most of their cost (`model_construct` is slower still: it looks up
        aliases and defaults field by field). Pass every field, in declaration order, with values that
        validation would keep as they are: the model then equals `cls(**values)` and dumps the same JSON.
        `fields`, a dict of them all instead of keywords, becomes the model's own (it is not copied).
        """
        # The fill is written out here, not called: one call less a model (about 13 a goal), 1,000 of a
        # TextSpan's 13,400 instructions (callgrind). `object.__new__` read once, not `cls.__new__` through the
        # metaclass: 10.4k -> 9.4k instructions a TextSpan (callgrind, 100,000 built).
        if fields is not None:
            values = fields
        model = _new(cls)
        _set_dict(model, values)
        _set_fields_set(model, set(values))
        _set_extra(model, None)
        _set_private(model, None)
        return model


_trusted = _Frozen.__dict__["trusted"].__func__  # `trusted` for any model class, read without the metaclass hook


class TextSpan(_Frozen):
    """Where a part sits in the goal text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Quantity(_Frozen):
    """A value found in the goal: a percentage, a money amount, a count, a score."""

    value: float
    unit: str | None = None
    kind: QuantityKind = "count"
    span: TextSpan


class Scale(_Frozen):
    """The scale a score is measured on ("on a 5-point scale", "out of 5", "8/10")."""

    low: float = 0
    high: float
    span: TextSpan


class Metric(_Frozen):
    """What is measured, with its target, baseline, unit and direction where the goal states them."""

    name: str
    span: TextSpan | None = None
    target: Quantity | None = None
    baseline: Quantity | None = None
    unit: str | None = None
    scale: Scale | None = None
    direction: Direction | None = None
    change: bool = False  # the target is an amount of change ("by 15%"), not a level ("to 15%")


class Cadence(_Frozen):
    """How often something happens ("monthly", "every two weeks"); never a deadline."""

    period: Literal["day", "week", "month", "quarter", "half", "year", "session", "event"]
    every: int = 1
    span: TextSpan


class Activity(_Frozen):
    """A concrete development activity, with its cadence when one is stated."""

    name: str
    span: TextSpan
    cadence: Cadence | None = None


class Role(_Frozen):
    """Whom the goal is for: a job role, a team by function, a level, or a named person."""

    name: str
    kind: Literal["role", "team", "level", "person"]
    level: str | None = None
    span: TextSpan


class Priority(_Frozen):
    """The organizational priority or business outcome the goal serves."""

    id: str
    name: str
    configured: bool
    span: TextSpan


class DateRange(_Frozen):
    """A period resolved to calendar dates; `end` is the last day by which the goal is due."""

    start: dt.date
    end: dt.date
    text: str
    span: TextSpan
    grain: Literal["day", "month", "quarter", "half", "year", "duration", "event"] = "day"


class Milestone(_Frozen):
    """A dated checkpoint or phase of the goal."""

    due: DateRange
    label: str


class VagueTerm(_Frozen):
    """A word or phrase a reviewer would flag as vague."""

    category: Literal[
        "weak-verb", "quantifier", "comparative", "adverb", "adjective", "superlative", "loophole", "temporal"
    ]
    span: TextSpan


class Facets(_Frozen):
    """The nine booleans that summarize a parse; names and meanings follow eval/LABELING.md."""

    strategic: bool = False
    metric: bool = False
    target: bool = False
    baseline: bool = False
    action: bool = False
    role: bool = False
    deadline: bool = False
    milestones: bool = False
    vague: bool = False


@lru_cache(maxsize=512)
def _facets(*values: bool) -> Facets:
    return Facets(**dict(zip(FACET_NAMES, values, strict=True)))


class GoalParts(_Frozen):
    """Everything extraction found in one goal; the checks read this, never spaCy objects."""

    text: str
    priorities: tuple[Priority, ...] = ()
    metrics: tuple[Metric, ...] = ()
    activities: tuple[Activity, ...] = ()
    cadences: tuple[Cadence, ...] = ()
    roles: tuple[Role, ...] = ()
    deadline: DateRange | None = None
    milestones: tuple[Milestone, ...] = ()
    vague_terms: tuple[VagueTerm, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    reference_date: dt.date

    @property
    def primary_metric(self) -> Metric | None:
        """Return the goal's main measure: baseline and target first, then a value target, then any."""

        def rank(m: Metric) -> int:
            if m.target and m.baseline:
                return 0
            if m.target and m.target.kind in {"percent", "money", "score", "multiplier"}:
                return 1
            return 2 if m.target else 3

        return min(self.metrics, key=rank) if self.metrics else None

    def summarize(self) -> Facets:
        """Summarize the parse as the nine facet booleans."""
        # One loop, not two `any(...)` generators: a goal has a metric or two, and making a generator costs more.
        target = baseline = False
        metrics = self.metrics  # read once: a field read goes through pydantic's `__getattr__` hook
        for m in metrics:
            target = target or m.target is not None
            baseline = baseline or m.baseline is not None
        return _facets(
            bool(self.priorities),
            bool(metrics),
            target,
            baseline,
            bool(self.activities),
            bool(self.roles),
            self.deadline is not None,
            len(self.milestones) >= 2,
            bool(self.vague_terms),
        )


class Suggestion(_Frozen):
    """A concrete next step for the author; `replacement` is set when it is an edit of the goal text."""

    text: str
    replacement: str | None = None
    safety: Literal["safe", "unsafe", "display-only"] = "display-only"
    source: str | None = None


class Finding(_Frozen):
    """One problem with a goal, located by character offsets into the goal text."""

    code: str
    name: str
    dimension: Dimension
    severity: Severity
    message: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    suggestions: tuple[Suggestion, ...] = ()


class DimensionResult(_Frozen):
    """How the goal does on one SMART+ dimension."""

    status: Status
    score: int = Field(ge=0, le=100)


class GoalResult(GoalParts):
    """The result of checking one goal: score, dimensions, facets, findings and the parse."""

    schema_version: int = SCHEMA_VERSION
    score: int = Field(ge=0, le=100)
    dimensions: dict[Dimension, DimensionResult]
    facets: Facets
    findings: tuple[Finding, ...] = ()

    @classmethod
    def assemble(
        cls,
        parts: GoalParts,
        *,
        score: int,
        dimensions: dict[Dimension, DimensionResult],
        facets: Facets,
        findings: tuple[Finding, ...],
    ) -> GoalResult:
        """Build the result of checking `parts` without validating it again: every value was typed when it was built."""
        # One dict, passed on whole (a C-level copy): 10,000 instructions fewer than the parts' fields and the
        # result's own as keywords (callgrind). It becomes the result's own: `trusted` read once at import
        # (`cls.trusted` goes through pydantic's metaclass hook) and given the dict, not keywords to pack again.
        values = parts.__dict__.copy()
        values.update(
            schema_version=SCHEMA_VERSION, score=score, dimensions=dimensions, facets=facets, findings=findings
        )
        return _trusted(cls, values)
