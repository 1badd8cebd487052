"""Sentiment, themes and key phrases of free-text answers, for dashboards and reports: TextBlob's
polarity corrected for how children (and adults) actually write feedback."""

from __future__ import annotations

# Method, kept simple so a lead can explain any score (details in youth_lexicon.toml):
#   1. The text is cut into tokens with our own regex (TextBlob's .words needs NLTK data, which
#      is not installed): words, numbers like "10/10", punctuation, and each emoji on its own.
#      Contractions and text-speak are written out ("wasnt" -> "was not", "u" -> "you").
#   2. [[senses]] rewrite ambiguous words by context into plain words TextBlob knows: "it was
#      long" -> "it was tedious", "felt sick" -> "felt ill", "allow it" -> "pointless".
#   3. A negator reaches past a few unscored words to the next scored one ("didnt feel judged"
#      is read as "not judged"); TextBlob's own rule then scores it -0.5 times the word. A
#      "not"/"never" with nothing scored in reach ("they never rang") is a mild complaint.
#   4. TextBlob's PatternAnalyzer scores the tokens with a private copy of its lexicon in which
#      the [words] and [symbols] of youth_lexicon.toml replace its own scores ("sick" +0.8, not
#      -0.71). Polarity is TextBlob's mean over the scored words, except that words after a
#      "but" weigh three times those before it (VADER's rule).
# Themes: the patterns of themes.toml, read with the words around them by a small model
# (theme_model.py); key phrases come from key_phrases.py.
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from analysis import sentiment, theme_model
from analysis.key_phrases import key_phrases

if TYPE_CHECKING:  # TextBlob pulls in NLTK and SciPy (5 s): imported only to score a text
    from textblob.en import Sentiment

SCORER_VERSION = "4"  # bump when the code, a file in data/ or the sentiment model change
DATA = Path(__file__).resolve().parent / "data"
DEFAULT_LEXICON = DATA / "youth_lexicon.toml"
DEFAULT_THEMES = DATA / "themes.toml"
POSITIVE_ABOVE = 0.1  # TextBlob's own threshold for "positive" in pattern.en
NEGATIVE_BELOW = -0.1

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "`": "'"})
# Variation selectors, zero-width joiners and skin tones: "👍🏽" and "❤️" are "👍" and "❤".
_EMOJI_PARTS = re.compile("[\ufe0e\ufe0f\u200d\U0001f3fb-\U0001f3ff]")
_REPEATS = re.compile(r"([a-z])\1{2,}")  # "goood" -> "good"; then "sooo" -> "so" if unknown
_CLITIC = re.compile(r"^([a-z]+)'(ll|re|ve|d|m|s)$")
_CLITICS = {"ll": "will", "re": "are", "ve": "have", "d": "would", "m": "am", "s": ""}
_PUNCTUATION = frozenset(".,!?;:")


@dataclass(frozen=True)
class TextSignal:
    polarity: float  # -1..1: the model's P(positive) - P(negative), on the label's side
    subjectivity: float  # 0..1 (from TextBlob)
    themes: tuple[str, ...]  # sorted theme ids
    key_phrases: tuple[str, ...]  # up to 5, lower-case
    why: dict = field(default_factory=dict, compare=False)  # see explain(): shown to staff


@dataclass(frozen=True)
class Lexicon:
    analyser: Sentiment  # TextBlob's PatternAnalyzer lexicon, privately extended
    words: dict[str, str]  # token -> replacement words ("wasnt" -> "was not")
    ignore: frozenset[str]
    negators: frozenset[str]
    complaint_negators: frozenset[str]
    non_answers: frozenset[str]
    clause_breaks: frozenset[str]
    window: int
    senses: tuple[tuple[re.Pattern[str], str], ...]
    symbols: frozenset[str]  # emoji and emoticons
    token: re.Pattern[str]
    scored: frozenset[str]  # tokens with a non-zero score or that intensify the next word


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    pattern: re.Pattern[str]
    exclude: re.Pattern[str] | None


_bounded = sentiment.bounded


