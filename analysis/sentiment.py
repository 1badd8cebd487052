"""Direction of a free-text answer (positive, neutral, negative) with the reasons a lead can read.

Three parts, each explainable on its own:
  1. the youth lexicon's polarity (text_signals.py: TextBlob corrected for how people write);
  2. experience rules (data/experience_rules.toml): criticism and praise stated as facts, with
     no sentiment word ("new worker again, had to tell my story all over");
  3. a logistic regression (analysis/text_model.py, weights in data/sentiment_model.json) on
     word and character n-grams, with the lexicon's score, the rules that fired and the
     audience as extra features. It is trained by `python -m analysis.train_sentiment` on
     data/sentiment_training.csv, the project's labelled set and leads' corrections.
The model decides; its strongest features, the rules and the lexicon's words are the reasons.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis import text_model

DATA = Path(__file__).resolve().parent / "data"
RULES = DATA / "experience_rules.toml"
MODEL = DATA / "sentiment_model.json"
LABELS = ("negative", "neutral", "positive")
STRONG_WORD = 0.5  # a lexicon word at least this strong is a feature of its own
_MACRO = re.compile(r"\{([a-z_]+)\}")
# How an audience is named by a survey, by the labelled sets and by the model's features.
AUDIENCES = {
    "children": "child",
    "child": "child",
    "parents": "parent",
    "parent": "parent",
    "victims": "victim",
    "victim": "victim",
    "anyone": "tell_us",
    "tell_us": "tell_us",
    "professionals": "staff",
    "professional": "staff",
    "staff": "staff",
}


@dataclass(frozen=True)
class Rule:
    id: str
    says: str
    direction: str
    pattern: re.Pattern[str]
    unless: re.Pattern[str] | None


@dataclass(frozen=True)
class Direction:
    label: str
    polarity: float  # P(positive) - P(negative), -1..1
    probabilities: dict[str, float]
    rules: tuple[str, ...]  # ids of the experience rules that fired
    words: tuple[str, ...]  # the model's strongest words towards `label`


def bounded(pattern: str) -> str:
    """Whole words only: no letter, digit, underscore or apostrophe straight before or after."""
    return rf"(?<![\w'])(?:{pattern})(?![\w'])"


def compile_whole_words(patterns: list[str], macros: dict[str, str]) -> re.Pattern[str]:
    """One pattern for a list of phrases with {macro} words expanded; one bound around the whole
    alternation is twice as fast as one per phrase, with the same matches."""
    expanded = [_MACRO.sub(lambda m: macros[m[1]], p) for p in patterns]
    return re.compile(bounded("|".join(expanded)))


@lru_cache(maxsize=2)
def load_rules(path: Path = RULES) -> tuple[Rule, ...]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    macros: dict[str, str] = data.get("macros", {})

    def compile_all(patterns: list[str]) -> re.Pattern[str]:
        return compile_whole_words(patterns, macros)

    return tuple(
        Rule(
            id=rule_id,
            says=spec["says"],
            direction=spec["direction"],
            pattern=compile_all(spec["patterns"]),
            unless=compile_all(spec["unless"]) if spec.get("unless") else None,
        )
        for rule_id, spec in data["rules"].items()
    )


RULE_SAYS: dict[str, str] = {rule.id: rule.says for rule in load_rules()}


def rules_fired(text: str) -> tuple[str, ...]:
    """Ids of the rules matching `text` (the answer's words joined by spaces, lower case)."""
    fired = []
    for rule in load_rules():
        if not rule.pattern.search(text):
            continue
        if rule.unless is not None and rule.unless.search(text):
            continue
        fired.append(rule.id)
    return tuple(fired)


def lexicon_band(polarity: float) -> str:
    """The lexicon's polarity as a few bands, so the model can weigh it like a word."""
    if polarity >= 0.35:
        return "lex:strong_positive"
    if polarity > 0.1:
        return "lex:positive"
    if polarity <= -0.35:
        return "lex:strong_negative"
    if polarity < -0.1:
        return "lex:negative"
    return "lex:neutral" if polarity == 0 else "lex:faint"


def extras(
    lexicon_polarity: float,
    rules: tuple[str, ...],
    audience: str | None,
    word_scores: tuple[float, ...] = (),
) -> list[str]:
    """The named features added to the model's n-grams: lexicon band, rules, audience, and
    which way most of the lexicon's strong words point (the mean alone lets one mild complaint
    cancel a "sick" and a 🔥)."""
    names = [lexicon_band(lexicon_polarity)] + [f"rule:{r}" for r in rules]
    strong_positive = sum(score >= STRONG_WORD for score in word_scores)
    strong_negative = sum(score <= -STRONG_WORD for score in word_scores)
    if strong_positive > strong_negative:
        names.append("lex:more_strong_positive_words")
    elif strong_negative > strong_positive:
        names.append("lex:more_strong_negative_words")
    elif strong_positive:
        names.append("lex:strong_words_both_ways")
    if audience in AUDIENCES:
        names.append(f"audience:{AUDIENCES[audience]}")
    return names


@lru_cache(maxsize=1)
def model() -> text_model.TextModel | None:
    """The shipped sentiment model (read once), or None while none has been trained."""
    return text_model.load(MODEL) if MODEL.exists() else None


def direction(
    text: str,
    joined: str,
    lexicon_polarity: float,
    audience: str | None = None,
    word_scores: tuple[float, ...] = (),
) -> Direction:
    """The direction of `text`; `joined` is its normalised words, as themes and rules read;
    `word_scores` the lexicon's scores of its words."""
    rules = rules_fired(joined)
    trained = model()
    if trained is None:  # the lexicon alone, as before the model was trained
        label = _lexicon_label(lexicon_polarity)
        probabilities = {name: float(name == label) for name in LABELS}
        return Direction(label, lexicon_polarity, probabilities, rules, ())
    features = extras(lexicon_polarity, rules, audience, word_scores)
    prediction = trained.predict(text, features, top=8)
    p = prediction.probabilities
    polarity = round(p.get("positive", 0.0) - p.get("negative", 0.0), 4)
    label = prediction.label
    words = tuple(
        dict.fromkeys(r.text for r in prediction.reasons if r.kind == "words" and r.weight > 0)
    )[:5]
    return Direction(label, polarity, dict(p), rules, words)


def _lexicon_label(polarity: float) -> str:
    if polarity > 0.1:
        return "positive"
    if polarity < -0.1:
        return "negative"
    return "neutral"
