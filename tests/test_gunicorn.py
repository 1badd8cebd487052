"""The production server as the README starts it: gunicorn, reading gunicorn.conf.py, loads the
app and the text models once, then forks its workers. Each worker must get its own database
connections and a scorer already loaded."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import select

from feedback_app.models import Answer, TextSignal
from tests.load_client import Person, send_tell_us

ROOT = Path(__file__).resolve().parents[1]
WORKERS = 2
FORMS = 12


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def gunicorn_url(migrated_database, tmp_path):
    port = _free_port()
    log = tmp_path / "gunicorn.log"
    env = {
        **os.environ,
        "DATABASE_URL": migrated_database,
        "SECRET_KEY": secrets.token_hex(32),
        "FEEDBACK_ENV": "production",
        "PUBLIC_SUBMIT_LIMIT": "1000 per minute",
        "JOBS_BROKER": f"sqlite:///{tmp_path / 'jobs.db'}",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "info",
            "feedback_app:create_app()",
        ],
        cwd=ROOT,  # where gunicorn finds gunicorn.conf.py, as in the README
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if Person(base).request("GET", "/forms/tell-us")[0] == 200:
                    break
            except OSError:
                pass
            assert server.poll() is None, log.read_text()
            time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not start:\n" + log.read_text())
        yield base, log
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_forked_workers_store_every_form_with_models_loaded_before_the_fork(gunicorn_url, session):
    base, log = gunicorn_url
    started = log.read_text()
    assert "Booting worker" in started
    # The models were loaded in the parent, before any worker was forked.
    assert started.index("text models loaded") < started.index("Booting worker"), started

    def one(i: int):
        return send_tell_us(base, f"staff were kind {i}", patience=30)

    with ThreadPoolExecutor(4) as pool:
        outcomes = list(pool.map(one, range(FORMS)))
    assert [o.refusals for o in outcomes] == [[]] * FORMS
    # No worker waits seconds for a model on its first form.
    assert max(o.seconds for o in outcomes) < 3, [round(o.seconds, 2) for o in outcomes]
    session.rollback()
    messages = session.scalars(select(Answer.value_text).where(Answer.question_id == "message"))
    assert sorted(messages) == sorted(o.message for o in outcomes)
    # Each message scored, a moment later, by the job workers inside the gunicorn workers.
    deadline = time.monotonic() + 30
    while True:
        session.rollback()
        scored = session.scalars(select(TextSignal.answer_id)).all()
        if len(scored) == FORMS or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert len(scored) == FORMS
