"""Train the safeguarding classifier and write analysis/data/safeguarding_model.json.

    .venv/bin/python scripts/train_safeguarding_model.py [--folds 5]

Trains on the project's own corpus (analysis/data/safeguarding_training.csv, the labelled
tests/data/safeguarding_labelled.csv and any corrections in analysis/data/corrections/*.csv with
columns text,harm), the validation set (tests/data/validation), the released round 1 set
(tests/data/round1, both halves) and the "tune" half of the released round 2 set
(tests/data/round2, halves from bench/safeguarding_accuracy.py). Never on round 2's "check" half,
kept as a held-out figure, nor on tests/data/blind (only the bench reads it). Cross-validation
runs over the texts written by people who never saw the rules (validation, round 1, round 2's tune
half), so the thresholds are chosen on answers the model had not seen. Needs the `train` extra
(scikit-learn).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis import text_model  # noqa: E402  (the repository root is added just above)
from analysis.safeguarding import scan  # noqa: E402
from analysis.safeguarding_detector import MODEL_PATH, MODEL_VERSION  # noqa: E402
from analysis.safeguarding_features import text_rule_features  # noqa: E402
from bench.safeguarding_accuracy import ROUND1, ROUND2, VALIDATION, halves  # noqa: E402

DATA = ROOT / "analysis" / "data"
SOURCES = [
    DATA / "safeguarding_training.csv",
    ROOT / "tests" / "data" / "safeguarding_labelled.csv",
]
# Ordinary feedback labelled for sentiment: no disclosures, except any the rules catch (left out).
ORDINARY = ROOT / "tests" / "data" / "text_signals_labelled.csv"
# Chosen by cross-validation: letter n-grams lowered recall at every false-flag rate (on the
# validation set, and again with round 1 and round 2's tune half); c = 16 caught as many as 8
# and 4 with fewer false flags at every threshold.
SETTINGS = {
    "c": 16.0,
    "keep": 6000,
    "min_df": 2,
    "class_weight": "balanced",
    "word_ngrams": (1, 3),
    "char_ngrams": (0, 0),
}


@cache
def held_out() -> frozenset[str]:
    """Round 2's check half, lower-cased: never trained on, even where the same short answer
    ("ok", "no comment") is also in the tune half or the corpus, so its figure stays honest."""
    round2 = halves(ROUND2)
    with ROUND2.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle)
        return frozenset(r["text"].strip().lower() for r in rows if round2[r["id"]] == "check")


def load_written_elsewhere() -> list[tuple[str, str]]:
    """(text, label) of the validation set, round 1 and round 2's tune half: answers written by
    people who never saw the rules or the corpus."""
    round2 = halves(ROUND2)
    rows: dict[str, str] = {}
    for path in (VALIDATION, ROUND1, ROUND2):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if path == ROUND2 and round2[row["id"]] != "tune":
                    continue
                rows[row["text"].strip()] = "none" if row["harm"] == "none" else "harm"
    return sorted(item for item in rows.items() if item[0].lower() not in held_out())


def load_corpus() -> list[tuple[str, str]]:
    """(text, "harm" or "none") from the project's own sources, each text once."""
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
    return sorted(item for item in rows.items() if item[0].lower() not in held_out())


def fingerprint(corpus: list[tuple[str, str]]) -> str:
    """sha256 of everything the model is made from: the labelled texts, the settings, the
    version and the rules' and families' files (their hits are features). Stored in the model,
    so a test can tell when the model file is not the one this script would now write."""
    digest = hashlib.sha256()
    digest.update(json.dumps([corpus, SETTINGS, MODEL_VERSION], ensure_ascii=False).encode())
    for path in (DATA / "safeguarding.toml", DATA / "safeguarding_families.toml"):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def full_corpus() -> list[tuple[str, str]]:
    """The project's corpus and the texts written elsewhere, each text once, in a fixed order."""
    elsewhere = load_written_elsewhere()
    taken = {text for text, _ in elsewhere}
    return sorted([row for row in load_corpus() if row[0] not in taken] + elsewhere)


@cache
def _rule_features(text: str) -> tuple[str, ...]:
    return tuple(text_rule_features(text))


def train(corpus: list[tuple[str, str]]) -> dict:
    texts = [t for t, _ in corpus]
    return text_model.fit(
        texts,
        [label for _, label in corpus],
        [_rule_features(t) for t in texts],
        name="safeguarding",
        version=MODEL_VERSION,
        about={
            "trained_on": len(corpus),
            "positives": sum(lb == "harm" for _, lb in corpus),
            "inputs_sha256": fingerprint(corpus),
        },
        **SETTINGS,
    )


def cross_validate(
    own: list[tuple[str, str]], elsewhere: list[tuple[str, str]], folds: int
) -> None:
    """Each fold of `elsewhere` scored by a model trained on `own` and the other folds; recall
    and false flags of the same-day tier at a few thresholds, with and without a family."""
    shuffled = elsewhere[:]
    random.Random(14).shuffle(shuffled)
    scored: list[tuple[float, bool, bool, str]] = []  # probability, a rule, a family, label
    for k in range(folds):
        test = shuffled[k::folds]
        rest = [r for i, r in enumerate(shuffled) if i % folds != k]
        model = text_model.from_dict(train(own + rest))
        for text, label in test:
            extra = _rule_features(text)
            probability = model.probability(text, extra, "harm")
            rule = any(x.startswith("rule:") for x in extra)
            family = any(x.startswith("family:") for x in extra)
            scored.append((probability, rule, family, label))
    positives = sum(lb == "harm" for *_, lb in scored)
    negatives = len(scored) - positives
    print(f"{folds}-fold cross-validation on {len(scored)} texts ({positives} disclosures):")
    for with_family in (None, 0.2):
        for threshold in (0.25, 0.3, 0.35, 0.4, 0.5):
            lower = threshold if with_family is None else with_family

            def flagged(p: float, rule: bool, family: bool, low: float = lower, t=threshold):
                return rule or p >= (low if family else t)

            caught = sum(flagged(p, r, f) for p, r, f, lb in scored if lb == "harm")
            false = sum(flagged(p, r, f) for p, r, f, lb in scored if lb == "none")
            family_part = f"(p >= {with_family:.2f} with a family) " if with_family else ""
            print(
                f"  a rule or {family_part}p >= {threshold:.2f}: recall "
                f"{caught / positives:.3f}  false flags {false / negatives:.3f}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5, help="0 skips cross-validation")
    args = parser.parse_args()
    elsewhere = load_written_elsewhere()
    taken = {text for text, _ in elsewhere}
    own = [row for row in load_corpus() if row[0] not in taken]
    if args.folds:
        cross_validate(own, elsewhere, args.folds)
    model = train(full_corpus())
    text_model.save(model, MODEL_PATH)
    print(f"Wrote {MODEL_PATH.relative_to(ROOT)}: {len(model['vocabulary'])} features.")


if __name__ == "__main__":
    main()
