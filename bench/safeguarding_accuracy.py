"""Accuracy of the safeguarding detector.

    python bench/safeguarding_accuracy.py                    # the frozen blind set
    python bench/safeguarding_accuracy.py --set validation   # the tuning set
    python bench/safeguarding_accuracy.py --set round1       # the first blind set, now for tuning
    python bench/safeguarding_accuracy.py --set round2 --half check   # the held-out half
    python bench/safeguarding_accuracy.py --set validation --misses
    python bench/safeguarding_accuracy.py --set labelled     # the rules' own labelled file

On the blind set (tests/data/blind/blind_set.csv) and the validation set it prints recall (of
the disclosures) and the false-flag rate (of the other texts) with 95% Wilson intervals, overall,
per kind of harm and per audience, for the "possible disclosure" tier, the "worth a look" tier,
either tier, and the rules alone. It never prints a text of the blind set: this script is the
only thing that reads it, so that the set stays blind (tests/data/blind/README.md). `--misses`
lists the validation set's misses and false flags, to study while tuning. `--set labelled`
prints the older report on tests/data/safeguarding_labelled.csv against a naive word list;
its helpers are used by tests/test_safeguarding_detector.py.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis.safeguarding import CATEGORIES, scan  # noqa: E402  (the repository root is added just above)
from analysis.safeguarding_detector import DISCLOSURE, WORTH_A_LOOK, detect  # noqa: E402
from analysis.stats import wilson  # noqa: E402

LABELLED = ROOT / "tests" / "data" / "safeguarding_labelled.csv"
BLIND = ROOT / "tests" / "data" / "blind" / "blind_set.csv"
# The first blind set, measured once on 2026-12-01 and then released for tuning.
ROUND1 = ROOT / "tests" / "data" / "round1" / "blind_set.csv"
# The second blind set, measured once on 2026-12-02 and then released for tuning.
ROUND2 = ROOT / "tests" / "data" / "round2" / "blind_set.csv"
VALIDATION = ROOT / "tests" / "data" / "validation" / "validation_set.csv"
# Each released round is cut in two by a fixed seed, within each kind of harm and safe mentions:
# training and tuning read the "tune" half, and the "check" half keeps an honest held-out figure.
# Round 2 is the held-out figure now (round 1 is all training data since model sg-2026-12-e).
HALF_SEED = 20261202
HALF_SEEDS = {ROUND1: HALF_SEED, ROUND2: "round2-2026-12-02"}
HARMS = (
    "suicidal",
    "self_harm",
    "abuse",
    "domestic_abuse",
    "criminal_exploitation",
    "sexual_exploitation",
    "threats_violence",
    "unsafe_home",
    "radicalisation",
)

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


def labelled_report() -> None:
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


@dataclass(frozen=True)
class Judged:
    """One labelled answer and what each way of flagging made of it (no text kept)."""

    audience: str
    harm: str  # "none" or a kind of harm
    safe_mention: bool
    tiers: dict[str, bool]  # way of flagging -> flagged


WAYS = {
    "possible disclosure": lambda tier, rules: tier == DISCLOSURE,
    "worth a look (only)": lambda tier, rules: tier == WORTH_A_LOOK,
    "either tier": lambda tier, rules: tier is not None,
    "rules alone": lambda tier, rules: rules,
}


def judge(
    path: Path, half: str | None = None
) -> tuple[list[Judged], list[tuple[str, str, str, str]]]:
    """Every row judged by every way of flagging; and (way, harm, audience, text) of each
    possible-disclosure miss and false flag, which only the validation report may print."""
    judged, wrong = [], []
    cut = halves(path) if half else {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if half and cut[row["id"]] != half:
                continue
            detection = detect(row["text"])
            rules = scan(row["text"]).flagged
            tiers = {name: way(detection.tier, rules) for name, way in WAYS.items()}
            judged.append(Judged(row["audience"], row["harm"], row["safe_mention"] == "yes", tiers))
            if (row["harm"] != "none") != tiers["possible disclosure"]:
                kind = "miss" if row["harm"] != "none" else "false flag"
                tier = detection.tier or "no tier"
                wrong.append((kind, row["harm"], f"{row['audience']}, {tier}", row["text"]))
    return judged, wrong


def halves(path: Path = ROUND2) -> dict[str, str]:
    """id -> "tune" or "check" within one released round (ids repeat across rounds): each kind
    of harm (and safe mentions) shuffled by the round's fixed seed and dealt out."""
    groups: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            groups.setdefault(f"{row['harm']}/{row['safe_mention']}", []).append(row["id"])
    shuffler = random.Random(HALF_SEEDS[path])
    dealt = {}
    for key in sorted(groups):
        ids = sorted(groups[key])
        shuffler.shuffle(ids)
        for i, id_ in enumerate(ids):
            dealt[id_] = "tune" if i % 2 == 0 else "check"
    return dealt


