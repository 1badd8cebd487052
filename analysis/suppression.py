"""Small-number suppression for published tables, so no child can be picked out.

Rules (DOMAIN.md, settings with these defaults): a count of 1 to 4 is shown as "fewer than 5";
a percentage is not shown when its base is under 10; secondary suppression hides further
cells so that no hidden count can be worked out from the row or column totals; and in a row
or column whose total is small, zeros are hidden too (they would show how everyone answered).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

SMALL = "fewer than 5"
HIDDEN = "hidden"  # secondary suppression: hidden so a small group cannot be worked out


@dataclass(frozen=True)
class Rules:
    min_count: int = 5
    min_base: int = 10


@dataclass(frozen=True)
class Cell:
    """A count as published: the value, or why it is not shown."""

    value: int
    reason: str | None = None  # None (shown), SMALL or HIDDEN

    @property
    def shown(self) -> bool:
        return self.reason is None

    def __str__(self) -> str:
        return f"{self.value:,}" if self.reason is None else self.reason


@dataclass(frozen=True)
class SuppressedTable:
    """Counts with row totals, column totals and a grand total, safe to publish together."""

    cells: tuple[tuple[Cell, ...], ...]
    row_totals: tuple[Cell, ...]
    column_totals: tuple[Cell, ...]
    total: Cell


def is_small(count: int, rules: Rules = Rules()) -> bool:
    return 0 < count < rules.min_count


def count_cell(count: int, rules: Rules = Rules()) -> Cell:
    """A single count on its own (no totals beside it)."""
    return Cell(count, SMALL if is_small(count, rules) else None)


def percentage(part: int, base: int, rules: Rules = Rules()) -> float | None:
    """The unrounded percentage, or None when the base is too small or the part is suppressed."""
    if base < rules.min_base or is_small(part, rules) or is_small(base - part, rules):
        return None
    return 100.0 * part / base


def suppress_table(counts: Sequence[Sequence[int]], rules: Rules = Rules()) -> SuppressedTable:
    """Suppress small counts, then hide more until every row and column (totals included)
    has either no hidden entry or at least two, so no hidden count is a simple difference."""
    rows = [list(row) for row in counts]
    width = len(rows[0]) if rows else 0
    if any(len(row) != width for row in rows):
        raise ValueError("every row must have the same number of columns")
    row_totals = [sum(row) for row in rows]
    column_totals = [sum(row[j] for row in rows) for j in range(width)]
    grand = sum(row_totals)

    # Every published number, keyed by position; totals sit in row/column index -1.
    values: dict[tuple[int, int], int] = {
        (i, j): rows[i][j] for i in range(len(rows)) for j in range(width)
    }
    values.update({(i, -1): row_totals[i] for i in range(len(rows))})
    values.update({(-1, j): column_totals[j] for j in range(width)})
    values[(-1, -1)] = grand
    reasons: dict[tuple[int, int], str] = {
        key: SMALL for key, value in values.items() if is_small(value, rules)
    }

    # Each equation is a set of positions whose values add up: a row or column with its total.
    equations = [[(i, j) for j in range(width)] + [(i, -1)] for i in range(-1, len(rows))]
    equations += [[(i, j) for i in range(len(rows))] + [(-1, j)] for j in range(-1, width)]
    # In a small group a 0 tells as much as a count: "0 rated us well" means all of them did
    # not. So zeros go with a small total.
    for equation in equations:
        if equation[-1] in reasons:
            for key in equation[:-1]:
                if values[key] == 0:
                    reasons[key] = HIDDEN
    changed = True
    while changed:
        changed = False
        for equation in equations:
            hidden = [key for key in equation if key in reasons]
            if len(hidden) != 1:
                continue
            candidates = [key for key in equation if key not in reasons]
            if not candidates:
                continue
            # Hide the smallest other entry, preferring a cell to a total, non-zero to zero.
            choice = min(
                candidates,
                key=lambda key: (-1 in key, values[key] == 0, values[key]),
            )
            reasons[choice] = HIDDEN
            changed = True

    def cell(key: tuple[int, int]) -> Cell:
        return Cell(values[key], reasons.get(key))

    return SuppressedTable(
        cells=tuple(tuple(cell((i, j)) for j in range(width)) for i in range(len(rows))),
        row_totals=tuple(cell((i, -1)) for i in range(len(rows))),
        column_totals=tuple(cell((-1, j)) for j in range(width)),
        total=cell((-1, -1)),
    )
