"""Recognize the labels goal documents use: "Objective:", "Success metrics:", "Review timeline:" ...

The five parts are those the SMART+ seed asks every goal's documentation to record ("Document and
Track": specific objectives, success metrics, development activities, progress milestones, review
timeline). A label that names none of them and carries a short value ("Owner: Maria") is metadata,
not a goal.
"""

from __future__ import annotations

import re

from .models import FieldName, MappedText

_FIELDS: tuple[tuple[FieldName, str], ...] = (
    ("objective", r"(?:specific\s+|smart\s+)?objectives?|(?:smart\s+)?goal(?:\s*#?\d+)?(?:\s+statement)?"),
    ("metrics", r"(?:success\s+)?metrics?|kpis?|success\s+(?:measures?|criteria)|measures?\s+of\s+success"),
    (
        "activities",
        r"(?:development\s+)?activit(?:y|ies)|action\s+(?:steps?|plan)|actions?|development\s+plan",
    ),
    ("milestones", r"(?:progress\s+)?milestones?|checkpoints?"),
    ("review", r"review(?:\s+(?:timeline|cadence|schedule|plan))?|reviews|progress\s+reviews?"),
)
_FIELD_RES = tuple((name, re.compile(rf"^(?:{pattern})$", re.IGNORECASE)) for name, pattern in _FIELDS)
_LABEL = re.compile(r"^\s*(?P<label>[^\W\d][\w &/#'’()-]{0,38}?)\s*:(?:\s+|$)")
_TASK = re.compile(r"^\s*\[[ xX]\]\s+")
_QUOTES = {'"': '"', "“": "”", "'": "'", "‘": "’", "«": "»"}
METADATA_MAX_WORDS = 3


def field_of(label: str) -> FieldName | None:
    """Return the documented part a label names ("Success metrics" -> "metrics"), or None."""
    label = re.sub(r"[*_`]+", "", label).strip().rstrip(":").strip()
    for name, pattern in _FIELD_RES:
        if pattern.match(label):
            return name
    return None


class Labeled:
    """A text split into its leading label (if any) and the rest."""

    def __init__(
        self,
        label: str | None,
        field: FieldName | None,
        rest: MappedText,
        label_span: tuple[int, int] | None = None,
    ) -> None:
        self.label = label
        self.field = field
        self.rest = rest
        self.label_span = label_span  # document span of the label

    @property
    def is_metadata(self) -> bool:
        """Tell "Owner: Maria"-style metadata (an unknown label with a short value) from a goal."""
        return self.label is not None and self.field is None and len(self.rest.text.split()) <= METADATA_MAX_WORDS


def split_label(text: MappedText) -> Labeled:
    """Split "Objective: Increase ..." into its label and the goal text; drop a task-list box."""
    task = _TASK.match(text.text)
    if task:
        text = text.slice(task.end())
    match = _LABEL.match(text.text)
    if not match:
        return Labeled(None, None, unquote(text.strip()))
    label = match.group("label")
    span = text.doc_span(match.start("label"), match.end("label"))
    return Labeled(label, field_of(label), unquote(text.slice(match.end()).strip()), span)


def unquote(text: MappedText) -> MappedText:
    """Remove one pair of quotes around the whole text ("'Goal: "Improve ..."' as the seed writes it)."""
    raw = text.text
    if len(raw) >= 2 and raw[0] in _QUOTES and raw.endswith(_QUOTES[raw[0]]):
        return text.slice(1, len(raw) - 1).strip()
    return text
