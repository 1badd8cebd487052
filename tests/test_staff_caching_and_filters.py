"""Every staff page and every staff download says Cache-Control: no-store, and the You Said, We
Did list filters by each status with a normal page (the filter once became the HTTP status)."""

from __future__ import annotations

import pytest

from analysis.labels import ACTION_STATUSES
from feedback_app.models import ROLES
from tests.conftest import page
from tests.staff_helpers import csrf_for, login, make_action, make_user, seed_staff_records
from tests.test_staff_access import staff_pages

DOWNLOADS = [
    "/staff/exports?download=1&survey=parent-carer&start=2026-01-01&end=2026-12-31&format=xlsx",
    "/staff/exports?download=1&survey=parent-carer&start=2026-01-01&end=2026-12-31&format=csv",
    "/staff/actions/summary.xlsx",
    "/staff/reports/download?quarter=2026-27-Q2&team=shropshire",
]


@pytest.fixture
def everyone(app):
    with app.app_context():
        _users, ids = seed_staff_records()
        user = make_user(set(ROLES), email="everything@example.org")
    client = app.test_client()
    login(client, user.email)
    return client, {**ids, "slug": "parent-carer"}


def test_every_staff_page_and_download_is_never_stored(app, everyone):
    client, ids = everyone
    pages = [url for _endpoint, url in staff_pages(app, ids)]
    assert app.test_client().get("/staff/login").headers["Cache-Control"] == "no-store"
    for url in pages + DOWNLOADS:
        sent = client.get(url)
        # (An upload waiting to be checked is shown only to the admin who uploaded it: 404; a
        # job's export file only to its maker: 403. test_export_jobs checks the maker's copy.)
        mine_only = "/imports/upload/" in url or "/exports/files/" in url
        assert sent.status_code == 200 or mine_only, url
        assert sent.headers["Cache-Control"] == "no-store", url
    copy = client.post(
        "/staff/subject-access",
        data={
            "csrf_token": csrf_for(client, "/staff/subject-access"),
            "q": "P-1",
            "request_ref": "SAR-2026-040",
            "step": "export",
            "response": [str(ids["response_id"])],
        },
    )
    assert copy.mimetype == "application/json"
    assert copy.headers["Cache-Control"] == "no-store"


def test_public_pages_may_still_be_cached(client):
    assert "no-store" not in client.get("/qr/nothing-here.png").headers.get("Cache-Control", "")


@pytest.mark.parametrize("status", list(ACTION_STATUSES))
def test_the_action_list_filters_by_each_status(app, client, status):
    with app.app_context():
        champion = make_user("champion")
        for each in ACTION_STATUSES:
            fields = {"status": each, "you_said": f"You said {each}"}
            if each != "done":
                fields["we_did"] = None
            if each == "not_possible":
                fields["not_possible_reason"] = "No budget this year"
            make_action(champion, **fields)
    login(client, champion.email)
    sent = client.get(f"/staff/actions?status={status}")
    assert sent.status_code == 200
    shown = page(sent).get_text()
    assert f"You said {status}" in shown
    assert not any(f"You said {other}" in shown for other in ACTION_STATUSES if other != status)
    current = page(sent).select_one("a[aria-current=page]")
    assert current.get_text() == ACTION_STATUSES[status].lower()
