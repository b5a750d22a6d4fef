"""Define what REWRITE produces: the rewritten goal and, for every part of it, where it came from.

A `Rewrite` is a frozen pydantic model like every goalcheck result. Its `parts`, joined, are exactly
its `text`; each part says whether it was kept from the original (with its span there), is a typed
placeholder the author fills in, a suggestion from a rule pack (with its source), or the template's
own wording. Nothing in `placeholders` mode is a suggestion: that mode invents no value.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from goalcheck.models import Finding, TextSpan

Mode = Literal["placeholders", "suggest"]
Origin = Literal["kept", "placeholder", "suggestion", "template"]
SlotName = Literal[
    "role",
    "skill",
    "metric",
    "baseline",
    "target",
    "activity",
    "deadline",
    "priority",
    "milestones",
    "accounts",
    "behaviour",
    "practices",
]
SLOT_NAMES: tuple[SlotName, ...] = get_args(SlotName)
EditAction = Literal["drop", "replace", "slot", "reframe", "move"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Part(_Frozen):
    """One run of the rewritten text and where it came from.

    `span` is where a kept part sits in the original goal. `source` names the pack file and entry a
    suggestion was taken from, or the template a piece of wording belongs to. `alternatives` are other
    values for the same slot, best first (set with `alternatives=N`).
    """

    text: str
    origin: Origin
    slot: SlotName | None = None
    span: TextSpan | None = None
    source: str | None = None
    alternatives: tuple[str, ...] = ()


class Edit(_Frozen):
    """A change to the author's words: a vague term dropped or replaced, a weak verb reframed."""

    action: EditAction
    span: TextSpan
    replacement: str = ""
    category: str
    reason: str


class Phase(_Frozen):
    """One step of a time-phased development path (`phased=True`)."""

    stage: str
    label: str
    due: dt.date
    text: str


class Rewrite(_Frozen):
    """A goal rewritten into a SMART+ shape.

    Attributes:
        original: the goal as given.
        text: the rewritten goal.
        mode: `placeholders` (nothing invented) or `suggest` (missing parts filled from the packs).
        shape: the id of the template the rewrite follows (`skill`, `outcome`, `activity` ...).
        parts: the rewritten text, run by run, with where each run came from; joined they are `text`.
        edits: changes made to the author's words (vague terms dropped or replaced, a weak verb reframed).
        missing: the slots still left as placeholders: facts only the author can supply.
        phases: the dated development path, when `phased=True`.
        score_before: the original's SMART+ score.
        score_after: the rewrite's SMART+ score.
        findings: what the linter still reports on the rewrite.
        needs_author: the findings on the author's own numbers and dates that a rewrite never changes (a
            target of 130 %, a deadline already past, "from 3% to 7%" for a reduction): only the author
            can correct them. Each is also in `findings`.
        reference_date: the date the deadlines and phases were computed from.

    """

    original: str
    text: str
    mode: Mode
    shape: str
    parts: tuple[Part, ...]
    edits: tuple[Edit, ...] = ()
    missing: tuple[SlotName, ...] = ()
    phases: tuple[Phase, ...] = ()
    score_before: int = Field(ge=0, le=100)
    score_after: int = Field(ge=0, le=100)
    findings: tuple[Finding, ...] = ()
    needs_author: tuple[Finding, ...] = ()
    reference_date: dt.date

    @property
    def changed(self) -> bool:
        """Tell whether the rewrite differs from the original."""
        return self.text != self.original

    @property
    def suggestions(self) -> tuple[Part, ...]:
        """Return the parts filled with suggested values."""
        return tuple(p for p in self.parts if p.origin == "suggestion")
