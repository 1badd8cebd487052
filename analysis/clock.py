"""The service's one clock: times are stored as naive UTC, and people, days and quarters are in
England. Every period query turns its dates into UTC here, so a response sent at 00:30 on
1 July in the UK (23:30 UTC on 30 June) lands in July's quarter everywhere.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from analysis.quarters import Quarter

LONDON = ZoneInfo("Europe/London")


class UtcRange(NamedTuple):
    """Naive UTC times from `start` (included) to `end` (not included)."""

    start: datetime
    end: datetime

    def holds(self, when: datetime) -> bool:
        return self.start <= when < self.end


def utc_now() -> datetime:
    """Now, as times are stored: naive UTC."""
    return datetime.now(UTC).replace(tzinfo=None)


def today() -> date:
    """Due dates and periods are about days in England, so 'today' is today in England."""
    return datetime.now(LONDON).date()


def local_time(utc_naive: datetime) -> datetime:
    """A stored UTC time as UK clock time (naive), as staff and Microsoft Forms write it."""
    return utc_naive.replace(tzinfo=UTC).astimezone(LONDON).replace(tzinfo=None)


def local_date(utc_naive: datetime) -> date:
    """The day in England on which a stored UTC time fell."""
    return local_time(utc_naive).date()


def to_utc(when: datetime) -> datetime:
    """A UK clock time (naive, or aware in any zone) as stored: naive UTC."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=LONDON)
    return when.astimezone(UTC).replace(tzinfo=None)


def day_start(day: date) -> datetime:
    """Midnight at the start of `day` in England, in naive UTC."""
    return to_utc(datetime.combine(day, time.min))


def days_range(first: date, last: date) -> UtcRange:
    """The UTC range of the days `first` to `last` in England, both included."""
    return UtcRange(day_start(first), day_start(last + timedelta(days=1)))


def quarter_range(quarter: Quarter) -> UtcRange:
    return days_range(quarter.start, quarter.end)


def quarter_of(utc_naive: datetime) -> Quarter:
    """The quarter a stored UTC time falls in, by the day in England."""
    return Quarter.containing(local_date(utc_naive))


def stored_time(value: object) -> datetime:
    """A time as a raw query returns it (a datetime, or text on SQLite) as a datetime."""
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def within(column: Any, window: UtcRange) -> Any:
    """A query condition: `column` (a SQLAlchemy time column) falls in `window`."""
    return (column >= window.start) & (column < window.end)
