"""Match export headings and answers to questions and options by meaning, not by spelling.

An export's headings are often worded by someone else ("Was your view asked for?" for "Did you
get a say in what we did together?"). Both are reduced to concepts: words stemmed, stop words
dropped, synonyms and phrases from synonyms.toml read as one concept. A heading then matches the
question (its label, its `phrasings` in the survey file, or its id) with which it shares the
most distinctive concepts. No word vectors: the synonyms are data a person can read and extend.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from surveys import Question

SYNONYMS = Path(__file__).resolve().parent / "synonyms.toml"
_SUFFIXES: tuple[str, ...] = ("ations", "ation", "ments", "ment", "ings", "ing", "edly", "ied")
_SUFFIXES += ("ies", "ed", "es", "ly", "ful", "ness", "s")


def norm(text: str) -> str:
    """Lower case, apostrophes dropped, other punctuation and underscores made single spaces."""
    text = re.sub(r"['\u2019]", "", text.casefold())
    return re.sub(r"[\W_]+", " ", text).strip()


def stem(word: str, irregular: dict[str, str] | None = None) -> str:
    """A rough stem: "listened", "listening" and "listens" all become "listen"."""
    irregular = _data()[1] if irregular is None else irregular
    if word in irregular:
        return irregular[word]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]  # "planning" -> "plann" -> "plan"
    return word


@lru_cache(maxsize=1)
def _data() -> tuple[frozenset[str], dict[str, str], dict[tuple[str, ...], set[str]], dict]:
    with SYNONYMS.open("rb") as handle:
        data = tomllib.load(handle)
    irregular = dict(data["stems"])
    stop = frozenset(data["stopwords"]["words"])
    phrases: dict[tuple[str, ...], set[str]] = {}
    for concept, words in data["concepts"].items():
        for phrase in words:
            key = tuple(stem(w, irregular) for w in norm(phrase).split())
            phrases.setdefault(key, set()).add(concept)
    answers = {norm(label): {norm(w) for w in words} for label, words in data["answers"].items()}
    return stop, irregular, phrases, answers


# A question's number in a heading ("Q3.", "3)", "Q12b", "Question 4") is not its meaning.
_NUMBERING = re.compile(r"^(?:q|qu|question)?\d+[a-z]?$")
MIN_TYPO_LENGTH = 4  # shorter words are too alike to correct ("say", "saw")
TYPO_SIMILARITY = 80  # rapidfuzz ratio from which an unknown word is read as a known one


def corrected(text: str, known: Iterable[str]) -> str:
    """`text` with each word that no wording or synonym uses replaced by the one known word it
    is clearly a misspelling of ("lisen" -> "listen", "recieve" -> "receive"); numbering
    dropped. A word close to two known words equally is left as it is."""
    from rapidfuzz import fuzz, process

    known = known if isinstance(known, (set, frozenset)) else set(known)
    words = []
    for word in norm(text).split():
        if _NUMBERING.match(word):
            continue
        if word not in known and len(word) >= MIN_TYPO_LENGTH and not word.isdigit():
            best = process.extract(word, known, scorer=fuzz.ratio, limit=2)
            if (
                best
                and best[0][1] >= TYPO_SIMILARITY
                and (len(best) < 2 or best[1][1] < best[0][1])
            ):
                word = best[0][0]
        words.append(word)
    return " ".join(words)


@lru_cache(maxsize=1)
def synonym_words() -> frozenset[str]:
    """Every word the synonym lists use: a heading's word may be a misspelling of one."""
    with SYNONYMS.open("rb") as handle:
        data = tomllib.load(handle)
    words = {w for phrases in data["concepts"].values() for p in phrases for w in norm(p).split()}
    return frozenset(words)


def concepts(text: str) -> frozenset[str]:
    """The concepts of a heading: its stemmed content words and the synonym groups they hit."""
    stop, irregular, phrases, _ = _data()
    words = [w for w in norm(text).split() if not _NUMBERING.match(w)]
    stems = [stem(w, irregular) for w in words]
    found = {f"w:{s}" for w, s in zip(words, stems, strict=True) if w not in stop}
    longest = max((len(k) for k in phrases), default=1)
    for size in range(1, longest + 1):
        for start in range(len(stems) - size + 1):
            key = tuple(stems[start : start + size])
            if size == 1 and words[start] in stop:
                continue
            found |= phrases.get(key, set())
    return frozenset(found)


def question_texts(question: Question) -> list[str]:
    return [question.label, *question.phrasings, question.id.replace("_", " ")]


def meaning_scores(headings: Sequence[str], questions: Sequence[Question]) -> dict:
    """(heading, question id) -> 0-100: how far the two share their distinctive concepts.

    A concept found in many of the survey's questions ("feel", "worker") counts for less than
    one found in just one ("respect"), as in tf-idf. The score is the best over the question's
    wordings of the weighted overlap, as an F1 of heading and wording coverage.
    """
    wordings = {q.id: [concepts(t) for t in question_texts(q)] for q in questions}
    known = set(synonym_words())
    for question in questions:
        for wording in question_texts(question):
            known.update(norm(wording).split())
    spread: dict[str, int] = {}
    for sets in wordings.values():
        for concept in frozenset().union(*sets):
            spread[concept] = spread.get(concept, 0) + 1
    n = max(len(questions), 1)

    def weight(concept: str) -> float:
        return math.log((n + 1) / (spread.get(concept, 0) + 0.5))

    scores = {}
    for heading in headings:
        mine = concepts(corrected(heading, known))
        total = sum(weight(c) for c in mine)
        for qid, sets in wordings.items():
            best = 0.0
            for theirs in sets:
                shared = sum(weight(c) for c in mine & theirs)
                if shared <= 0 or total <= 0:
                    continue
                recall, precision = shared / total, shared / sum(weight(c) for c in theirs)
                best = max(best, 2 * recall * precision / (recall + precision))
            scores[heading, qid] = round(100 * best, 1)
    return scores


_NEGATION = re.compile(r"\b(?:no|not|never|none|nope|nah|dont|didnt|cant|un\w+|dis\w+)\b")


def answer_synonym(label: str, choices: Iterable[tuple[str, str]]) -> str | None:
    """The one option whose label the answer is another way of saying ("Kind of" = "Sort of").

    First the answer as a whole; then the longest listed phrase inside it ("Yes, every time"
    holds "every time"), counted only when the answer and the phrase agree on a "not".
    """
    answers = _data()[3]
    wanted = norm(label)
    choices = list(choices)
    hits = {value for value, text in choices if wanted in answers.get(norm(text), ())}
    if hits:
        return hits.pop() if len(hits) == 1 else None
    padded, negative = f" {wanted} ", bool(_NEGATION.search(wanted))
    best: dict[str, int] = {}
    for value, text in choices:
        for phrase in answers.get(norm(text), ()):
            if f" {phrase} " in padded and bool(_NEGATION.search(phrase)) == negative:
                best[value] = max(best.get(value, 0), len(phrase.split()))
    if not best:
        return None
    top = max(best.values())
    values = [value for value, size in best.items() if size == top]
    return values[0] if len(values) == 1 else None
