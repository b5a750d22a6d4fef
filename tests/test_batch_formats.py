"""Every input format reads the same records, and every output format writes every row back, in order."""

from __future__ import annotations

import csv
import io
import json
from itertools import islice
from pathlib import Path
from typing import Any

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import goalcheck
from goalcheck.batch import ReadOptions, open_table, score_file
from goalcheck.batch.rows import result_columns
from goalcheck.batch.writers import _DelimitedWriter
from goalcheck.errors import InputError

from .batch_data import generate

ROWS = [
    {"goal_id": "G1", "team": "Oncology", "goal": "Improve selling skills."},
    {"goal_id": "G2", "team": "Oncology", "goal": ""},
    {
        "goal_id": "G3",
        "team": "Access",
        "goal": "Increase formulary access from 40% to 55% by Q4 2025, "
        "with monthly payer presentations for market access managers.",
    },
    {"goal_id": "G4", "team": "Access", "goal": "Ein Ziel mit Umlauten: Kundenzufriedenheit über 4,5 — bis Q3 2025."},
    {"goal_id": "G5", "team": "", "goal": 'Multi-line\ngoal, with "quotes" and a comma.'},
]
FORMATS = ("csv", "tsv", "jsonl", "xlsx", "parquet")


def write_table(path: Path, rows: list[dict[str, Any]]) -> Path:
    """Write rows in the format of the path's extension, the way other tools write them."""
    columns = list(rows[0])
    suffix = path.suffix
    if suffix in (".csv", ".tsv"):
        with path.open("w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=columns, delimiter="\t" if suffix == ".tsv" else ",")
            writer.writeheader()
            writer.writerows(rows)
    elif suffix == ".jsonl":
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    elif suffix == ".xlsx":
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(columns)
        for row in rows:
            sheet.append([row[c] if row[c] != "" else None for c in columns])
        book.save(path)
    else:
        pq.write_table(pa.Table.from_pylist(rows), path)
    return path


def read_back(path: Path) -> list[dict[str, Any]]:
    """Read an output table with the format's own library, independently of goalcheck's readers."""
    if path.suffix in (".csv", ".tsv"):
        with path.open(newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f, delimiter="\t" if path.suffix == ".tsv" else ","))
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    if path.suffix == ".xlsx":
        sheet = openpyxl.load_workbook(path, read_only=True).active
        header, *rows = list(sheet.iter_rows(values_only=True))
        # Read-only openpyxl drops trailing empty cells of a row.
        return [dict(zip(header, (*row, *[None] * (len(header) - len(row))), strict=True)) for row in rows]
    return pq.read_table(path).to_pylist()


def _text(value: Any) -> str:
    return "" if value is None else str(value)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_input_format_reads_the_same_records(tmp_path: Path, fmt: str) -> None:
    path = write_table(tmp_path / f"goals.{fmt}", ROWS)
    with open_table(path) as reader:
        assert reader.columns == ["goal_id", "team", "goal"]
        records = list(reader)
    assert [{k: _text(v) for k, v in r.values.items()} for r in records] == ROWS
    assert all(r.status is None for r in records)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_output_format_writes_every_row_in_order(tmp_path: Path, config: goalcheck.Config, fmt: str) -> None:
    source = write_table(tmp_path / "goals.csv", ROWS)
    out = tmp_path / f"scored.{fmt}"
    summary = score_file(source, out, config=config)
    rows = read_back(out)
    assert [r["goal_id"] for r in rows] == ["G1", "G2", "G3", "G4", "G5"]
    assert list(rows[0]) == ["goal_id", "team", "goal", *result_columns(with_rewrite=False)]
    assert [r["status"] for r in rows] == ["ok", "empty", "ok", "ok", "ok"]
    assert [_text(r["goal"]) for r in rows] == [r["goal"] for r in ROWS]
    assert summary.overall.rows == 5
    assert not list(tmp_path.glob(".*partial")), "the temporary file must be renamed or removed"


