"""Faults while people are sending forms: the database restarts or stays locked.

Every person who was told "thank you" is stored exactly once; everyone else got a
"please try again" page that kept their answers, and pressing Send again worked.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from feedback_app.models import Answer, Response
from tests.load_client import send_tell_us

PEOPLE = 8
FORMS = 96


def send_many(base_url: str, fault, during: int) -> list:
    """FORMS submissions from PEOPLE at once; `fault()` runs once `during` have been sent."""
    sent = threading.Semaphore(0)
    counter = {"n": 0}
    lock = threading.Lock()

    def one(i: int):
        outcome = send_tell_us(base_url, f"fault test form {i}")
        with lock:
            counter["n"] += 1
            if counter["n"] == during:
                sent.release()
        return outcome

    faulter = threading.Thread(target=lambda: (sent.acquire(), fault()))
    faulter.start()
    with ThreadPoolExecutor(PEOPLE) as pool:
        outcomes = list(pool.map(one, range(FORMS)))
    faulter.join()
    return outcomes


def check_nothing_lost_or_doubled(session, outcomes) -> None:
    assert all(o.stored for o in outcomes), "someone never got through"
    assert all(o.answers_kept for o in outcomes), "a 'try again' page lost the answers"
    session.rollback()
    messages = session.scalars(
        select(Answer.value_text).where(Answer.question_id == "message")
    ).all()
    assert sorted(messages) == sorted(o.message for o in outcomes)
    assert session.scalar(select(func.count(Response.id))) == FORMS


@pytest.fixture
def fault_app_server(make_app):
    """A separate live server whose database gives up quickly, so faults show within seconds."""
    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    app = make_app(DATABASE_BUSY_TIMEOUT=0.3)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_database_restart_mid_run_loses_and_doubles_nothing(fault_app_server, session):
    app, base_url = fault_app_server
    dialect = app.config["DATABASE_URL"].split(":", 1)[0]
    if dialect.startswith("sqlite"):
        path = app.config["DATABASE_URL"].removeprefix("sqlite:///")

        def fault():
            # Another process holds the write lock for longer than the app will wait.
            blocker = sqlite3.connect(path, timeout=10, isolation_level=None)
            blocker.execute("BEGIN EXCLUSIVE")
            time.sleep(2.0)
            blocker.execute("COMMIT")
            blocker.close()
    else:
        restart = os.environ.get("FEEDBACK_TEST_PG_RESTART")
        if not restart:
            pytest.skip("set FEEDBACK_TEST_PG_RESTART (scripts/with-postgres does) to restart it")

        def fault():
            subprocess.run(  # noqa: S602  (a command the test runner was given)
                restart,
                shell=True,
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )

    started = time.perf_counter()
    outcomes = send_many(base_url, fault, during=FORMS // 3)
    check_nothing_lost_or_doubled(session, outcomes)
    refused = [o for o in outcomes if o.refusals]
    assert refused, "the fault never reached a person: the test proved nothing"
    assert all(set(o.refusals) <= {503, 0} for o in refused), {
        s for o in refused for s in o.refusals
    }
    print(
        f"\n{dialect}: {FORMS} forms, {len(refused)} people asked to try again, "
        f"0 lost, 0 doubled, {time.perf_counter() - started:.1f} s"
    )
