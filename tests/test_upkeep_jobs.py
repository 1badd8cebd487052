"""Upkeep started from a staff page (the retention schedule, scoring free text) runs as a
background job whose page says what it did; only an admin may start it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select

from analysis.clock import utc_now
from feedback_app import db
from feedback_app.models import Answer, Job, Response, TextSignal
from tests.answers import VALID_ANSWERS
from tests.conftest import page, text_of
from tests.staff_helpers import csrf_for, login, make_user, save_response

CHILD = VALID_ANSWERS["working-with-us"]


def _job_text(client, response) -> str:
    assert response.status_code == 302 and "/staff/jobs/" in response.headers["Location"]
    return text_of(page(client.get(response.headers["Location"])))


def test_an_admin_previews_then_applies_the_retention_schedule_as_a_job(app, client):
    with app.app_context():
        admin = make_user("admin")
        now = utc_now()
        old = save_response(
            "working-with-us",
            {**CHILD, "best_thing": "long ago"},
            submitted_at=datetime(2018, 1, 5),
        )
        kept = save_response("working-with-us", {**CHILD, "best_thing": "new"}, submitted_at=now)
    login(client, admin.email)
    token = csrf_for(client, "/staff/maintenance")
    preview = client.post(
        "/staff/maintenance/retention", data={"csrf_token": token, "mode": "plan"}
    )
    shown = _job_text(client, preview)
    assert "Finished" in shown and "Nothing was changed" in shown
    assert "delete 1 responses" in shown
    with app.app_context():
        assert db.session().get(Response, old) is not None  # a preview changes nothing
    applied = client.post(
        "/staff/maintenance/retention", data={"csrf_token": token, "mode": "apply"}
    )
    assert "1 responses deleted" in _job_text(client, applied)
    with app.app_context():
        assert db.session().get(Response, old) is None
        assert db.session().get(Response, kept) is not None
        started = db.session().scalars(select(Job.started_by_id).where(Job.kind == "retention"))
        assert set(started) == {admin.id}


def test_scoring_from_the_upkeep_page_fills_in_missing_signals(app, client):
    with app.app_context():
        admin = make_user("admin")
        save_response("working-with-us", {**CHILD, "best_thing": "My worker really listens"})
        with db.transaction() as session:
            session.execute(delete(TextSignal))
    login(client, admin.email)
    token = csrf_for(client, "/staff/maintenance")
    started = client.post("/staff/maintenance/scoring", data={"csrf_token": token})
    assert "Scored 1 free-text answers" in _job_text(client, started)
    with app.app_context():
        scored = db.session().scalar(
            select(func.count(TextSignal.answer_id))
            .join(Answer)
            .where(Answer.question_id == "best_thing")
        )
        assert scored == 1


def test_only_an_admin_starts_upkeep_and_every_start_needs_the_form_token(app, client):
    with app.app_context():
        lead = make_user("leadership")
        admin = make_user("admin", email="admin@example.org")
    login(client, lead.email)
    assert client.get("/staff/maintenance").status_code == 403
    assert client.post("/staff/maintenance/retention", data={"mode": "apply"}).status_code in (
        400,
        403,
    )
    admin_client = app.test_client()
    login(admin_client, admin.email)
    refused = admin_client.post("/staff/maintenance/retention", data={"mode": "apply"})
    assert refused.status_code == 400
    with app.app_context():
        assert db.session().scalar(select(func.count(Job.id))) == 0
