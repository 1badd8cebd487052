"""A large export is made by a background job: the request only starts it, the job page
follows it, and the file is handed to the person who asked for it alone."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta

from sqlalchemy import select, update

from analysis.clock import utc_now
from feedback_app import db
from feedback_app.models import AuditEvent, ExportFile, Job
from tests.answers import VALID_ANSWERS
from tests.conftest import page
from tests.staff_helpers import login, make_user, save_response

URL = (
    "/staff/exports?download=1&survey=working-with-us&start=2026-07-01&end=2026-09-30"
    "&layout=wide&format=csv"
)


def _three_responses(app) -> None:
    with app.app_context():
        for day in (1, 2, 3):
            save_response(
                "working-with-us",
                {**VALID_ANSWERS["working-with-us"], "best_thing": f"Day {day} was good"},
                submitted_at=datetime(2026, 7, day, 9),
            )


def test_a_large_export_runs_as_a_job_and_only_its_maker_downloads_it(app, client, monkeypatch):
    _three_responses(app)
    monkeypatch.setitem(app.config, "EXPORT_INLINE_RESPONSES", 2)  # three count as large
    with app.app_context():
        leader = make_user("leadership")
        other = make_user("leadership", email="other@example.org")
    login(client, leader.email)
    started = client.get(URL)
    assert started.status_code == 302 and "/staff/jobs/" in started.headers["Location"]
    job_page = page(client.get(started.headers["Location"]))
    assert "The export is ready: 3 rows" in job_page.get_text()
    link = job_page.find("a", string="See what it made")["href"]
    sent = client.get(link)
    assert sent.status_code == 200 and sent.mimetype == "text/csv"
    assert sent.headers["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(sent.data.decode("utf-8-sig"))))
    assert len(rows) == 4 and any("Day 3 was good" in cell for cell in rows[-1])
    stranger = app.test_client()
    login(stranger, other.email)
    assert stranger.get(link).status_code == 403
    with app.app_context():
        session = db.session()
        job = session.scalars(select(Job).where(Job.kind == "export")).first()
        assert job.started_by_id == leader.id and job.state == "done"
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "export")).one()
        assert event.user_id == leader.id and event.after["rows"] == 3
        assert event.after["restricted_columns"] is True
    with app.app_context(), db.transaction() as session:  # a day later the file is gone
        session.execute(update(ExportFile).values(created_at=utc_now() - timedelta(days=2)))
    assert client.get(link).status_code == 404


def test_a_champions_job_export_keeps_the_champions_protection(app, client, monkeypatch):
    _three_responses(app)
    monkeypatch.setitem(app.config, "EXPORT_INLINE_RESPONSES", 0)
    with app.app_context():
        champion = make_user("champion")
    login(client, champion.email)
    started = client.get(URL)
    assert started.status_code == 302
    with app.app_context():
        made = db.session().scalars(select(ExportFile)).one()
        assert made.made_by_id == champion.id and made.rows == 3
        event = db.session().scalars(select(AuditEvent).where(AuditEvent.action == "export")).one()
        assert event.after["text_protected"] is True
        assert event.after["restricted_columns"] is False


def test_a_small_export_is_still_sent_at_once(app, client):
    _three_responses(app)
    with app.app_context():
        leader = make_user("leadership")
    login(client, leader.email)
    sent = client.get(URL)
    assert sent.status_code == 200 and sent.mimetype == "text/csv"
    with app.app_context():
        assert db.session().scalars(select(Job)).first() is None
