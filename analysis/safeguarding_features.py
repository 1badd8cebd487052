"""The rules' and families' hits as named features, shared by the classifier's training script and
the detector, so the model sees at run time exactly what it was trained on."""

from __future__ import annotations

from analysis.safeguarding import SafeguardingResult, scan
from analysis.safeguarding_families import FamilyHit, find_families


def rule_features(rules: SafeguardingResult, families: tuple[FamilyHit, ...]) -> list[str]:
    return [f"rule:{c}" for c in rules.categories] + [f"family:{h.family}" for h in families]


def text_rule_features(text: str) -> list[str]:
    return rule_features(scan(text), find_families(text))
