"""Erasure and retention reach everything: after a person's response is erased (or retention
deletes or blanks it), no table anywhere still holds their words, reference or contact details,
the audit log included; and a compliment or comment never holds an erasure back."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import JSON, LargeBinary, MetaData, String, Text, select

from feedback_app import db
from feedback_app.models import Answer, AuditEvent, ReportSnapshot, Response, TellUsCase
from feedback_app.services import retention
from tests.answers import VALID_ANSWERS
from tests.conftest import form_tokens, page, text_of
from tests.staff_helpers import csrf_for, save_response

MESSAGE = "Marigold Quenby was so kind at the panel, thank you"
REFERENCE = "PAPER-55813"
CONTACT = "marigold.quenby@example.org"
SECRETS = [MESSAGE, REFERENCE, CONTACT, "Marigold", "quenby"]


def everything_holding(app, needles: list[str]) -> list[str]:
    """Every text-like cell of every table in the database (read from the database itself,
    not the models, so a new table is searched too) that contains one of the needles."""
    found = []
    with app.app_context():
        engine = db.engine()
        schema = MetaData()
        schema.reflect(engine, views=False)
        lowered = [n.lower() for n in needles]
        with engine.connect() as connection:
            for table in schema.sorted_tables:
                for column in table.columns:
                    if not isinstance(column.type, (String, Text, JSON, LargeBinary)):
                        continue
                    for (value,) in connection.execute(select(column)):
                        if value is None:
                            continue
                        if isinstance(value, bytes):
                            value = value.decode("utf-8", "replace")
                        elif not isinstance(value, str):
                            value = json.dumps(value, ensure_ascii=False)
                        if any(n in value.lower() for n in lowered):
                            found.append(f"{table.name}.{column.name}: {value[:80]}")
    return found


def transcribe_compliment(client) -> None:
    url = "/staff/transcribe/tell-us"
    answers = {
        **VALID_ANSWERS["tell-us"],
        "kind": "compliment",
        "message": MESSAGE,
        "reply": "yes",
        "contact": CONTACT,
    }
    data = {
        "csrf_token": csrf_for(client, url),
        "paper-paper_reference": REFERENCE,
        "paper-paper_date": date.today().isoformat(),
        **answers,
    }
    sent = client.post(url, data=data)
    assert sent.status_code == 302, [a.get_text() for a in page(sent).select(".error-summary a")]


def correct_it(client, response_id: int) -> None:
    url = f"/staff/transcriptions/{response_id}"
    edit = client.get(url)
    data = {
        **form_tokens(edit),
        "paper-paper_reference": REFERENCE,
        "paper-paper_date": date.today().isoformat(),
        **VALID_ANSWERS["tell-us"],
        "kind": "compliment",
        "message": MESSAGE + " and the worker too",
        "reply": "yes",
        "contact": CONTACT,
    }
    assert client.post(url, data=data).status_code == 302


def subject_access(client, step: str, response_id: int, ref: str, q: str = "Quenby"):
    """The subject access page's export or erase step for one response (erase confirmed)."""
    url = "/staff/subject-access"
    data = {"csrf_token": csrf_for(client, url), "q": q, "request_ref": ref, "step": step}
    data |= {"response": [str(response_id)], **({"confirm": "y"} if step == "erase" else {})}
    return client.post(url, data=data)


@pytest.fixture
def admin(app, client, signed_in):
    signed_in("admin")
    return client


def test_an_erased_paper_compliment_leaves_nothing_anywhere(app, admin, session):
    transcribe_compliment(admin)
    response_id = session.scalar(select(Response.id))
    correct_it(admin, response_id)
    assert everything_holding(app, SECRETS)  # the search sees it while it is held
    events = session.scalars(select(AuditEvent).where(AuditEvent.entity == "response")).all()
    assert [e.action for e in events] == ["transcribe", "correct"]
    assert "message" in events[1].after["fields_changed"]
    assert not any(s.lower() in json.dumps(e.after).lower() for e in events for s in SECRETS)

    copy = subject_access(
        admin, "export", response_id, "SAR-2026-020", q="marigold.quenby@example.org"
    )
    record = json.loads(copy.data)["records"][0]
    assert [e["action"] for e in record["audit_log"]] == ["transcribe", "correct"]

    erased = subject_access(
        admin, "erase", response_id, "SAR-2026-020", q="marigold.quenby@example.org"
    )
    assert erased.status_code == 302, text_of(page(erased))
    assert everything_holding(app, SECRETS) == []
    audit_page = text_of(page(admin.get("/staff/audit")))
    assert not any(s.lower() in audit_page.lower() for s in SECRETS)


