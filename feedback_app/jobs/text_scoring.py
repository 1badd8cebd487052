"""A public form's sentiment and themes, scored by a job a moment after it is stored.

The safeguarding scan stays in the request (a flag exists as soon as the answer does); the
scoring a Board paper and the theme counts read can follow. Each process gathers the answer
ids of the forms it stored for TEXT_SCORING_DELAY seconds, then queues one job for them all:
one queue entry and a few statements for many forms, instead of five statements in each
form's own transaction. A server stopped by gunicorn passes on what it gathered
(gunicorn.conf.py); a text a killed process never passed on is found by `sweep` when a
worker starts, and `flask backfill-signals` scores any that remain.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from datetime import timedelta

from flask import Flask, current_app
from sqlalchemy.exc import IntegrityError

from analysis.clock import utc_now
from analysis.text_signals import score
from feedback_app import db
from feedback_app.jobs import foreground
from feedback_app.services import prepared_text, text_signals
from feedback_app.surveys_registry import all_definitions

log = logging.getLogger(__name__)
CHUNK = 200  # answers stored per transaction: the write lock is held briefly
SWEEP_DAYS = 7


class Gathered:
    """One process's answer ids waiting for their job, and the timer that will queue it."""

    def __init__(self, queue_job: Callable[[list[int]], object], delay: float):
        self.queue_job, self.delay = queue_job, delay
        self.lock = threading.Lock()
        self.ids: list[int] = []
        self.timer: threading.Timer | None = None

    def add(self, ids: Iterable[int]) -> None:
        with self.lock:
            self.ids.extend(ids)
            if self.timer is None:
                self.timer = threading.Timer(self.delay, self.flush)
                self.timer.daemon = True
                self.timer.start()

    def flush(self) -> None:
        with self.lock:
            ids, self.ids, self.timer = self.ids, [], None
        if ids:
            try:
                self.queue_job(ids)
            except Exception:  # the queue is down: the next worker's sweep scores them
                log.exception("could not queue the scoring of %d free-text answers", len(ids))


def init_app(app: Flask, queue_job: Callable[[list[int]], object], immediate: bool) -> None:
    delay = float(app.config.get("TEXT_SCORING_DELAY") or 0)
    gathered = Gathered(queue_job, delay) if delay > 0 and not immediate else None
    app.extensions["text_scoring"] = gathered
    app.extensions["text_scoring_now"] = queue_job


def score_soon(answer_ids: Iterable[int]) -> None:
    """Have these stored free-text answers scored by a job (call after their commit)."""
    ids = list(answer_ids)
    if not ids:
        return
    gathered: Gathered | None = current_app.extensions["text_scoring"]
    if gathered is None:
        current_app.extensions["text_scoring_now"](ids)
    else:
        gathered.add(ids)


def flush(app: Flask) -> None:
    """Queue what this process has gathered now (a server stopping)."""
    gathered: Gathered | None = app.extensions.get("text_scoring")
    if gathered is not None:
        gathered.flush()


def score_answers(answer_ids: list[int]) -> int:
    """The job: score those of these answers not scored yet, scoring outside the write
    transactions. Running twice stores nothing twice."""
    done = 0
    patience = foreground.Budget()
    for start in range(0, len(answer_ids), CHUNK):
        chunk = answer_ids[start : start + CHUNK]
        session = db.session()
        texts = text_signals.unscored_texts(session, chunk)
        session.rollback()  # end the read before the write transaction begins
        signals = {}
        for text, audience in texts:
            foreground.make_way(patience)
            signals[text, audience] = score(text, audience)
        prepared = prepared_text.PreparedText(signals=signals)
        foreground.make_way(patience)
        for attempt in (1, 2):
            try:
                with prepared_text.using(prepared), db.transaction() as session:
                    done += text_signals.score_stored(session, chunk)
                break
            except IntegrityError:  # another job stored some of them first: store the rest
                if attempt == 2:
                    raise
    return done


def sweep(app: Flask) -> None:
    """Score the recent free-text answers a stopped process never passed to a job."""
    try:
        with app.app_context():
            since = utc_now() - timedelta(days=SWEEP_DAYS)
            session = db.session()
            ids = text_signals.unscored_since(session, all_definitions(), since)
            session.rollback()
            if ids:
                log.info("scoring %d free-text answers left unscored", len(ids))
                score_answers(ids)
    except Exception:
        log.exception("the sweep for unscored free-text answers failed")
