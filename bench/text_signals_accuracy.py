"""Accuracy of the text signals on labelled answers, beside plain TextBlob and VADER.

    python bench/text_signals_accuracy.py [--set blind|round1|round2|validation|labelled]
        [--half tune|check] [--misses]

--set blind (the default) reads tests/data/blind/blind_set.csv, which nobody changing the scorer
reads: it prints only aggregate figures, never a text. --set validation reads the tuning set;
--set labelled the project's older labelled set (its dev, held_out and all splits). Printed:
direction accuracy (positive / neutral / negative) with a 95% Wilson interval, overall and per
audience, for the scorer as stored (the safeguarding rule included: an answer the detector
flags as a possible disclosure is never neutral or positive), as it would be if the rule took
both tiers, "worth a look" too (any_tier), the scorer alone, plain TextBlob and VADER
(compound >= 0.05 is positive, <= -0.05 negative, its authors' cut-offs), all in this run;
then theme precision and recall, overall and per theme, with intervals; then answers scored
per second. --misses lists the scorer's misses, for every set but the blind one. --half (round1
only) keeps one fixed half of the first blind set: "tune" is trained and tuned on, "check"
never is (analysis.train_sentiment).
"""

from __future__ import annotations

import csv
import math
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis.safeguarding_detector import detect  # noqa: E402  (the root is added above)
from analysis.text_signals import (  # noqa: E402
    THEMES,
    plain_textblob_polarity,
    score,
    sentiment_label,
)
from analysis.train_sentiment import round1_half  # noqa: E402

LABELLED = ROOT / "tests" / "data" / "text_signals_labelled.csv"
BLIND = ROOT / "tests" / "data" / "blind" / "blind_set.csv"
# The first blind set, measured once on 2026-12-01 and then released for tuning.
ROUND1 = ROOT / "tests" / "data" / "round1" / "blind_set.csv"
# The second blind set, measured once on 2026-12-02 and then released for tuning.
ROUND2 = ROOT / "tests" / "data" / "round2" / "blind_set.csv"
VALIDATION = ROOT / "tests" / "data" / "validation" / "validation_set.csv"
LABELS = ("positive", "negative", "neutral")


@dataclass(frozen=True)
class Row:
    text: str
    audience: str
    sentiment: str
    themes: tuple[str, ...]
    split: str
    id: str = ""


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


def wilson(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion: sound for small n and near 0 or 1."""
    if n == 0:
        return 0.0, 1.0
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def load_rows(path: Path = LABELLED) -> list[Row]:
    """Rows of a labelled CSV: the older set (with `split`) or the validation/blind layout."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Row(
                r["text"],
                r["audience"],
                r["sentiment"],
                tuple(t for t in r["themes"].split(";") if t),
                r.get("split") or "all",
                r.get("id", ""),
            )
            for r in csv.DictReader(handle)
        ]


def splits(rows: list[Row]) -> dict[str, list[Row]]:
    return {
        "all": rows,
        "dev": [r for r in rows if r.split == "dev"],
        "held_out": [r for r in rows if r.split == "held_out"],
    }


def scorer_label(text: str, audience: str | None = None) -> str:
    return sentiment_label(score(text, audience).polarity)


def stored_label(text: str, audience: str | None = None) -> str:
    """The direction as stored: a possible disclosure the detector flags is never neutral or
    positive (feedback_app/services/text_signals.py, never_positive)."""
    return "negative" if detect(text).flagged else scorer_label(text, audience)


def any_tier_label(text: str, audience: str | None = None) -> str:
    """As stored, if the rule took the "worth a look" tier too."""
    return "negative" if detect(text).any_tier else scorer_label(text, audience)


def detector_label(text: str, audience: str | None = None) -> str:
    return scorer_label(text, audience)


def textblob_label(text: str, audience: str | None = None) -> str:
    return sentiment_label(plain_textblob_polarity(text))


def vader_label(text: str, audience: str | None = None) -> str:
    compound = _vader().polarity_scores(text or "")["compound"]
    return "positive" if compound >= 0.05 else "negative" if compound <= -0.05 else "neutral"


_VADER = []


def _vader():
    if not _VADER:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        _VADER.append(SentimentIntensityAnalyzer())
    return _VADER[0]


