"""Why this score, beside every scored answer; a lead's correction, audited and kept."""

from __future__ import annotations

import csv
from datetime import datetime, timedelta

from sqlalchemy import select, update

from analysis.clock import today
from feedback_app import db
from feedback_app.models import Answer, AuditEvent, LabelCorrection, TextSignal, TextTheme
from tests.answers import VALID_ANSWERS
from tests.conftest import form_tokens, page, text_of
from tests.staff_helpers import login, make_user, save_response

TEXT = "new worker again, had to tell my story all over"


def children_say(text: str) -> int:
    when = datetime.combine(today(), datetime.min.time()).replace(hour=12) - timedelta(days=2)
    answers = {**VALID_ANSWERS["working-with-us"], "team": "shropshire", "best_thing": text}
    return save_response("working-with-us", answers, submitted_at=when)


def answer_of(session, response_id: int) -> int:
    session.rollback()
    return session.scalar(
        select(Answer.id).where(
            Answer.response_id == response_id, Answer.question_id == "best_thing"
        )
    )


def test_the_workspace_shows_why_an_answer_scored_as_it_did(app, client, session, signed_in):
    with app.app_context():
        children_say(TEXT)
    signed_in("champion")
    shown = page(client.get("/staff/you-said-we-did/themes/worker_changes?period=30d"))
    why = text_of(shown.select_one("details.why"))
    assert "Why this score" in why and "Read as Negative" in why
    assert "passed between workers or telling the story again" in why  # the rule, in words
    assert "Changes of worker (from" in why  # what found the theme
    assert "Correct this label" not in why  # champions read it; leads correct it


def test_the_inbox_shows_why_for_each_message(app, client, session, signed_in):
    with app.app_context():
        save_response("tell-us", {**VALID_ANSWERS["tell-us"], "kind": "comment", "message": TEXT})
    signed_in("leadership")
    inbox = page(client.get("/staff/inbox"))
    why = text_of(inbox.select_one("details.why"))
    assert "Read as Negative" in why and "Correct this label" in why


def test_a_lead_corrects_a_label_and_it_is_audited_kept_and_exported(
    app, client, runner, session, tmp_path, signed_in
):
    with app.app_context():
        response_id = children_say("the panel was proper long, they kept going on at me")
    answer_id = answer_of(session, response_id)
    lead = signed_in("leadership")
    back = "/staff/you-said-we-did/themes/mir_panels?period=30d"
    form = client.get(f"/staff/answers/{answer_id}/label?next={back}")
    assert form.status_code == 200
    assert "the panel was proper long" in text_of(page(form))
    posted = client.post(
        f"/staff/answers/{answer_id}/label",
        data={
            "csrf_token": form_tokens(form)["csrf_token"],
            "sentiment": "neutral",
            "theme": ["mir_panels", "respect_and_judgement"],
            "note": "a fact about the panel",
            "next": back,
        },
    )
    assert posted.status_code == 302 and posted.headers["Location"].endswith(back)
    session.rollback()
    correction = session.scalar(select(LabelCorrection))
    assert (correction.sentiment, correction.themes) == (
        "neutral",
        "mir_panels;respect_and_judgement",
    )
    assert correction.scored_sentiment == "negative" and correction.corrected_by_id == lead.id
    signal = session.get(TextSignal, answer_id)
    assert signal.polarity == 0.0
    themes = set(session.scalars(select(TextTheme.theme).where(TextTheme.answer_id == answer_id)))
    assert themes == {"mir_panels", "respect_and_judgement"}
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "correct_label"))
    assert event.user_id == lead.id and event.after["sentiment"] == "neutral"
    assert "proper long" not in str(event.after)  # the answer is not copied into the log

    rescored = runner.invoke(args=["backfill-signals", "--rescore"])
    assert rescored.exit_code == 0, rescored.output
    session.rollback()
    assert session.get(TextSignal, answer_id).polarity == 0.0  # the correction outlasts it
    themes = set(session.scalars(select(TextTheme.theme).where(TextTheme.answer_id == answer_id)))
    assert themes == {"mir_panels", "respect_and_judgement"}

    out = tmp_path / "corrections.csv"
    exported = runner.invoke(args=["export-label-corrections", "--out", str(out)])
    assert exported.exit_code == 0, exported.output
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["text"], r["audience"], r["sentiment"]) for r in rows] == [
        ("the panel was proper long, they kept going on at me", "children", "neutral")
    ]


def test_a_bad_correction_changes_nothing_and_says_why(app, client, session, signed_in):
    with app.app_context():
        response_id = children_say(TEXT)
    answer_id = answer_of(session, response_id)
    signed_in("leadership")
    form = client.get(f"/staff/answers/{answer_id}/label")
    posted = client.post(
        f"/staff/answers/{answer_id}/label",
        data={"csrf_token": form_tokens(form)["csrf_token"], "sentiment": "furious"},
        follow_redirects=True,
    )
    assert "The label was not changed: choose positive, neutral or negative." in text_of(
        page(posted)
    )
    session.rollback()
    assert session.scalar(select(LabelCorrection)) is None


def test_only_leads_correct_and_flagged_answers_are_not_shown(app, client, session, signed_in):
    with app.app_context():
        plain = children_say(TEXT)
        flagged = children_say("my dad hits me when he drinks")
    plain_answer, flagged_answer = answer_of(session, plain), answer_of(session, flagged)
    signed_in("champion")
    form = client.get("/staff/you-said-we-did")
    refused = client.post(
        f"/staff/answers/{plain_answer}/label",
        data={"csrf_token": form_tokens(form)["csrf_token"], "sentiment": "neutral"},
    )
    assert refused.status_code == 403
    lead = app.test_client()  # a second person, in their own browser
    with app.app_context():
        leader = make_user("leadership")
    assert login(lead, leader.email).status_code == 302
    assert lead.get(f"/staff/answers/{plain_answer}/label").status_code == 200
    assert lead.get(f"/staff/answers/{flagged_answer}/label").status_code == 404
    assert lead.get("/staff/answers/999999/label").status_code == 404


def test_backfill_rescores_answers_scored_by_an_older_version(app, runner, session):
    with app.app_context():
        response_id = children_say(TEXT)
    answer_id = answer_of(session, response_id)
    with app.app_context(), db.transaction() as s:
        s.execute(
            update(TextSignal)
            .where(TextSignal.answer_id == answer_id)
            .values(scorer_version="1", polarity=0.0, why=None)
        )
        s.execute(TextTheme.__table__.delete().where(TextTheme.answer_id == answer_id))
        s.execute(
            TextTheme.__table__.insert().values(answer_id=answer_id, theme="panels_and_meetings")
        )
    result = runner.invoke(args=["backfill-signals"])
    assert result.exit_code == 0, result.output
    session.rollback()
    signal = session.get(TextSignal, answer_id)
    assert signal.scorer_version != "1" and signal.polarity < -0.1 and signal.why
    themes = set(session.scalars(select(TextTheme.theme).where(TextTheme.answer_id == answer_id)))
    assert "panels_and_meetings" not in themes and "worker_changes" in themes
