"""No input gives a 500: every route in the URL map (public and staff, signed in as someone with
every role) gets ids too big for the database, digits int() refuses ("²"), and file parts where
text belongs, and answers with a clear 4xx page (or its normal page) instead."""

from __future__ import annotations

import io
import re
from urllib.parse import quote

import pytest

from feedback_app.models import ROLES
from tests.conftest import page
from tests.staff_helpers import csrf_for, login, make_user, seed_staff_records

HUGE = "99999999999999999999999"
ODD_TEXT = ["²", "..%2F..%2Fsecret", "%00", "x" * 2000]
# Names routes read from the query string or a form; any others come from the page's own form.
FIELD_NAMES = [
    "response",
    "responses",
    "offer",
    "status",
    "quarter",
    "team",
    "period",
    "audience",
    "theme",
    "entity",
    "survey",
    "start",
    "end",
    "layout",
    "format",
    "lang",
    "easy",
    "q",
    "step",
    "token",
    "download",
]
SKIP = {"static", "staff.logout"}  # signing out mid-walk would end the walk


@pytest.fixture
def walker(app):
    with app.app_context():
        _users, ids = seed_staff_records()
        make_user(set(ROLES), email="everything@example.org")
    client = app.test_client()
    login(client, "everything@example.org")
    return client, {**ids, "slug": "parent-carer"}


def url_with(rule, values: dict) -> str:
    def fill(match: re.Match) -> str:
        converter, name = match.group(1) or "", match.group(2)
        return quote(str(values(converter, name)), safe="%")

    return re.sub(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>", fill, rule.rule)


def hostile(converter: str, _name: str) -> str:
    return HUGE if converter == "int" else "²"


def form_names(client, url: str) -> set[str]:
    sent = client.get(url)
    if sent.status_code != 200 or "html" not in sent.mimetype:
        return set()
    return {
        tag["name"]
        for tag in page(sent).select("input[name], select[name], textarea[name]")
        if tag["name"] != "csrf_token"
    }


def sent_everything(client, rule, url: str, token: str) -> list[tuple[str, int]]:
    answers = []
    odd = dict.fromkeys(FIELD_NAMES, ODD_TEXT[0])
    if "GET" in rule.methods:
        answers.append((f"GET {url}", client.get(url).status_code))
        answers.append((f"GET {url}?²", client.get(url, query_string=odd).status_code))
        huge = dict.fromkeys(FIELD_NAMES, HUGE)
        answers.append((f"GET {url}?huge", client.get(url, query_string=huge).status_code))
    if "POST" in rule.methods:
        names = set(FIELD_NAMES) | (form_names(client, url) if "GET" in rule.methods else set())
        headers = {"X-CSRFToken": token}
        files = {n: (io.BytesIO(b"a file, not text"), "part.txt") for n in sorted(names)}
        sent = client.post(url, data=files, headers=headers, content_type="multipart/form-data")
        answers.append((f"POST files {url}", sent.status_code))
        for value in (*ODD_TEXT, HUGE):
            text = dict.fromkeys(sorted(names), value)
            answers.append(
                (
                    f"POST {value[:8]} {url}",
                    client.post(url, data=text, headers=headers).status_code,
                )
            )
    return answers


def test_no_route_answers_500_to_hostile_input(app, walker):
    client, ids = walker
    token = csrf_for(client, "/staff/")
    failures = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint in SKIP:
            continue
        urls = {url_with(rule, hostile)} if rule.arguments else set()
        real = lambda c, n: ids.get(n, hostile(c, n))  # noqa: E731
        urls.add(url_with(rule, real))
        for url in sorted(urls):
            for what, status in sent_everything(client, rule, url, token):
                if status >= 500:
                    failures.append(f"{status} {what}")
    assert failures == [], "\n".join(failures)
    assert client.get("/staff/").status_code == 200  # still signed in: the walk reached staff pages


def test_a_huge_id_or_an_odd_digit_gets_a_clear_page(app, walker):
    client, _ids = walker
    poster = client.get(f"/you-said-we-did/{HUGE}/poster")
    assert poster.status_code == 404 and "Page not found" in page(poster).h1.get_text()
    token = csrf_for(client, "/staff/subject-access")
    odd = client.post(
        "/staff/subject-access",
        data={"csrf_token": token, "q": "someone", "step": "export", "response": "²"},
    )
    assert odd.status_code == 400
    assert "Tick the records" in page(odd).get_text()
