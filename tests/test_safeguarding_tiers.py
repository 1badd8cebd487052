"""The detector's two tiers as a safeguarding lead meets them: concept families reach new
phrasings, every flag says why with the words highlighted, a re-scan finds missed answers late,
only an unreviewed possible disclosure holds back an erasure, and a flagged text is never
scored neutral or positive. Every example here was written for this file."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from analysis.clock import local_date, utc_now
from analysis.safeguarding_detector import (
    DISCLOSURE,
    WORTH_A_LOOK,
    Detection,
    Reason,
    detect,
    highlight,
)
from analysis.safeguarding_families import find_families, load_families
from analysis.text_signals import NEGATIVE_BELOW, plain_textblob_polarity, score
from feedback_app import db
from feedback_app.models import Answer, Response, SafeguardingFlag, TextSignal
from feedback_app.services import safeguarding_queue, subject_access
from feedback_app.services.calendar import service_calendar
from tests.answers import VALID_ANSWERS
from tests.conftest import page, text_of
from tests.staff_helpers import login, make_user, save_response

FAMILY_EXAMPLES = {
    "hopelessness": [
        "tbh my family would be better off if i wasnt around",
        "my lad says he wont be here by christmas",
        "i keep hoping i dont wake up",
    ],
    "self_injury": [
        "i used a razor on my thighs again",
        "i make myself sick after tea every night",
        "scratched my arms till they bled",
    ],
    "violence_at_home": [
        "when dad has had a drink he throws mum about the kitchen",
        "my girlfriend checks my phone and slaps me",
        "mums fella grabbed her by the throat",
    ],
    "owing_and_threat": [
        "i owe the lads 300 and they say i have to work it off",
        "got robbed so now im in debt and they said they would hurt me",
    ],
    "moved_or_kept": [
        "older lads drive me to other towns on school days",
        "they made me stay in a flat for a week to sell",
    ],
    "secret_contact": [
        "a man on snapchat says to keep our chats secret",
        "an older guy online keeps asking for pictures",
    ],
    "threat_to_family_or_witness": [
        "since i went to the police his mates keep driving past my house",
        "they said they know where my little brother goes to school",
    ],
    "weapon_for_protection": [
        "i carry a blade now to protect myself",
        "keep a bat by my bed in case they come",
    ],
    "nowhere_safe": [
        "i dont want to go home tonight, its bad there",
        "been sleeping on the stairs in the flats",
    ],
    "extremism": [
        "a group online says we need to fight back and start a war",
        "the shooter was a hero and i watch his videos",
    ],
    "fear_at_home": [
        "when my stepdad gets in from the pub we all go quiet in our rooms",
        "mum puts make up on to cover it after he's been drinking",
    ],
    "partner_control": [
        "my girlfriend goes through my phone and wont let me see my mates",
        "my boyfriend tracks my location and goes mad if im out",
    ],
    "carer_harms_child": [
        "i lost my temper and hit my daughter, i'm so ashamed, i need help",
        "i'm scared of what i might do to him when he kicks off, i'm not coping",
    ],
    "signs_of_exploitation": [
        "he has a second phone and goes out straight away when it rings at night",
        "my son was found in Bristol by police and he wont say how he got there",
    ],
}
# The same family's words used safely: negated, about learning, hyperbole, over and done.
FAMILY_NEAR_MISSES = {
    "hopelessness": "no point coming on tuesdays, the session is boring lol",
    "self_injury": "i hurt my knee at football again",
    "owing_and_threat": "i owe my worker an apology",
    "moved_or_kept": "my worker took me to the gym and dropped me home",
    "secret_contact": "we learned in a session what to do if a man online asks for pics",
    "threat_to_family_or_witness": "my worker kept me informed after i went to the police",
    "weapon_for_protection": "we did a knife crime workshop",
    "nowhere_safe": "i dont feel unsafe at home",
    "extremism": "we had a workshop on extremism and fake news",
}
ORDINARY = ["the boxing was sound", "more evening appointments please", "idk", "👍"]


def test_every_family_has_examples_here():
    assert {f.name for f in load_families()} == set(FAMILY_EXAMPLES)


@pytest.mark.parametrize(
    ("family", "text"), [(f, t) for f, texts in FAMILY_EXAMPLES.items() for t in texts]
)
def test_a_family_reaches_a_disclosure_in_new_words(family, text):
    assert family in {hit.family for hit in find_families(text)}
    detection = detect(text)
    assert detection.any_tier
    assert any(family_about in " ".join(detection.summary) for family_about in _abouts(family))


def _abouts(family: str) -> list[str]:
    return [f.about for f in load_families() if f.name == family]


@pytest.mark.parametrize(("family", "text"), FAMILY_NEAR_MISSES.items())
def test_a_family_is_cancelled_by_safe_context(family, text):
    assert family not in {hit.family for hit in find_families(text)}


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_feedback_is_in_no_tier(text):
    assert detect(text).tier is None


def test_a_clear_disclosure_is_a_possible_disclosure_with_reasons_inside_the_text():
    text = "my stepdad punches me when hes drunk"
    detection = detect(text)
    assert detection.tier == DISCLOSURE and detection.flagged
    assert any(line.startswith("Rule words") for line in detection.summary)
    assert detection.reasons
    assert all(0 <= r.start < r.end <= len(text) for r in detection.reasons)
    marked = "".join(piece for piece, why in highlight(text, detection.reasons) if why)
    assert "punches me" in marked


def test_highlight_keeps_every_character_and_merges_overlaps():
    text = "abc def ghi"
    pieces = highlight(text, [Reason(0, 3, "a"), Reason(2, 7, "b"), Reason(8, 11, "a")])
    assert "".join(piece for piece, _ in pieces) == text
    assert pieces == [("abc def", "a; b"), (" ", ""), ("ghi", "a")]


def _flag(app, text, tier, submitted_at=None, found_late=False):
    """A stored answer with a flag of the given tier (the detector's own output otherwise)."""
    with app.app_context():
        response_id = save_response(
            "working-with-us",
            {**VALID_ANSWERS["working-with-us"], "do_better": text},
            **({"submitted_at": submitted_at} if submitted_at else {}),
        )
        with db.transaction() as session:
            for old in session.scalars(
                select(SafeguardingFlag).where(SafeguardingFlag.response_id == response_id)
            ):
                session.delete(old)
            answer_id = session.scalar(
                select(Answer.id).where(
                    Answer.response_id == response_id, Answer.question_id == "do_better"
                )
            )
            at = text.index("lighter")
            detection = Detection(
                tier, 0.42, (), ("self_injury",), ("self_harm",), (),
                (Reason(at, at + len("lighter"), "concept family"),),
                ("Concept family: an injury the writer does to their own body",),
            )  # fmt: skip
            flag = safeguarding_queue.new_flag(answer_id, response_id, detection, found_late)
            session.add(flag)
            session.flush()
            return flag.id, response_id


def test_queue_shows_both_tiers_with_reasons_and_highlighted_words(app, client):
    disclosure, _ = _flag(app, "burnt myself with a lighter again", DISCLOSURE)
    worth, _ = _flag(app, "my mate had a lighter and it went wrong", WORTH_A_LOOK)
    with app.app_context():
        make_user("safeguarding_lead", email="safe@example.org")
    login(client, "safe@example.org")
    queue = page(client.get("/staff/safeguarding"))
    lists = {h.get("id"): h.find_next("ol") for h in queue.find_all("h2") if h.get("id")}
    assert f"Flag {disclosure}" in text_of(lists["disclosures"])
    assert f"Flag {worth}" in text_of(lists["worth-a-look"])
    assert f"Flag {worth}" not in text_of(lists["disclosures"])
    assert "within 2 working days" in text_of(queue)
    marks = [m.get_text() for m in lists["worth-a-look"].find_all("mark")]
    assert marks == ["lighter"]
    assert "an injury the writer does to their own body" in text_of(lists["worth-a-look"])
    assert not queue.find("script")
    flag_page = page(client.get(f"/staff/safeguarding/{worth}"))
    assert "Worth a look" in text_of(flag_page)
    assert [m.get_text() for m in flag_page.find_all("mark")] == ["lighter"]


def test_a_worth_a_look_is_due_in_two_working_days(app, session):
    flag_id, _ = _flag(app, "the lighter thing again", WORTH_A_LOOK)
    with app.app_context():
        items = {w.flag.id: w for w in safeguarding_queue.waiting(db.session())}
        calendar = service_calendar(db.session())
        raised = local_date(items[flag_id].flag.flagged_at)
        assert items[flag_id].due == calendar.add_working_days(raised, 2)
        assert not items[flag_id].late_and_old


def test_rescan_flags_missed_answers_found_late_by_age(app, runner, session):
    now = utc_now()
    recent, recent_response = _flag(
        app, "burnt myself with a lighter again", DISCLOSURE, now - timedelta(days=10)
    )
    old, old_response = _flag(
        app, "burnt my arm with a lighter on purpose", DISCLOSURE, now - timedelta(days=45)
    )
    with app.app_context(), db.transaction() as s:  # as if an older detector had missed both
        for flag in s.scalars(select(SafeguardingFlag)):
            s.delete(flag)
    result = runner.invoke(args=["backfill-signals", "--rescore"])
    assert result.exit_code == 0, result.output
    assert "2 older answers newly flagged for safeguarding" in result.output
    with app.app_context():
        queue = safeguarding_queue.queue(db.session())
        by_response = {w.flag.response_id: w for w in queue.disclosures + queue.found_late_old}
        assert all(w.flag.found_late for w in by_response.values())
        assert [w.flag.response_id for w in queue.disclosures] == [recent_response]
        assert [w.flag.response_id for w in queue.found_late_old] == [old_response]
        calendar = service_calendar(db.session())
        late, recent_item = by_response[old_response], by_response[recent_response]
        assert late.due == calendar.add_working_days(local_date(late.flag.flagged_at), 5)
        assert recent_item.due == calendar.next_working_day(local_date(recent_item.flag.flagged_at))
        assert late.answered_on == local_date(now - timedelta(days=45))
    again = runner.invoke(args=["backfill-signals", "--rescore"])
    assert "newly flagged" not in again.output  # a flag is made once
    assert recent != old


def test_found_late_is_shown_with_the_date_of_the_answer(app, client):
    given = utc_now() - timedelta(days=60)
    flag_id, _ = _flag(app, "burnt myself with a lighter", DISCLOSURE, given, found_late=True)
    with app.app_context():
        make_user("safeguarding_lead", email="safe@example.org")
    login(client, "safe@example.org")
    queue = page(client.get("/staff/safeguarding"))
    late = text_of(queue.find(id="found-late").find_next("ol"))
    assert f"Flag {flag_id}" in late
    assert f"Found late the answer was given {local_date(given).strftime('%d %b %Y')}" in late


def test_only_an_unreviewed_possible_disclosure_holds_back_erasure(app, session):
    _, worth_response = _flag(app, "a lighter again", WORTH_A_LOOK)
    flag_id, disclosure_response = _flag(app, "burnt myself with a lighter", DISCLOSURE)
    with app.app_context():
        admin = make_user("admin", email="admin@example.org")
        with db.transaction() as s:
            assert subject_access.erase(s, admin, [worth_response], "SAR-1") == 1
        refused = pytest.raises(subject_access.SubjectAccessError, match="Deal with that first")
        with refused, db.transaction() as s:
            subject_access.erase(s, admin, [disclosure_response], "SAR-2")
        with db.transaction() as s:
            s.get(SafeguardingFlag, flag_id).acknowledged_at = utc_now()
        with db.transaction() as s:
            assert subject_access.erase(s, admin, [disclosure_response], "SAR-3") == 1
    assert session.get(Response, worth_response) is None


@pytest.mark.parametrize(
    "text",
    [
        "honestly everyone would be much happier and better off without me",
        "lol i just wanna sleep forever and never wake up 😊",
        "the lads are lovely and buy me nice things but say keep it a secret from mum",
    ],
)
def test_a_flagged_text_is_never_stored_neutral_or_positive(app, session, text):
    assert detect(text).any_tier
    # TextBlob alone would not call it negative (the scorer may: the rule holds either way)
    assert plain_textblob_polarity(text) > NEGATIVE_BELOW
    with app.app_context():
        response_id = save_response(
            "working-with-us", {**VALID_ANSWERS["working-with-us"], "do_better": text}
        )
    stored = _stored_polarity(session, response_id)
    assert stored < NEGATIVE_BELOW
    assert session.scalar(
        select(SafeguardingFlag.id)
        .join(Answer, Answer.id == SafeguardingFlag.answer_id)
        .where(SafeguardingFlag.response_id == response_id, Answer.question_id == "do_better")
    )


def _stored_polarity(session, response_id: int) -> float:
    return session.scalar(
        select(TextSignal.polarity)
        .join(Answer, Answer.id == TextSignal.answer_id)
        .where(TextSignal.response_id == response_id, Answer.question_id == "do_better")
    )


def test_ordinary_text_keeps_its_own_sentiment(app, session):
    with app.app_context():
        response_id = save_response(
            "working-with-us",
            {**VALID_ANSWERS["working-with-us"], "do_better": "it was really great thanks"},
        )
    stored = _stored_polarity(session, response_id)
    assert stored == pytest.approx(score("it was really great thanks", "children").polarity)


def test_old_flags_without_reasons_still_show_their_words():
    flag = SafeguardingFlag(matches="hits me", reasons="", tier=DISCLOSURE)
    assert safeguarding_queue.reasons_of(flag) == ["Words found: hits me"]
    assert safeguarding_queue.highlighted(flag, "he hits me") == [
        ("he ", ""),
        ("hits me", "rule words"),
    ]


def test_a_broken_detector_never_loses_an_answer(app, session, monkeypatch):
    def broken(text):
        raise RuntimeError("model file damaged")

    monkeypatch.setattr("feedback_app.services.safeguarding_queue.detect", broken)
    monkeypatch.setattr("feedback_app.services.text_signals.detect", broken)
    with app.app_context():
        response_id = save_response(
            "working-with-us", {**VALID_ANSWERS["working-with-us"], "do_better": "it was ok"}
        )
    assert session.get(Response, response_id) is not None
    assert _stored_polarity(session, response_id) is not None


def test_the_backfill_job_reports_answers_found_late(app, session):
    from feedback_app import jobs
    from feedback_app.models import Job

    _, response_id = _flag(app, "burnt myself with a lighter again", DISCLOSURE)
    with app.app_context(), db.transaction() as s:  # as if an older detector had missed it
        for flag in s.scalars(select(SafeguardingFlag)):
            s.delete(flag)
    with app.test_request_context():
        job = jobs.start("backfill-signals", "Score and re-scan", {"rescore": True}, None)
    job = session.get(Job, job.id)
    assert job.state == "done", job.error
    assert "older answers newly flagged for safeguarding" in job.result["message"]
    found = session.scalars(
        select(SafeguardingFlag).where(SafeguardingFlag.response_id == response_id)
    ).all()
    assert found and all(flag.found_late for flag in found)