def test_output_formats_agree_value_for_value(tmp_path: Path, config: goalcheck.Config) -> None:
    source = write_table(tmp_path / "goals.csv", list(islice(generate(60, seed=3), 60)))
    tables = {}
    for fmt in FORMATS:
        score_file(source, tmp_path / f"out.{fmt}", config=config)
        rows = read_back(tmp_path / f"out.{fmt}")
        tables[fmt] = [{k: _text(v).lower() for k, v in row.items()} for row in rows]
    for fmt in FORMATS[1:]:
        assert tables[fmt] == tables["csv"], fmt
    scored = read_back(tmp_path / "out.parquet")
    direct = [goalcheck.Linter(config).check(r["goal"]) for r in scored[:5]]
    assert [r["score"] for r in scored[:5]] == [d.score for d in direct]
    assert [r["facet.deadline"] for r in scored[:5]] == [d.facets.deadline for d in direct]


def test_parquet_keeps_input_column_types(tmp_path: Path, config: goalcheck.Config) -> None:
    source = tmp_path / "typed.parquet"
    pq.write_table(pa.table({"n": [1, 2], "weight": [0.5, None], "goal": ["Improve sales.", None]}), source)
    score_file(source, tmp_path / "out.parquet", config=config)
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.schema.field("n").type == pa.int64()
    assert table.schema.field("weight").type == pa.float64()
    assert table.schema.field("score").type == pa.int16()
    assert table.schema.field("facet.vague").type == pa.bool_()
    assert table.column("status").to_pylist() == ["ok", "empty"]


def test_scored_file_can_be_scored_again(tmp_path: Path, config: goalcheck.Config) -> None:
    source = write_table(tmp_path / "goals.csv", ROWS)
    score_file(source, tmp_path / "once.csv", config=config)
    score_file(tmp_path / "once.csv", tmp_path / "twice.csv", config=config, read=ReadOptions(text_column="goal"))
    twice = read_back(tmp_path / "twice.csv")
    assert twice[0]["input.score"] == twice[0]["score"]
    assert len(twice) == len(ROWS)


def test_semicolon_csv_and_utf8_bom_are_read(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffid;Goal\n1;Improve sales.\n".encode())
    with open_table(path) as reader:
        assert reader.columns == ["id", "Goal"]
        assert [dict(r.values) for r in reader] == [{"id": "1", "Goal": "Improve sales."}]


def test_utf16_tsv_from_excel_is_read(tmp_path: Path) -> None:
    path = tmp_path / "unicode.tsv"
    path.write_bytes("id\tgoal\r\n1\tSteigern um 5 % bis März\r\n".encode("utf-16"))
    with open_table(path) as reader:
        assert [dict(r.values) for r in reader] == [{"id": "1", "goal": "Steigern um 5 % bis März"}]


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("missing.csv", None, "missing.csv: no such file"),
        ("empty.csv", b"", "empty.csv:1: no header row"),
        ("goals.txt", b"goal\n", "cannot tell the format from '.txt'"),
        ("broken.xlsx", b"not a zip file", "broken.xlsx: not a readable .xlsx workbook"),
        ("broken.parquet", b"PAR1 nonsense", "broken.parquet: not a readable Parquet file"),
        ("latin.csv", "Zielbeschreibung Größe\n".encode("cp1252"), "latin.csv:1: header: bytes not valid utf-8"),
    ],
)
def test_a_bad_file_is_one_clear_error_naming_it(
    tmp_path: Path, name: str, content: bytes | None, problem: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError) as caught, open_table(path):
        pass
    message = str(caught.value)
    assert problem in message
    assert "\n" not in message


