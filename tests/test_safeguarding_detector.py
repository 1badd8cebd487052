"""Safeguarding scan of free text: disclosures are flagged for a lead, ordinary feedback is not.

Labelling policy of tests/data/safeguarding_labelled.csv (and of the cases below): flag what a
safeguarding lead would want to see the same day. Past behaviour the child has left is not
flagged unless there is current risk ("I used to carry a knife but I don't anymore"); harm done
to the child by others is flagged even when told in the past tense ("my dad used to hit me");
learning about a topic, hyperbole and slang that sounds violent but is not are not flagged.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.safeguarding import CATEGORIES, load_lexicon, normalise, normalise_with_spans, scan
from bench.safeguarding_accuracy import BLIND, VALIDATION, detector, evaluate, load_rows, naive

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("i want to kill myself", "self_harm"),
        ("I’ve been self-harming again 😔", "self_harm"),
        ("ngl i dont wanna be alive", "self_harm"),
        ("no one would even notice if i was gone", "self_harm"),
        ("im gonna shank him when i see him", "harm_to_others"),
        ("i keep a blade in my bag for the ops", "harm_to_others"),
        ("My son says he's going to stab his dad", "harm_to_others"),
        ("my stepdad punches me when hes drunk", "abuse"),
        ("mums boyfriend touches me and says its our secret", "abuse"),
        ("My partner gets violent with me in front of the kids", "abuse"),
        ("the olders make me hold their stuff", "exploitation"),
        ("i owe my plug 200 and he says i have to do runs", "exploitation"),
        ("a man online keeps asking for pics and says not to tell my mum", "exploitation"),
        ("im SOOO scared to go home tonight", "unsafe_at_home"),
        ("mum kicked me out, sleeping on the night bus", "unsafe_at_home"),
        ("we've had no food for 3 days", "unsafe_at_home"),
        ("im at risk of being kicked out by my dad", "unsafe_at_home"),
        ("some boys said theyre gonna stab me after school", "threats"),
        ("got jumped outside the chicken shop", "threats"),
        ("someone is threatening to share my nudes unless i pay", "threats"),
    ],
)
def test_clear_disclosures_are_flagged_with_their_category(text, category):
    result = scan(text)
    assert result.flagged
    assert category in result.categories
    assert result.matches


@pytest.mark.parametrize(
    "text",
    [
        # Negation and safety
        "I don't feel unsafe at home",
        "I never felt scared in the sessions",
        "nobody hurt me, I just didn't want to talk",
        "I'm not going to hurt myself, I was just stressed about court",
        "I feel safe at home now",
        "i aint been threatened by no one",
        # Learning about a topic
        "we talked about knife crime in the session",
        "the worker explained county lines to me",
        "we talked about the dangers of carrying knives",
        # Idiom and slang
        "just killing time till my appointment",
        "this survey is killing me lol",
        "the food was dead good",
        "I'd kill for a pizza after that session",
        "the session was sick",
        "my mum is going to kill me when she sees my report",
        "my brother beat me at fifa again",
        "hit me up if the session moves",
        # Phrases that contain a disclosure's words but not its meaning
        "I can't go on Tuesdays because of college",
        "I don't want to be here on a Saturday morning lol",
        "got kicked out of class for talking",
        "no food allowed in the room which is annoying",
        "the plug for my charger didnt work in the room",
        # The youth justice work itself, and past behaviour the child has left
        "my worker helped me stay away from the ops",
        "I used to carry a knife but I don't anymore",
        "i used to get jumped a lot but i moved schools and its fine now",
        "I met the lad I hurt and said sorry to him",
        "i owe them an apology and i wrote the letter",
        # Ordinary feedback
        "more evening appointments please",
        "👍👍 good",
    ],
)
def test_hard_negatives_are_not_flagged(text):
    result = scan(text)
    assert not result.flagged, result.matches
    assert result.categories == () and result.matches == ()


@pytest.mark.parametrize("text", [None, "", "   ", "\n", "😀😀", "..."])
def test_no_text_is_not_flagged(text):
    assert scan(text) == scan(None)
    assert not scan(text).flagged


@pytest.mark.parametrize(
    "text",
    [
        "I don't want to live anymore",
        "i cant go on like this",
        "no one would care if i died",
        "not gonna lie i want to die",
        "nobody cares i want to die",
        "theres no point i want to end it all",
        "i cant stop cutting myself",
        "everyone would be better off without me",
        "my step dad says im nothing and hell put me in care",
    ],
)
def test_negation_does_not_cancel_phrases_that_mean_it(text):
    assert scan(text).flagged


def test_harm_by_others_in_the_past_is_still_flagged():
    assert scan("my dad used to hit me").flagged
    assert scan("I used to self harm and now I've started again").flagged


def test_matches_are_reported_as_written():
    result = scan("I don’t want to live anymore")
    assert result.matches == ("don’t want to live",)
    assert scan("im gonna WET HIM UP when i see him").matches == ("im gonna WET HIM UP",)


def test_categories_are_sorted_and_unique():
    result = scan("I owe £300 and they said they'll hurt my mum, i want to kill myself, kms")
    assert result.categories == ("exploitation", "self_harm", "threats")
    assert len(result.matches) == len(set(result.matches))


def test_normalise():
    assert normalise("I’m sooo SCARED 😢 tbh!!") == "im so scared tbh ! !"
    assert normalise("self-harm / dont wanna") == "self harm dont want to"


def test_lexicon_is_cached_and_covers_every_category():
    lexicon = load_lexicon()
    assert load_lexicon() is lexicon
    assert {entry.category for entry in lexicon.entries} == set(CATEGORIES)


def test_negatable_phrases_contain_no_negator():
    """Otherwise the phrase cancels itself ("better off without me")."""
    lexicon = load_lexicon()
    offending = [
        entry.pattern.pattern
        for entry in lexicon.entries
        if entry.negatable and lexicon.inside_negators.search(entry.pattern.pattern)
    ]
    assert offending == []


def test_long_text_is_scanned_quickly():
    import time

    text = " ".join(row.text for row in load_rows()) * 2
    started = time.perf_counter()
    assert scan(text).flagged
    assert time.perf_counter() - started < 5


def test_labelled_set_is_balanced_and_well_formed():
    rows = load_rows()
    positives = [r for r in rows if r.flag]
    assert len(rows) >= 240
    assert len({r.text for r in rows}) == len(rows)
    assert 0.35 <= len(positives) / len(rows) <= 0.45
    for category in set(CATEGORIES) - {"radicalisation"}:  # newer: in the training corpus
        assert sum(r.category == category for r in positives) >= 12, category
    assert all(r.category == "" for r in rows if not r.flag)
    assert {r.audience for r in rows} == {"child", "parent", "victim", "professional"}
    held_out = sum(r.split == "held_out" for r in rows)
    assert {r.split for r in rows} == {"dev", "held_out"}
    assert 0.28 <= held_out / len(rows) <= 0.38


@pytest.mark.parametrize(
    ("split", "min_recall", "max_false_flags"),
    [(None, 0.90, 0.10), ("held_out", 0.85, 0.15)],
)
def test_accuracy_on_labelled_set(split, min_recall, max_false_flags):
    rows = [r for r in load_rows() if split is None or r.split == split]
    scores = evaluate(rows, detector)
    assert scores.recall >= min_recall, [r.text for r in scores.misses]
    assert scores.false_flag_rate <= max_false_flags, [r.text for r in scores.false_flagged]


@pytest.mark.parametrize("split", [None, "held_out"])
def test_detector_beats_naive_word_list(split):
    rows = [r for r in load_rows() if split is None or r.split == split]
    ours, baseline = evaluate(rows, detector), evaluate(rows, naive)
    assert ours.false_flag_rate < baseline.false_flag_rate
    assert ours.recall >= baseline.recall


def test_imports_without_flask():
    code = "import sys, analysis.safeguarding; assert 'flask' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)


def test_the_first_sieve_lets_through_every_text_an_entry_matches():
    """scan() stops early when the lexicon's one combined pattern finds nothing; that must never
    hide a match of a single entry, on any text of the labelled, blind and validation sets."""
    lexicon = load_lexicon()
    texts = [row.text for row in load_rows()]
    for path in (BLIND, VALIDATION):
        with path.open(encoding="utf-8", newline="") as handle:
            texts += [row["text"] for row in csv.DictReader(handle)]
    checked = 0
    for text in texts:
        norm, _ = normalise_with_spans(text, lexicon.words)
        if any(entry.pattern.search(norm) for entry in lexicon.entries):
            checked += 1
            assert lexicon.any_entry.search(norm), text
        else:
            assert not scan(text).flagged
    assert checked > 100  # the check saw many texts that some entry matches
