"""UK financial-year quarters (Q1 = April to June)."""

from datetime import date

import pytest

from analysis.quarters import Quarter


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 4, 1), "2026-27-Q1"),
        (date(2026, 6, 30), "2026-27-Q1"),
        (date(2026, 7, 1), "2026-27-Q2"),
        (date(2026, 12, 31), "2026-27-Q3"),
        (date(2027, 1, 1), "2026-27-Q4"),
        (date(2027, 3, 31), "2026-27-Q4"),
        (date(1999, 12, 31), "1999-00-Q3"),
    ],
)
def test_quarter_containing_a_day(day, expected):
    assert str(Quarter.containing(day)) == expected


def test_parse_and_bounds():
    q2 = Quarter.parse("2026-27-Q2")
    assert (q2.start, q2.end) == (date(2026, 7, 1), date(2026, 9, 30))
    q4 = Quarter.parse("2026-27-Q4")
    assert (q4.start, q4.end) == (date(2027, 1, 1), date(2027, 3, 31))
    assert q2.previous() == Quarter.parse("2026-27-Q1")
    assert Quarter.parse("2026-27-Q1").previous() == Quarter.parse("2025-26-Q4")
    assert q4.next() == Quarter.parse("2027-28-Q1")
    assert q2.same_quarter_last_year() == Quarter.parse("2025-26-Q2")


@pytest.mark.parametrize("text", ["2026-Q2", "2026-28-Q1", "2026-27-Q5", "Q2 2026", ""])
def test_bad_quarters_are_explained(text):
    with pytest.raises(ValueError, match="2026-27-Q2|financial year"):
        Quarter.parse(text)