def test_readers_stream_instead_of_loading_the_file(tmp_path: Path) -> None:
    path = write_table(tmp_path / "big.csv", list(generate(20_000, seed=5)))
    size = path.stat().st_size
    with open_table(path) as reader:
        first = list(islice(iter(reader), 10))
        read, total = reader.progress()
    assert len(first) == 10
    assert total == size
    assert read < 256 * 1024 < size  # a few buffers, not the file


def test_json_lines_keys_first_seen_late_still_get_a_column(tmp_path: Path) -> None:
    lines = [{"goal": f"Goal {i}: increase NPS by {i}% by Q4 2025."} for i in range(1_200)]
    lines[1_100]["team"] = "Oncology"  # a key the first 1,000 records lack
    source = tmp_path / "late.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    out = tmp_path / "out.csv"
    summary = score_file(source, out, config=goalcheck.Config(reference_date="2025-01-15"))
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 1_200
    assert rows[1_100]["team"] == "Oncology" and rows[0]["team"] == ""
    assert summary.notes == []


class _Unseekable(io.BytesIO):
    def seekable(self) -> bool:
        return False


def test_json_lines_from_a_stream_says_which_late_keys_the_output_lacks() -> None:
    from goalcheck.batch.read_text import JSONL_SAMPLE, JsonLinesReader

    lines = [{"goal": "Improve selling skills."}] * (JSONL_SAMPLE + 5) + [{"goal": "Coach reps.", "team": "Access"}]
    raw = _Unseekable("".join(json.dumps(r) + "\n" for r in lines).encode())
    reader = JsonLinesReader(raw, Path("-"), encoding="utf-8")
    records = list(reader)
    assert len(records) == len(lines)
    assert reader.columns == ["goal"]
    assert reader.late_columns == {"team": f"line {len(lines)}"}


def test_json_lines_in_utf16_with_late_keys(tmp_path: Path) -> None:
    lines = [{"goal": "Improve selling skills."}] * 3 + [{"goal": "Coach reps.", "team": "Access"}]
    source = tmp_path / "wide.jsonl"
    source.write_bytes("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines).encode("utf-16"))
    with open_table(source) as reader:
        assert reader.columns == ["goal", "team"]
        assert [r.values.get("team") for r in reader] == [None, None, None, "Access"]


def test_score_file_from_standard_input_notes_late_keys(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import sys

    from goalcheck.batch.read_text import JSONL_SAMPLE

    lines = [{"goal": "Improve selling skills."}] * JSONL_SAMPLE + [{"goal": "Coach reps.", "team": "Access"}]
    raw = io.BufferedReader(_Unseekable("".join(json.dumps(r) + "\n" for r in lines).encode()))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(raw))
    summary = score_file("-", tmp_path / "out.jsonl", read=ReadOptions(fmt="jsonl"))
    assert summary.overall.rows == len(lines)
    assert len(summary.notes) == 1 and "'team'" in summary.notes[0] and f"line {len(lines)}" in summary.notes[0]
    assert summary.as_dict()["notes"] == summary.notes


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(st.lists(st.text(alphabet=',;\t|"\r\n xé\x00€', max_size=6), min_size=1, max_size=4), max_size=5),
    delimiter=st.sampled_from([",", "\t"]),
)
def test_delimited_output_is_what_the_csv_module_writes(rows: list[list[str]], delimiter: str) -> None:
    width = max((len(r) for r in rows), default=1)
    header = [f"c{n}" for n in range(width)]
    ours, theirs = io.StringIO(newline=""), io.StringIO(newline="")
    writer = _DelimitedWriter(ours, header, delimiter)
    reference = csv.writer(theirs, delimiter=delimiter)
    reference.writerow(header)
    for row in rows:
        writer.write(dict(zip(header, row, strict=False)))
        reference.writerow([*row, *[""] * (width - len(row))])
    assert ours.getvalue() == theirs.getvalue()
    assert list(csv.reader(io.StringIO(ours.getvalue(), newline=""), delimiter=delimiter))[1:] == [
        [*row, *[""] * (width - len(row))] for row in rows
    ]
