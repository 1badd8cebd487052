"""Accuracy of the safeguarding scan on the hand-labelled texts, against a naive word list.

    python bench/safeguarding_accuracy.py

Prints, for all rows, the dev split and the held_out split: n, recall, false-flag rate
(flagged negatives / negatives), precision and recall per category, for the detector and for
the naive baseline; then every miss and false flag of the detector. The same helpers are used
by tests/test_safeguarding_detector.py.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis.safeguarding import CATEGORIES, scan  # noqa: E402  (the repository root is added just above)

LABELLED = ROOT / "tests" / "data" / "safeguarding_labelled.csv"

# The naive baseline: flag when any one of these words appears, in any context.
NAIVE_WORDS = frozenset(
    {"kill", "killing", "die", "dying", "dead", "suicide", "suicidal", "hurt", "hurting"}
    | {"knife", "stab", "stabbed", "abuse", "abused", "scared", "threat", "threatened", "unsafe"}
)


@dataclass(frozen=True)
class Row:
    text: str
    flag: bool
    category: str
    audience: str
    split: str


@dataclass(frozen=True)
class Prediction:
    flagged: bool
    categories: tuple[str, ...] = ()


@dataclass
class Scores:
    n: int = 0
    positives: int = 0
    negatives: int = 0
    caught: int = 0
    false_flags: int = 0
    per_category: dict[str, tuple[int, int]] = field(default_factory=dict)  # caught, total
    misses: list[Row] = field(default_factory=list)
    false_flagged: list[Row] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.caught / self.positives if self.positives else 1.0

    @property
    def false_flag_rate(self) -> float:
        return self.false_flags / self.negatives if self.negatives else 0.0

    @property
    def precision(self) -> float:
        flagged = self.caught + self.false_flags
        return self.caught / flagged if flagged else 1.0


def load_rows(path: Path = LABELLED) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Row(r["text"], r["flag"] == "1", r["category"], r["audience"], r["split"])
            for r in csv.DictReader(handle)
        ]


def detector(text: str) -> Prediction:
    result = scan(text)
    return Prediction(result.flagged, result.categories)


def naive(text: str) -> Prediction:
    """Flag if any word of NAIVE_WORDS appears; it has no idea of category."""
    words = set(re.findall(r"[a-z]+", text.lower().replace("\u2019", "'")))
    return Prediction(bool(words & NAIVE_WORDS))


def evaluate(rows: Iterable[Row], predict: Callable[[str], Prediction]) -> Scores:
    scores = Scores()
    totals = {category: [0, 0] for category in CATEGORIES}
    for row in rows:
        scores.n += 1
        prediction = predict(row.text)
        if row.flag:
            scores.positives += 1
            totals[row.category][1] += 1
            if prediction.flagged:
                scores.caught += 1
            else:
                scores.misses.append(row)
            if row.category in prediction.categories:
                totals[row.category][0] += 1
        else:
            scores.negatives += 1
            if prediction.flagged:
                scores.false_flags += 1
                scores.false_flagged.append(row)
    scores.per_category = {c: (caught, total) for c, (caught, total) in totals.items()}
    return scores


def _shorten(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def _line(name: str, scores: Scores, with_categories: bool) -> str:
    line = (
        f"  {name:<9} n={scores.n:<4} recall={scores.recall:.3f} "
        f"({scores.caught}/{scores.positives})  false-flag rate={scores.false_flag_rate:.3f} "
        f"({scores.false_flags}/{scores.negatives})  precision={scores.precision:.3f}"
    )
    if with_categories:
        parts = [
            f"{c}={caught}/{total}" for c, (caught, total) in scores.per_category.items() if total
        ]
        line += "\n            category recall: " + "  ".join(parts)
    return line


def main() -> None:
    rows = load_rows()
    splits = {
        "all": rows,
        "dev": [r for r in rows if r.split == "dev"],
        "held_out": [r for r in rows if r.split == "held_out"],
    }
    for name, subset in splits.items():
        print(f"{name}:")
        print(_line("detector", evaluate(subset, detector), with_categories=True))
        print(_line("naive", evaluate(subset, naive), with_categories=False))
    scores = evaluate(rows, detector)
    print(f"\nDetector misses ({len(scores.misses)}):")
    for row in scores.misses:
        print(f"  [{row.split}] {row.category:<15} {_shorten(row.text)}")
    print(f"\nDetector false flags ({len(scores.false_flagged)}):")
    for row in scores.false_flagged:
        result = scan(row.text)
        print(f"  [{row.split}] {_shorten(row.text)}  <- {', '.join(result.matches)}")
    wrong_category = [
        r
        for r in rows
        if r.flag and scan(r.text).flagged and r.category not in scan(r.text).categories
    ]
    print(f"\nFlagged but not in the labelled category ({len(wrong_category)}):")
    for row in wrong_category:
        found = ", ".join(scan(row.text).categories)
        print(f"  [{row.split}] {row.category:<15} {_shorten(row.text)}  <- {found}")


if __name__ == "__main__":
    main()
