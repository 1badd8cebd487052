"""Every staff page × every role (and nobody signed in) gets exactly the access it should."""

from __future__ import annotations

import pytest

from feedback_app.models import ROLES
from tests.staff_helpers import login, seed_staff_records

ANY = set(ROLES)
# What each staff page allows. A new staff page fails test_every_staff_page_is_listed until it
# is added here, so nobody adds a page without deciding who may see it.
EXPECTED = {
    "staff.home": ANY,
    "staff.users": {"admin"},
    "staff.new_user": {"admin"},
    "staff.edit_user": {"admin"},
    "staff.audit_log": {"admin"},
    "staff.closures": {"admin", "complaints_lead"},
    "staff.case_lists": {"complaints_lead"},
    "staff.case_page": {"complaints_lead"},
    "staff.inbox": {"leadership"},
    "staff.safeguarding": {"safeguarding_lead"},
    "staff.safeguarding_flag": {"safeguarding_lead"},
    "staff.sources": {"admin", "practitioner", "champion"},
    "staff.paper_forms": ANY,
    "staff.paper_form": ANY,
    "staff.transcribe": {"practitioner", "admin"},
    "staff.record_tell_us": {"complaints_lead", "admin"},
    "staff.transcriptions": {"practitioner", "admin"},
    # Only the person who typed it in (the practitioner here) or an admin may correct it.
    "staff.correct_transcription": {"practitioner", "admin"},
    # You Said, We Did: champions lead it; leadership may do all a champion does.
    "staff.workspace": {"champion", "leadership"},
    "staff.theme_page": {"champion", "leadership"},
    "staff.action_list": {"champion", "leadership"},
    "staff.new_action": {"champion", "leadership"},
    "staff.edit_action": {"champion", "leadership"},
    "staff.action_page": {"champion", "leadership"},
    "staff.action_summary": {"champion", "leadership"},
    "staff.action_summary_xlsx": {"champion", "leadership"},
    # The participation log is the same team's work; offers to help hold contact details, so
    # only the champions who follow them up see them.
    "staff.participation_log": {"champion", "leadership"},
    "staff.new_activity": {"champion", "leadership"},
    "staff.edit_activity": {"champion", "leadership"},
    "staff.activity_page": {"champion", "leadership"},
    "staff.help_offer_list": {"champion"},
    "staff.help_offer_page": {"champion"},
    # Imports hold personal data from old exports: admins only.
    "staff.import_list": {"admin"},
    "staff.new_import": {"admin"},
    "staff.map_import": {"admin"},
    "staff.import_batch": {"admin"},
    # How many finished with each team: case-system numbers an admin uploads, with its template.
    "staff.response_rates": {"admin"},
    "staff.response_rates_template_csv": {"admin"},
    "staff.response_rates_template_xlsx": {"admin"},
    "staff.export_page": {"admin", "leadership", "champion"},
    # A file an export job made goes to its maker alone (here an admin), whatever the role.
    "staff.export_file": {"admin"},
    "staff.maintenance": {"admin"},
    "staff.subject_access": {"admin"},
    "staff.reports": {"leadership"},
    # Everyone sees their own jobs; another person's job (here one run from the command line)
    # only admins.
    "staff.job_list": ANY,
    "staff.job_page": {"admin"},
    "staff.job_status": {"admin"},
    # A lead corrects the label of a scored answer.
    "staff.label_page": {"leadership"},
}
# Pages that need a choice in the query string; visited with one.
QUERIES = {
    "staff.report_view": "quarter=2026-27-Q2",
    "staff.report_download": "quarter=2026-27-Q2&team=shropshire",
    "staff.report_pdf": "quarter=2026-27-Q2",
}
EXPECTED |= {endpoint: {"leadership"} for endpoint in QUERIES}
OPEN_PAGES = {"staff.login", "staff.logout"}
POST_ONLY = {"staff.retire", "staff.report_rebuild", "staff.retry_job", "staff.correct_label"}
POST_ONLY |= {"staff.start_retention", "staff.start_scoring"}


@pytest.fixture
def seeded(app):
    """One of everything a staff page can be about, and a user for each role."""
    with app.app_context():
        users, ids = seed_staff_records()
        ids["slug"] = "parent-carer"
        return users, ids


def staff_pages(app, ids) -> list[tuple[str, str]]:
    pages = []
    with app.test_request_context():
        from flask import url_for

        for rule in app.url_map.iter_rules():
            if not rule.endpoint.startswith("staff.") or rule.endpoint in OPEN_PAGES | POST_ONLY:
                continue
            url = url_for(rule.endpoint, **{a: ids[a] for a in rule.arguments})
            if rule.endpoint in QUERIES:
                url += "?" + QUERIES[rule.endpoint]
            pages.append((rule.endpoint, url))
    return sorted(pages)


def test_every_staff_page_is_listed_and_checks_a_role(app):
    endpoints = {r.endpoint for r in app.url_map.iter_rules() if r.endpoint.startswith("staff.")}
    assert endpoints - OPEN_PAGES - POST_ONLY == set(EXPECTED)
    for endpoint in endpoints - OPEN_PAGES:
        assert hasattr(app.view_functions[endpoint], "required_roles"), endpoint


def test_role_matrix(app, seeded):
    users, ids = seeded
    pages = staff_pages(app, ids)
    assert len(pages) == len(EXPECTED)
    anonymous = app.test_client()
    for _endpoint, url in pages:
        sent = anonymous.get(url)
        assert sent.status_code == 302 and "/staff/login" in sent.headers["Location"], url
    for role, user in users.items():
        client = app.test_client()
        assert login(client, user.email).status_code == 302
        for endpoint, url in pages:
            expected = 200 if role in EXPECTED[endpoint] else 403
            assert client.get(url).status_code == expected, (role, url)


def test_post_only_actions_check_roles_too(app, seeded):
    users, _ids = seeded
    from tests.staff_helpers import csrf_for

    client = app.test_client()
    login(client, users["leadership"].email)
    token = csrf_for(client, "/staff/")
    assert client.post("/staff/sources/1/retire", data={"csrf_token": token}).status_code == 403
    assert app.test_client().post("/staff/sources/1/retire").status_code in {302, 400}
