"""The rules' and families' hits as named features, shared by the classifier's training script and
the detector, so the model sees at run time exactly what it was trained on."""

from __future__ import annotations

from analysis.safeguarding import SafeguardingResult, scan
from analysis.safeguarding_families import FamilyHit, find_families
from analysis.text_model import words

# Answers are scaled to unit length before the classifier weighs them, so in a two-word answer
# ("dont know") each word weighs as much as a whole sentence does in a long one. A feature
# naming the answer's length lets the model learn how sure a short answer can make it: on
# cross-validation it took false flags on answers of four words or fewer from 9 of 226 to 1.
SIZES = ((3, "size:1-3"), (8, "size:4-8"), (20, "size:9-20"))


def size_feature(text: str) -> str:
    count = len(words(text))
    return next((name for most, name in SIZES if count <= most), "size:21+")


def rule_features(
    rules: SafeguardingResult, families: tuple[FamilyHit, ...], text: str
) -> list[str]:
    return (
        [f"rule:{c}" for c in rules.categories]
        + [f"family:{h.family}" for h in families]
        + [size_feature(text)]
    )


def text_rule_features(text: str) -> list[str]:
    return rule_features(scan(text), find_families(text), text)
