"""The classes of answer the first blind set showed the scorer still missed, each with examples
written for this file (not in the training corpus, the validation set or either blind set):
criticism of practice stated as fact, sarcasm, mixed answers, children's slang, negation,
non-answers, and the safeguarding rule that a possible disclosure is never read as neutral or
positive while the lower "worth a look" tier keeps the answer's own direction."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analysis import safeguarding_detector
from analysis.text_signals import score, sentiment_label
from feedback_app.services import text_signals as stored_signals

DATA = Path(__file__).resolve().parent / "data"
TRAINING = Path(__file__).resolve().parent.parent / "analysis" / "data" / "sentiment_training.csv"

PRACTICE_CRITICISM = [
    ("left two voicemails for my worker and heard nothing for a fortnight", "children"),
    ("It took five months for the first visit to happen.", "parents"),
    ("I had to keep chasing to find out if the meeting was still on.", "victims"),
    ("they moved my session to the morning of my college interview", "children"),
    ("The reparation was set up without anyone checking with me first.", "victims"),
    ("I've not had a one to one with my manager since the spring.", "professionals"),
]
SARCASM = [
    ("oh amazing, another worker who wont last a month", "children"),
    ("Brilliant service, if you enjoy ringing the same number for a week.", "anyone"),
    ("Lovely, yet another form asking what the last four forms asked.", "professionals"),
]
MIXED = [
    ("the worker was alright but the groups were dead boring", "children"),
    ("Kind staff, shame about the waiting times.", "parents"),
]
SLANG_NEGATIVE = [
    ("sessions were bare dry", "children"),
    ("honestly such a waste of my time innit", "children"),
    ("that group was peak fam", "children"),
    ("the worksheets were proper moist", "children"),
]
SLANG_POSITIVE = [
    ("my worker is a proper diamond", "children"),
    ("the climbing wall was fire", "children"),
    ("no cap she sorted my college place", "children"),
    ("hes safe, always got my back", "children"),
]
NEGATION = [
    ("they never once made me feel stupid", "children", "positive"),
    ("cant say anything bad about them", "children", "positive"),
    ("It didn't help him one bit.", "parents", "negative"),
    ("not very good at getting back to you", "children", "negative"),
]
NON_ANSWERS = [
    ("dunno tbh", "children"),
    ("nowt to say really", "children"),
    ("Not applicable.", "parents"),
    ("erm no thoughts on that", "children"),
]


def label(text: str, audience: str | None = None) -> str:
    return sentiment_label(score(text, audience).polarity)


def _texts(path: Path) -> set[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["text"].strip().lower() for row in csv.DictReader(handle)}


def test_the_examples_here_were_never_trained_or_tuned_on():
    seen = _texts(TRAINING) | _texts(DATA / "validation" / "validation_set.csv")
    seen |= _texts(DATA / "round1" / "blind_set.csv")
    examples = PRACTICE_CRITICISM + SARCASM + MIXED + SLANG_NEGATIVE + SLANG_POSITIVE
    examples += [(t, a) for t, a, _ in NEGATION] + NON_ANSWERS
    assert not {text.lower() for text, _ in examples} & seen


@pytest.mark.parametrize(("text", "audience"), PRACTICE_CRITICISM + SARCASM + SLANG_NEGATIVE)
def test_criticism_sarcasm_and_negative_slang_read_as_negative(text, audience):
    assert label(text, audience) == "negative"


@pytest.mark.parametrize(("text", "audience"), SLANG_POSITIVE)
def test_youth_slang_praise_reads_as_positive(text, audience):
    assert label(text, audience) == "positive"


@pytest.mark.parametrize(("text", "audience", "expected"), NEGATION)
def test_negation_turns_the_word_it_reaches(text, audience, expected):
    assert label(text, audience) == expected


@pytest.mark.parametrize(("text", "audience"), NON_ANSWERS)
def test_non_answers_are_neutral(text, audience):
    assert label(text, audience) == "neutral"


@pytest.mark.parametrize(("text", "audience"), MIXED)
def test_mixed_answers_are_not_read_as_praise(text, audience):
    assert label(text, audience) != "positive"


def _detection(tier: str | None) -> safeguarding_detector.Detection:
    return safeguarding_detector.Detection(tier, 0.5, (), (), (), (), (), ())


def test_a_possible_disclosure_is_stored_negative_whatever_its_words(monkeypatch):
    text = "my worker is a proper diamond"
    monkeypatch.setattr(stored_signals, "detect", lambda _t: _detection("disclosure"))
    assert stored_signals.never_positive(score(text).polarity, text) < -0.1


def test_worth_a_look_keeps_the_answers_own_direction(monkeypatch):
    text = "my worker is a proper diamond"
    monkeypatch.setattr(stored_signals, "detect", lambda _t: _detection("worth_a_look"))
    polarity = score(text).polarity
    assert polarity > 0.1
    assert stored_signals.never_positive(polarity, text) == polarity
