"""Concept families: combinations of ideas in one sentence (hopelessness with someone it is
about; a person, a violent act and home; a debt and a threat) that reach disclosures phrased in
words nobody listed, where a fixed phrase would need every wording written out in advance."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis.safeguarding import (
    Normalised,
    load_lexicon,
    negated,
    normalise_with_spans,
    whole_words,
)

DEFAULT_FAMILIES = Path(__file__).parent / "data" / "safeguarding_families.toml"
_MACRO = re.compile(r"\{([a-z_]+)\}")
_SENTENCE_END = re.compile(r"[.!?;]")
_SHORT = 2  # an answer of this many sentences or fewer is read as one


@dataclass(frozen=True)
class Family:
    name: str
    harm: str
    about: str
    slots: tuple[re.Pattern[str], ...]
    unless: re.Pattern[str] | None
    negatable: bool  # False when the negation is the meaning ("dont want to wake up")


@dataclass(frozen=True)
class FamilyHit:
    family: str
    harm: str
    about: str
    spans: tuple[tuple[int, int], ...]  # in the original text, one per slot


@lru_cache(maxsize=4)
def _load(path: Path) -> tuple[Family, ...]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    macros: dict[str, str] = data.get("macros", {})

    def expand(pattern: str) -> str:
        for _ in range(3):
            pattern = _MACRO.sub(lambda m: macros[m[1]], pattern)
        return pattern

    families = []
    for name, spec in data["families"].items():
        slots = tuple(whole_words([expand(p) for p in slot]) for slot in spec["slots"])
        unless = whole_words([expand(p) for p in spec["unless"]]) if spec.get("unless") else None
        negatable = spec.get("negatable", True)
        families.append(Family(name, spec["harm"], spec["about"], slots, unless, negatable))
    return tuple(families)


def load_families(path: Path | None = None) -> tuple[Family, ...]:
    return _load(Path(path or DEFAULT_FAMILIES).resolve())


def _windows(norm: str) -> list[tuple[int, int]]:
    """Sentences of the normalised text as (start, end); a short answer is one window."""
    bounds, start = [], 0
    for match in _SENTENCE_END.finditer(norm):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(norm)))
    bounds = [(s, e) for s, e in bounds if norm[s:e].strip()]
    return [(0, len(norm))] if len(bounds) <= _SHORT else bounds


def find_families(text: str | None, normalised: Normalised | None = None) -> tuple[FamilyHit, ...]:
    """Every family whose slots all match within one window of `text`, once per family
    (`normalised`: as for safeguarding.scan)."""
    if not text or not text.strip():
        return ()
    lexicon = load_lexicon()
    norm, spans = normalised or normalise_with_spans(text, lexicon.words)
    if not norm or lexicon.education.search(norm):
        return ()
    hits = []
    for family in load_families():
        for start, end in _windows(norm):
            window = norm[start:end]
            if family.unless is not None and family.unless.search(window):
                continue
            found = [slot.search(window) for slot in family.slots]
            if not all(found):
                continue
            if _past_and_over(lexicon, norm, window):
                continue
            if family.negatable and _negated(lexicon, norm, start, found):
                continue
            original = tuple(
                (spans[start + m.start()][0], spans[start + m.end() - 1][1])
                for m in found
                if m and m.end() > m.start()
            )
            hits.append(FamilyHit(family.name, family.harm, family.about, original))
            break
    return tuple(hits)


def _negated(lexicon, norm: str, start: int, found: list) -> bool:
    """A negator before any slot's match, not counting the words the slots matched themselves:
    in "i dont eat for days" the "dont" belongs to the first slot and negates nothing."""
    masked = list(norm)
    for m in found:
        for i in range(start + m.start(), start + m.end()):
            if masked[i] != " ":
                masked[i] = "x"
    text = "".join(masked)
    return any(negated(lexicon, text, start + m.start(), start + m.start()) for m in found)


def _past_and_over(lexicon, norm: str, window: str) -> bool:
    """ "I used to ... but I'm fine now": a past marker in the sentence and a sign it stopped."""
    return bool(
        lexicon.past_markers.search(window)
        and lexicon.resolved.search(norm)
        and not lexicon.continuing.search(window)
    )
