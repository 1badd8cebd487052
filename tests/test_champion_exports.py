"""A champion's export carries the protection of the champions' screens: free text redacted,
text flagged for safeguarding and Tell us complaints left out, and the file says how many.
Leadership and admin exports are unchanged."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from feedback_app.models import AuditEvent, SafeguardingFlag
from feedback_app.services.exports import LEFT_OUT_COMPLAINT, LEFT_OUT_FLAGGED
from tests.answers import VALID_ANSWERS
from tests.staff_helpers import login, make_user, save_response

NAMED = "Ask Jessica Okafor on 07700 900123, she was great"
FLAGGED = "my stepdad hits me when he is drunk"
COMPLAINT = "Nobody rang me back about my son Tyler, I am furious"
COMPLIMENT = "Thank you to Jessica for the lift home"
JULY = datetime(2026, 7, 10, 9)


@pytest.fixture
def answers(app, session):
    child = VALID_ANSWERS["working-with-us"]
    tell_us = VALID_ANSWERS["tell-us"]
    with app.app_context():
        save_response("working-with-us", {**child, "best_thing": NAMED}, submitted_at=JULY)
        save_response("working-with-us", {**child, "do_better": FLAGGED}, submitted_at=JULY)
        save_response("tell-us", {**tell_us, "message": COMPLAINT}, submitted_at=JULY)
        compliment = {**tell_us, "kind": "compliment", "reply": "no", "message": COMPLIMENT}
        save_response("tell-us", compliment, submitted_at=JULY)
    assert session.scalar(select(SafeguardingFlag.id)) is not None  # the detector saw it


def download(app, role, survey, file_format):
    with app.app_context():
        user = make_user(role, email=f"{role}-{survey}-{file_format}@example.org")
    client = app.test_client()
    login(client, user.email)
    sent = client.get(
        f"/staff/exports?download=1&survey={survey}&start=2026-07-01&end=2026-07-31"
        f"&layout=wide&format={file_format}"
    )
    assert sent.status_code == 200
    if file_format == "csv":
        return [list(csv.reader(io.StringIO(sent.data.decode("utf-8-sig"))))]
    return [list(sheet.values) for sheet in load_workbook(io.BytesIO(sent.data)).worksheets]


def cells(sheets) -> list[str]:
    return [c for sheet in sheets for row in sheet for c in row if isinstance(c, str)]


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_a_champions_export_is_redacted_and_leaves_out_flagged_text(answers, app, file_format):
    text = cells(download(app, "champion", "working-with-us", file_format))
    assert NAMED not in text and FLAGGED not in text
    assert any("[name]" in t and "[phone]" in t and "she was great" in t for t in text)
    assert LEFT_OUT_FLAGGED in text


def test_a_champions_export_leaves_out_complaint_text_and_says_how_much(answers, app, session):
    sheets = download(app, "champion", "tell-us", "xlsx")
    text = cells(sheets)
    assert COMPLAINT not in text and LEFT_OUT_COMPLAINT in text
    assert "Thank you to [name] for the lift home" in text
    about = [row[0] for row in sheets[1]]
    assert "1 answer left out: a Tell us complaint." in about
    event = session.scalars(select(AuditEvent).where(AuditEvent.action == "export")).one()
    assert event.after["left_out"] == {"a Tell us complaint": 1}


@pytest.mark.parametrize("role", ["leadership", "admin"])
def test_leadership_and_admin_exports_stay_as_they_are(answers, app, role):
    text = cells(download(app, role, "working-with-us", "xlsx"))
    assert NAMED in text and FLAGGED in text
    complaints = cells(download(app, role, "tell-us", "csv"))
    assert COMPLAINT in complaints and LEFT_OUT_COMPLAINT not in complaints
