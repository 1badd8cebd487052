"""Working-day arithmetic for complaint timescales: weekends, bank holidays in England and Wales,
and the service's own closure days are not working days."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

import holidays

_ONE_DAY = timedelta(days=1)
_WEEKEND = {5: "Saturday", 6: "Sunday"}


def as_date(day: date | datetime) -> date:
    """The calendar date of `day`: a `datetime` (when a complaint was logged) loses its time."""
    # A datetime is also a date, so only an explicit check tells them apart.
    return day.date() if isinstance(day, datetime) else day


class WorkingCalendar:
    """Which days count towards a timescale, and date arithmetic over those days."""

    def __init__(self, closures: Iterable[date] = ()) -> None:
        self._closures = frozenset(as_date(day) for day in closures)
        # Built one year at a time on first use: due dates drift into the next year around
        # Christmas, and the holidays package is slow enough that rebuilding per call would show.
        self._bank_holidays: dict[int, dict[date, str]] = {}

    def _bank_holiday(self, day: date) -> str | None:
        year = self._bank_holidays.get(day.year)
        if year is None:
            # "ENG" covers England and Wales; copied into a plain dict so that lookups of other
            # years cannot silently expand it.
            year = dict(holidays.UK(subdiv="ENG", years=day.year))
            self._bank_holidays[day.year] = year
        return year.get(day)

    def non_working_reason(self, day: date) -> str | None:
        """Why `day` is not a working day ("Saturday", "Christmas Day", "Service closure"), or
        None if it is one."""
        day = as_date(day)
        # A bank holiday's name is the most informative, even when it falls on a weekend or the
        # service has also marked it closed.
        return (
            self._bank_holiday(day)
            or ("Service closure" if day in self._closures else None)
            or _WEEKEND.get(day.weekday())
        )

    def is_working_day(self, day: date) -> bool:
        return self.non_working_reason(day) is None

    def next_working_day(self, day: date) -> date:
        """`day` itself if it is a working day, else the first working day after it."""
        day = as_date(day)
        while not self.is_working_day(day):
            day += _ONE_DAY
        return day

    def add_working_days(self, start: date, days: int) -> date:
        """The date `days` working days after `start`, not counting `start` itself.

        With `days == 0` this is `start` if it is a working day, else the next working day.
        """
        if days < 0:
            raise ValueError(f"days must be zero or more, not {days}: timescales only run forward")
        day = as_date(start)
        if days == 0:
            return self.next_working_day(day)
        counted = 0
        while counted < days:
            day += _ONE_DAY
            if self.is_working_day(day):
                counted += 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """How many working days fall after `start` up to and including `end`; 0 if `end` is not
        after `start`."""
        start, end = as_date(start), as_date(end)
        count = 0
        day = start + _ONE_DAY
        while day <= end:
            if self.is_working_day(day):
                count += 1
            day += _ONE_DAY
        return count
