"""Define what flows through batch scoring: input records, compact scores and output rows.

A `Record` is one input row as read (values plus where it came from and any read problem). A worker
turns a goal into a `Scored`, a compact tuple-based summary that pickles cheaply between processes.
`output_row` flattens both into the columns every writer emits, in the same order for every format.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from operator import attrgetter
from typing import Any, NamedTuple

from goalcheck.models import FACET_NAMES, Dimension

DIMENSIONS: tuple[str, ...] = tuple(d.value for d in Dimension)
DIMENSION_LABELS = {
    "strategic": "Strategic",
    "measurable": "Measurable",
    "actionable": "Actionable",
    "role": "Role",
    "time": "Time-phased",
    "specific": "Specific",
    "achievable": "Achievable",
}


class RowStatus(StrEnum):
    """Why a row was or was not scored; every input row gets exactly one."""

    OK = "ok"
    EMPTY = "empty"  # no goal text in the text column
    ENCODING = "encoding"  # bytes that are not valid in the file's encoding
    BINARY = "binary"  # control characters: not text a person wrote
    TOO_LONG = "too-long"  # longer than `max_chars`: a swallowed file or a pasted document, not a goal
    NOT_TEXT = "not-text"  # a number, list or object where the goal text should be
    MALFORMED = "malformed"  # the row itself is broken (field count, invalid JSON)
    ENGINE_ERROR = "engine-error"  # the linter failed on this goal; reported, never raised


@dataclass(frozen=True, slots=True)
class Record:
    """One input row: its values, where it came from, and a problem found while reading it."""

    values: Mapping[str, Any]
    location: str
    status: RowStatus | None = None
    error: str | None = None


class FindingBrief(NamedTuple):
    """A finding reduced to what summaries and reports show."""

    code: str
    name: str
    severity: str
    message: str

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuild, (FindingBrief, tuple(self))


class Scored(NamedTuple):
    """The compact result of one goal: what writers, summaries and reports need, and nothing else.

    A worker process builds it (`Scored.of`) and pickles it to the process that writes the rows. Named tuples,
    rebuilt from their fields without a call of Python code: unpickling the frozen dataclasses these were took
    12.4 µs a goal in that process, these 8.0 (16,000 generated goals).
    """

    score: int
    dimensions: tuple[str, ...]  # status values, in DIMENSIONS order
    facets: tuple[bool, ...]  # in FACET_NAMES order
    findings: tuple[FindingBrief, ...]
    priorities: tuple[str, ...]  # ids of configured priorities the goal serves
    digest: int  # CRC32 of the normalized text: equal for exact copies
    signature: tuple[int, ...]  # MinHash values for near-duplicates (see goalcheck.batch.minhash)
    bands: tuple[int, ...]  # the signature's LSH band keys, computed where the goal is scored
    rewrite: str | None
    # Derived where the goal is scored (a worker process), read by the writer and the summary.
    codes: tuple[str, ...]  # finding codes in order of appearance, each once
    met: tuple[bool, ...]  # per dimension, in DIMENSIONS order: is it met?

    @classmethod
    def of(
        cls,
        score: int,
        dimensions: tuple[str, ...],
        facets: tuple[bool, ...],
        findings: tuple[FindingBrief, ...],
        priorities: tuple[str, ...],
        digest: int,
        signature: tuple[int, ...],
        bands: tuple[int, ...] = (),
        rewrite: str | None = None,
    ) -> Scored:
        """Return the Scored of these values, with `codes` and `met` derived from them."""
        # map over C-level callables, not a generator a row: both run for every scored goal
        codes = tuple(dict.fromkeys(map(_CODE, findings)))
        met = tuple(map(_MET.__eq__, dimensions))
        return cls(score, dimensions, facets, findings, priorities, digest, signature, bands, rewrite, codes, met)

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuild, (Scored, tuple(self))


_rebuild = tuple.__new__  # a named tuple from its fields, in C (pickled by name, once a chunk)
_CODE = attrgetter("code")
_MET = "met"


@dataclass(frozen=True, slots=True)
class ScoredRow:
    """An input row with its outcome: `scored` is None exactly when `status` is not OK."""

    record: Record
    text: str | None
    status: RowStatus
    error: str | None
    scored: Scored | None


def result_columns(*, with_rewrite: bool) -> list[str]:
    """Return the columns goalcheck adds to every output row, in order."""
    columns = ["status", "error", "score"]
    columns += [f"dimension.{d}" for d in DIMENSIONS]
    columns += [f"facet.{f}" for f in FACET_NAMES]
    columns += ["codes", "priorities"]
    if with_rewrite:
        columns.append("rewrite")
    return columns


def output_columns(input_columns: Sequence[str], *, with_rewrite: bool) -> tuple[list[str], dict[str, str]]:
    """Return the output header and how input columns are renamed to make room for goalcheck's.

    An input column named like one of goalcheck's (a file scored before) keeps its values under
    `input.<name>`, so re-scoring a scored file never mixes old and new scores.
    """
    ours = result_columns(with_rewrite=with_rewrite)
    taken = set(ours)
    renames: dict[str, str] = {}
    header: list[str] = []
    for name in input_columns:
        new = name
        while new in taken:
            new = f"input.{new}"
        taken.add(new)
        if new != name:
            renames[name] = new
        header.append(new)
    return header + ours, renames


_DIMENSION_COLUMNS = tuple(f"dimension.{d}" for d in DIMENSIONS)
_FACET_COLUMNS = tuple(f"facet.{f}" for f in FACET_NAMES)
_EMPTY_RESULT = dict.fromkeys(("score", *_DIMENSION_COLUMNS, *_FACET_COLUMNS, "codes", "priorities"))


def output_row(
    row: ScoredRow, input_columns: Sequence[str], renames: Mapping[str, str], *, with_rewrite: bool
) -> dict[str, Any]:
    """Flatten a scored row into the output columns (input columns first, then goalcheck's)."""
    values = row.record.values
    if renames:
        out: dict[str, Any] = {renames.get(c, c): values.get(c) for c in input_columns}
    else:
        out = {c: values.get(c) for c in input_columns}
    out["status"] = row.status.value
    out["error"] = row.error
    scored = row.scored
    if scored is None:
        out.update(_EMPTY_RESULT)
    else:
        out["score"] = scored.score
        out.update(zip(_DIMENSION_COLUMNS, scored.dimensions, strict=True))
        out.update(zip(_FACET_COLUMNS, scored.facets, strict=True))
        out["codes"] = " ".join(scored.codes)
        out["priorities"] = " ".join(scored.priorities)
    if with_rewrite:
        out["rewrite"] = scored.rewrite if scored is not None else None
    return out
