"""A Tell us message received by phone, email, the website, in person or by letter: recorded by
the complaints lead, through the same intake as a form, with the clock from the day received."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from feedback_app.models import Response, SafeguardingFlag, TellUsCase, TextSignal
from tests.conftest import page, text_of
from tests.staff_helpers import csrf_for

URL = "/staff/tell-us/new"
# Friday 28 August 2026; Monday 31 August is the summer bank holiday.
CALL = {
    "intake-channel": "phone",
    "intake-received_on": "2026-08-28",
    "kind": "complaint",
    "who": "parent_carer",
    "team": "shropshire",
    "message": "Nobody rang me back after my son's panel meeting and I am fed up.",
    "reply": "yes",
    "contact": "07700 900456",
}


def record(client, **changes):
    data = {**CALL, **changes, "csrf_token": csrf_for(client, URL)}
    return client.post(URL, data=data)


def test_a_phone_complaint_on_the_friday_before_a_bank_holiday_gets_the_right_due_dates(
    app, client, session, signed_in
):
    lead = signed_in("complaints_lead")
    saved = record(client)
    assert saved.status_code == 302
    response = session.scalars(select(Response)).one()
    assert response.channel == "phone" and response.paper_reference is None
    assert response.transcribed_by_id == lead.id
    case = session.scalars(select(TellUsCase)).one()
    assert case.received_on == date(2026, 8, 28)
    # Working days after Fri 28 Aug, skipping the weekend and Mon 31 Aug: Tue 1, Wed 2, Thu 3,
    # Fri 4, Mon 7 September (5: acknowledge); then 10 more: 8-11, 14-18, 21 (respond).
    assert case.acknowledge_by == date(2026, 9, 7)
    assert case.respond_by == date(2026, 9, 21)
    assert session.scalars(select(TextSignal)).all()  # scored like any other answer


def test_a_disclosure_by_email_is_flagged_like_a_form(app, client, session, signed_in):
    signed_in("admin")
    message = "My daughter says she wants to kill herself and no one is listening."
    assert record(client, **{"intake-channel": "email", "message": message}).status_code == 302
    assert session.scalars(select(Response)).one().channel == "email"
    assert session.scalars(select(SafeguardingFlag)).all()


def test_bad_input_says_what_to_fix_and_stores_nothing(app, client, session, signed_in):
    signed_in("complaints_lead")
    refused = record(
        client, **{"intake-channel": "", "intake-received_on": "2099-01-01", "message": ""}
    )
    assert refused.status_code == 400
    body = text_of(page(refused))
    assert "Select how the message reached us" in body
    assert "The date cannot be in the future" in body or "future" in body
    assert session.scalar(select(Response.id)) is None


def test_practitioners_cannot_record_messages(app, client, signed_in):
    signed_in("practitioner")
    assert client.get(URL).status_code == 403
