"""Train the sentiment model in analysis/data/sentiment_model.json (needs the `train` extra).

    python -m analysis.train_sentiment [--corrections FILE.csv ...] [--check FILE.csv]

Trains on analysis/data/sentiment_training.csv (answers written for training in children's,
parents', victims', Tell us and staff voices), the dev rows of tests/data/text_signals_labelled.csv
(its held_out rows stay a check), the validation set, the "tune" half of the released first
blind set (tests/data/round1; its "check" half is never trained on, so the bench can still
measure unseen wording with `--set round1 --half check`), and any leads' corrections exported
with `flask export-label-corrections`. A correction replaces the label of the same text. Never
trains on tests/data/blind/ (the blind set); --check prints the accuracy on a labelled file
without training on it.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from collections import Counter
from pathlib import Path
from typing import TypedDict

from analysis import text_model
from analysis.sentiment import LABELS, MODEL, extras, rules_fired
from analysis.text_signals import joined_words, lexicon_polarity, tokens

ROOT = Path(__file__).resolve().parent.parent
TRAINING = [
    ROOT / "analysis" / "data" / "sentiment_training.csv",
    ROOT / "tests" / "data" / "text_signals_labelled.csv",
    ROOT / "tests" / "data" / "validation" / "validation_set.csv",
    ROOT / "tests" / "data" / "round1" / "blind_set.csv",  # its tune half only
]
FORBIDDEN = ROOT / "tests" / "data" / "blind"
HALF_SEED = "round1-2026-12-02"  # fixed: the check half must stay the same texts


def round1_half(row_id: str) -> str:
    """ "tune" or "check": a fixed, order-free half of the first blind set by its row id."""
    digest = hashlib.sha256(f"{HALF_SEED}:{row_id}".encode()).digest()
    return "tune" if digest[0] % 2 == 0 else "check"


VERSION = "2"  # with SCORER_VERSION in text_signals.py


class Settings(TypedDict):
    min_df: int
    keep: int
    c: float
    char_ngrams: tuple[int, int]


SETTINGS: Settings = {"min_df": 1, "keep": 6000, "c": 6.0, "char_ngrams": (0, 0)}


def read_labelled(path: Path) -> list[tuple[str, str, str]]:
    """(text, audience, sentiment) rows of a labelled CSV with those columns."""
    if FORBIDDEN in path.resolve().parents:
        raise SystemExit(f"{path} is in the blind set: it is never used for training")
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            (row["text"], row.get("audience") or "", row["sentiment"])
            for row in csv.DictReader(handle)
            if row.get("sentiment") in LABELS
            and row.get("text", "").strip()
            and row.get("split") != "held_out"  # the old labelled set's check rows
            and not (row.get("id", "").startswith("B") and round1_half(row["id"]) == "check")
        ]


def model_extras(text: str, audience: str) -> list[str]:
    polarity, _, word_scores = lexicon_polarity(text)
    rules = rules_fired(joined_words(tokens(text)))
    return extras(polarity, rules, audience or None, word_scores)


def train(rows: list[tuple[str, str, str]]) -> dict:
    texts = [text for text, _, _ in rows]
    labels = [label for _, _, label in rows]
    return text_model.fit(
        texts,
        labels,
        [model_extras(text, audience) for text, audience, _ in rows],
        name="sentiment",
        version=VERSION,
        about={
            "trained_on": [str(p.relative_to(ROOT)) for p in TRAINING] + ["leads' corrections"],
            "rows": len(rows),
            "labels": dict(Counter(labels)),
            "settings": SETTINGS,
        },
        **SETTINGS,
    )


def accuracy(model: text_model.TextModel, rows: list[tuple[str, str, str]]) -> float:
    right = sum(
        model.predict(text, model_extras(text, audience), top=0).label == label
        for text, audience, label in rows
    )
    return right / len(rows) if rows else 0.0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corrections", type=Path, action="append", default=[])
    parser.add_argument("--check", type=Path, help="a labelled CSV to measure, never trained on")
    parser.add_argument("--out", type=Path, default=MODEL)
    args = parser.parse_args(argv)
    by_text: dict[str, tuple[str, str, str]] = {}
    for path in TRAINING + args.corrections:
        for row in read_labelled(path):
            by_text[row[0].strip().lower()] = row  # a later file (a correction) wins
    rows = list(by_text.values())
    data = train(rows)
    text_model.save(data, args.out)
    print(f"trained on {len(rows)} answers {dict(Counter(r[2] for r in rows))} -> {args.out}")
    if args.check:
        checked = read_labelled(args.check)
        score = accuracy(text_model.from_dict(data), checked)
        print(f"accuracy on {args.check.name}: {score:.3f} (n={len(checked)})")


if __name__ == "__main__":
    main(sys.argv[1:])
