"""The significance tests behind every change and gap the report puts into words."""

from __future__ import annotations

import pytest

from analysis.stats import counts_differ, newcombe, wilson


def test_wilson_interval_matches_the_published_example():
    # Newcombe (1998), table I: 81 of 263 gives 0.2553 to 0.3662.
    low, high = wilson(81, 263)
    assert low == pytest.approx(0.2553, abs=5e-4)
    assert high == pytest.approx(0.3662, abs=5e-4)
    assert wilson(0, 10).low == pytest.approx(0.0) and wilson(10, 10).high == pytest.approx(1.0)


def test_newcombe_difference_matches_the_published_example():
    # Newcombe (1998), table II, example (a): 56/70 - 48/80 gives 0.0524 to 0.3339.
    difference = newcombe(56, 70, 48, 80)
    assert difference.points == pytest.approx(20.0)
    assert difference.low == pytest.approx(5.24, abs=0.05)
    assert difference.high == pytest.approx(33.39, abs=0.05)
    assert difference.real


def test_a_noise_level_difference_is_not_real_and_a_large_one_is():
    assert not newcombe(31, 50, 33, 50).real  # 62% against 66%
    assert not newcombe(6, 10, 9, 10).real  # 30 points, but 10 answers each
    assert newcombe(62, 100, 83, 100).real


def test_a_fall_in_arrivals_is_real_only_beyond_chance():
    assert counts_differ(39, 69)
    assert not counts_differ(45, 52)
    assert not counts_differ(1, 8)  # too few to tell
