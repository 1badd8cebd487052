"""Safeguarding scan of free-text answers: flags possible disclosures of harm so a safeguarding
lead reviews them the same working day. A flag never blocks anything; a person decides."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DEFAULT_LEXICON = Path(__file__).parent / "data" / "safeguarding.toml"
CATEGORIES = (
    "abuse",
    "exploitation",
    "harm_to_others",
    "radicalisation",
    "self_harm",
    "threats",
    "unsafe_at_home",
)

# Straight quotes for curly ones; the apostrophe is then dropped ("don't" -> "dont").
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'"}
_CLAUSE_PUNCTUATION = ".,!?;:"
_TOKEN = re.compile(r"[^\W_]+|£\d+|[.,!?;:]")
_REPEATS = re.compile(r"([a-z])\1{2,}")  # three or more of one letter: "sooo" -> "so"
_MACRO = re.compile(r"\{([a-z_]+)\}")  # {name} in a pattern stands for [macros].name
_LOOKBACK = 200  # characters before a match searched for negators and past markers
# A dropped g ("wakin", "thinkin", "nothin") is put back, so every pattern written with "-ing"
# reads phone spelling too; words that really end in -in are left as they are.
_DROPPED_G = re.compile(r"[a-z]{2,}[^aoeiu\W]in|[a-z]{2,}(?:ee|y|u|e)in")
_REAL_IN = frozenset(
    "within cabin basin begin robin cousin coffin muffin pumpkin violin raisin toxin origin "
    "margin virgin cumin insulin heroin vermin martin kevin justin austin darwin dublin berlin "
    "admin login plugin dustbin satin latin colin gavin calvin erin caitlin kaitlin marvin "
    "aspirin penguin protein sequin goblin napkin bumpkin catkin gremlin mandolin zeppelin "
    "tenpin".split()
)


@dataclass(frozen=True)
class SafeguardingResult:
    flagged: bool
    categories: tuple[str, ...]  # sorted, unique, e.g. ("self_harm",)
    matches: tuple[str, ...]  # the phrases that matched, as found in the text (for the reviewer)


@dataclass(frozen=True)
class Entry:
    """One pattern of the lexicon and how it may be cancelled."""

    category: str
    pattern: re.Pattern[str]
    negatable: bool  # False: the negation is part of the meaning ("don't want to live")
    topic: bool  # also cancelled when the text is about learning ("the session on grooming")
    requires: re.Pattern[str] | None  # counts only if the whole text also matches this


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[Entry, ...]
    any_entry: re.Pattern[str]  # matches wherever some entry's pattern does (a first sieve)
    words: dict[str, str]  # text-speak -> plain words ("wanna" -> "want to")
    window: int  # how many words before a match are searched for a negator
    negators: re.Pattern[str]
    inside_negators: re.Pattern[str]
    not_negators: re.Pattern[str]  # look like negation but scope over nothing ("ngl")
    clause_breaks: re.Pattern[str]
    past_markers: re.Pattern[str]
    resolved: re.Pattern[str]
    continuing: re.Pattern[str]
    education: re.Pattern[str]
    safe: re.Pattern[str]


def _bounded(pattern: str) -> str:
    """Whole words only: no letter, digit or pound sign straight before or after."""
    return rf"(?<![\w£])(?:{pattern})(?![\w£])"


def whole_words(patterns: list[str]) -> re.Pattern[str]:
    """Any of `patterns` as whole words. One bound around the whole alternation, so the engine
    tries the alternatives only where a word starts: seven times faster than a bound per
    alternative on the lexicon's 239 entries, with the same matches (it backtracks into the
    alternation when the end bound fails)."""
    if not patterns:
        return re.compile(r"(?!x)x")  # matches nothing
    return re.compile(_bounded("|".join(patterns)))


@lru_cache(maxsize=8)
def _load(path: Path) -> Lexicon:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    macros: dict[str, str] = data.get("macros", {})

    def expand(pattern: str) -> str:
        for _ in range(5):  # macros may use macros; five levels is plenty
            pattern = _MACRO.sub(lambda m: macros[m[1]], pattern)
        return pattern

    entries, raws = [], []
    for category, spec in data["categories"].items():
        if category not in CATEGORIES:
            raise ValueError(f"{path}: unknown category {category!r}")
        kinds = (
            ("phrases", True, False),
            ("negated_phrases", False, False),
            ("topics", True, True),
        )
        for key, negatable, topic in kinds:
            for raw in spec.get(key, []):
                raws.append(expand(raw))
                pattern = re.compile(_bounded(raws[-1]))
                entries.append(Entry(category, pattern, negatable, topic, None))
        for item in spec.get("contextual", []):
            raws.append(expand(item["pattern"]))
            pattern = re.compile(_bounded(raws[-1]))
            requires = re.compile(_bounded(expand(item["requires"])))
            entries.append(Entry(category, pattern, True, False, requires))
    negation, past = data["negation"], data["past"]
    return Lexicon(
        entries=tuple(entries),
        any_entry=whole_words(raws),
        words=dict(data["normalise"]["words"]),
        window=int(negation["window_words"]),
        negators=whole_words(negation["negators"]),
        inside_negators=whole_words(negation["inside_negators"]),
        not_negators=whole_words(negation["not_negators"]),
        clause_breaks=whole_words(negation["clause_breaks"]),
        past_markers=whole_words(past["markers"]),
        resolved=whole_words(past["resolved"]),
        continuing=whole_words(past.get("continuing", [])),
        education=whole_words(data["education"]["cues"]),
        safe=whole_words([expand(p) for p in data["safe"]["phrases"]]),
    )


def load_lexicon(path: Path | None = None) -> Lexicon:
    """The lexicon in `path` (default analysis/data/safeguarding.toml), read once and cached."""
    return _load(Path(path).resolve() if path else _default_path())


@lru_cache(maxsize=1)
def _default_path() -> Path:
    return DEFAULT_LEXICON.resolve()  # once: resolving asks the file system every time


@lru_cache(maxsize=4096)  # a text is made of few distinct characters
def _clean_char(char: str) -> str:
    """One character of the original text as lower-case letters, digits, punctuation or space."""
    out = []
    for c in unicodedata.normalize("NFKC", _QUOTES.get(char, char)).lower():
        if c == "'":
            continue  # "don't" -> "dont", as most children type it anyway
        if c.isalnum() or c == "£" or c in _CLAUSE_PUNCTUATION:
            out.append(c)
        else:
            out.append(" ")  # emoji, symbols, hyphens, slashes, line breaks: a word gap
    return "".join(out)


def normalise_with_spans(text: str, words: dict[str, str]) -> tuple[str, list[tuple[int, int]]]:
    """Normalised text, and for each of its characters the span of the original word it is from.

    Lower-cased, curly quotes straightened then apostrophes dropped, emoji and symbols removed,
    three or more of one letter collapsed to one, text-speak words replaced from `words`,
    one space between words and before clause punctuation.
    """
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        cleaned = _clean_char(char)
        chars.extend(cleaned)
        origin.extend([index] * len(cleaned))
    cleaned_text = "".join(chars)
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    for token in _TOKEN.finditer(cleaned_text):
        span = (origin[token.start()], origin[token.end() - 1] + 1)
        word = _REPEATS.sub(r"\1", token[0])
        word = words.get(word) or _restore_g(word)
        if parts:
            parts.append(" ")
            spans.append(span)
        parts.append(word)
        spans.extend([span] * len(word))
    return "".join(parts), spans


def _restore_g(word: str) -> str:
    return word + "g" if word not in _REAL_IN and _DROPPED_G.fullmatch(word) else word


def normalise(text: str) -> str:
    """The text as the lexicon sees it, e.g. "I’m sooo SCARED 😢" -> "im so scared"."""
    return normalise_with_spans(text, load_lexicon().words)[0]


def _before(norm: str, start: int) -> str:
    """The few words before `start`, so long texts cost no more per match than short ones."""
    if start <= _LOOKBACK:
        return norm[:start]
    return norm[start - _LOOKBACK : start].split(" ", 1)[-1]  # drop the cut first word


def negated(lexicon: Lexicon, norm: str, start: int, end: int) -> bool:
    """A negator in the same clause at most `window` words before the match, or inside it.

    "I'm not going to hurt myself" and "my dad never hit me" are cancelled; "I can't go on" is
    never checked (its phrase is in negated_phrases), and "ngl I want to die" is not cancelled
    because "ngl" is a not_negator.
    """
    before = _before(norm, start)
    breaks = list(lexicon.clause_breaks.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    before = lexicon.not_negators.sub(" ", before)
    window = " ".join(before.split()[-lexicon.window :])
    inside = lexicon.not_negators.sub(" ", norm[start:end])
    return bool(lexicon.negators.search(window) or lexicon.inside_negators.search(inside))


def _past_and_left(lexicon: Lexicon, norm: str, start: int, end: int) -> bool:
    """Past behaviour the writer has left: "I used to carry a knife but I don't anymore",
    "he was self-harming two years ago but he's doing really well now".

    A past marker in the sentence of the match (up to 8 words before it, or after it), a sign
    anywhere in the text that it has stopped, and nothing in the sentence saying it goes on
    ("still", "again", "now his brother ..."). "My dad used to hit me" alone is still flagged.
    """
    before = _before(norm, start)
    before = before[max(before.rfind(c) for c in ".!?;") + 1 :]
    after = norm[end : end + _LOOKBACK]
    stops = [i for i in (after.find(c) for c in ".!?;") if i >= 0]
    after = after[: min(stops)] if stops else after
    sentence = " ".join(before.split()[-8:]) + " " + norm[start:end] + after
    return bool(
        lexicon.past_markers.search(sentence)
        and lexicon.resolved.search(norm)
        and not lexicon.continuing.search(sentence)
    )


Normalised = tuple[str, list[tuple[int, int]]]


def scan(text: str | None, normalised: Normalised | None = None) -> SafeguardingResult:
    """Look for possible disclosures of harm in one free-text answer (`normalised`: its
    normalise_with_spans with the default lexicon's words, when the caller has it)."""
    lexicon = load_lexicon()
    if not text or not text.strip():
        return SafeguardingResult(False, (), ())
    norm, spans = normalised or normalise_with_spans(text, lexicon.words)
    if not lexicon.any_entry.search(norm):  # most answers: no entry matches anywhere
        return SafeguardingResult(False, (), ())
    safe_spans = [m.span() for m in lexicon.safe.finditer(norm)]
    about_learning = bool(lexicon.education.search(norm))
    categories: set[str] = set()
    found: list[tuple[int, int]] = []
    for entry in lexicon.entries:
        if entry.requires is not None and not entry.requires.search(norm):
            continue
        if entry.topic and about_learning:
            continue
        for match in entry.pattern.finditer(norm):
            start, end = match.span()
            if start == end or any(s < end and start < e for s, e in safe_spans):
                continue
            if entry.negatable and negated(lexicon, norm, start, end):
                continue
            if _past_and_left(lexicon, norm, start, end):
                continue
            categories.add(entry.category)
            found.append((spans[start][0], spans[end - 1][1]))
    return SafeguardingResult(bool(categories), tuple(sorted(categories)), _phrases(text, found))


def _phrases(text: str, spans: list[tuple[int, int]]) -> tuple[str, ...]:
    """Overlapping spans merged, in order of appearance, as written in the original text."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple(dict.fromkeys(text[start:end] for start, end in merged))
