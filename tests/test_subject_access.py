"""Subject access: find a person's records from what they gave us, export them, erase them."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import func, select

from feedback_app import db
from feedback_app.models import AuditEvent, CaseNote, Response, SafeguardingFlag, TellUsCase
from tests.answers import VALID_ANSWERS
from tests.conftest import page, text_of
from tests.staff_helpers import csrf_for, save_response

TELL_US = VALID_ANSWERS["tell-us"]
URL = "/staff/subject-access"


@pytest.fixture
def records(app):
    with app.app_context():
        ids = {
            "reply": save_response(
                "tell-us",
                {
                    **TELL_US,
                    "reply": "yes",
                    "contact": "Sam.Parent@example.org, 07700 900123",
                    "message": "My son's worker never rang back.",
                },
                submitted_at=datetime(2026, 9, 1, 9),
            ),
            "named": save_response(
                "parent-carer",
                {**VALID_ANSWERS["parent-carer"], "went_well": "Ms Okafor helped Sam Parent a lot"},
            ),
            "paper": save_response(
                "parent-carer",
                VALID_ANSWERS["parent-carer"],
                channel="paper",
                paper_reference="PC-2026-0042",
            ),
            "someone_else": save_response(
                "tell-us",
                {**TELL_US, "reply": "yes", "contact": "07700 900999", "message": "Thanks!"},
            ),
        }
        with db.transaction() as session:
            for case in session.scalars(select(TellUsCase)):
                case.status = "closed"
                session.add(CaseNote(case_id=case.id, text="Rang back on Friday."))
    return ids


@pytest.fixture
def admin_client(app, client, signed_in):
    signed_in("admin")
    return client


def post(client, **data):
    form = {"csrf_token": csrf_for(client, URL), "request_ref": "SAR-2026-014", **data}
    return client.post(URL, data=form)


def found_ids(response) -> set[int]:
    return {int(box["value"]) for box in page(response).select("input[name=response]")}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sam.parent@EXAMPLE.org", {"reply"}),
        ("+44 7700 900 123", {"reply"}),
        ("07700900123", {"reply"}),
        ("Sam Parent", {"reply", "named"}),
        ("pc-2026-0042", {"paper"}),
    ],
)
def test_search_finds_a_person_however_they_wrote_it(records, admin_client, query, expected):
    result = post(admin_client, q=query, step="search")
    assert result.status_code == 200
    assert found_ids(result) == {records[name] for name in expected}


def test_a_short_search_says_what_to_enter(records, admin_client):
    result = post(admin_client, q="sa", step="search")
    assert result.status_code == 400
    assert "3 characters or more" in text_of(page(result))


def test_export_gives_everything_held_and_audits_without_details(records, admin_client, session):
    chosen = [str(records["reply"]), str(records["named"])]
    sent = post(admin_client, q="Sam Parent", step="export", response=chosen)
    assert sent.status_code == 200 and sent.mimetype == "application/json"
    held = json.loads(sent.data)
    assert held["request"] == "SAR-2026-014"
    by_ref = {r["reference"]: r for r in held["records"]}
    reply = by_ref[records["reply"]]
    assert "07700 900123" in json.dumps(reply["answers"])
    assert reply["case"]["notes"][0]["text"] == "Rang back on Friday."
    assert "Ms Okafor helped Sam Parent a lot" in json.dumps(by_ref[records["named"]])
    event = session.scalars(select(AuditEvent).where(AuditEvent.action.like("subject%"))).one()
    assert event.after == {
        "responses": sorted(int(c) for c in chosen),
        "offers": [],
        "request": "SAR-2026-014",
    }
    assert "Sam" not in json.dumps(event.after)


def test_erase_removes_the_persons_records_and_nothing_else(records, admin_client, session):
    chosen = [str(records["reply"]), str(records["named"])]
    unconfirmed = post(admin_client, q="Sam Parent", step="erase", response=chosen)
    assert unconfirmed.status_code == 400
    assert "Tick the box to confirm" in text_of(page(unconfirmed))
    done = post(admin_client, q="Sam Parent", step="erase", response=chosen, confirm="y")
    assert done.status_code == 302
    session.rollback()
    left = set(session.scalars(select(Response.id)))
    assert left == {records["paper"], records["someone_else"]}
    assert session.scalar(select(func.count(TellUsCase.id))) == 1
    assert session.scalar(select(func.count(CaseNote.id))) == 1
    event = session.scalars(select(AuditEvent).where(AuditEvent.action == "erase")).one()
    assert event.after["responses"] == sorted(int(c) for c in chosen)


def test_erasure_waits_for_open_complaints_and_unreviewed_flags(app, admin_client, session):
    with app.app_context():
        flagged = save_response(
            "tell-us",
            {**TELL_US, "reply": "yes", "contact": "kid@example.org", "message": "he hits me"},
        )
    assert session.scalar(select(func.count(SafeguardingFlag.id))) == 1
    refused = post(
        admin_client, q="kid@example.org", step="erase", response=[str(flagged)], confirm="y"
    )
    assert refused.status_code == 400
    assert "Deal with that first" in text_of(page(refused))
    session.rollback()
    assert session.get(Response, flagged) is not None


@pytest.mark.parametrize("role", ["leadership", "complaints_lead", "champion"])
def test_only_admins_search_for_people(app, client, role, signed_in):
    signed_in(role)
    assert client.get(URL).status_code == 403


def test_a_printable_copy_shows_the_questions_in_words(records, admin_client, session):
    shown = post(admin_client, q="Sam Parent", step="print", response=[str(records["reply"])])
    assert shown.status_code == 200
    text = text_of(page(shown))
    assert "What we hold: SAR-2026-014" in text
    assert "My son's worker never rang back." in text and "Rang back on Friday." in text
    assert "subject_access_export" in session.scalars(select(AuditEvent.action)).all()
    # In words, as the person chose and read them: not the stored codes or UTC text.
    assert "Tell us, 1 September 2026" in text and "How it came Web link" in text
    assert "What would you like to tell us? A complaint" in text
    assert "parent_carer" not in text and "2026-09-01" not in text


def test_offers_to_help_are_found_copied_and_erased_too(app, admin_client, session):
    from datetime import date

    from feedback_app.models import HelpOffer

    with app.app_context(), db.transaction() as s:
        s.add(
            HelpOffer(
                audience="parents", contact="sam.parent@example.org", offered_on=date(2026, 9, 1)
            )
        )
        s.add(HelpOffer(audience="children", contact="07700 900999", offered_on=date(2026, 9, 2)))
    found = post(admin_client, q="sam.parent@example.org", step="search")
    offers = page(found).select("input[name=offer]")
    assert len(offers) == 1
    copy = post(admin_client, q="x", step="export", offer=[offers[0]["value"]])
    assert json.loads(copy.data)["records"][0]["contact"] == "sam.parent@example.org"
    done = post(admin_client, q="x", step="erase", offer=[offers[0]["value"]], confirm="y")
    assert done.status_code == 302
    session.rollback()
    assert [o.contact for o in session.scalars(select(HelpOffer))] == ["07700 900999"]
