"""Accuracy and speed of the text signals on the hand-labelled answers, against plain TextBlob.

    python bench/text_signals_accuracy.py [--misses]

Prints, for all rows, the dev split and the held_out split: n, 3-way sentiment accuracy of the
corrected scorer and of plain TextBlob, accuracy per labelled class, theme precision and recall
and per-theme counts; then answers scored per second. --misses also lists the dev rows the
scorer gets wrong (held_out rows are never listed: they are for checking, not tuning). The same
helpers are used by tests/test_text_signals.py.
"""

from __future__ import annotations

import csv
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis.text_signals import (  # noqa: E402  (the repository root is added just above)
    THEMES,
    plain_textblob_polarity,
    score,
    sentiment_label,
)

LABELLED = ROOT / "tests" / "data" / "text_signals_labelled.csv"
LABELS = ("positive", "negative", "neutral")


@dataclass(frozen=True)
class Row:
    text: str
    audience: str
    sentiment: str
    themes: tuple[str, ...]
    split: str


@dataclass
class SentimentScores:
    n: int = 0
    correct: int = 0
    per_class: dict[str, tuple[int, int]] = field(default_factory=dict)  # correct, total

    @property
    def accuracy(self) -> float:
        return self.correct / self.n if self.n else 0.0


@dataclass
class ThemeScores:
    predicted: int = 0
    labelled: int = 0
    right: int = 0
    per_theme: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # right, pred, lab

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.labelled if self.labelled else 1.0


def load_rows(path: Path = LABELLED) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Row(
                r["text"],
                r["audience"],
                r["sentiment"],
                tuple(t for t in r["themes"].split(";") if t),
                r["split"],
            )
            for r in csv.DictReader(handle)
        ]


def splits(rows: list[Row]) -> dict[str, list[Row]]:
    return {
        "all": rows,
        "dev": [r for r in rows if r.split == "dev"],
        "held_out": [r for r in rows if r.split == "held_out"],
    }


def detector_label(text: str) -> str:
    return sentiment_label(score(text).polarity)


def textblob_label(text: str) -> str:
    return sentiment_label(plain_textblob_polarity(text))


def evaluate_sentiment(rows: Iterable[Row], label: Callable[[str], str]) -> SentimentScores:
    scores = SentimentScores()
    totals = {name: [0, 0] for name in LABELS}
    for row in rows:
        scores.n += 1
        totals[row.sentiment][1] += 1
        if label(row.text) == row.sentiment:
            scores.correct += 1
            totals[row.sentiment][0] += 1
    scores.per_class = {name: (right, total) for name, (right, total) in totals.items()}
    return scores


def evaluate_themes(rows: Iterable[Row]) -> ThemeScores:
    scores = ThemeScores()
    counts = {theme: [0, 0, 0] for theme in THEMES}
    for row in rows:
        predicted, labelled = set(score(row.text).themes), set(row.themes)
        scores.predicted += len(predicted)
        scores.labelled += len(labelled)
        scores.right += len(predicted & labelled)
        for theme in predicted:
            counts[theme][1] += 1
            counts[theme][0] += theme in labelled
        for theme in labelled:
            counts[theme][2] += 1
    scores.per_theme = {theme: (r, p, lab) for theme, (r, p, lab) in counts.items()}
    return scores


def answers_per_second(rows: list[Row], repeat: int = 3) -> float:
    """Scores every row `repeat` times, after one warm-up call that loads the lexicons."""
    score("warm up")
    started = time.perf_counter()
    for _ in range(repeat):
        for row in rows:
            score(row.text)
    return len(rows) * repeat / (time.perf_counter() - started)


def _sentiment_line(name: str, scores: SentimentScores) -> str:
    classes = "  ".join(f"{c}={r}/{t}" for c, (r, t) in scores.per_class.items())
    return f"  {name:<9} accuracy={scores.accuracy:.3f} ({scores.correct}/{scores.n})  {classes}"


def main() -> None:
    rows = load_rows()
    for name, subset in splits(rows).items():
        print(f"{name}: n={len(subset)}")
        print(_sentiment_line("scorer", evaluate_sentiment(subset, detector_label)))
        print(_sentiment_line("textblob", evaluate_sentiment(subset, textblob_label)))
        themes = evaluate_themes(subset)
        print(
            f"  themes    precision={themes.precision:.3f} ({themes.right}/{themes.predicted})"
            f"  recall={themes.recall:.3f} ({themes.right}/{themes.labelled})"
        )
        print("            per theme (right/predicted/labelled):")
        for theme, (right, predicted, labelled) in themes.per_theme.items():
            print(f"              {theme:<26} {right}/{predicted}/{labelled}")
    print(f"\nspeed: {answers_per_second(rows):.0f} answers per second")
    if "--misses" in sys.argv:
        print("\nDev rows the scorer gets wrong:")
        for row in splits(rows)["dev"]:
            signal = score(row.text)
            got = sentiment_label(signal.polarity)
            extra = set(signal.themes) - set(row.themes)
            missing = set(row.themes) - set(signal.themes)
            if got != row.sentiment or extra or missing:
                print(
                    f"  {row.sentiment[:3]}->{got[:3]} {signal.polarity:+.2f}  {row.text[:70]}"
                    f"  +{sorted(extra)} -{sorted(missing)}"
                )


if __name__ == "__main__":
    main()
