"""Key phrases of one free-text answer (runs of content words between stop words), so a dashboard
can show what answers mention without NLTK data or a part-of-speech tagger."""

from __future__ import annotations

import re
import unicodedata

MAX_PHRASES = 5
MAX_WORDS = 3  # longer runs are cut into pieces of three: "youth offending team worker" is rare

# Words and chunk breaks: anything that is not a letter, digit or apostrophe ends a chunk, so
# punctuation and emoji split phrases ("bus pass, college" -> "bus pass" | "college").
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*|[^\sa-z0-9']+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "`": "'"})
_REPEATS = re.compile(r"([a-z])\1{2,}")
_CONTRACTION = re.compile(r"n't$|'(?:m|re|ve|ll|d)$")

# Function words, and the fillers and text-speak that carry no topic. Opinion words ("good",
# "boring") are kept on purpose: "bare good" says more than nothing.
STOP_WORDS = frozenset(
    """
    a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves us let lets out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    also still even ever every really actually quite bit abit lot lots loads much many thing
    things stuff something anything nothing everything someone anyone everyone nobody get gets
    got getting go goes going gone went come came coming make made makes want wanted think
    thought know knew feel felt say said tell told like yeah yes nah ok okay alright well
    tbh ngl innit fr lol lmao u ur n im ive id dont didnt doesnt cant couldnt wouldnt shouldnt
    wasnt werent isnt arent aint wont hasnt havent hadnt cos coz cus cuz bc gonna wanna tryna
    gotta kinda sorta pls please thanks thank x xx xxx etc one two also maybe though tho
    """.split()
)


def _words(text: str) -> list[str | None]:
    """Lower-case words of `text`, with None for every break between chunks."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    out: list[str | None] = []
    for match in _WORD.finditer(text):
        token = match[0]
        if not token[0].isalnum():
            out.append(None)
            continue
        word = _REPEATS.sub(r"\1\1", token).strip("'")
        if word in STOP_WORDS or _CONTRACTION.search(word) or word.replace("'", "") in STOP_WORDS:
            out.append(None)
        elif len(word) < 2 or word.isdigit():
            out.append(None)  # "x", "2": no topic on their own
        else:
            out.append(word)
    return out


def _candidates(words: list[str | None]) -> list[tuple[str, ...]]:
    runs: list[tuple[str, ...]] = []
    current: list[str] = []
    for word in [*words, None]:
        if word is not None:
            current.append(word)
            continue
        for start in range(0, len(current), MAX_WORDS):
            runs.append(tuple(current[start : start + MAX_WORDS]))
        current = []
    return runs


def key_phrases(text: str | None, limit: int = MAX_PHRASES) -> tuple[str, ...]:
    """Up to `limit` key phrases, lower case, best first.

    RAKE scoring (Rose et al. 2010): a word scores its degree (the words it co-occurs with in
    phrases, itself included) over its frequency, and a phrase the sum of its words. Longer
    content runs ("referral order panel") so beat single words; ties keep the order of the text.
    """
    if not text:
        return ()
    runs = _candidates(_words(text))
    degree: dict[str, int] = {}
    frequency: dict[str, int] = {}
    for run in runs:
        for word in run:
            degree[word] = degree.get(word, 0) + len(run)
            frequency[word] = frequency.get(word, 0) + 1
    scored: dict[str, float] = {}
    for run in runs:
        phrase = " ".join(run)
        if phrase not in scored:
            scored[phrase] = sum(degree[w] / frequency[w] for w in run)
    order = sorted(scored, key=lambda p: -scored[p])  # stable: ties stay in text order
    return tuple(order[:limit])
