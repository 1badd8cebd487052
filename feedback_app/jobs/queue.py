"""The job queue on Huey: SQLite storage in the instance folder by default (nothing to
install, and an in-process worker thread runs the jobs), Redis in production with separate
workers (`flask worker`). Set with JOBS_BROKER and JOBS_WORKER; see the README."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from huey import MemoryHuey, RedisHuey, SqliteHuey
from huey.consumer import Worker

log = logging.getLogger(__name__)
QUEUE_NAME = "feedback_app"


def init_app(app: Flask) -> None:
    from feedback_app.jobs import foreground, text_scoring, work  # noqa: F401  (work: kinds)
    from feedback_app.jobs.store import execute

    broker = app.config.get("JOBS_BROKER") or ""
    huey = _make_huey(broker, Path(app.instance_path))
    in_process = app.config.get("JOBS_WORKER") or (
        "separate" if broker.startswith(("redis://", "rediss://")) else "in-process"
    )

    @huey.task(name="run_job")
    def run_job(job_id: int) -> None:
        with app.app_context():
            execute(job_id)

    @huey.task(name="score_texts")
    def score_texts(answer_ids: list[int]) -> None:
        with app.app_context():
            text_scoring.score_answers(answer_ids)

    app.extensions["jobs_huey"] = huey
    app.extensions["jobs_task"] = run_job
    text_scoring.init_app(app, score_texts, huey.immediate)
    if in_process == "in-process" and not huey.immediate:
        foreground.init_app(app)
        app.before_request(_worker_starter(app, huey))
    app.cli.add_command(worker_command)


def _make_huey(broker: str, instance: Path):
    if broker == "immediate":
        # Tests: a job runs in the caller's thread the moment it is queued.
        return MemoryHuey(QUEUE_NAME, immediate=True)
    if broker.startswith(("redis://", "rediss://")):
        return RedisHuey(QUEUE_NAME, url=broker)
    path = broker.removeprefix("sqlite:///") if broker else str(instance / "jobs.db")
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    # A file of its own, so the queue never takes the write lock the forms need.
    return SqliteHuey(QUEUE_NAME, filename=path)


def _worker_starter(app: Flask, huey):
    """Start one worker thread in this process on its first request, so `make run` needs no
    second command. Not at start-up: a command such as `flask init-db` must not take jobs."""
    lock = threading.Lock()
    started: list[threading.Thread] = []

    def start_once() -> None:
        if started:
            return
        with lock:
            if started:
                return
            thread = threading.Thread(
                target=_work_forever, args=(app, huey), name="job-worker", daemon=True
            )
            thread.start()
            started.append(thread)
            app.extensions["jobs_worker_thread"] = thread

    return start_once


def _work_forever(app: Flask, huey) -> None:
    from feedback_app.jobs import text_scoring

    text_scoring.sweep(app)
    worker = Worker(huey, threading.Event(), default_delay=0.2, max_delay=2.0, backoff=1.2)
    worker.initialize()
    while True:
        worker.loop()


@click.command("worker")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(min=1))
@with_appcontext
def worker_command(workers: int) -> None:
    """Run job workers until stopped (Ctrl+C): imports, report builds, retention, exports."""
    huey = current_app.extensions["jobs_huey"]
    if huey.immediate:
        raise click.UsageError("JOBS_BROKER=immediate runs jobs as they are queued: no worker")
    click.echo(f"Job worker with {workers} thread(s) on {type(huey.storage).__name__}.")
    from feedback_app.jobs import text_scoring

    text_scoring.sweep(current_app._get_current_object())  # type: ignore[attr-defined]
    huey.create_consumer(workers=workers, worker_type="thread", periodic=False).run()
