"""Staff sessions end on the server (sign-out, a new password, a switched-off account), the CSRF
token is new at sign-in, and wrong passwords are slowed per account and address with the same
answer, in about the same time, whether the account exists or not."""

from __future__ import annotations

import time

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from feedback_app import db
from feedback_app.models import StaffUser
from feedback_app.services import accounts
from tests.conftest import form_tokens, page, text_of
from tests.staff_helpers import PASSWORD, csrf_for, login, make_user

STRANGER = {"REMOTE_ADDR": "203.0.113.9"}
OWNER = {"REMOTE_ADDR": "198.51.100.4"}


def copy_of(client: FlaskClient) -> FlaskClient:
    """Another browser holding a copy of this one's session cookie."""
    thief = client.application.test_client()
    cookie = client.get_cookie("feedback_session")
    thief.set_cookie("feedback_session", cookie.value)
    return thief


def signed_in(client: FlaskClient) -> bool:
    return client.get("/staff/").status_code == 200


def test_a_cookie_copied_before_sign_out_gets_the_sign_in_page_after(app, client):
    with app.app_context():
        make_user("admin", email="ad@example.org")
    login(client, "ad@example.org")
    thief = copy_of(client)
    assert signed_in(thief)  # the copy works while the session lasts
    client.post("/staff/logout", data={"csrf_token": csrf_for(client, "/staff/")})
    after = thief.get("/staff/users")
    assert after.status_code == 302 and "/staff/login" in after.headers["Location"]
    assert not signed_in(client)


@pytest.mark.parametrize("change", ["password", "deactivate"])
def test_a_new_password_or_a_switched_off_account_ends_its_sessions(app, client, change):
    with app.app_context():
        admin = make_user("admin", email="ad@example.org")
        worker = make_user("practitioner", email="pat@example.org")
    their_browser = app.test_client()
    login(their_browser, "pat@example.org")
    assert signed_in(their_browser)
    with app.app_context(), db.transaction() as session:
        user = session.get(StaffUser, worker.id)
        accounts.update_user(
            session,
            user,
            session.get(StaffUser, admin.id),
            user.name,
            user.roles,
            active=change != "deactivate",
            password="a brand new long password" if change == "password" else None,
        )
    assert not signed_in(their_browser)


def test_sign_in_gives_a_new_csrf_token(app, client):
    with app.app_context():
        make_user("admin", email="ad@example.org")
    before = form_tokens(client.get("/staff/login"))["csrf_token"]
    login(client, "ad@example.org")
    after = csrf_for(client, "/staff/users/new")
    assert after != before
    # A token planted before sign-in is refused after it.
    refused = client.post("/staff/logout", data={"csrf_token": before})
    assert refused.status_code == 400
    assert signed_in(client)


@pytest.fixture
def limited(make_app):
    app = make_app(
        RATELIMIT_ENABLED=True,
        LOGIN_ACCOUNT_LIMIT="5 per 15 minutes",
        LOGIN_LIMIT="1000 per minute",
    )
    with app.app_context():
        make_user("admin", email="ad@example.org")
    return app


def attempt(app, email, password, address):
    client = app.test_client()
    client.environ_base.update(address)
    return client, login(client, email, password)


def test_a_strangers_wrong_passwords_never_lock_the_owner_out(limited):
    answers = [
        attempt(limited, "ad@example.org", "guess number one", STRANGER)[1] for _ in range(7)
    ]
    assert [a.status_code for a in answers[:5]] == [400] * 5
    assert answers[-1].status_code == 429
    assert "Too many sign-in tries" in text_of(page(answers[-1]))
    owner, sent = attempt(limited, "ad@example.org", PASSWORD, OWNER)
    assert sent.status_code == 302 and signed_in(owner)


def test_each_try_from_an_address_counts_once_against_its_limit(make_app):
    """An office or school shares one address: the address's limit is the number of tries it
    says, whatever the accounts' limit on top of it."""
    app = make_app(
        RATELIMIT_ENABLED=True, LOGIN_LIMIT="4 per minute", LOGIN_ACCOUNT_LIMIT="100 per minute"
    )
    statuses = [
        attempt(app, f"person{n}@example.org", "a wrong password", STRANGER)[1].status_code
        for n in range(5)
    ]
    assert statuses == [400, 400, 400, 400, 429]


def test_known_and_unknown_accounts_get_the_same_answers(limited):
    def answers(email):
        seen = []
        for _ in range(6):
            _client, sent = attempt(limited, email, "guess number two", STRANGER)
            seen.append((sent.status_code, text_of(page(sent).select_one("main"))))
        return seen

    known = answers("ad@example.org")
    assert known == answers("nobody@example.org")
    assert known[-1][0] == 429
    assert "this account" not in known[-1][1] and "too many tries" in known[-1][1].lower()


@pytest.mark.real_password_hash
def test_known_and_unknown_emails_take_about_the_same_time(app):
    with app.app_context():
        make_user("admin", email="ad@example.org")

        def timed(email):
            started = time.thread_time()
            with db.transaction() as session:
                result = accounts.authenticate(session, email, "not the password")
            assert result.user is None and result.message == accounts.WRONG_DETAILS
            return time.thread_time() - started

        # The work done, as this thread's CPU (the hash check runs in it), taken in turns: a
        # busy shared machine stretches the wall-clock time of one and not the other.
        times: dict[str, list[float]] = {"ad@example.org": [], "nobody@example.org": []}
        for _ in range(5):
            for email, taken in times.items():
                taken.append(timed(email))
        known, unknown = min(times["ad@example.org"]), min(times["nobody@example.org"])
    # Both check a password hash; without the dummy check an unknown email is ~100 times faster.
    assert 0.5 < unknown / known < 2, (known, unknown)


def test_sessions_name_a_token_not_the_account_number(app, client, session):
    with app.app_context():
        user = make_user("admin", email="ad@example.org")
    login(client, "ad@example.org")
    token = session.scalar(select(StaffUser.session_token).where(StaffUser.id == user.id))
    assert len(token) >= 40 and str(user.id) != token