def evaluate_sentiment(
    rows: Iterable[Row], label: Callable[..., str], with_audience: bool = True
) -> SentimentScores:
    scores = SentimentScores()
    totals = {name: [0, 0] for name in LABELS}
    for row in rows:
        scores.n += 1
        totals[row.sentiment][1] += 1
        if label(row.text, row.audience if with_audience else None) == row.sentiment:
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
        for theme in labelled & set(counts):
            counts[theme][2] += 1
    scores.per_theme = {theme: (r, p, lab) for theme, (r, p, lab) in counts.items()}
    return scores


def answers_per_second(rows: list[Row], repeat: int = 3) -> float:
    """Scores every row `repeat` times, after one warm-up call that loads the lexicons."""
    score("warm up")
    started = time.perf_counter()
    for _ in range(repeat):
        for row in rows:
            score(row.text, row.audience)
    return len(rows) * repeat / (time.perf_counter() - started)


def _interval(right: int, n: int) -> str:
    low, high = wilson(right, n)
    return f"{right / n if n else 0:.3f} [{low:.3f}-{high:.3f}] ({right}/{n})"


METHODS: dict[str, Callable[..., str]] = {
    "stored": stored_label,
    "any_tier": any_tier_label,
    "scorer": scorer_label,
    "textblob": textblob_label,
    "vader": vader_label,
}


def print_sentiment(rows: list[Row]) -> None:
    print("  direction accuracy, 95% Wilson interval:")
    for name, method in METHODS.items():
        result = evaluate_sentiment(rows, method)
        classes = "  ".join(f"{c}={r}/{t}" for c, (r, t) in result.per_class.items())
        print(f"    {name:<9} {_interval(result.correct, result.n)}  {classes}")
    audiences = sorted({r.audience for r in rows})
    print("  per audience (stored / any_tier / scorer / textblob / vader):")
    for audience in audiences:
        subset = [r for r in rows if r.audience == audience]
        cells = []
        for method in METHODS.values():
            result = evaluate_sentiment(subset, method)
            cells.append(f"{result.accuracy:.3f}")
        low, high = wilson(evaluate_sentiment(subset, stored_label).correct, len(subset))
        print(f"    {audience:<9} n={len(subset):<4} {' / '.join(cells)}  [{low:.3f}-{high:.3f}]")


def print_themes(rows: list[Row]) -> None:
    themes = evaluate_themes(rows)
    print(f"  themes precision {_interval(themes.right, themes.predicted)}")
    print(f"         recall    {_interval(themes.right, themes.labelled)}")
    print("  per theme: precision [95%] (right/predicted)   recall [95%] (right/labelled)")
    for theme, (right, predicted, labelled) in themes.per_theme.items():
        print(f"    {theme:<26} {_interval(right, predicted):<30} {_interval(right, labelled)}")


def print_misses(rows: list[Row]) -> None:
    print("\nMisses (labelled -> scored, polarity, text, extra themes, missing themes):")
    for row in rows:
        signal = score(row.text, row.audience)
        got = stored_label(row.text, row.audience)
        extra = set(signal.themes) - set(row.themes)
        missing = set(row.themes) - set(signal.themes)
        if got != row.sentiment or extra or missing:
            print(
                f"  {row.sentiment[:3]}->{got[:3]} {signal.polarity:+.2f}  {row.text[:70]}"
                f"  +{sorted(extra)} -{sorted(missing)}"
            )


def main(argv: list[str]) -> None:
    which = argv[argv.index("--set") + 1] if "--set" in argv else "blind"
    path = {
        "blind": BLIND,
        "round1": ROUND1,
        "round2": ROUND2,
        "validation": VALIDATION,
        "labelled": LABELLED,
    }[which]
    if not path.exists():
        raise SystemExit(f"{path.relative_to(ROOT)} is not here yet")
    rows = load_rows(path)
    if "--half" in argv:
        half = argv[argv.index("--half") + 1]
        if which != "round1" or half not in ("tune", "check"):
            raise SystemExit("--half tune|check goes with --set round1")
        rows = [r for r in rows if round1_half(r.id) == half]
        which = f"round1 {half} half"
    groups = splits(rows) if which == "labelled" else {which: rows}
    for name, subset in groups.items():
        print(f"{name}: n={len(subset)}")
        print_sentiment(subset)
        print_themes(subset)
    print(f"\nspeed: {answers_per_second(rows):.0f} answers per second")
    if "--misses" in argv:
        if which == "blind":
            raise SystemExit("The blind set's texts are never listed.")
        print_misses(rows)


if __name__ == "__main__":
    main(sys.argv[1:])
