"""Safe fixes (CL05 nonstandard-percent, TI05 year-less-date): exact edits, ambiguity left alone, verified."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

import goalcheck
from goalcheck.check.formats import year_is_certain
from goalcheck.rewrite.fixes import attach_fixes, fix_linter, fix_text
from goalcheck.rulebook.spec import RuleSpec


@pytest.mark.parametrize(
    ("text", "fixed", "codes"),
    [
        ("Lift call quality to 20 pct by Q3 2025.", "Lift call quality to 20% by Q3 2025.", ["CL05"]),
        ("Lift call quality to 20 pct. by Q3 2025.", "Lift call quality to 20% by Q3 2025.", ["CL05"]),
        ("Lift call quality to 20 pct.", "Lift call quality to 20%.", ["CL05"]),
        ("Grow NBRx 12.5 per cent in FY25.", "Grow NBRx 12.5% in FY25.", ["CL05"]),
        ("Grow NBRx 7 percent in 2025.", "Grow NBRx 7% in 2025.", ["CL05"]),
        ("Cut churn 5 % in 2025.", "Cut churn 5% in 2025.", ["CL05"]),
        (
            "Present to all 12 IDN committees by June 30.",
            "Present to all 12 IDN committees by June 30, 2025.",
            ["TI05"],
        ),
        ("Complete the e-learning by 31 March.", "Complete the e-learning by 31 March 2025.", ["TI05"]),
        ("Raise attainment to 88% by September.", "Raise attainment to 88% by September 2025.", ["TI05"]),
        (
            "Grow NBRx 20 per cent by 30 June, then 25 percent by Sept 30.",
            "Grow NBRx 20% by 30 June 2025, then 25% by Sept 30, 2025.",
            ["CL05", "TI05", "CL05", "TI05"],
        ),
    ],
)
def test_safe_fix(config: goalcheck.Config, text: str, fixed: str, codes: list[str]) -> None:
    new, fixes = fix_text(text, config)
    assert new == fixed
    assert [f.code for f in fixes] == codes
    again, more = fix_text(new, config)
    assert (again, more) == (new, [])


@pytest.mark.parametrize(
    "text",
    [
        "Lift call quality to 20% by June 30, 2025.",  # already standard
        "Finish the audit by Jan 10.",  # five days before the reference date a year ago: which year?
        "Close the books by Dec 31.",  # last year's Dec 31 was 15 days ago
        "Hold 20 percentile reviews.",  # not a percentage
        "Run Q3 2025 reviews with 3 pct-point gains tracked.",
    ],
)
def test_no_fix_when_nothing_is_certain(config: goalcheck.Config, text: str) -> None:
    assert fix_text(text, config) == (text, [])


def test_year_is_certain_only_ahead_within_a_year_and_long_after_the_last_one() -> None:
    ref = dt.date(2025, 1, 15)
    assert year_is_certain(dt.date(2025, 6, 30), ref)
    assert not year_is_certain(dt.date(2026, 1, 10), ref)  # 2025-01-10 is 5 days back
    assert not year_is_certain(dt.date(2025, 12, 31), ref)  # 2024-12-31 is 15 days back
    assert not year_is_certain(dt.date(2024, 6, 30), ref)  # in the past
    assert year_is_certain(dt.date(2025, 3, 1), ref)


def test_ignored_fix_rule_is_not_applied() -> None:
    config = goalcheck.Config(reference_date=dt.date(2025, 1, 15), ignore=("CL05",))
    fixed, fixes = fix_text("Reach 20 pct by June 30.", config)
    assert fixed == "Reach 20 pct by June 30, 2025."
    assert [f.code for f in fixes] == ["TI05"]
    none = goalcheck.Config(reference_date=dt.date(2025, 1, 15), ignore=("CL05", "year-less-date"))
    assert fix_linter(none) is None
    assert fix_text("Reach 20 pct by June 30.", none) == ("Reach 20 pct by June 30.", [])


def test_format_rules_carry_their_safe_fix_by_default(linter: goalcheck.Linter) -> None:
    findings = [f for f in linter.check("Reach 20 pct by June 30.").findings if f.code in {"CL05", "TI05"}]
    assert [(f.code, f.severity.value, f.suggestions[0].replacement, f.suggestions[0].safety) for f in findings] == [
        ("CL05", "info", "20%", "safe"),
        ("TI05", "info", "June 30, 2025", "safe"),
    ]


def test_attach_fixes_adds_a_safe_replacement(config: goalcheck.Config) -> None:
    linter = fix_linter(config)
    assert linter is not None
    result = attach_fixes(linter.check("Reach 20 pct by June 30."), config)
    first = [(f.code, f.start, f.end, f.suggestions[0]) for f in result.findings]
    assert [(code, start, end, s.replacement, s.safety) for code, start, end, s in first] == [
        ("CL05", 6, 12, "20%", "safe"),
        ("TI05", 16, 23, "June 30, 2025", "safe"),
    ]
    assert attach_fixes(result, config) == result  # a finding keeps one safe fix


def _rule(**changes: object) -> dict:
    base = {
        "id": "CL09",
        "name": "odd-format",
        "dimension": "specific",
        "severity": "info",
        "kind": "format",
        "check": "nonstandard-percent",
        "message": "m",
        "fix_title": "f",
        "rationale": "r",
        "source": "s",
        "examples": {"bad": ["x"], "good": ["y"]},
    }
    return {**base, **changes}


def test_format_rule_needs_a_format_check() -> None:
    assert RuleSpec.model_validate(_rule()).kind == "format"
    with pytest.raises(ValidationError, match="needs check"):
        RuleSpec.model_validate(_rule(check=None))
    with pytest.raises(ValidationError, match="not a check of kind 'format'"):
        RuleSpec.model_validate(_rule(check="percent-over-100"))
    with pytest.raises(ValidationError, match="not a check of kind 'plausibility'"):
        RuleSpec.model_validate(_rule(kind="plausibility", check="year-less-date"))
