"""The safeguarding detector: the explainable rules, the concept families and a small classifier
together, sorting each answer into "possible disclosure" (seen the same working day), "worth a
look" (the safeguarding lead's own list, within 2 working days) or nothing, and saying why."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis import text_model
from analysis.labels import HARM_NAMES
from analysis.safeguarding import load_lexicon, normalise_with_spans, scan
from analysis.safeguarding_families import find_families
from analysis.safeguarding_features import rule_features

MODEL_PATH = Path(__file__).parent / "data" / "safeguarding_model.json"
MODEL_VERSION = "sg-2026-12-g"  # bump when the corpus, rules, families or thresholds change
DISCLOSURE = "disclosure"
WORTH_A_LOOK = "worth_a_look"
TIER_NAMES = {DISCLOSURE: "Possible disclosure", WORTH_A_LOOK: "Worth a look"}
# Chosen on cross-validation over the validation set, round 1 and round 2's tune half (see
# scripts/train_safeguarding_model.py and README, Figures): a missed disclosure costs far more
# than a false flag. A concept family is evidence of its own, so with one the classifier needs
# less to be sure: this caught as many as a single threshold of 0.3 with fewer false flags.
DISCLOSURE_AT = 0.35
DISCLOSURE_WITH_FAMILY_AT = 0.2
WORTH_A_LOOK_AT = 0.25
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*|£\d+")
_REPEATS = re.compile(r"(\w)\1{2,}")


@dataclass(frozen=True)
class Reason:
    """A stretch of the text and why it counted, for the reviewer and the highlight."""

    start: int
    end: int
    why: str


@dataclass(frozen=True)
class Detection:
    tier: str | None  # DISCLOSURE, WORTH_A_LOOK or None
    probability: float  # the classifier's, 0 when no model is installed
    categories: tuple[str, ...]  # the rules' categories
    families: tuple[str, ...]  # concept families that fired
    harms: tuple[str, ...]  # kinds of harm the families point to
    matches: tuple[str, ...]  # the rules' phrases as written
    reasons: tuple[Reason, ...]
    summary: tuple[str, ...]  # plain sentences: what fired

    @property
    def flagged(self) -> bool:
        return self.tier == DISCLOSURE

    @property
    def any_tier(self) -> bool:
        return self.tier is not None


@lru_cache(maxsize=1)
def load_model() -> text_model.TextModel | None:
    """The trained classifier, or None before scripts/train_safeguarding_model.py has run."""
    return text_model.load(MODEL_PATH) if MODEL_PATH.exists() else None


@lru_cache(maxsize=512)
def detect(text: str | None) -> Detection:
    """Sort one free-text answer into a tier, with its reasons. Cached: saving a response scans
    each answer for its flag and again for the sentiment rule."""
    if not text or not text.strip():
        return Detection(None, 0.0, (), (), (), (), (), ())
    normalised = normalise_with_spans(text, load_lexicon().words)  # once, for both
    rules = scan(text, normalised)
    families = find_families(text, normalised)
    model = load_model()
    prediction = model.predict(text, rule_features(rules, families, text)) if model else None
    probability = prediction.probability("harm") if prediction else 0.0
    needed = DISCLOSURE_WITH_FAMILY_AT if families else DISCLOSURE_AT
    if rules.flagged or (prediction and probability >= needed):
        tier: str | None = DISCLOSURE
    elif families or probability >= WORTH_A_LOOK_AT:
        tier = WORTH_A_LOOK
    else:
        tier = None
    reasons: list[Reason] = []
    summary: list[str] = []
    if rules.flagged:
        names = ", ".join(HARM_NAMES.get(c, c) for c in rules.categories)
        summary.append(f"Rule words ({names}): " + "; ".join(f"“{m}”" for m in rules.matches))
        reasons += [Reason(s, e, "rule words") for s, e in _spans_of(text, rules.matches)]
    for hit in families:
        summary.append(f"Concept family: {hit.about}")
        reasons += [Reason(s, e, hit.about) for s, e in hit.spans]
    if prediction and tier and prediction.label == "harm":
        shown = [r for r in prediction.reasons if r.kind != "rule"]
        spans = _feature_spans(text, shown)
        if spans:
            words = dict.fromkeys(text[s:e] for s, e in sorted(spans))
            summary.append(
                f"Classifier ({probability:.0%}), words that weighed most: "
                + ", ".join(f"“{w}”" for w in words)
            )
            reasons += [Reason(s, e, "classifier words") for s, e in spans]
    return Detection(
        tier,
        round(probability, 4),
        rules.categories,
        tuple(h.family for h in families),
        tuple(sorted({h.harm for h in families})),
        rules.matches,
        tuple(sorted(set(reasons), key=lambda r: (r.start, r.end, r.why))),
        tuple(summary),
    )


def _spans_of(text: str, phrases: tuple[str, ...]) -> list[tuple[int, int]]:
    found = []
    for phrase in phrases:
        start = text.find(phrase)
        if start >= 0:
            found.append((start, start + len(phrase)))
    return found


def _tokens(text: str) -> list[tuple[str, int, int]]:
    """Words of the original text, normalised as the classifier sees them, with their spans."""
    out = []
    for match in _WORD.finditer(text):
        word = unicodedata.normalize("NFKC", match[0]).lower()
        word = _REPEATS.sub(r"\1", word.replace("'", "").replace("\u2019", ""))
        out.append((word, match.start(), match.end()))
    return out


def _feature_spans(text: str, reasons: list[text_model.Reason]) -> list[tuple[int, int]]:
    """Where each word n-gram occurs, and the words holding each letter n-gram."""
    tokens = _tokens(text)
    spans = []
    for reason in reasons:
        if reason.kind == "words":
            wanted = reason.text.split()
            n = len(wanted)
            for i in range(len(tokens) - n + 1):
                if [t[0] for t in tokens[i : i + n]] == wanted:
                    spans.append((tokens[i][1], tokens[i + n - 1][2]))
        else:
            gram = reason.feature[2:]
            spans += [(s, e) for word, s, e in tokens if gram in f"<{word}>"]
    return spans


def highlight(text: str, reasons: tuple[Reason, ...] | list[Reason]) -> list[tuple[str, str]]:
    """The text cut into (piece, why) pairs, why empty for unhighlighted pieces, overlapping
    reasons merged, so a template can wrap each marked piece in <mark> with no JavaScript."""
    marks: list[list] = []
    for reason in sorted(reasons, key=lambda r: (r.start, r.end)):
        if marks and reason.start <= marks[-1][1]:
            marks[-1][1] = max(marks[-1][1], reason.end)
            if reason.why not in marks[-1][2]:
                marks[-1][2].append(reason.why)
        else:
            marks.append([reason.start, reason.end, [reason.why]])
    pieces, at = [], 0
    for start, end, whys in marks:
        if start > at:
            pieces.append((text[at:start], ""))
        pieces.append((text[start:end], "; ".join(whys)))
        at = end
    if at < len(text):
        pieces.append((text[at:], ""))
    return pieces
