"""Staff pages name things in words, never by their stored codes, and show times on the UK clock
(an hour ahead of the stored UTC in summer), on both sides of the October change."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from analysis import labels
from analysis.safeguarding import CATEGORIES
from analysis.safeguarding_families import load_families
from feedback_app import db
from feedback_app.models import CHANNELS, ROLES, AuditEvent, SafeguardingFlag
from tests.answers import VALID_ANSWERS
from tests.conftest import page, text_of
from tests.staff_helpers import login, make_user, save_response

# British Summer Time ends at 01:00 UTC on Sunday 25 October 2026.
BEFORE_THE_CHANGE = datetime(2026, 10, 24, 23, 30)  # 00:30 on 25 October in the UK (BST)
AFTER_THE_CHANGE = datetime(2026, 10, 25, 23, 30)  # 23:30 on 25 October in the UK (GMT)


def _flag(app, at: datetime, categories: str, channel: str = "paper") -> int:
    """A flagged answer to "What could we do better?", raised at `at` (UTC)."""
    with app.app_context():
        response_id = save_response(
            "working-with-us",
            {**VALID_ANSWERS["working-with-us"], "do_better": "he hits me when I get home"},
            channel=channel,
            submitted_at=at,
        )
        with db.transaction() as session:
            flag = session.scalars(
                select(SafeguardingFlag).where(SafeguardingFlag.response_id == response_id)
            ).one()
            flag.flagged_at, flag.categories = at, categories
            return flag.id


@pytest.fixture
def lead_client(app, client):
    with app.app_context():
        make_user("safeguarding_lead")
    login(client, "safeguarding_lead@example.org")
    return client


def test_every_code_the_pages_show_has_its_words():
    assert set(labels.CHANNEL_NAMES) == set(CHANNELS)
    assert set(labels.ROLE_NAMES) == set(ROLES)
    family_harms = {family.harm for family in load_families()}
    assert set(CATEGORIES) | family_harms <= set(labels.HARM_NAMES)
    assert labels.harm_names("self_harm, unsafe_home") == (
        "self-harm or suicide; unsafe at home or nowhere safe to stay"
    )


def test_a_flag_names_the_harm_the_question_and_how_it_came_in_words(app, lead_client):
    flag_id = _flag(app, BEFORE_THE_CHANGE, "self_harm, unsafe_at_home")
    text = text_of(page(lead_client.get(f"/staff/safeguarding/{flag_id}")))
    assert "self-harm or suicide; unsafe at home" in text
    assert "What could we do better?" in text and "Working with us" in text
    assert "Paper form, typed in by staff" in text
    codes = ("self_harm", "self harm", "unsafe at home,", "question do", "do_better", ", paper")
    assert not [code for code in codes if code in text]


def test_flag_times_are_uk_clock_times_across_the_october_change(app, lead_client):
    summer = _flag(app, BEFORE_THE_CHANGE, "abuse")
    winter = _flag(app, AFTER_THE_CHANGE, "abuse")
    summer_page = text_of(page(lead_client.get(f"/staff/safeguarding/{summer}")))
    winter_page = text_of(page(lead_client.get(f"/staff/safeguarding/{winter}")))
    assert "Sunday 25 October 2026 00:30" in summer_page  # 23:30 UTC on the 24th
    assert "Sunday 25 October 2026 23:30" in winter_page  # GMT is UTC
    queue = text_of(page(lead_client.get("/staff/safeguarding")))
    assert "raised 25 Oct 2026 00:30" in queue and "raised 25 Oct 2026 23:30" in queue
    assert "24 Oct 2026" not in queue
    assert "UTC" not in summer_page + winter_page + queue


def test_the_audit_log_shows_uk_times(app, client):
    with app.app_context():
        admin = make_user("admin")
        with db.transaction() as s:
            s.add(
                AuditEvent(
                    at=datetime(2026, 7, 1, 8, 15), action="create", entity="service_closure"
                )
            )
    login(client, admin.email)
    text = text_of(page(client.get("/staff/audit")))
    assert "01 Jul 2026 09:15" in text and "UTC" not in text
    assert "Create closure day" in text and "service_closure" not in text


def test_staff_roles_are_named_in_words(app, client):
    with app.app_context():
        make_user({"admin", "complaints_lead"}, email="both@example.org", name="Jo Both")
    login(client, "both@example.org")
    home = text_of(page(client.get("/staff/")))
    assert "(Admin, Complaints lead)" in home
    accounts = text_of(page(client.get("/staff/users")))
    assert "Admin, Complaints lead" in accounts and "Safeguarding lead" in accounts
    assert "complaints_lead" not in accounts and "complaints lead" not in accounts


def test_the_export_page_asks_for_days_as_day_month_and_year(app, client):
    with app.app_context():
        make_user("admin")
    login(client, "admin@example.org")
    shown = page(client.get("/staff/exports"))
    assert "Like 2026" not in text_of(shown) and not shown.select('input[type="date"]')
    for name in ("start-day", "start-month", "start-year", "end-day", "end-month", "end-year"):
        assert shown.select_one(f'input[name="{name}"][inputmode="numeric"]')
    assert "For example, 29 12 2026" in text_of(shown)
    typed = client.get(
        "/staff/exports?download=1&survey=working-with-us&format=csv&layout=wide"
        "&start-day=1&start-month=7&start-year=2026&end-day=30&end-month=9&end-year=2026"
    )
    assert typed.status_code == 200 and typed.mimetype == "text/csv"
    assert "2026-07-01-to-2026-09-30" in typed.headers["Content-Disposition"]
    wrong = client.get(
        "/staff/exports?download=1&survey=working-with-us"
        "&start-day=31&start-month=2&start-year=2026&end-day=1&end-month=3&end-year=2026"
    )
    assert wrong.status_code == 400
    assert "Enter a real date, for example 29 12 2026" in text_of(page(wrong))
