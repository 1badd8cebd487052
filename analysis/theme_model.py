"""Themes by meaning as well as by phrase: a small one-vs-rest logistic regression per theme over
word n-grams, with the theme patterns that matched (themes.toml) as features.

Why: the patterns alone found about 6 in 10 labelled themes on the released first blind set, and
6 in 10 of their finds were right; people name the same thing in too many ways to list. The model
reads every theme's patterns as evidence and learns the words around them, so it also finds a
theme the patterns miss ("she got me. like actually got me") and drops a pattern's false find
("the leaflet was really helpful" is not about the worker). Stored as readable JSON like the
sentiment model (analysis/text_model.py) and scored in plain Python; each theme found names the
words that moved it. Trained by `python -m analysis.train_themes`.

A theme is found when its probability reaches FOUND_AT, or LIKELY_AT when its own pattern also
matched (chosen by cross-validation on the training rows, never on a blind set).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from analysis import text_model

MODEL = Path(__file__).resolve().parent / "data" / "theme_model.json"
FOUND_AT = 0.6
LIKELY_AT = 0.4
WORDS = (1, 2)
LETTERS = (0, 0)  # words only: letters added little and cost twice the time
C = 4.0


def pattern_features(matched: Iterable[str]) -> list[str]:
    """The named features for the themes whose patterns matched: "pattern:court"."""
    return [f"pattern:{theme}" for theme in matched]


@lru_cache(maxsize=1)
def model() -> text_model.TextModel | None:
    """The shipped theme model (read once), or None while none has been trained."""
    return text_model.load(MODEL) if MODEL.exists() else None


def probabilities(
    trained: text_model.TextModel, text: str, matched: Iterable[str]
) -> dict[str, float]:
    """Theme -> probability, for every theme of the model."""
    vector = trained.vector(text, pattern_features(matched))
    scores = list(trained.intercepts)
    sparse = _sparse(trained)
    for name, value in vector.items():
        for row, weight in sparse.get(name, ()):
            scores[row] += weight * value
    return {theme: _sigmoid(score) for theme, score in zip(trained.classes, scores, strict=True)}


_SPARSE: dict[int, dict[str, tuple[tuple[int, float], ...]]] = {}


def _sparse(trained: text_model.TextModel) -> dict[str, tuple[tuple[int, float], ...]]:
    """Each feature's non-zero weights only."""
    key = id(trained)
    if key not in _SPARSE:
        _SPARSE[key] = {
            name: tuple((row, w) for row, w in enumerate(weights) if w)
            for name, weights in trained.weights.items()
        }
    return _SPARSE[key]


def strongest_words(trained: text_model.TextModel, text: str, theme: str) -> tuple[str, ...]:
    """The words that pushed `theme` up most in `text`: its "why" when no pattern matched."""
    row = trained.classes.index(theme)
    vector = trained.vector(text)
    pushes = [
        (trained.weights[name][row] * value, name[2:])
        for name, value in vector.items()
        if name.startswith("w:") and name in trained.weights
    ]
    return tuple(word for push, word in sorted(pushes, reverse=True)[:3] if push > 0)


def themes_found(text: str, matched: dict[str, str]) -> dict[str, str]:
    """Theme id -> the words that found it: the pattern's match, or the model's strongest words.

    `matched` is what the patterns found (text_signals.theme_matches); without a trained model
    it is the answer."""
    trained = model()
    if trained is None:
        return matched
    found = {}
    for theme, p in probabilities(trained, text, matched).items():
        if p >= FOUND_AT or (theme in matched and p >= LIKELY_AT):
            found[theme] = matched.get(theme) or ", ".join(strongest_words(trained, text, theme))
    return dict(sorted(found.items()))


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def fit(
    texts: Sequence[str],
    themes: Sequence[set[str]],
    matched: Sequence[Iterable[str]],
    theme_ids: Sequence[str],
    *,
    version: str,
    c: float = C,
    min_df: int = 2,
    keep: int = 6000,
    about: dict | None = None,
) -> dict:
    """Train one logistic regression per theme on shared tf-idf features (needs the `train`
    extra) and return the JSON-ready model, in text_model's format: one weight row per theme."""
    from sklearn.linear_model import LogisticRegression

    counted = [
        text_model.features(t, pattern_features(m), WORDS, LETTERS)
        for t, m in zip(texts, matched, strict=True)
    ]

    def regressions(matrix) -> list:
        models = []
        for theme in theme_ids:
            model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000)
            model.fit(matrix, [theme in labelled for labelled in themes])
            models.append(model)
        return models

    vocabulary, idf, models = text_model.fit_strongest(
        counted, regressions, min_df=min_df, keep=keep
    )
    return text_model.as_dict(
        "themes", version, theme_ids, (WORDS, LETTERS), vocabulary, idf, models, about
    )
