"""Is a change or a gap real, or could it be noise? Wilson intervals for one share and
Newcombe's interval for the difference of two, at 95%, so the report names only what the data
can bear (Newcombe 1998, method 10; Wilson 1927)."""

from __future__ import annotations

from math import sqrt
from typing import NamedTuple

Z95 = 1.959963984540054


class Interval(NamedTuple):
    low: float
    high: float


class Difference(NamedTuple):
    """The first share minus the second, in percentage points, with its 95% interval."""

    points: float
    low: float
    high: float

    @property
    def real(self) -> bool:
        """The interval leaves out zero: unlikely to be noise."""
        return self.low > 0 or self.high < 0


def wilson(count: int, base: int, z: float = Z95) -> Interval:
    """The Wilson score interval for `count` of `base`, as proportions from 0 to 1."""
    if base <= 0:
        return Interval(0.0, 1.0)
    p = count / base
    centre = (p + z * z / (2 * base)) / (1 + z * z / base)
    half = z * sqrt(p * (1 - p) / base + z * z / (4 * base * base)) / (1 + z * z / base)
    return Interval(max(0.0, centre - half), min(1.0, centre + half))


def newcombe(count_a: int, base_a: int, count_b: int, base_b: int, z: float = Z95) -> Difference:
    """Share a minus share b (independent groups) with Newcombe's hybrid score interval."""
    p_a, p_b = count_a / base_a, count_b / base_b
    low_a, high_a = wilson(count_a, base_a, z)
    low_b, high_b = wilson(count_b, base_b, z)
    diff = p_a - p_b
    low = diff - sqrt((p_a - low_a) ** 2 + (high_b - p_b) ** 2)
    high = diff + sqrt((high_a - p_a) ** 2 + (p_b - low_b) ** 2)
    return Difference(100 * diff, 100 * low, 100 * high)


def counts_differ(now: int, before: int, z: float = Z95) -> bool:
    """Did a count of arrivals really change (two Poisson counts over equal periods)?
    Given the total, `now` is binomial with p = 1/2 when nothing changed."""
    total = now + before
    if total < 10:
        return False
    return abs(now - total / 2) / sqrt(total / 4) > z
