"""Train the safeguarding classifier and write analysis/data/safeguarding_model.json.

    .venv/bin/python scripts/train_safeguarding_model.py [--folds 5]

Trains on the project's own corpus (analysis/data/safeguarding_training.csv, the labelled
tests/data/safeguarding_labelled.csv and any corrections in analysis/data/corrections/*.csv with
columns text,harm); never on tests/data/validation (used to choose thresholds) or tests/data/blind
(only read by bench/safeguarding_accuracy.py). Prints cross-validated recall and false flags at a
few thresholds so a change can be judged before the validation set is consulted. Needs the
`train` extra (scikit-learn).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis import text_model  # noqa: E402  (the repository root is added just above)
from analysis.safeguarding import scan  # noqa: E402
from analysis.safeguarding_detector import MODEL_PATH, MODEL_VERSION  # noqa: E402
from analysis.safeguarding_features import text_rule_features  # noqa: E402

DATA = ROOT / "analysis" / "data"
SOURCES = [
    DATA / "safeguarding_training.csv",
    ROOT / "tests" / "data" / "safeguarding_labelled.csv",
]
# Ordinary feedback labelled for sentiment: no disclosures, except any the rules catch (left out).
ORDINARY = ROOT / "tests" / "data" / "text_signals_labelled.csv"
# Chosen on the validation set: letter n-grams lowered recall at every false-flag rate there.
SETTINGS = {
    "c": 8.0,
    "keep": 6000,
    "min_df": 2,
    "class_weight": "balanced",
    "word_ngrams": (1, 3),
    "char_ngrams": (0, 0),
}


def load_corpus() -> list[tuple[str, str]]:
    """(text, "harm" or "none") from every training source, each text once."""
    rows: dict[str, str] = {}
    corrections = sorted((DATA / "corrections").glob("*.csv"))
    for path in [*SOURCES, *corrections]:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if "harm" in row:
                    label = "none" if row["harm"] in ("", "none") else "harm"
                else:
                    label = "harm" if row["flag"] == "1" else "none"
                rows[row["text"].strip()] = label
    with ORDINARY.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if not scan(row["text"]).flagged:
                rows.setdefault(row["text"].strip(), "none")
    return sorted(rows.items())


def train(corpus: list[tuple[str, str]]) -> dict:
    texts = [t for t, _ in corpus]
    return text_model.fit(
        texts,
        [label for _, label in corpus],
        [text_rule_features(t) for t in texts],
        name="safeguarding",
        version=MODEL_VERSION,
        about={"trained_on": len(corpus), "positives": sum(lb == "harm" for _, lb in corpus)},
        **SETTINGS,
    )


def cross_validate(corpus: list[tuple[str, str]], folds: int) -> None:
    shuffled = corpus[:]
    random.Random(14).shuffle(shuffled)
    scored: list[tuple[float, bool, str]] = []  # probability, a rule fired, label
    for k in range(folds):
        test = shuffled[k::folds]
        model = text_model.from_dict(train([r for i, r in enumerate(shuffled) if i % folds != k]))
        for text, label in test:
            extra = text_rule_features(text)
            probability = model.probability(text, extra, "harm")
            scored.append((probability, any(x.startswith("rule:") for x in extra), label))
    positives = sum(lb == "harm" for *_, lb in scored)
    negatives = len(scored) - positives
    print(f"{folds}-fold cross-validation on {len(scored)} texts ({positives} disclosures):")
    for threshold in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7):
        caught = sum(p >= threshold or rule for p, rule, lb in scored if lb == "harm")
        false = sum(p >= threshold or rule for p, rule, lb in scored if lb == "none")
        print(
            f"  a rule or p >= {threshold:.1f}: recall {caught / positives:.3f}  "
            f"false flags {false / negatives:.3f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5, help="0 skips cross-validation")
    args = parser.parse_args()
    corpus = load_corpus()
    if args.folds:
        cross_validate(corpus, args.folds)
    model = train(corpus)
    text_model.save(model, MODEL_PATH)
    print(f"Wrote {MODEL_PATH.relative_to(ROOT)}: {len(model['vocabulary'])} features.")


if __name__ == "__main__":
    main()