@lru_cache(maxsize=4)
def _load_lexicon(path: Path) -> Lexicon:
    from textblob import en as textblob_en
    from textblob.en import Sentiment

    with path.open("rb") as handle:
        data = tomllib.load(handle)
    negation = data["negation"]
    negators = frozenset(negation["negators"])
    # A fresh instance reads TextBlob's XML itself, so the shared textblob.en.sentiment (used by
    # plain TextBlob and by anyone else in the process) never sees our scores.
    analyser = Sentiment(
        path=str(Path(textblob_en.MODULE) / "en-sentiment.xml"),
        synset="wordnet_id",
        negations=tuple(negators),
        modifiers=("RB",),
        modifier=lambda w: w.endswith("ly"),
        language="en",
    )
    analyser.load()
    for word, spec in data["words"].items():
        intensity = float(spec.get("intensity", 1.0))
        # TextBlob treats a word as an intensifier of the next when it has an adverb ("RB") sense.
        pos = "RB" if "intensity" in spec else "JJ"
        analyser.annotate(word, pos, spec["polarity"], spec["subjectivity"], intensity)
        if pos == "JJ":
            dict.__getitem__(analyser, word).pop("RB", None)
    for symbol, polarity in data["symbols"].items():
        analyser.annotate(symbol, "UH", float(polarity), 1.0, 1.0)
    for word in data["neutral"]["words"]:
        dict.pop(analyser, word, None)
    scored = frozenset(
        word for word, senses in dict.items(analyser) if senses[None][0] != 0 or "RB" in senses
    )
    symbols = sorted(data["symbols"], key=len, reverse=True)  # ":-)" before ":)"
    token = re.compile(
        "|".join(re.escape(s) for s in symbols) + r"|\d+ ?/ ?\d+|[a-z0-9]+(?:'[a-z]+)*|[^\s\w']"
    )
    senses = tuple(
        (re.compile(_bounded(item["pattern"])), item["replace"]) for item in data["senses"]
    )
    return Lexicon(
        analyser=analyser,
        words=dict(data["normalise"]["words"]),
        ignore=frozenset(data["ignore"]["words"]),
        negators=negators,
        complaint_negators=frozenset(negation["complaint_negators"]),
        non_answers=frozenset(negation["non_answers"]),
        clause_breaks=frozenset(negation["clause_breaks"]) | _PUNCTUATION,
        window=int(negation["window"]),
        senses=senses,
        symbols=frozenset(symbols),
        token=token,
        scored=scored,
    )


@lru_cache(maxsize=4)
def _load_themes(path: Path) -> tuple[Theme, ...]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    macros: dict[str, str] = data.get("macros", {})

    def compile_all(patterns: list[str]) -> re.Pattern[str]:
        return sentiment.compile_whole_words(patterns, macros)

    return tuple(
        Theme(
            id=theme_id,
            name=spec["name"],
            pattern=compile_all(spec["patterns"]),
            exclude=compile_all(spec["exclude"]) if spec.get("exclude") else None,
        )
        for theme_id, spec in data["themes"].items()
    )


def load_lexicon(path: Path | None = None) -> Lexicon:
    """The youth lexicon in `path` (default analysis/data/youth_lexicon.toml), read once."""
    return _load_lexicon(Path(path).resolve() if path else DEFAULT_LEXICON)


def load_themes(path: Path | None = None) -> tuple[Theme, ...]:
    """The themes in `path` (default analysis/data/themes.toml), read once."""
    return _load_themes(Path(path).resolve() if path else DEFAULT_THEMES)


def _theme_names() -> dict[str, str]:
    """Each theme's name, read without compiling its patterns (reports need only the names)."""
    with DEFAULT_THEMES.open("rb") as handle:
        return {key: spec["name"] for key, spec in tomllib.load(handle)["themes"].items()}


THEMES: dict[str, str] = _theme_names()


@lru_cache(maxsize=1)
def finding_themes() -> frozenset[str]:
    """Themes reliable enough to show as findings (decided on the validation set)."""
    with DEFAULT_THEMES.open("rb") as handle:
        return frozenset(tomllib.load(handle).get("findings", ()))