def _rate(count: int, base: int) -> str:
    if not base:
        return "       -"
    low, high = wilson(count, base)
    return f"{count / base:6.1%} ({count}/{base}, 95% CI {low:.1%}-{high:.1%})"


def _block(title: str, rows: list[Judged], way: str) -> None:
    positives = [r for r in rows if r.harm != "none"]
    negatives = [r for r in rows if r.harm == "none"]
    print(f"  {title:<24} recall {_rate(sum(r.tiers[way] for r in positives), len(positives))}")
    print(f"  {'':<24} false flags {_rate(sum(r.tiers[way] for r in negatives), len(negatives))}")


def figures(rows: list[Judged]) -> None:
    positives = [r for r in rows if r.harm != "none"]
    negatives = [r for r in rows if r.harm == "none"]
    print(f"{len(rows)} texts: {len(positives)} disclosures, {len(negatives)} other texts")
    for way in WAYS:
        print(f"\n{way}:")
        _block("all", rows, way)
        print("  recall by kind of harm:")
        for harm in HARMS:
            subset = [r for r in positives if r.harm == harm]
            if subset:
                count = sum(r.tiers[way] for r in subset)
                print(f"    {harm:<22} {_rate(count, len(subset))}")
        safe = [r for r in negatives if r.safe_mention]
        ordinary = [r for r in negatives if not r.safe_mention]
        safe_flags = sum(r.tiers[way] for r in safe)
        print(f"  false flags, safe mentions:      {_rate(safe_flags, len(safe))}")
        print(
            f"  false flags, ordinary feedback:  "
            f"{_rate(sum(r.tiers[way] for r in ordinary), len(ordinary))}"
        )
        for audience in sorted({r.audience for r in rows}):
            _block(f"audience {audience}", [r for r in rows if r.audience == audience], way)


def main() -> None:
    parser = argparse.ArgumentParser(description="Accuracy of the safeguarding detector.")
    parser.add_argument(
        "--set", choices=("blind", "round1", "round2", "validation", "labelled"), default="blind"
    )
    parser.add_argument(
        "--misses", action="store_true", help="not the blind set: list misses and false flags"
    )
    parser.add_argument(
        "--half", choices=("tune", "check"), help="round1 or round2: one half (see HALF_SEEDS)"
    )
    args = parser.parse_args()
    if args.half and args.set not in ("round1", "round2"):
        parser.error("--half goes with --set round1 or --set round2")
    if args.set == "labelled":
        labelled_report()
        return
    if args.misses and args.set == "blind":
        parser.error("the blind set's texts are never printed: use --set validation")
    path = {"blind": BLIND, "round1": ROUND1, "round2": ROUND2}.get(args.set, VALIDATION)
    if not path.exists():
        parser.error(f"{path.relative_to(ROOT)} is not there")
    rows, wrong = judge(path, args.half)
    named = f"{args.set} set" + (f", {args.half} half" if args.half else "")
    print(f"Safeguarding detector on the {named} ({path.relative_to(ROOT)}):")
    figures(rows)
    if args.misses:
        for kind, harm, where, text in sorted(wrong):
            print(f"  {kind:<10} {harm:<22} [{where}] {_shorten(text, 110)}")


if __name__ == "__main__":
    main()
