"""The kinds of wording the detector missed on the released round 2 set, in new sentences written
for this file (not in any data set or the training corpus): hopelessness told as not waking up
or not being around, phone spelling with dropped g's, not eating "on purpose", a partner's
rules, a report of violence at home in a professional's words, being waited for, a home with
nobody in it. Beside them the same words used safely, and short answers made of small words,
which the classifier used to be sure of because each word weighed as much as a whole sentence."""

from __future__ import annotations

import pytest

from analysis.safeguarding import normalise, scan
from analysis.safeguarding_detector import detect
from analysis.safeguarding_families import find_families
from analysis.safeguarding_features import size_feature

NEW_WORDING = [
    ("hopelessness", "honestly im not expecting to be around by the summer"),
    ("hopelessness", "been finkin about not wakin up again"),
    ("hopelessness", "cant see myself making it past 18 tbh"),
    ("hopelessness", "my son told me he has worked out how he would go"),
    ("hopelessness", "sometimes i wish i could switch it all off forever"),
    ("self_injury", "i dont eat for a whole day on purpose when im stressed"),
    ("partner_control", "my husband will not let me see my friends and reads my texts"),
    ("violence_at_home", "Police were called to the house after her partner assaulted her"),
    ("threat_to_family_or_witness", "his crew hang about by my college waiting for me"),
    ("threat_to_family_or_witness", "his cousin messaged saying im next"),
    ("nowhere_safe", "nobodys been home all weekend and the fridge is empty"),
]


@pytest.mark.parametrize(("family", "text"), NEW_WORDING)
def test_the_family_fires_on_wording_it_used_to_miss(family, text):
    assert family in {hit.family for hit in find_families(text)}


@pytest.mark.parametrize(
    "text",
    [
        "i wont be around next week, im on holiday with my nan",
        "i want to end things with my girlfriend tbh",
        "nobody was home when the worker called so she left a card",
        "my worker was waiting for me at the station so i didnt get lost",
        "the panic attacks stopped once my worker taught me breathing",
        "the fridge at the youth club is always empty lol",
        "next time can we do the session at the library",
        "i dont cut myself, i never have",
        "i used to cut but ive been clean for six months now",  # recovery words say it is over
        "no ones threatened me since we moved house",  # "no one's", apostrophe dropped
    ],
)
def test_the_same_words_used_safely_fire_no_family_and_no_rule(text):
    assert not find_families(text)
    assert not scan(text).flagged


def test_a_dropped_g_and_phone_spelling_are_read_as_the_words_they_stand_for():
    assert normalise("still thinkin bout nothin wiv nowt") == (
        "still thinking about nothing with nothing"
    )
    # Words that really end in -in stay as they are.
    assert normalise("my cousin got the train within the hour") == (
        "my cousin got the train within the hour"
    )


@pytest.mark.parametrize(
    "text",
    [
        "worker was sound. tbh most mornings i wish i hadnt woke up",
        "My daughter keeps telling her friends she won't be here after the summer.",
        "im eating nothing all day on purpose so i stay in control",
        "My partner keeps my bank card and I have to ask him for bus money.",
        "they said if i turn up at court my little sister gets it",
    ],
)
def test_disclosures_in_these_wordings_are_possible_disclosures(text):
    assert detect(text).flagged


@pytest.mark.parametrize(
    "text", ["i think so", "on and off", "and so on", "if so", "yes if possible", "for me"]
)
def test_short_answers_of_small_words_are_in_no_tier(text):
    assert detect(text).tier is None


def test_the_classifier_is_told_how_long_the_answer_is():
    assert size_feature("dont know") == "size:1-3"
    assert size_feature("it was fine i guess, the bus was late") == "size:9-20"


@pytest.mark.parametrize(
    "text",
    [
        "the climbing wall was wicked and my worker is safe. also my mums boyfriend chokes her",
        "Reparation hours are nearly done, thank you. He told me his older cousin makes him "
        "take bags to Hereford on the train and keeps his phone.",
        "Lovely staff at the front desk. My granddaughter has said she won't need her "
        "birthday presents this year because she won't be here.",
    ],
)
def test_a_disclosure_after_praise_is_still_a_possible_disclosure(text):
    assert detect(text).flagged


@pytest.mark.parametrize(
    "text",
    [
        "the climbing wall was wicked and my worker is safe. we did a talk on knife crime after",
        "Reparation hours are nearly done, thank you. He used to carry for older lads but that "
        "ended two years ago and he's at college.",
    ],
)
def test_praise_beside_a_safe_mention_is_not_a_possible_disclosure(text):
    assert not detect(text).flagged