def _known(lexicon: Lexicon, word: str) -> bool:
    return word in lexicon.words or dict.__contains__(lexicon.analyser, word)


def tokens(text: str, lexicon: Lexicon | None = None) -> list[str]:
    """Words, emoji and punctuation of `text`, contractions and text-speak written out.

    "I wasn't sooo bored 👍🏽" -> ["i", "was", "not", "so", "bored", "👍"]
    """
    lexicon = lexicon or load_lexicon()
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    text = _EMOJI_PARTS.sub("", text)
    out: list[str] = []
    for match in lexicon.token.finditer(text):
        token = match[0].replace(" ", "")
        if not token[0].isalnum() or "/" in token:
            out.append(token)
            continue
        clitic = _CLITIC.match(token)
        if clitic and not token.endswith("n't"):
            # "i'll" -> "i will": without the apostrophe it would read as "ill"
            out.append(clitic[1])
            token = _CLITICS[clitic[2]]
            if not token:
                continue
        word = token.replace("'", "")
        if _REPEATS.search(word):
            word = _REPEATS.sub(r"\1\1", word)
            if not _known(lexicon, word):
                word = _REPEATS.sub(r"\1", match[0].replace("'", ""))
        out.extend(lexicon.words.get(word, word).split())
    return out


def _apply_senses(lexicon: Lexicon, text: str) -> str:
    for pattern, replacement in lexicon.senses:
        if "w" in pattern.groupindex:

            def swap(m: re.Match[str], replacement: str = replacement) -> str:
                start, end = m.start("w") - m.start(), m.end("w") - m.start()
                return m[0][:start] + replacement + m[0][end:]

            text = pattern.sub(swap, text)
        else:
            text = pattern.sub(replacement, text)
    return text


def _close_negation(lexicon: Lexicon, words: list[str]) -> list[str]:
    """Drop up to `window` unscored words between a negator and the scored word it negates.

    TextBlob negates only the very next word; "didnt feel judged" would stay negative.
    """
    out: list[str] = []
    i = 0
    while i < len(words):
        out.append(words[i])
        i += 1
        if out[-1] not in lexicon.negators:
            continue
        j = i
        while (
            j < len(words)
            and j - i < lexicon.window
            and words[j] not in lexicon.scored
            and words[j] not in lexicon.negators
            and words[j] not in lexicon.clause_breaks
        ):
            j += 1
        if j < len(words) and words[j] in lexicon.scored and words[j] not in lexicon.symbols:
            i = j
        elif out[-1] in lexicon.complaint_negators and not any(
            w in lexicon.non_answers for w in words[i : i + lexicon.window]
        ):
            out[-1] = "unmet_"  # "they never rang": something not done, a mild complaint
        if i < len(words) and words[i] in lexicon.symbols:
            # An emoji is the writer's mood, not something negated ("i had nothing 🙏");
            # TextBlob would carry the negation over any one-character token.
            out.append("--")
    return out


def _sentiment(
    lexicon: Lexicon, words: list[str], scored: list[tuple[str, float]] | None = None
) -> tuple[float, float]:
    text = _apply_senses(lexicon, " ".join(words))
    kept = [w for w in text.split() if w not in lexicon.ignore]
    # Clauses split at each "but": the last counts 1.5 times, those before it half (VADER).
    clauses: list[list[str]] = [[]]
    for word in kept:
        if word == "but":
            clauses.append([])
        else:
            clauses[-1].append(word)
    total = weights = subjectivity = 0.0
    for index, clause in enumerate(clauses):
        weight = 1.0 if len(clauses) == 1 else (1.5 if index == len(clauses) - 1 else 0.5)
        pairs = [(w, None) for w in _close_negation(lexicon, clause)]
        for assessment in lexicon.analyser.assessments(pairs):
            if scored is not None and assessment[1]:
                scored.append((" ".join(assessment[0]), round(float(assessment[1]), 2)))
            total += weight * assessment[1]
            subjectivity += weight * assessment[2]
            weights += weight
    if not weights:
        return 0.0, 0.0
    polarity, subjectivity = total / weights, subjectivity / weights
    return max(-1.0, min(1.0, polarity)), max(0.0, min(1.0, subjectivity))


