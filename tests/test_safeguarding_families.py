"""Concept families on the kinds of answer the detector used to miss, in wording written for this
file (not taken from the validation set, round 1 or the training corpus): hopelessness without
the usual words, self-harm and eating as slang or plain fact, abuse at home told as a scene,
a teenager's controlling partner, exploitation told as a story, threats against a family or a
witness, an unsafe home, radicalisation. And the same words used safely: negated, in the past
and over, or about a session."""

from __future__ import annotations

import pytest

from analysis.safeguarding import scan
from analysis.safeguarding_detector import detect
from analysis.safeguarding_families import find_families

NEW_WORDING = [
    ("hopelessness", "ive been sat thinking about walking into the canal"),
    ("hopelessness", "honestly im sick of existing"),
    ("hopelessness", "my son says we'd have an easier life without him"),
    ("hopelessness", "i dont think ill make it to 16"),
    ("hopelessness", "she wrote letters to all of us just in case"),
    ("hopelessness", "life aint worth it no more"),
    ("self_injury", "been cuttin again on my legs"),
    ("self_injury", "she takes laxatives every day to stay thin"),
    ("self_injury", "i pull my hair out when im stressed"),
    ("violence_at_home", "her fella held her against the wall by her neck"),
    ("fear_at_home", "i hide in my room when dad comes home drunk"),
    ("partner_control", "my bf takes my bank card and says no one else would want me"),
    ("moved_or_kept", "some older lads take me to other towns on the train to sell"),
    ("owing_and_threat", "i owe them money now so i have to work for them"),
    ("signs_of_exploitation", "men in cars wait outside for her at night and she wont say who"),
    ("threat_to_family_or_witness", "since i gave a statement his mates walk past our house"),
    ("threat_to_family_or_witness", "they sent me pics of my front door"),
    ("carer_harms_child", "I grabbed my son by the arm so hard it left a bruise, I can't cope"),
    ("nowhere_safe", "got chucked out so im sleeping at the bus station"),
    ("nowhere_safe", "theres always people off their heads at home, i dont want to go back"),
    ("extremism", "the videos say we have to fight back against them"),
    ("extremism", "honestly the refugees deserve what they get, someone should burn them out"),
]


@pytest.mark.parametrize(("family", "text"), NEW_WORDING)
def test_a_family_fires_on_new_wording_and_puts_it_in_a_tier(family, text):
    assert family in {hit.family for hit in find_families(text)}
    assert detect(text).any_tier


@pytest.mark.parametrize(
    "text",
    [
        "sessions were ok but im sick of being alive",  # a session named, hopelessness still counts
        "the worker was nice. i keep thinking everyone would be fine without me",
        "my daughter keeps saying theres no point in her being here",
    ],
)
def test_hopelessness_beside_feedback_about_the_service_is_not_cancelled(text):
    assert "hopelessness" in {hit.family for hit in find_families(text)}


SAFE = [
    "no point coming if the bus is late, the session was boring",  # about a session
    "my girlfriend gets jealous when i play fifa all night",  # no control in it
    "we did a session about partners who check your phone",  # learning
    "i got a new phone for my birthday",  # a gift, not a sign
    "i used to get threats but they got locked up and im fine now",  # past and over
    "he was self harming two years ago but he is doing really well now",  # past and over
    "the county lines assembly your team ran was brilliant",  # a session on a topic
    "we ran a group on radicalisation for year 10",
    "she was groomed at 13 but she is 16 now and completely out of it",  # past and over
    "we visited the mosque on the trip and the imam talked to us",  # a place, no violence
    "i dont feel unsafe at home anymore",  # negated
    "i hit him hard at boxing, he was fine, it was sparring",  # a sport
]


@pytest.mark.parametrize("text", SAFE)
def test_safe_mentions_fire_no_rule_and_no_family(text):
    assert not scan(text).flagged
    assert not find_families(text)


@pytest.mark.parametrize(
    "text",
    [
        "he got locked up last year and now his brother keeps threatening me",
        "i used to cut my arms, i stopped for a bit but ive started again",
        "she was suicidal last year and she is still saying she wants to die",
    ],
)
def test_the_past_does_not_cancel_what_is_still_going_on(text):
    assert scan(text).flagged


def test_the_model_file_is_the_one_the_training_script_writes_from_the_current_inputs():
    """Changing the corpus, the rules, the families, the settings or MODEL_VERSION without
    running scripts/train_safeguarding_model.py fails here."""
    from analysis.safeguarding_detector import MODEL_VERSION, load_model
    from scripts.train_safeguarding_model import fingerprint, full_corpus

    model = load_model()
    assert model is not None and model.version == MODEL_VERSION
    assert model.about["inputs_sha256"] == fingerprint(full_corpus())
    assert model.about["trained_on"] == len(full_corpus())


def test_training_gives_the_same_model_twice():
    from scripts.train_safeguarding_model import full_corpus, train

    corpus = full_corpus()[::20]
    assert train(corpus) == train(corpus)
