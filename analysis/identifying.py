"""Find details that could identify a child in text about to be published (no Flask).

Used by the You Said, We Did editor, which warns before it saves. It is stricter than the
redaction of report quotes: places in the service's area count, and so does a capitalised
word after "in", "from", "at" or "near".
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from analysis.labels import PLACEHOLDER_KINDS
from analysis.redaction import redact

PLACES_FILE = Path(__file__).parent / "data" / "places.toml"

_PLACEHOLDER = re.compile(r"\[[a-z]+\]")


@dataclass(frozen=True)
class Finding:
    kind: str  # "a name", "a place", ...
    text: str  # the words that were found

    def __str__(self) -> str:
        return f"{self.kind}: “{self.text}”"


@cache
def _places() -> tuple[re.Pattern[str], frozenset[str], re.Pattern[str]]:
    data = tomllib.loads(PLACES_FILE.read_text(encoding="utf-8"))
    names = sorted(data["places"], key=len, reverse=True)
    listed = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b", re.IGNORECASE)
    allowed = re.compile(
        r"\b(?:" + "|".join(re.escape(w) for w in data["not_places"] if " " in w) + r")\b"
    )
    return listed, frozenset(w.lower() for w in data["not_places"]), allowed


_AFTER_PREPOSITION = re.compile(
    r"\b(?:in|from|at|near|round|around|outside)\s+"
    r"((?:[A-Z][a-z'’]+)(?:[- ](?:[A-Z][a-z'’]+|on|upon|under)[- ]?)*)"
)


def _replaced(text: str) -> list[tuple[int, str, str]]:
    """(start, placeholder, original words) for each detail that redaction replaced."""
    redacted = redact(text)
    pieces = _PLACEHOLDER.split(redacted)
    kinds = _PLACEHOLDER.findall(redacted)
    if not kinds:
        return []
    # The redacted text with each placeholder as a group matches the original text.
    pattern = "".join(
        re.escape(piece) + ("(.+?)" if i < len(kinds) else "") for i, piece in enumerate(pieces)
    )
    match = re.fullmatch(pattern, text, re.DOTALL)
    if match is None:  # cannot align: still say what kinds were found
        return [(0, kind, kind) for kind in kinds if kind in PLACEHOLDER_KINDS]
    return [
        (match.start(i + 1), kind, match.group(i + 1))
        for i, kind in enumerate(kinds)
        if kind in PLACEHOLDER_KINDS
    ]


def identifying_details(text: str) -> list[Finding]:
    """What in `text` could identify someone, in the order it appears; empty when nothing."""
    found = [
        (start, Finding(PLACEHOLDER_KINDS[kind], words)) for start, kind, words in _replaced(text)
    ]
    listed, not_places, allowed = _places()
    # Team names such as "Telford and Wrekin" are not places to warn about.
    masked = allowed.sub(lambda m: " " * len(m.group()), text)
    covered = [(i, i + len(f.text)) for i, f in found]

    def add_place(start: int, words: str) -> None:
        if any(a <= start < b for a, b in covered):
            return
        covered.append((start, start + len(words)))
        found.append((start, Finding("a place", words)))

    for match in listed.finditer(masked):
        add_place(match.start(), match.group())
    for match in _AFTER_PREPOSITION.finditer(masked):
        words = match.group(1).strip(" -")
        if words.lower() not in not_places and words.split()[0].lower() not in not_places:
            add_place(match.start(1), words)
    return [finding for _start, finding in sorted(found, key=lambda item: item[0])]
