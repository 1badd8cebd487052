"""A small linear text classifier kept as readable JSON and scored in plain Python, so the app
needs no scikit-learn at run time and every score can name the words that moved it.

Training (scikit-learn, only in the `train` and `test` extras) and scoring share `features()`,
so a model scores in the app exactly as it did when it was trained:

    counts    word 1-2 grams, character 3-5 grams inside words, and any extra named features
              the caller adds (e.g. "rule:self_harm" when a rule fired)
    weights   (1 + log count) x idf, scaled to unit length (scikit-learn's TfidfTransformer with
              sublinear_tf=True), then a logistic regression: one row of weights per class
              (a single row for two classes)
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

FORMAT = 1
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "`": "'"})
_WORD = re.compile(r"[^\W_]+|£\d+")
_REPEATS = re.compile(r"(\w)\1{2,}")  # "sooo" -> "so", as both scorer and trainer see it


def words(text: str) -> list[str]:
    """Lower-case words: apostrophes dropped ("don't" -> "dont"), 3+ repeated letters collapsed."""
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTES).lower().replace("'", "")
    return [_REPEATS.sub(r"\1", word) for word in _WORD.findall(text)]


def features(
    text: str,
    extra: Iterable[str] = (),
    word_ngrams: tuple[int, int] = (1, 2),
    char_ngrams: tuple[int, int] = (3, 5),
) -> Counter[str]:
    """Counts of named features: "w:i dont", "c:<wak", "x:rule:self_harm".

    Character n-grams are taken inside each word padded with < and > (so "cuttin" and
    "cutting" share most of theirs); they carry misspellings and slang the words miss.
    """
    tokens = words(text)
    counts: Counter[str] = Counter()
    low, high = word_ngrams
    for n in range(low, high + 1):
        for i in range(len(tokens) - n + 1):
            counts["w:" + " ".join(tokens[i : i + n])] += 1
    low, high = char_ngrams
    if high:
        for token in tokens:
            padded = f"<{token}>"
            for n in range(low, high + 1):
                for i in range(len(padded) - n + 1):
                    counts["c:" + padded[i : i + n]] += 1
    for name in extra:
        counts["x:" + name] += 1
    return counts


@dataclass(frozen=True)
class Reason:
    """One feature's share of a score: what a reviewer reads as "why"."""

    feature: str  # as stored, e.g. "w:wake up"
    weight: float  # its contribution to the positive class's score (log-odds)

    @property
    def kind(self) -> str:
        return {"w": "words", "c": "letters", "x": "rule"}[self.feature[0]]

    @property
    def text(self) -> str:
        return self.feature[2:].strip("<>")


@dataclass(frozen=True)
class Prediction:
    label: str
    probabilities: dict[str, float]
    reasons: tuple[Reason, ...]  # strongest first, only those pushing towards `label`

    def probability(self, label: str) -> float:
        return self.probabilities[label]


@dataclass(frozen=True)
class TextModel:
    name: str
    version: str
    classes: tuple[str, ...]
    word_ngrams: tuple[int, int]
    char_ngrams: tuple[int, int]
    idf: dict[str, float]
    weights: dict[str, tuple[float, ...]]  # feature -> one weight per row
    intercepts: tuple[float, ...]
    about: dict

    def vector(self, text: str, extra: Iterable[str] = ()) -> dict[str, float]:
        """The text's tf-idf weights over the model's vocabulary, scaled to unit length."""
        counts = features(text, extra, self.word_ngrams, self.char_ngrams)
        values = {
            name: (1.0 + math.log(count)) * self.idf[name]
            for name, count in counts.items()
            if name in self.idf
        }
        norm = math.sqrt(sum(v * v for v in values.values()))
        return {name: v / norm for name, v in values.items()} if norm else {}

    def predict(self, text: str, extra: Iterable[str] = (), top: int = 6) -> Prediction:
        vector = self.vector(text, extra)
        rows = len(self.intercepts)
        scores = list(self.intercepts)
        for name, value in vector.items():
            row_weights = self.weights.get(name)
            if row_weights:
                for r in range(rows):
                    scores[r] += row_weights[r] * value
        if rows == 1:
            positive = _sigmoid(scores[0])
            probabilities = {self.classes[0]: 1.0 - positive, self.classes[1]: positive}
        else:
            peak = max(scores)
            exps = [math.exp(s - peak) for s in scores]
            total = sum(exps)
            probabilities = {c: e / total for c, e in zip(self.classes, exps, strict=True)}
        label = max(probabilities, key=probabilities.__getitem__)
        index = 0 if rows == 1 else self.classes.index(label)
        sign = -1.0 if rows == 1 and label == self.classes[0] else 1.0
        shares = [
            Reason(name, sign * self.weights[name][index] * value)
            for name, value in vector.items()
            if name in self.weights
        ]
        shares = sorted((s for s in shares if s.weight > 0), key=lambda s: -s.weight)
        return Prediction(label, probabilities, tuple(shares[:top]))

    def probability(self, text: str, extra: Iterable[str] = (), label: str | None = None) -> float:
        """Probability of `label` (default: the last class, the "positive" one)."""
        return self.predict(text, extra, top=0).probability(label or self.classes[-1])


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def from_dict(data: dict) -> TextModel:
    if data.get("format") != FORMAT:
        raise ValueError(f"unknown text model format {data.get('format')!r}")
    vocabulary = data["vocabulary"]
    rows = data["weights"]  # one list per row, aligned with vocabulary
    return TextModel(
        name=data["name"],
        version=str(data["version"]),
        classes=tuple(data["classes"]),
        word_ngrams=tuple(data["word_ngrams"]),
        char_ngrams=tuple(data["char_ngrams"]),
        idf=dict(zip(vocabulary, data["idf"], strict=True)),
        weights={
            name: tuple(row[i] for row in rows)
            for i, name in enumerate(vocabulary)
            if any(row[i] for row in rows)
        },
        intercepts=tuple(data["intercepts"]),
        about=data.get("about", {}),
    )


