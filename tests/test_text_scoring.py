"""A public form's sentiment and themes are scored by a job after it is stored, for many forms
at once; its safeguarding flag is made in the request. Nothing is scored twice, and a text a
stopped server never passed on is found when a worker starts."""

from __future__ import annotations

import dataclasses
import time

import pytest
from sqlalchemy import func, select

from analysis import safeguarding_detector
from feedback_app import db
from feedback_app.jobs import text_scoring
from feedback_app.models import Answer, Response, SafeguardingFlag, TextSignal, TextTheme
from feedback_app.services import text_signals
from tests.answers import VALID_ANSWERS
from tests.conftest import submit_form

FORM = "/forms/working-with-us"
PRAISE = "my worker actually listened and we did boxing"
HIDDEN = "my worker is a proper diamond"  # words of praise the test's scanner calls a disclosure


def gathering(make_app, folder, delay: float):
    """Jobs in a SQLite queue that no thread takes from: the test runs them by hand."""
    return make_app(
        JOBS_BROKER=f"sqlite:///{folder / 'jobs.db'}",
        JOBS_WORKER="separate",
        TEXT_SCORING_DELAY=delay,
    )


@pytest.fixture
def gathering_app(make_app, tmp_path):
    """Forms gathered for a minute, unless the test passes them on (text_scoring.flush)."""
    return gathering(make_app, tmp_path, 60)


def run_queued(app) -> int:
    huey = app.extensions["jobs_huey"]
    ran = 0
    while (task := huey.dequeue()) is not None:
        huey.execute(task)
        ran += 1
    return ran


def counts(app) -> tuple[int, int, int]:
    with app.app_context():
        session = db.session()
        found = (
            session.scalar(select(func.count()).select_from(Response)),
            session.scalar(select(func.count()).select_from(TextSignal)),
            session.scalar(select(func.count()).select_from(SafeguardingFlag)),
        )
        session.rollback()
        return found


def wait_for_queue(app, seconds: float = 5.0) -> None:
    huey = app.extensions["jobs_huey"]
    deadline = time.monotonic() + seconds
    while huey.pending_count() == 0 and time.monotonic() < deadline:
        time.sleep(0.02)


def test_forms_are_scored_together_by_one_job_after_they_are_stored(gathering_app, monkeypatch):
    real_detect = text_signals.detect

    def scanner(text):
        found = real_detect(text)
        if text == HIDDEN:
            return dataclasses.replace(found, tier=safeguarding_detector.DISCLOSURE)
        return found

    monkeypatch.setattr(text_signals, "detect", scanner)
    client = gathering_app.test_client()
    for text in (PRAISE, HIDDEN, "the panel meeting was long and boring"):
        answers = {**VALID_ANSWERS["working-with-us"], "best_thing": text}
        assert submit_form(client, FORM, answers).status_code == 303
    # Stored and flagged at once; not scored yet, nor queued.
    assert counts(gathering_app) == (3, 0, 1)
    assert gathering_app.extensions["jobs_huey"].pending_count() == 0
    text_scoring.flush(gathering_app)  # what the timer does when the delay is up
    assert gathering_app.extensions["jobs_huey"].pending_count() == 1  # one job for all three
    # The job must not need the scan again: it reads the flag the request made.
    monkeypatch.setattr(text_signals, "detect", lambda _text: pytest.fail("scanned again"))
    assert run_queued(gathering_app) == 1
    assert counts(gathering_app) == (3, 3, 1)
    with gathering_app.app_context():
        session = db.session()
        polarity = dict(
            session.execute(
                select(Answer.value_text, TextSignal.polarity).join(
                    TextSignal, TextSignal.answer_id == Answer.id
                )
            ).all()
        )
        assert polarity[PRAISE] > 0
        assert polarity[HIDDEN] <= text_signals.DISCLOSURE_POLARITY  # a disclosure: never praise
        # Theme rows carry their response's date, survey and team, as when scored inline.
        themed = session.execute(
            select(TextTheme, Response)
            .join(Answer, Answer.id == TextTheme.answer_id)
            .join(Response, Response.id == Answer.response_id)
        ).all()
        assert themed
        for theme, response in themed:
            assert (theme.submitted_at, theme.survey_id, theme.team_id) == (
                response.submitted_at,
                response.survey_id,
                response.team_id,
            )
        ids = list(session.scalars(select(Answer.id).where(Answer.question_id == "best_thing")))
        session.rollback()
        # Running the job again (a retry) stores nothing twice.
        assert text_scoring.score_answers(ids) == 0
    assert counts(gathering_app) == (3, 3, 1)


def test_the_gathered_forms_are_queued_when_the_delay_is_up(make_app, tmp_path):
    app = gathering(make_app, tmp_path, 0.2)
    assert submit_form(app.test_client(), FORM, VALID_ANSWERS["working-with-us"]).status_code == 303
    assert counts(app)[1] == 0
    wait_for_queue(app)
    assert app.extensions["jobs_huey"].pending_count() == 1
    run_queued(app)
    assert counts(app)[1] == 1


def test_a_stopping_server_passes_on_what_it_gathered(gathering_app):
    client = gathering_app.test_client()
    assert submit_form(client, FORM, VALID_ANSWERS["working-with-us"]).status_code == 303
    text_scoring.flush(gathering_app)  # what gunicorn's worker_exit does
    assert gathering_app.extensions["jobs_huey"].pending_count() == 1
    run_queued(gathering_app)
    assert counts(gathering_app)[1] == 1


def test_texts_a_killed_server_never_passed_on_are_scored_when_a_worker_starts(gathering_app):
    client = gathering_app.test_client()
    assert submit_form(client, FORM, VALID_ANSWERS["working-with-us"]).status_code == 303
    gathered = gathering_app.extensions["text_scoring"]
    with gathered.lock:  # the process is killed before its timer fires
        assert gathered.timer is not None
        gathered.timer.cancel()
        gathered.ids, gathered.timer = [], None
    assert counts(gathering_app)[1] == 0
    text_scoring.sweep(gathering_app)
    assert counts(gathering_app)[1] == 1
    text_scoring.sweep(gathering_app)  # and a second worker's sweep stores nothing twice
    assert counts(gathering_app)[1] == 1
