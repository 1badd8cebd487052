"""Train the theme model in analysis/data/theme_model.json (needs the `train` extra).

    python -m analysis.train_themes [--cv]

Trains on the theme labels of the validation set, the "tune" half of the released first blind
set (its "check" half is never trained on: the bench measures it with --half check) and the dev
rows of tests/data/text_signals_labelled.csv. Never on tests/data/blind/. --cv prints 5-fold
cross-validated precision and recall on those rows for a few pairs of thresholds, the way
FOUND_AT and LIKELY_AT in analysis/theme_model.py were chosen.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from analysis import text_model, theme_model
from analysis.text_signals import THEMES, theme_matches, tokens
from analysis.train_sentiment import FORBIDDEN, round1_half

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    ROOT / "tests" / "data" / "validation" / "validation_set.csv",
    ROOT / "tests" / "data" / "round1" / "blind_set.csv",  # its tune half only
    ROOT / "tests" / "data" / "text_signals_labelled.csv",  # its dev rows only
]
VERSION = "1"  # with SCORER_VERSION in text_signals.py
# Words only, C=4: 0.6 and 0.4 gave precision 0.769, recall 0.731, the best balance.
THRESHOLDS = [(0.5, 0.5), (0.5, 0.35), (0.6, 0.4), (0.4, 0.3), (0.7, 0.35), (0.7, 0.5)]


def read_rows(path: Path) -> list[tuple[str, set[str]]]:
    if FORBIDDEN in path.resolve().parents:
        raise SystemExit(f"{path} is in the blind set: it is never used for training")
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            (row["text"], {t for t in row["themes"].split(";") if t in THEMES})
            for row in csv.DictReader(handle)
            if row.get("text", "").strip()
            and row.get("split") != "held_out"
            and not (row.get("id", "").startswith("B") and round1_half(row["id"]) == "check")
        ]


def training_rows() -> list[tuple[str, set[str]]]:
    by_text: dict[str, tuple[str, set[str]]] = {}
    for path in SOURCES:
        for row in read_rows(path):
            by_text[row[0].strip().lower()] = row
    return list(by_text.values())


def train(rows: list[tuple[str, set[str]]]) -> dict:
    texts = [text for text, _ in rows]
    return theme_model.fit(
        texts,
        [themes for _, themes in rows],
        [theme_matches(tokens(text)) for text in texts],
        list(THEMES),
        version=VERSION,
        about={"trained_on": [str(p.relative_to(ROOT)) for p in SOURCES], "rows": len(rows)},
    )


def cross_validate(rows: list[tuple[str, set[str]]], folds: int = 5) -> None:
    counts = {pair: [0, 0, 0] for pair in THRESHOLDS}  # right, predicted, labelled
    for fold in range(folds):
        held = rows[fold::folds]
        kept = [row for i, row in enumerate(rows) if i % folds != fold]
        trained = text_model.from_dict(train(kept))
        for text, labelled in held:
            matched = theme_matches(tokens(text))
            probabilities = theme_model.probabilities(trained, text, matched)
            for found_at, likely_at in THRESHOLDS:
                found = {
                    theme
                    for theme, p in probabilities.items()
                    if p >= found_at or (theme in matched and p >= likely_at)
                }
                tally = counts[(found_at, likely_at)]
                tally[0] += len(found & labelled)
                tally[1] += len(found)
                tally[2] += len(labelled)
    for (found_at, likely_at), (right, predicted, in_labels) in counts.items():
        print(
            f"found at {found_at}, with its pattern at {likely_at}: precision "
            f"{right / max(predicted, 1):.3f}, recall {right / max(in_labels, 1):.3f}"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="cross-validate the thresholds")
    parser.add_argument("--out", type=Path, default=theme_model.MODEL)
    args = parser.parse_args(argv)
    rows = training_rows()
    if args.cv:
        cross_validate(rows)
        return
    text_model.save(train(rows), args.out)
    print(f"trained on {len(rows)} answers -> {args.out}")


if __name__ == "__main__":
    main(sys.argv[1:])
