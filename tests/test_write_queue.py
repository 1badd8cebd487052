"""SQLite writes one transaction at a time: transactions queue for it on a lock file, so the
next starts as soon as the last commits (not when SQLite's backoff next wakes it), and one
that waits past DATABASE_BUSY_TIMEOUT gives the person the "try again" page, answers kept."""

from __future__ import annotations

import fcntl
import threading
import time

import pytest
from sqlalchemy import select, text

from feedback_app import db
from feedback_app.models import Answer
from tests.answers import VALID_ANSWERS
from tests.conftest import submit_form

pytestmark = pytest.mark.sqlite_only


def test_a_waiting_transaction_starts_as_soon_as_the_last_one_commits(make_app):
    app = make_app()
    events: dict[str, float] = {}
    holding = threading.Event()

    def first() -> None:
        with app.app_context(), db.transaction() as session:
            session.execute(text("CREATE TABLE IF NOT EXISTS queue_probe (n INTEGER)"))
            session.execute(text("INSERT INTO queue_probe VALUES (1)"))
            holding.set()
            time.sleep(0.4)
            events["first_done"] = time.perf_counter()
        events["first_committed"] = time.perf_counter()

    def second() -> None:
        holding.wait()
        with app.app_context(), db.transaction() as session:
            events["second_started"] = time.perf_counter()
            session.execute(text("INSERT INTO queue_probe VALUES (2)"))

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    with app.app_context(), db.transaction() as session:
        assert session.execute(text("SELECT n FROM queue_probe ORDER BY n")).scalars().all() == [
            1,
            2,
        ]
        session.execute(text("DROP TABLE queue_probe"))
    # The second began after the first had committed, and within a few milliseconds of it.
    assert events["second_started"] >= events["first_done"]
    assert events["second_started"] - events["first_done"] < 0.05, events


def test_a_form_that_waits_too_long_is_asked_to_try_again_with_its_answers(make_app, session):
    app = make_app(DATABASE_BUSY_TIMEOUT=0.2)
    queue = app.extensions["db_write_queue"]
    message = "queued behind a long write"
    with open(queue.path, "ab") as other_process:  # another process's transaction holds it
        fcntl.flock(other_process.fileno(), fcntl.LOCK_EX)
        started = time.perf_counter()
        client = app.test_client()
        response = submit_form(
            client, "/forms/tell-us", {**VALID_ANSWERS["tell-us"], "message": message}
        )
        waited = time.perf_counter() - started
        fcntl.flock(other_process.fileno(), fcntl.LOCK_UN)
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert message in page  # what they typed is still there
    assert 0.2 <= waited < 5
    session.rollback()
    stored = session.scalars(select(Answer.value_text).where(Answer.value_text == message))
    assert stored.all() == []
    # Sent again once the database is free: stored.
    again = submit_form(client, "/forms/tell-us", {**VALID_ANSWERS["tell-us"], "message": message})
    assert again.status_code in (302, 303)
    session.rollback()
    assert session.scalars(select(Answer.value_text).where(Answer.value_text == message)).all() == [
        message
    ]
