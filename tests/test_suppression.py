"""Small numbers are never shown, and cannot be worked out from what is shown."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.suppression import HIDDEN, SMALL, Rules, count_cell, percentage, suppress_table


def test_counts_of_one_to_four_read_fewer_than_five():
    assert [str(count_cell(n)) for n in (0, 1, 4, 5, 12)] == ["0", *[SMALL] * 2, "5", "12"]
    assert "3" not in str(count_cell(3))


def test_percentages_need_a_base_of_ten_and_no_small_part():
    assert percentage(9, 9) is None
    assert percentage(5, 10) == 50.0
    assert percentage(2, 40) is None  # would show a group of 2
    assert percentage(38, 40) is None  # 2 left over would show through
    assert abs(percentage(7, 21) - 33.3333333) < 1e-6  # from unrounded figures


def test_a_group_of_three_cannot_be_recovered_from_totals():
    # Care status by satisfied / not satisfied: the 3 children in care who were not satisfied
    # must not be recoverable as 10 - 7, nor through the column totals.
    table = suppress_table([[7, 3], [40, 12], [25, 9]])
    in_care = table.cells[0]
    assert str(in_care[1]) == SMALL
    assert not in_care[0].shown or not table.row_totals[0].shown
    column = [row[1] for row in table.cells]
    assert sum(1 for c in column if not c.shown) + (not table.column_totals[1].shown) >= 2
    published = " ".join(str(c) for row in table.cells for c in row)
    assert " 3 " not in f" {published} "


def test_nothing_is_hidden_without_need():
    table = suppress_table([[20, 30], [40, 50]])
    assert all(c.shown for row in table.cells for c in row)
    assert str(table.total) == "140"


def test_secondary_suppression_is_marked_differently():
    table = suppress_table([[2, 30, 40], [20, 30, 40]])
    reasons = [c.reason for row in table.cells for c in row]
    assert SMALL in reasons and HIDDEN in reasons


def unknowns_per_equation(table) -> list[int]:
    rows = [list(r) + [t] for r, t in zip(table.cells, table.row_totals, strict=True)]
    rows.append(list(table.column_totals) + [table.total])
    lines = rows + [list(col) for col in zip(*rows, strict=True)]
    return [sum(1 for c in line if not c.shown) for line in lines]


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda width: st.lists(
            st.lists(st.integers(0, 30), min_size=width, max_size=width), min_size=1, max_size=6
        )
    )
)
def test_no_hidden_count_is_ever_a_simple_difference(counts):
    table = suppress_table(counts)
    assert all(n != 1 for n in unknowns_per_equation(table))
    for i, j in itertools.product(range(len(counts)), range(len(counts[0]))):
        cell = table.cells[i][j]
        assert cell.value == counts[i][j]
        if 0 < counts[i][j] < Rules().min_count:
            assert not cell.shown


def test_a_zero_in_a_small_group_is_hidden_too():
    # Three Gypsy, Roma or Traveller children, none rating us well: "0 | fewer than 5" would
    # tell everyone that all three rated us badly.
    table = suppress_table([[0, 3], [40, 12], [25, 9]])
    small_group = table.cells[0]
    assert not small_group[0].shown and not small_group[1].shown
    assert not table.row_totals[0].shown
    # A zero in a large group says nothing about anyone and stays.
    assert str(suppress_table([[0, 30], [40, 12]]).cells[0][0]) == "0"
