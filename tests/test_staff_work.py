"""The jobs done in the staff area: sign-in, paper forms, Tell us cases, safeguarding, posters."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from analysis.clock import today
from feedback_app import db
from feedback_app.models import (
    AuditEvent,
    Response,
    SafeguardingFlag,
    Source,
    StaffUser,
    TellUsCase,
)
from tests.answers import VALID_ANSWERS
from tests.conftest import form_tokens, page, submit_form, text_of
from tests.staff_helpers import PASSWORD, csrf_for, login, make_user, save_response


def audit_actions(session, entity: str) -> list[str]:
    session.rollback()
    query = select(AuditEvent.action).where(AuditEvent.entity == entity).order_by(AuditEvent.id)
    return list(session.scalars(query))


# -- Accounts -------------------------------------------------------------------------------------


@pytest.mark.real_password_hash
def test_create_user_command_makes_the_first_admin(runner, session):
    result = runner.invoke(
        args=["create-user", "--email", "Lead@Example.org", "--name", "Ada Lead"],
        env={"FEEDBACK_NEW_PASSWORD": PASSWORD},
    )
    assert result.exit_code == 0, result.output
    user = session.scalars(select(StaffUser)).one()
    assert (user.email, user.roles) == ("lead@example.org", {"admin"})
    assert user.password_hash.startswith(("scrypt:", "pbkdf2:"))
    short = runner.invoke(
        args=["create-user", "--email", "b@example.org", "--name", "B"],
        env={"FEEDBACK_NEW_PASSWORD": "short"},
    )
    assert short.exit_code == 2 and "at least 12 characters" in short.output


def test_sign_in_sign_out_and_wrong_password(app, client):
    with app.app_context():
        make_user("practitioner", email="pat@example.org")
    wrong = login(client, "pat@example.org", "not the password")
    assert wrong.status_code == 400
    assert "Enter a correct email address and password" in text_of(page(wrong))
    assert login(client, "PAT@example.org").status_code == 302
    assert client.get("/staff/").status_code == 200
    client.post("/staff/logout", data={"csrf_token": csrf_for(client, "/staff/")})
    assert client.get("/staff/").status_code == 302


def test_session_cookie_is_httponly_samesite_and_secure(app, client):
    with app.app_context():
        make_user("admin", email="ad@example.org")
    sent = login(client, "ad@example.org")
    cookie = next(
        h for h in sent.headers.getlist("Set-Cookie") if h.startswith("feedback_session=")
    )
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie


def test_login_only_follows_next_inside_the_site(app, client):
    with app.app_context():
        make_user("admin", email="ad@example.org")
    token = form_tokens(client.get("/staff/login"))["csrf_token"]
    sent = client.post(
        "/staff/login?next=//evil.example/",
        data={"csrf_token": token, "email": "ad@example.org", "password": PASSWORD},
    )
    assert sent.headers["Location"] == "/staff/"


def test_admin_manages_users_and_it_is_audited(app, client, session):
    with app.app_context():
        make_user("admin", email="ad@example.org")
    login(client, "ad@example.org")
    token = csrf_for(client, "/staff/users/new")
    sent = client.post(
        "/staff/users/new",
        data={
            "csrf_token": token,
            "email": "new@example.org",
            "name": "New Person",
            "roles": ["champion", "practitioner"],
            "active": "y",
            "password": "a long enough password",
        },
    )
    assert sent.status_code == 302
    user = session.scalars(select(StaffUser).where(StaffUser.email == "new@example.org")).one()
    assert user.roles == {"champion", "practitioner"}
    client.post(
        f"/staff/users/{user.id}",
        data={
            "csrf_token": token,
            "email": user.email,
            "name": "New Person",
            "roles": ["champion"],
        },
    )
    session.rollback()
    user = session.get(StaffUser, user.id)
    assert user.roles == {"champion"} and not user.active
    events = session.scalars(select(AuditEvent).where(AuditEvent.entity == "staff_user")).all()
    update = next(e for e in events if e.action == "update")
    assert update.before["roles"] == ["champion", "practitioner"]
    assert update.after["roles"] == ["champion"] and update.after["active"] is False
    log = page(client.get("/staff/audit"))
    assert "New Person" in text_of(log) or "staff user" in text_of(log)


# -- Paper forms ----------------------------------------------------------------------------------


def test_paper_form_prints_every_question_with_tick_boxes(app, client):
    with app.app_context():
        make_user("practitioner", email="pat@example.org")
    login(client, "pat@example.org")
    soup = page(client.get("/staff/paper/parent-carer"))
    body = text_of(soup)
    assert "Were you kept up to date about your child's work with us?" in body
    assert "Reference number" in body
    assert len(soup.select(".paper__box")) >= 20
    assert "(paper form) – " in soup.title.get_text()
    assert soup.find("link", rel="stylesheet")["href"].startswith("/static/css/paper.css")


def transcribe(client, slug, answers, reference, paper_date="2026-10-05"):
    token = csrf_for(client, f"/staff/transcribe/{slug}")
    data = {
        "csrf_token": token,
        "paper-paper_reference": reference,
        "paper-paper_date": paper_date,
        **answers,
    }
    return client.post(f"/staff/transcribe/{slug}", data=data)


def test_transcribing_stores_a_paper_response_and_refuses_a_second_entry(app, client, session):
    with app.app_context():
        user = make_user("practitioner", email="pat@example.org")
    login(client, "pat@example.org")
    sent = transcribe(client, "parent-carer", VALID_ANSWERS["parent-carer"], "HFD-001")
    assert sent.status_code == 302
    response = session.scalars(select(Response)).one()
    assert response.channel == "paper"
    assert (response.paper_reference, response.transcribed_by_id) == ("HFD-001", user.id)
    assert response.paper_date == date(2026, 10, 5)
    assert response.submitted_at.date() == date(2026, 10, 5)
    assert response.completed_with == "with_worker"

    again = transcribe(client, "parent-carer", VALID_ANSWERS["parent-carer"], "HFD-001")
    assert again.status_code == 400
    assert "Paper form HFD-001 has already been typed in by Test practitioner" in again.get_data(
        True
    )
    session.rollback()
    assert session.scalar(select(func.count(Response.id))) == 1
    # The same reference on another survey's paper form is a different form.
    assert (
        transcribe(
            client, "working-with-us", VALID_ANSWERS["working-with-us"], "HFD-001"
        ).status_code
        == 302
    )


def test_transcription_errors_name_the_missing_answers(app, client, session):
    with app.app_context():
        make_user("practitioner", email="pat@example.org")
    login(client, "pat@example.org")
    answers = {**VALID_ANSWERS["victim-satisfaction"], "heard": ""}
    sent = transcribe(client, "victim-satisfaction", answers, "")
    assert sent.status_code == 400
    links = [a.get_text() for a in page(sent).select(".error-summary a")]
    assert "Enter the reference number from the paper form" in links
    assert "Select whether you felt your views were heard" in links


def test_transcriber_sees_their_list_and_corrections_are_audited(app, client, session):
    with app.app_context():
        make_user("practitioner", email="pat@example.org")
        make_user("practitioner", email="other@example.org", name="Other")
    login(client, "pat@example.org")
    transcribe(client, "parent-carer", VALID_ANSWERS["parent-carer"], "HFD-002")
    response_id = session.scalar(select(Response.id))
    listing = page(client.get("/staff/transcriptions"))
    assert "HFD-002" in text_of(listing)

    edit = client.get(f"/staff/transcriptions/{response_id}")
    soup = page(edit)
    assert soup.find("input", attrs={"name": "listened", "value": "always"}).has_attr("checked")
    data = {
        **form_tokens(edit),
        "paper-paper_reference": "HFD-002",
        "paper-paper_date": "2026-10-05",
        **VALID_ANSWERS["parent-carer"],
        "listened": "never",
    }
    assert client.post(f"/staff/transcriptions/{response_id}", data=data).status_code == 302
    session.rollback()
    answers = {a.question_id: a.value_choice for a in session.get(Response, response_id).answers}
    assert answers["listened"] == "never"
    event = session.scalars(select(AuditEvent).where(AuditEvent.action == "correct")).one()
    # The log says which answer changed, never what it was or became.
    assert event.before is None and event.after == {"fields_changed": ["listened"]}

    other = client.application.test_client()
    login(other, "other@example.org")
    assert other.get(f"/staff/transcriptions/{response_id}").status_code == 403


# -- Tell us cases --------------------------------------------------------------------------------


def test_a_tell_us_complaint_becomes_a_case_with_due_dates(client, session):
    submit_form(client, "/forms/tell-us", VALID_ANSWERS["tell-us"])
    case = session.scalars(select(TellUsCase)).one()
    assert (case.kind, case.stage, case.status, case.reply_wanted) == ("complaint", 1, "new", True)
    assert case.received_on == today()
    assert case.acknowledge_by > case.received_on
    assert case.respond_by > case.acknowledge_by
    # Working days: 5 working days always span at least a weekend.
    assert (case.acknowledge_by - case.received_on).days >= 7


def test_compliments_go_to_the_leadership_inbox(app, client, session):
    answers = {
        **VALID_ANSWERS["tell-us"],
        "kind": "compliment",
        "reply": "no",
        "message": "The panel was kind to my son.",
    }
    submit_form(client, "/forms/tell-us", answers)
    with app.app_context():
        make_user("leadership", email="lead@example.org")
    login(client, "lead@example.org")
    assert "The panel was kind to my son." in text_of(page(client.get("/staff/inbox")))


def test_complaints_lead_works_a_complaint_through_both_stages(app, client, session):
    with app.app_context():
        first = make_user("complaints_lead", email="one@example.org", name="First Lead")
        second = make_user("complaints_lead", email="two@example.org", name="Second Lead")
        case_answers = {**VALID_ANSWERS["tell-us"], "who": "victim"}
        save_response("tell-us", case_answers)
    login(client, "one@example.org")
    case_id = session.scalar(select(TellUsCase.id))
    url = f"/staff/cases/{case_id}"
    soup = page(client.get(url))
    assert "Victims' Right to Review" in text_of(soup)
    token = form_tokens(client.get(url))["csrf_token"]

    def act(action, **fields):
        return client.post(url, data={"csrf_token": token, "action": action, **fields})

    assert act("assign", **{"assign-assignee": str(first.id)}).status_code == 302
    assert act("acknowledge").status_code == 302
    assert act("extend", **{"extend-days": "12", "extend-reason": "x"}).status_code == 400
    assert (
        act(
            "extend", **{"extend-days": "5", "extend-reason": "Waiting for the panel notes"}
        ).status_code
        == 302
    )
    assert act("respond", **{"respond-outcome": "Apology and a new worker"}).status_code == 302
    assert act("right_to_review").status_code == 302
    assert act("escalate").status_code == 302
    refused = act("assign", **{"assign-assignee": str(first.id)})
    assert refused.status_code == 400
    assert "different person from stage 1" in text_of(page(refused))
    assert act("assign", **{"assign-assignee": str(second.id)}).status_code == 302
    session.rollback()
    case = session.get(TellUsCase, case_id)
    assert (case.stage, case.assignee_id, case.extension_days) == (2, second.id, 5)
    assert case.right_to_review_sent_on == today()
    actions = audit_actions(session, "tell_us_case")
    assert actions == [
        "assign",
        "acknowledge",
        "extend",
        "respond",
        "right_to_review_sent",
        "escalate",
        "assign",
    ]


def test_overdue_and_due_this_week_lists(app, client, session):
    with app.app_context():
        make_user("complaints_lead", email="one@example.org")
        old = save_response("tell-us", VALID_ANSWERS["tell-us"], paper_date=None)
        fresh = save_response("tell-us", VALID_ANSWERS["tell-us"])
    with app.app_context(), db.transaction() as s:
        case = s.scalar(select(TellUsCase).where(TellUsCase.response_id == old))
        case.received_on = case.stage_started_on = today() - timedelta(days=30)
        case.acknowledge_by = today() - timedelta(days=20)
        case.respond_by = today() - timedelta(days=10)
    login(client, "one@example.org")
    soup = page(client.get("/staff/cases"))
    overdue = soup.find("h2", id="overdue").find_next("table")
    old_case = session.scalar(select(TellUsCase.id).where(TellUsCase.response_id == old))
    new_case = session.scalar(select(TellUsCase.id).where(TellUsCase.response_id == fresh))
    assert f"Case {old_case}" in text_of(overdue)
    assert f"Case {new_case}" not in text_of(overdue)
    assert f"Case {new_case}" in text_of(soup.find("h2", id="due").find_next("table"))


# -- Safeguarding ---------------------------------------------------------------------------------


def test_a_disclosure_is_flagged_never_blocks_and_is_acknowledged_with_audit(app, client, session):
    answers = {**VALID_ANSWERS["working-with-us"], "do_better": "my mums boyfriend hits me"}
    assert submit_form(client, "/forms/working-with-us", answers).status_code == 303
    flag = session.scalars(select(SafeguardingFlag)).one()
    assert "abuse" in flag.categories
    assert session.scalar(select(func.count(Response.id))) == 1

    with app.app_context():
        make_user("safeguarding_lead", email="safe@example.org")
    login(client, "safe@example.org")
    queue = page(client.get("/staff/safeguarding"))
    assert f"Flag {flag.id}" in text_of(queue)
    url = f"/staff/safeguarding/{flag.id}"
    assert "my mums boyfriend hits me" in text_of(page(client.get(url)))
    empty = client.post(url, data={"csrf_token": csrf_for(client, url), "action_taken": ""})
    assert empty.status_code == 400
    sent = client.post(
        url,
        data={
            "csrf_token": csrf_for(client, url),
            "action_taken": "Referred to children's social care",
        },
    )
    assert sent.status_code == 302
    session.rollback()
    flag = session.get(SafeguardingFlag, flag.id)
    assert flag.acknowledged_at is not None
    assert flag.action_taken == "Referred to children's social care"
    assert audit_actions(session, "safeguarding_flag") == ["acknowledge"]


def test_a_harmless_text_is_not_flagged(client, session):
    answers = {**VALID_ANSWERS["working-with-us"], "do_better": "I don't feel unsafe, it was fine"}
    submit_form(client, "/forms/working-with-us", answers)
    assert session.scalar(select(func.count(SafeguardingFlag.id))) == 0


def test_an_old_unacknowledged_flag_is_highlighted_on_every_staff_page(app, client, session):
    with app.app_context():
        make_user({"safeguarding_lead", "complaints_lead"}, email="safe@example.org")
        save_response("tell-us", {**VALID_ANSWERS["tell-us"], "message": "im going to kill myself"})
    with app.app_context(), db.transaction() as s:
        flag = s.scalars(select(SafeguardingFlag)).one()
        flag.flagged_at = flag.flagged_at - timedelta(days=6)
    login(client, "safe@example.org")
    for url in ("/staff/", "/staff/cases", "/staff/paper"):
        warning = page(client.get(url)).select_one(".warning")
        assert warning is not None and "past the same-working-day deadline" in warning.get_text()


# -- Sources --------------------------------------------------------------------------------------


def test_practitioner_makes_and_retires_a_poster_source(app, client, session):
    with app.app_context():
        make_user("practitioner", email="pat@example.org")
    login(client, "pat@example.org")
    token = csrf_for(client, "/staff/sources")
    sent = client.post(
        "/staff/sources",
        data={
            "csrf_token": token,
            "survey": "working-with-us",
            "team": "shropshire",
            "office": "Shrewsbury",
            "label": "Card for end-of-work meetings",
            "channel": "qr",
        },
    )
    assert sent.status_code == 302
    source = session.scalars(select(Source)).one()
    assert (source.team.slug, source.channel) == ("shropshire", "qr")
    assert client.get(f"/qr/{source.code}/poster").status_code == 200
    assert (
        client.post(f"/staff/sources/{source.id}/retire", data={"csrf_token": token}).status_code
        == 302
    )
    assert client.get(f"/s/{source.code}").status_code == 410
    assert audit_actions(session, "source") == ["create", "retire"]


# -- Found in review ------------------------------------------------------------------------------


def test_next_with_hidden_characters_cannot_leave_the_site(app, client):
    with app.app_context():
        make_user("admin", email="ad@example.org")
    token = form_tokens(client.get("/staff/login"))["csrf_token"]
    for target in (
        "/%09/evil.example",
        "/\t/evil.example",
        "/\\evil.example",
        "https://evil.example",
    ):
        sent = client.post(
            "/staff/login?next=" + target,
            data={"csrf_token": token, "email": "ad@example.org", "password": PASSWORD},
        )
        assert sent.headers["Location"] == "/staff/", target
        client.post("/staff/logout", data={"csrf_token": csrf_for(client, "/staff/")})
        token = form_tokens(client.get("/staff/login"))["csrf_token"]


def test_leadership_inbox_never_quotes_a_flagged_message(app, client):
    with app.app_context():
        make_user("leadership", email="lead@example.org")
        save_response(
            "tell-us",
            {
                **VALID_ANSWERS["tell-us"],
                "kind": "comment",
                "reply": "no",
                "message": "i want to kil myself",
            },
        )
    login(client, "lead@example.org")
    inbox = text_of(page(client.get("/staff/inbox")))
    assert "kil myself" not in inbox
    assert "gone to the safeguarding lead" in inbox


def test_correcting_a_rating_keeps_the_safeguarding_flag_of_unchanged_text(app, client, session):
    with app.app_context():
        make_user("practitioner", email="pat@example.org")
    login(client, "pat@example.org")
    answers = {
        **VALID_ANSWERS["parent-carer"],
        "do_better": "my son is being groomed by older lads",
    }
    transcribe(client, "parent-carer", answers, "HFD-009")
    assert session.scalar(select(func.count(SafeguardingFlag.id))) == 1
    response_id = session.scalar(select(Response.id))
    edit = client.get(f"/staff/transcriptions/{response_id}")
    data = {
        **form_tokens(edit),
        "paper-paper_reference": "HFD-009",
        "paper-paper_date": "2026-10-05",
        **answers,
        "listened": "never",
    }
    assert client.post(f"/staff/transcriptions/{response_id}", data=data).status_code == 302
    session.rollback()
    assert session.scalar(select(func.count(SafeguardingFlag.id))) == 1


def test_paper_dates_in_the_future_or_impossible_are_refused_clearly(app, client):
    with app.app_context():
        make_user("practitioner", email="pat@example.org")
    login(client, "pat@example.org")
    future = (today() + timedelta(days=30)).isoformat()
    sent = transcribe(client, "parent-carer", VALID_ANSWERS["parent-carer"], "F-1", future)
    assert "The date cannot be in the future" in text_of(page(sent))
    bad = transcribe(client, "parent-carer", VALID_ANSWERS["parent-carer"], "F-2", "2026-02-30")
    assert "Enter a real date, for example 29 12 2026" in text_of(page(bad))


def test_stage_2_is_acknowledged_and_answered_by_someone_else_after_an_extension(
    app, client, session
):
    with app.app_context():
        make_user("complaints_lead", email="one@example.org")
        second = make_user("complaints_lead", email="two@example.org", name="Second Lead")
        save_response("tell-us", VALID_ANSWERS["tell-us"])
    case_id = session.scalar(select(TellUsCase.id))
    url = f"/staff/cases/{case_id}"
    login(client, "one@example.org")
    token = form_tokens(client.get(url))["csrf_token"]

    def act(who_client, action, **fields):
        return who_client.post(url, data={"csrf_token": token, "action": action, **fields})

    act(client, "extend", **{"extend-days": "3", "extend-reason": "Waiting for notes"})
    act(client, "respond", **{"respond-outcome": "Apology"})
    act(client, "escalate")
    acknowledged = act(client, "acknowledge")
    assert acknowledged.status_code == 302, text_of(page(acknowledged).select_one(".error-summary"))
    refused = act(client, "respond", **{"respond-outcome": "Same again"})
    assert "different person from stage 1" in text_of(page(refused))
    other = app.test_client()
    login(other, "two@example.org")
    other_token = form_tokens(other.get(url))["csrf_token"]
    sent = other.post(
        url,
        data={"csrf_token": other_token, "action": "respond", "respond-outcome": "Reviewed afresh"},
    )
    assert sent.status_code == 302
    session.rollback()
    case = session.get(TellUsCase, case_id)
    assert (case.stage, case.status, case.outcome) == (2, "responded", "Reviewed afresh")
    assert second.id != case.stage1_handler_id


def test_changing_a_password_signs_out_other_sessions(app, client, session):
    with app.app_context():
        user = make_user("admin", email="ad@example.org")
    login(client, "ad@example.org")
    assert client.get("/staff/").status_code == 200
    elsewhere = app.test_client()
    login(elsewhere, "ad@example.org")
    token = csrf_for(client, f"/staff/users/{user.id}")
    client.post(
        f"/staff/users/{user.id}",
        data={
            "csrf_token": token,
            "email": user.email,
            "name": user.name,
            "roles": ["admin"],
            "active": "y",
            "password": "a brand new long password",
        },
    )
    assert elsewhere.get("/staff/").status_code == 302


def test_command_line_source_changes_are_audited(runner, session):
    runner.invoke(args=["add-source", "--survey", "tell-us", "--label", "Card", "--code", "card-1"])
    runner.invoke(args=["retire-source", "card-1"])
    assert audit_actions(session, "source") == ["create", "retire"]
