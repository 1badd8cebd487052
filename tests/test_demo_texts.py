"""The demo's free text reads as if the person who sent it wrote it, and children and parents
talk about the service's named interventions, so a demo report's themes, quotes and
intervention section are believable."""

from __future__ import annotations

import random
import re

from feedback_app.demo import records
from feedback_app.demo.texts import TEXTS
from feedback_app.demo.writer_texts import WRITER_TEXTS, WRITER_WEIGHTS
from feedback_app.models import Team
from surveys import load_surveys
from surveys.service_settings import settings_section

DEFINITIONS = load_surveys()


def made_up(slug: str, times: int, kind_of: list[str] | None = None) -> list[dict]:
    """What the demo would answer on `slug`'s form, `times` over."""
    rng = random.Random(11)
    team = Team(slug="telford", name="Telford")
    texts = records.texts_for(slug)
    made = []
    for _ in range(times):
        mood = rng.choice(records.MOODS)
        kind = rng.choice(kind_of) if kind_of else ""
        made.append(dict(records._answers(rng, DEFINITIONS[slug], mood, team, kind, texts)))
    return made


def _bank(texts: dict[str, list[str]]) -> set[str]:
    return {t for group in texts.values() for t in group}


def test_every_message_is_in_the_voice_of_whoever_sent_it():
    writers = set()
    for answers in made_up("tell-us", 400, ["comment", "compliment", "complaint"]):
        who, message = answers["who"], answers.get("message")
        writers.add(who)
        assert message in WRITER_TEXTS["tell-us"]["message"][who][answers["kind"]], who
        if who != "victim":
            assert not re.search(r"\bas a victim\b", message, re.I)
    assert writers == set(WRITER_WEIGHTS["tell-us"])  # every kind of sender is there

    roles = set()
    for answers in made_up("service-feedback", 300):
        roles.add(role := answers["role"])
        for question in ("works_well", "should_change"):
            if answers.get(question):
                assert answers[question] in _bank(WRITER_TEXTS["service-feedback"][question][role])
        if role == "magistrate" and answers.get("works_well"):
            assert "panel member" not in answers["works_well"].lower()
    assert roles == set(WRITER_WEIGHTS["service-feedback"])


def test_children_and_parents_talk_about_the_named_interventions():
    named = {
        "VR": "vr_headsets",
        "Learning Centre": "learning_centre",
        "wellbeing pack": "wellbeing_pack",
        "MORSE Youth": "morse_youth",
        "Turnaround": "turnaround",
        "boxing": "boxing",
        "Making it Right": None,  # the panels: a theme, not a listed intervention
    }
    listed = {item["value"] for item in settings_section("interventions")["list"]}
    assert {v for v in named.values() if v} <= listed
    said = " ".join(
        f"{a.get('best_thing', '')} {a.get('do_better', '')}"
        for a in made_up("working-with-us", 400)
    )
    for words in named:
        assert words in said, words
    parents = _bank(TEXTS["parent-carer"]["went_well"])
    assert any("Turnaround" in t for t in parents) and any("Learning Centre" in t for t in parents)
