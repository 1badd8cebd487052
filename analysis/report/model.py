"""What the report is made of: typed cells, tables, sections and key messages, with no
knowledge of HTML or files (the renderer and the writers read these)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from analysis.stats import newcombe
from analysis.suppression import Cell, count_cell, percentage

NOT_SHOWN = "not shown"


@dataclass(frozen=True)
class Share:
    """`count` of `base` answered positively; hidden when small numbers would show."""

    count: int
    base: int
    hidden: bool = False  # secondary suppression: a small group could be worked out

    @property
    def percent(self) -> float | None:
        return None if self.hidden else percentage(self.count, self.base)

    @property
    def shown(self) -> bool:
        return self.percent is not None

    def __str__(self) -> str:
        if self.percent is None:
            return NOT_SHOWN
        return f"{self.percent:.0f}% ({self.count:,} of {self.base:,})"


@dataclass(frozen=True)
class Change:
    """A change or gap between two shares, tested before anyone reads meaning into it."""

    now: Share
    then: Share

    @property
    def points(self) -> float | None:
        if self.now.percent is None or self.then.percent is None:
            return None
        return self.now.percent - self.then.percent

    @property
    def real_points(self) -> float:
        """The points of a change that is `real` (ask that first): shown on both sides."""
        if not self.real or self.points is None:
            raise ValueError("only a real change has points to report")
        return self.points

    @property
    def shown_points(self) -> int | None:
        """The change as a reader works it out from the two rounded percentages on the page
        ("62% to 48%" is 14 points, not 13.4 rounded), so a sentence never disagrees with its
        own figures. The workbook keeps the exact difference."""
        if self.now.percent is None or self.then.percent is None:
            return None
        return int(f"{self.now.percent:.0f}") - int(f"{self.then.percent:.0f}")

    @property
    def real(self) -> bool:
        """Shown on both sides and unlikely to be noise (Newcombe's 95% interval)."""
        if self.points is None:
            return False
        return newcombe(self.now.count, self.now.base, self.then.count, self.then.base).real

    @property
    def verdict(self) -> str:
        points = self.shown_points
        if points is None:
            return NOT_SHOWN
        said = f"{points:+d} point{'' if abs(points) == 1 else 's'}" if points else "0 points"
        return said if self.real else f"{said} (too few answers to tell)"

    def __str__(self) -> str:
        return self.verdict


CellValue = str | int | float | date | Cell | Share | Change | None


def cell_text(value: CellValue) -> str:
    """What a person reads in a table cell."""
    if value is None:
        return ""
    if isinstance(value, date):
        return f"{value:%d %b %Y}"
    if isinstance(value, float):
        return f"{value:+.2f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def workbook_cells(value: CellValue) -> list[Any]:
    """What the workbook holds for one table cell: numbers as numbers, so Excel adds them up.
    A share takes three cells (count, base, share 0-1); hidden numbers are words."""
    if isinstance(value, Share):
        if not value.shown:
            return [NOT_SHOWN, NOT_SHOWN, NOT_SHOWN]
        return [value.count, value.base, value.count / value.base]
    if isinstance(value, Cell):
        return [value.value if value.shown else str(value)]
    if isinstance(value, Change):
        points = value.points
        return [NOT_SHOWN if points is None else round(points, 1)]
    return [value]


def workbook_columns(column: str, value: CellValue) -> list[str]:
    if isinstance(value, Share):
        return [f"{column}: count", f"{column}: base", f"{column}: share"]
    if isinstance(value, Change):
        return [f"{column} (points)"]
    return [column]


@dataclass
class Table:
    key: str  # the name of its CSV file and its workbook sheet
    title: str
    columns: list[str]
    rows: list[list[CellValue]] = field(default_factory=list)
    note: str = ""


@dataclass(frozen=True)
class KeyMessage:
    """One sentence for the Board's first page, and the section that shows the figures."""

    text: str
    section: str
    weight: float = 0.0  # larger first
    kind: str = ""  # change, divergence, gap...: the first page takes at most two of a kind


@dataclass
class Section:
    key: str
    title: str
    tables: list[Table]
    findings: list[str] = field(default_factory=list)
    chart: Any = None  # a charts.Chart (plotly JSON as dicts), or None
    messages: list[KeyMessage] = field(default_factory=list)
    quoted: dict[int, str] = field(default_factory=dict)  # answer id -> the quote as shown


@dataclass
class Report:
    """Everything the Board paper says, built once and rendered or written many times."""

    quarter: Any
    team: str | None
    team_name: str | None
    service_name: str
    built_at: Any  # a datetime in London time
    responses: int  # responses in the report's quarter
    key_messages: list[KeyMessage]
    sections: list[Section]

    @property
    def quoted(self) -> dict[int, str]:
        return {k: v for s in self.sections for k, v in s.quoted.items()}

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)


def count(value: int) -> Cell:
    return count_cell(value)