@lru_cache(maxsize=8)
def _load(path: Path) -> TextModel:
    with path.open(encoding="utf-8") as handle:
        return from_dict(json.load(handle))


def load(path: Path | str) -> TextModel:
    """The model stored at `path`, read once and cached."""
    return _load(Path(path).resolve())


def fit(
    texts: Sequence[str],
    labels: Sequence[str],
    extras: Sequence[Iterable[str]] | None = None,
    *,
    name: str,
    version: str,
    word_ngrams: tuple[int, int] = (1, 2),
    char_ngrams: tuple[int, int] = (3, 5),
    min_df: int = 2,
    keep: int = 4000,
    c: float = 4.0,
    class_weight: dict | str | None = "balanced",
    about: dict | None = None,
) -> dict:
    """Train one logistic regression over the classes with scikit-learn and return the
    JSON-ready model (needs the `train` extra)."""
    from sklearn.linear_model import LogisticRegression

    extras = extras or [()] * len(texts)
    counted = [features(t, e, word_ngrams, char_ngrams) for t, e in zip(texts, extras, strict=True)]

    def regression(matrix) -> list:
        model = LogisticRegression(C=c, class_weight=class_weight, max_iter=5000)
        model.fit(matrix, list(labels))
        return [model]

    vocabulary, idf, models = fit_strongest(counted, regression, min_df=min_df, keep=keep)
    return as_dict(
        name,
        version,
        [str(x) for x in models[0].classes_],
        (word_ngrams, char_ngrams),
        vocabulary,
        idf,
        models,
        about,
    )


def fit_strongest(
    counted: Sequence[Counter[str]],
    regressions: Callable[[Any], list],
    *,
    min_df: int,
    keep: int,
) -> tuple[list[str], Any, list]:
    """(vocabulary, idf, fitted models) of `regressions(tf-idf matrix)`, fitted twice.

    Once on every feature seen in at least `min_df` texts (and every extra one), then again on
    only the `keep` features with the largest weight in any row of any model, so the stored
    model is small and its unit-length scaling at run time covers exactly the features it
    stores. Both the sentiment and the theme model are trained through here.
    """
    seen: Counter[str] = Counter(name for counts in counted for name in counts)
    vocabulary = sorted(n for n, df in seen.items() if df >= min_df or n.startswith("x:"))
    names, _, first = _fit_tfidf(counted, vocabulary, regressions)
    strength = abs(_rows(first, "coef_")).max(axis=0)
    used = [i for i in range(len(names)) if strength[i] > 0]
    ranked = sorted(used, key=lambda i: -strength[i])[:keep]
    return _fit_tfidf(counted, sorted(names[i] for i in ranked), regressions)


def _fit_tfidf(counted: Sequence[Counter[str]], names: list[str], regressions):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfTransformer

    chosen = set(names)
    rows = [{n: v for n, v in counts.items() if n in chosen} for counts in counted]
    vectoriser = DictVectorizer(sort=True)
    vectoriser.fit([dict.fromkeys(names, 1)])
    tfidf = TfidfTransformer(sublinear_tf=True)
    matrix = tfidf.fit_transform(vectoriser.transform(rows))
    return vectoriser.get_feature_names_out().tolist(), tfidf.idf_, regressions(matrix)


def _rows(models: list, attribute: str):
    """The models' coef_ (or intercept_) stacked: one row (one entry) per stored row."""
    import numpy

    return numpy.concatenate([getattr(m, attribute) for m in models])


def as_dict(
    name: str,
    version: str,
    classes: Sequence[str],
    ngrams: tuple[tuple[int, int], tuple[int, int]],
    vocabulary: list[str],
    idf,
    models: list,
    about: dict | None,
) -> dict:
    """The JSON-ready model: one weight row per row of the fitted models, in order."""
    return {
        "format": FORMAT,
        "name": name,
        "version": version,
        "classes": list(classes),
        "word_ngrams": list(ngrams[0]),
        "char_ngrams": list(ngrams[1]),
        "intercepts": [round(float(x), 5) for x in _rows(models, "intercept_")],
        "vocabulary": vocabulary,
        "idf": [round(float(x), 5) for x in idf],
        "weights": [[round(float(x), 5) for x in row] for row in _rows(models, "coef_")],
        "about": about or {},
    }


def save(model: dict, path: Path) -> None:
    """Write the model with one vocabulary entry per line, so a diff of two versions reads."""
    lines = ["{"]
    for key in ("format", "name", "version", "classes", "word_ngrams", "char_ngrams"):
        lines.append(f"  {json.dumps(key)}: {json.dumps(model[key])},")
    lines.append(f'  "about": {json.dumps(model["about"], ensure_ascii=False)},')
    lines.append(f'  "intercepts": {json.dumps(model["intercepts"])},')
    for key in ("vocabulary", "idf"):
        body = ",\n    ".join(json.dumps(v, ensure_ascii=False) for v in model[key])
        lines.append(f'  "{key}": [\n    {body}\n  ],')
    rows = ",\n    ".join(json.dumps(row) for row in model["weights"])
    lines.append(f'  "weights": [\n    {rows}\n  ]')
    lines.append("}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
