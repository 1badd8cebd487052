"""Did feedback on a theme get better after an action? Sentiment and volume either side of a
day (no Flask, no database)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import mean

MIN_ANSWERS = 5  # fewer answers than this on one side: too few to say
CLEAR_CHANGE = 0.1  # a change in mean sentiment smaller than this is "about the same"


@dataclass(frozen=True)
class Side:
    start: date
    end: date  # inclusive
    answers: int
    mean_sentiment: float | None  # None when fewer than MIN_ANSWERS

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def per_30_days(self) -> float | None:
        """Answers a month, once there is a month to go on."""
        return self.answers * 30 / self.days if self.days >= 30 else None


@dataclass(frozen=True)
class BeforeAfter:
    theme: str
    day: date
    before: Side
    after: Side

    @property
    def change(self) -> float | None:
        if self.before.mean_sentiment is None or self.after.mean_sentiment is None:
            return None
        return self.after.mean_sentiment - self.before.mean_sentiment

    @property
    def verdict(self) -> str:
        if self.after.days <= 0:
            return "The action date has not come yet."
        if self.change is None:
            side = "before" if self.before.mean_sentiment is None else "since"
            return f"Too few answers {side} to say (fewer than {MIN_ANSWERS})."
        if self.change >= CLEAR_CHANGE:
            return f"Better: mean sentiment rose by {self.change:+.2f}."
        if self.change <= -CLEAR_CHANGE:
            return f"Worse: mean sentiment fell by {self.change:+.2f}."
        return f"About the same: mean sentiment changed by {self.change:+.2f}."


def before_after(
    theme: str,
    day: date,
    answers: Iterable[tuple[date, float]],
    today: date,
    window_days: int = 90,
) -> BeforeAfter:
    """Compare the `window_days` before `day` with the days from `day` up to `today` (at most
    `window_days`). `answers` are (date given, polarity) of answers on the theme."""
    before_start = day - timedelta(days=window_days)
    after_end = min(today, day + timedelta(days=window_days - 1))
    rows = list(answers)
    before = [p for d, p in rows if before_start <= d < day]
    after = [p for d, p in rows if day <= d <= after_end]
    return BeforeAfter(
        theme,
        day,
        _side(before_start, day - timedelta(days=1), before),
        _side(day, after_end, after),
    )


def _side(start: date, end: date, values: list[float]) -> Side:
    return Side(start, end, len(values), mean(values) if len(values) >= MIN_ANSWERS else None)
