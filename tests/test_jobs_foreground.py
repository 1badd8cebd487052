"""In a web process that also runs jobs, a request in flight goes first: the job that scores a
form's text waits for a quiet moment, but never forever, and a separate worker never waits."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import func, select

from feedback_app.jobs.foreground import Foreground
from feedback_app.models import TextSignal
from tests.answers import VALID_ANSWERS
from tests.conftest import submit_form

ANSWERS = {**VALID_ANSWERS["tell-us"], "kind": "comment", "reply": "no", "contact": ""}


def _app_with_a_held_request(make_app, tmp_path, longest: float):
    """An app with the embedded queue and worker thread (each wait for quiet at most
    `longest`), and `held()`: while inside it, a page is open, a child's request still being
    served."""
    app = make_app(
        JOBS_BROKER=f"sqlite:///{tmp_path / 'jobs.db'}", JOBS_WORKER="", TEXT_SCORING_DELAY=0.05
    )
    app.extensions["jobs_foreground"].longest = longest
    release = threading.Event()

    def page():
        release.wait(30)
        return "done"

    app.add_url_rule("/test-held", "test_held", page)

    @contextmanager
    def held() -> Iterator[None]:
        holder = threading.Thread(target=lambda: app.test_client().get("/test-held"))
        holder.start()
        try:
            assert _wait_for(lambda: app.extensions["jobs_foreground"].serving == 1, 5)
            yield
        finally:
            release.set()
            holder.join(10)

    return app, held


def _scored(session) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(TextSignal))


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def _taken_by_the_worker(app) -> bool:
    """The scoring job was queued and the worker thread has taken it."""
    return (
        not app.extensions["text_scoring"].ids and app.extensions["jobs_huey"].pending_count() == 0
    )


def test_the_scoring_job_waits_while_a_request_is_served_then_catches_up(
    make_app, tmp_path, session
):
    app, held = _app_with_a_held_request(make_app, tmp_path, longest=60.0)  # no cap: waiting
    assert submit_form(app.test_client(), "/forms/tell-us", ANSWERS).status_code == 303
    assert _wait_for(lambda: _scored(session) == 1, 15)  # a quiet process scores at once
    with held():
        assert submit_form(app.test_client(), "/forms/tell-us", ANSWERS).status_code == 303
        assert _wait_for(lambda: _taken_by_the_worker(app), 15)
        time.sleep(1.0)  # the job has its text: it waits for the held page
        assert _scored(session) == 1
    assert _wait_for(lambda: _scored(session) == 2, 15)


def test_under_a_rush_that_never_ends_the_job_still_moves(make_app, tmp_path, session):
    app, held = _app_with_a_held_request(make_app, tmp_path, longest=0.2)
    with held():
        assert submit_form(app.test_client(), "/forms/tell-us", ANSWERS).status_code == 303
        assert _wait_for(lambda: _scored(session) == 1, 15)


def test_a_job_waits_only_so_long_in_all_for_the_jobs_queued_behind_it(
    make_app, tmp_path, session, monkeypatch
):
    from feedback_app.jobs import foreground

    monkeypatch.setattr(foreground, "JOB_BUDGET", 0.5)
    # Each wait alone would outlast the test: only the job's budget lets it finish.
    app, held = _app_with_a_held_request(make_app, tmp_path, longest=60.0)
    with held():
        for _ in range(2):
            assert submit_form(app.test_client(), "/forms/tell-us", ANSWERS).status_code == 303
        assert _wait_for(lambda: _scored(session) == 2, 15)


def test_quiet_means_no_request_in_flight_and_none_just_ended():
    foreground = Foreground(settle=0.5, longest=0.3)
    entered = threading.Event()
    leave = threading.Event()

    def app(environ, start_response):
        entered.set()
        leave.wait(5)
        return [b"ok"]

    served = foreground.wrap(app)
    assert foreground.is_quiet()
    thread = threading.Thread(target=served, args=({}, None))
    thread.start()
    entered.wait(5)
    started = time.monotonic()
    assert foreground.wait_for_quiet() is False  # gave up after `longest`, not before
    assert time.monotonic() - started >= 0.29
    leave.set()
    thread.join(5)
    assert foreground.serving == 0
    assert not foreground.is_quiet()  # a request ended under `settle` ago: another may follow
    foreground.longest = 5.0
    assert foreground.wait_for_quiet() is True
    assert foreground.is_quiet()


def test_a_separate_worker_process_serves_no_requests_and_never_waits(make_app, tmp_path):
    app = make_app(JOBS_BROKER=f"sqlite:///{tmp_path / 'jobs.db'}", JOBS_WORKER="separate")
    assert "jobs_foreground" not in app.extensions


def test_work_done_inside_a_request_never_waits_for_itself(make_app, tmp_path):
    from feedback_app.jobs.foreground import Budget, make_way

    app = make_app(JOBS_BROKER=f"sqlite:///{tmp_path / 'jobs.db'}", JOBS_WORKER="")
    app.extensions["jobs_foreground"].longest = 30.0
    waited = []

    def inline():
        started = time.monotonic()
        make_way(Budget())
        waited.append(time.monotonic() - started)
        return "done"

    app.add_url_rule("/test-inline", "test_inline", inline)
    assert app.test_client().get("/test-inline").status_code == 200
    assert waited[0] < 1.0