def test_old_audit_events_with_answers_are_cleared_by_erasure(app, admin, session):
    """Events written before answers were kept out of the log still lose their values."""
    with app.app_context():
        response_id = save_response(
            "tell-us", {**VALID_ANSWERS["tell-us"], "kind": "comment", "message": MESSAGE}
        )
        with db.transaction() as s:
            s.add(
                AuditEvent(
                    action="transcribe",
                    entity="response",
                    entity_id=str(response_id),
                    after={"paper_reference": REFERENCE, "message": MESSAGE},
                )
            )
    erased = subject_access(admin, "erase", response_id, "SAR-2026-021")
    assert erased.status_code == 302
    assert everything_holding(app, SECRETS) == []
    session.rollback()
    kept = session.scalars(select(AuditEvent).where(AuditEvent.action == "transcribe")).one()
    assert kept.after == {"fields": ["message", "paper_reference"], "values_erased": True}


@pytest.mark.parametrize(
    ("kind", "erasable"), [("compliment", True), ("comment", True), ("complaint", False)]
)
def test_only_an_open_complaint_holds_erasure_back(app, admin, session, kind, erasable):
    with app.app_context():
        response_id = save_response(
            "tell-us", {**VALID_ANSWERS["tell-us"], "kind": kind, "message": MESSAGE}
        )
    assert session.scalars(select(TellUsCase.status)).one() != "closed"
    sent = subject_access(admin, "erase", response_id, "SAR-2026-022")
    session.rollback()
    if erasable:
        assert sent.status_code == 302, text_of(page(sent))
        assert session.get(Response, response_id) is None
    else:
        assert sent.status_code == 400 and "open complaint" in text_of(page(sent))
        assert session.get(Response, response_id) is not None


def test_retention_clears_the_audit_log_with_the_record(app, admin, session):
    transcribe_compliment(admin)
    response_id = session.scalar(select(Response.id))
    with app.app_context():
        with db.transaction() as s:
            s.get(Response, response_id).submitted_at = datetime(2010, 1, 1)
            s.add(
                AuditEvent(
                    action="correct",
                    entity="response",
                    entity_id=str(response_id),
                    before={"message": MESSAGE, "contact": CONTACT},
                )
            )
        with db.transaction() as s:
            policies = retention.load_policies(["tell-us"])
            retention.apply(s, None, policies, date.today())
    assert everything_holding(app, SECRETS) == []


def test_a_stored_report_quoting_an_erased_answer_drops_the_quote(app, admin, session):
    with app.app_context():
        response_id = save_response(
            "tell-us", {**VALID_ANSWERS["tell-us"], "kind": "compliment", "message": MESSAGE}
        )
        with db.transaction() as s:
            answer_id = s.scalar(
                select(Answer.id).where(
                    Answer.response_id == response_id, Answer.question_id == "message"
                )
            )
            s.add(
                ReportSnapshot(
                    quarter="2026-27-Q3",
                    status="ready",
                    body_html=f"<p>What people said</p><blockquote>{MESSAGE}</blockquote>",
                    data_json=json.dumps({"quotes": [MESSAGE]}),
                    quoted=json.dumps({str(answer_id): MESSAGE}),
                    pdf=f"%PDF {MESSAGE}".encode(),
                )
            )
    erased = subject_access(admin, "erase", response_id, "SAR-2026-024")
    assert erased.status_code == 302
    assert everything_holding(app, SECRETS) == []
    session.rollback()
    report = session.scalars(select(ReportSnapshot)).one()
    assert "What people said" in report.body_html and report.new_data_since is not None