def joined_words(words: list[str]) -> str:
    """The words themes and experience rules read: no punctuation or emoji, one space apart."""
    return " ".join(w for w in words if w[0].isalnum())


def theme_matches(words: list[str], themes: tuple[Theme, ...] | None = None) -> dict[str, str]:
    """Theme id -> the words that found it, for the themes matching outside their excludes."""
    text = joined_words(words)
    found = {}
    for theme in themes or load_themes():
        excluded = None  # found only when the theme's own pattern matches: most do not
        for match in theme.pattern.finditer(text):
            if excluded is None:
                excluded = [m.span() for m in theme.exclude.finditer(text)] if theme.exclude else []
            start, end = match.span()
            if not any(s < end and start < e for s, e in excluded):
                found[theme.id] = match[0]
                break
    return dict(sorted(found.items()))


def themes_of(words: list[str], themes: tuple[Theme, ...] | None = None) -> tuple[str, ...]:
    """Sorted ids of the themes whose patterns match the words outside their excludes."""
    return tuple(theme_matches(words, themes))


def lexicon_polarity(text: str) -> tuple[float, float, tuple[float, ...]]:
    """The youth lexicon's polarity, subjectivity and word scores: inputs of the direction
    model."""
    if not text or not text.strip():
        return 0.0, 0.0, ()
    lexicon = load_lexicon()
    scored: list[tuple[str, float]] = []
    polarity, subjectivity = _sentiment(lexicon, tokens(text, lexicon), scored)
    return polarity, subjectivity, tuple(p for _w, p in scored)


def score(text: str | None, audience: str | None = None) -> TextSignal:
    """Sentiment, themes and key phrases of one free-text answer; empty text scores neutral.

    `audience` is the survey's ("children", "parents", ...) when known: the model reads it.
    The polarity always falls on the side of the label sentiment_label() reads from it.
    """
    if not text or not text.strip():
        return TextSignal(0.0, 0.0, (), ())
    lexicon = load_lexicon()
    words = tokens(text, lexicon)
    scored: list[tuple[str, float]] = []
    lexicon_score, subjectivity = _sentiment(lexicon, words, scored)
    joined = joined_words(words)
    found = sentiment.direction(text, joined, lexicon_score, audience, tuple(p for _w, p in scored))
    themes = theme_model.themes_found(text, theme_matches(words))
    why = {
        "label": found.label,
        "model_words": list(found.words),
        "rules": list(found.rules),
        "lexicon": round(lexicon_score, 3),
        "lexicon_words": [[w, p] for w, p in dict(scored).items()][:6],
        "themes": themes,
    }
    return TextSignal(
        polarity=on_side(found.polarity, found.label),
        subjectivity=round(subjectivity, 4),
        themes=tuple(themes),
        key_phrases=key_phrases(text),
        why=why,
    )


def on_side(polarity: float, label: str) -> float:
    """`polarity` moved just inside the band of `label`, so a stored score reads as labelled."""
    if label == "positive":
        return round(max(polarity, POSITIVE_ABOVE + 0.01), 4)
    if label == "negative":
        return round(min(polarity, NEGATIVE_BELOW - 0.01), 4)
    return round(max(NEGATIVE_BELOW, min(POSITIVE_ABOVE, polarity)), 4)


def plain_textblob_polarity(text: str) -> float:
    """TextBlob's own polarity with no correction: the baseline for comparisons."""
    from textblob import TextBlob

    return float(TextBlob(text or "").sentiment.polarity)


def sentiment_label(polarity: float) -> str:
    """ "positive" above 0.1, "negative" below -0.1, else "neutral" (TextBlob's own cut-off)."""
    if polarity > POSITIVE_ABOVE:
        return "positive"
    if polarity < NEGATIVE_BELOW:
        return "negative"
    return "neutral"
