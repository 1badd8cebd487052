"""One intake: the same Tell us message, whichever channel brings it (the public form, a paper
form typed in, the complaints lead's phone/email intake, an import, demo data in bulk, the
tests' helper), ends with the same scored text, safeguarding flag and case, because every
channel stores it through services/intake.submit() (demo data through its bulk twin)."""

from __future__ import annotations

from sqlalchemy import select

from analysis.clock import today
from feedback_app import db
from feedback_app.models import (
    Response,
    SafeguardingFlag,
    TellUsCase,
    TextSignal,
    TextTheme,
)
from feedback_app.services.intake import Submission, process_stored
from feedback_app.services.responses import store_response
from feedback_app.services.surveys import current_version
from feedback_app.surveys_registry import all_definitions
from tests.conftest import submit_form
from tests.staff_helpers import csrf_for, login, make_user, save_response

MESSAGE = (
    "Nobody rang me back after my son's panel meeting and the worker kept cancelling. "
    "He says he wants to kill himself."
)
ANSWERS = {
    "kind": "complaint",
    "who": "parent_carer",
    "team": "shropshire",
    "message": MESSAGE,
    "reply": "yes",
    "contact": "07700 900456",
}


def outcome(session, response_id: int, with_case: bool = True) -> dict:
    """What followed from storing: the text's signal and themes, the flag, the case."""
    signal = session.scalars(select(TextSignal).where(TextSignal.response_id == response_id)).one()
    themes = sorted(
        session.scalars(select(TextTheme.theme).where(TextTheme.answer_id == signal.answer_id))
    )
    flag = session.scalars(
        select(SafeguardingFlag).where(SafeguardingFlag.response_id == response_id)
    ).one()
    found = {
        "signal": (round(signal.polarity, 6), signal.key_phrases, signal.why, themes),
        "flag": (flag.tier, flag.categories, flag.answer_id == signal.answer_id),
    }
    case = session.scalars(
        select(TellUsCase).where(TellUsCase.response_id == response_id)
    ).one_or_none()
    if with_case:
        assert case is not None
        found["case"] = (
            case.kind,
            case.respondent,
            case.reply_wanted,
            case.status,
            case.received_on,
            case.acknowledge_by,
            case.respond_by,
        )
    else:
        assert case is None  # history handled at the time opens no case
    return found


def newest(session) -> int:
    session.expire_all()
    return session.scalars(select(Response.id).order_by(Response.id.desc())).first()


def by_public_form(client, session) -> int:
    sent = submit_form(client, "/forms/tell-us", ANSWERS)
    assert sent.status_code == 303
    return newest(session)


def by_paper(client, session) -> int:
    url = "/staff/transcribe/tell-us"
    data = {**ANSWERS, "paper-paper_reference": "P-1", "csrf_token": csrf_for(client, url)}
    assert client.post(url, data=data).status_code == 302
    return newest(session)


def by_phone(client, session) -> int:
    url = "/staff/tell-us/new"
    data = {
        **ANSWERS,
        "intake-channel": "phone",
        "intake-received_on": today().isoformat(),
        "csrf_token": csrf_for(client, url),
    }
    assert client.post(url, data=data).status_code == 302
    return newest(session)


def by_demo_bulk(app, session) -> int:
    """Demo data inserts rows in bulk, then takes submit()'s steps for all of them at once."""
    with app.app_context(), db.transaction() as bulk:
        definitions = all_definitions()
        definition = definitions["tell-us"]
        version = current_version(bulk, definition)
        response_id = store_response(bulk, definition, version, ANSWERS, Submission()).response_id
        process_stored(bulk, definitions, [response_id])
    return response_id


def by_import(runner, session, tmp_path) -> int:
    table = tmp_path / "tell-us.csv"
    table.write_text(
        "ID,Completion time,What would you like to tell us?,Who are you?,"
        "Which team is it about?,Your message,Would you like a reply?\n"
        f'7,{today():%d/%m/%Y} 10:00,A complaint,A parent or carer,Shropshire,"{MESSAGE}",Yes\n',
        encoding="utf-8",
    )
    done = runner.invoke(args=["import-responses", str(table), "--survey", "tell-us", "--yes"])
    assert done.exit_code == 0, done.output
    return newest(session)


def test_every_channel_ends_with_the_same_signals_flag_and_case(
    app, client, runner, session, tmp_path
):
    with app.app_context():
        lead = make_user("admin")
    public = outcome(session, by_public_form(client, session))
    login(client, lead.email)
    channels = {
        "paper": by_paper(client, session),
        "phone": by_phone(client, session),
        "demo data": by_demo_bulk(app, session),
    }
    with app.app_context():
        channels["tests' helper"] = save_response("tell-us", ANSWERS)
    for channel, response_id in channels.items():
        assert outcome(session, response_id) == public, channel
    assert public["case"][0] == "complaint" and public["case"][-1] is not None

    imported = outcome(session, by_import(runner, session, tmp_path), with_case=False)
    assert imported == {k: v for k, v in public.items() if k != "case"}


def test_correcting_a_tell_us_transcription_corrects_its_case(app, client, session, signed_in):
    """Typed in as a comment wanting no reply, corrected to a complaint wanting one: the case
    becomes a complaint with the due dates a complaint received that day has, and back."""
    signed_in("admin")
    url = "/staff/transcribe/tell-us"
    typed = {
        **ANSWERS,
        "kind": "comment",
        "reply": "no",
        "contact": "",
        "paper-paper_reference": "P-9",
        "paper-paper_date": "2026-11-02",
        "csrf_token": csrf_for(client, url),
    }
    assert client.post(url, data=typed).status_code == 302
    response = session.scalars(select(Response)).one()
    assert response.transcribed_at is not None and response.transcribed_at.date() == today()
    assert response.submitted_at.date().isoformat() == "2026-11-02"  # when it was written
    case = session.scalars(select(TellUsCase)).one()
    assert (case.kind, case.reply_wanted, case.respond_by) == ("comment", False, None)

    def correct(**answers):
        edit = f"/staff/transcriptions/{response.id}"
        data = {**typed, **answers, "csrf_token": csrf_for(client, edit)}
        assert client.post(edit, data=data).status_code == 302
        session.expire_all()
        return session.get(TellUsCase, case.id)

    corrected = correct(kind="complaint", reply="yes", contact="07700 900456")
    # The same complaint typed in right first time, the same day.
    right = {
        **typed,
        **ANSWERS,
        "paper-paper_reference": "P-10",
        "csrf_token": csrf_for(client, url),
    }
    assert client.post(url, data=right).status_code == 302
    expected = session.scalars(select(TellUsCase).where(TellUsCase.id != case.id)).one()
    assert expected.acknowledge_by is not None and expected.respond_by is not None
    assert corrected.kind == "complaint" and corrected.reply_wanted
    assert (corrected.acknowledge_by, corrected.respond_by) == (
        expected.acknowledge_by,
        expected.respond_by,
    )
    assert corrected.received_on == case.received_on

    back = correct(kind="compliment", reply="no", contact="")
    session.expire_all()
    back = session.get(TellUsCase, case.id)
    assert (back.kind, back.acknowledge_by, back.respond_by) == ("compliment", None, None)
