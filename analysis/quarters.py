"""UK financial-year quarters, written like 2026-27-Q2 (Q1 = April to June)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_PATTERN = re.compile(r"^(\d{4})-(\d{2})-Q([1-4])$")


@dataclass(frozen=True, order=True)
class Quarter:
    """Quarter `number` (1-4) of the financial year starting 1 April `start_year`."""

    start_year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        match = _PATTERN.match(text.strip())
        if not match:
            raise ValueError(f"'{text}' is not a quarter; write it like 2026-27-Q2")
        start_year, end_short, number = int(match[1]), int(match[2]), int(match[3])
        if (start_year + 1) % 100 != end_short:
            raise ValueError(
                f"'{text}' is not a financial year; after {start_year} comes "
                f"{start_year}-{(start_year + 1) % 100:02d}"
            )
        return cls(start_year, number)

    @classmethod
    def containing(cls, day: date) -> Quarter:
        if day.month >= 4:
            return cls(day.year, (day.month - 4) // 3 + 1)
        return cls(day.year - 1, 4)

    @property
    def start(self) -> date:
        month = 4 + 3 * (self.number - 1)
        year = self.start_year + (month - 1) // 12
        return date(year, (month - 1) % 12 + 1, 1)

    @property
    def end(self) -> date:
        """The last day of the quarter (inclusive)."""
        return self.next().start - timedelta(days=1)

    def next(self) -> Quarter:
        if self.number == 4:
            return Quarter(self.start_year + 1, 1)
        return Quarter(self.start_year, self.number + 1)

    def previous(self) -> Quarter:
        if self.number == 1:
            return Quarter(self.start_year - 1, 4)
        return Quarter(self.start_year, self.number - 1)

    def same_quarter_last_year(self) -> Quarter:
        return Quarter(self.start_year - 1, self.number)

    def __str__(self) -> str:
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}-Q{self.number}"
