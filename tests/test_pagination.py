"""Staff lists come in pages: newest first by the real date, "showing 1-50 of 212", and the
list's filters kept in the page links."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import insert

from analysis.clock import utc_now
from feedback_app import db
from feedback_app.models import AuditEvent, Response, TellUsCase
from feedback_app.services.surveys import current_version
from feedback_app.surveys_registry import all_definitions
from tests.conftest import page, text_of
from tests.staff_helpers import login, make_user


def _compliments(count: int) -> None:
    """`count` compliments, one a day going back, stored out of date order."""
    with db.transaction() as session:
        version = current_version(session, all_definitions()["tell-us"])
        for n in sorted(range(count), key=lambda n: (n * 37) % count):
            response = Response(
                survey_id=version.survey_id,
                survey_version_id=version.id,
                channel="link",
                submission_token=f"compliment-{n}",
            )
            session.add(response)
            session.flush()
            day = date(2026, 6, 30) - timedelta(days=n)
            session.add(
                TellUsCase(
                    response_id=response.id,
                    kind="compliment",
                    received_on=day,
                    stage_started_on=day,
                    status="closed",
                )
            )


def test_the_inbox_shows_every_message_in_pages_newest_first_by_date(app, client):
    with app.app_context():
        leader = make_user("leadership")
        _compliments(212)
    login(client, leader.email)
    first = page(client.get("/staff/inbox"))
    assert "Showing 1–50 of 212 messages" in text_of(first)
    headings = [h.get_text() for h in first.select("h2.card__title")]
    assert len(headings) == 50
    assert headings[0].endswith("30 June 2026") and headings[1].endswith("29 June 2026")
    last = page(client.get(first.find("a", rel="next")["href"].replace("page=2", "page=5")))
    assert "Showing 201–212 of 212 messages" in text_of(last)
    assert last.select("h2.card__title")[-1].get_text().endswith("1 December 2025")
    assert last.find("a", rel="next") is None and last.find("a", rel="prev") is not None
    past_the_end = page(client.get("/staff/inbox?page=99"))
    assert "Showing 201–212 of 212" in text_of(past_the_end)


def test_the_audit_log_keeps_its_filter_across_pages(app, client):
    with app.app_context():
        admin = make_user("admin")
        with db.transaction() as session:
            now = utc_now()
            rows = [
                {
                    "at": now - timedelta(minutes=n),
                    "action": "edit",
                    "entity": e,
                    "entity_id": str(n),
                }
                for n in range(120)
                for e in ("source",)
            ] + [{"at": now, "action": "edit", "entity": "team", "entity_id": "x"}]
            session.execute(insert(AuditEvent), rows)
    login(client, admin.email)
    shown = page(client.get("/staff/audit?entity=source"))
    assert "Showing 1–50 of 120 changes" in text_of(shown)
    next_link = shown.find("a", rel="next")["href"]
    assert "entity=source" in next_link and "page=2" in next_link
    assert "Showing 51–100 of 120 changes" in text_of(page(client.get(next_link)))
