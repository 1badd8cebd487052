"""Starting, running and retrying jobs. A job runs at most once at a time: the worker that
moves it from queued to running in one UPDATE is the only one that does its work."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from analysis.clock import utc_now
from feedback_app import db
from feedback_app.jobs.kinds import KINDS, JobContext, JobFailed
from feedback_app.models import Job, StaffUser
from feedback_app.services import audit

log = logging.getLogger(__name__)

# A running job that has said nothing for this long has lost its worker (a restart, a crash).
STALE_AFTER = timedelta(minutes=15)
ACTIVE = ("queued", "running")


def start(
    kind: str,
    title: str,
    params: dict[str, Any],
    actor: StaffUser | None,
    dedupe_key: str | None = None,
) -> Job:
    """Record a job and queue it. Asking again for work already queued or running (the same
    `dedupe_key`) returns that job rather than doing the work twice.

    Commits on its own, so call it outside any open transaction."""
    if kind not in KINDS:
        raise ValueError(f"no job kind '{kind}'")
    with db.transaction() as session:
        job = _active_with_key(session, dedupe_key)
        if job is not None:
            return job
        job = Job(
            kind=kind,
            title=title[:300],
            params=params,
            dedupe_key=dedupe_key,
            started_by_id=actor.id if actor else None,
        )
        session.add(job)
        session.flush()
        audit.record(session, actor, "start", "job", job.id, None, {"kind": kind})
    _enqueue(job.id)
    return job


def retry(session: Session, actor: StaffUser | None, job: Job) -> bool:
    """Queue a failed (or stopped) job again; its work carries on without storing twice."""
    if not (job.state == "failed" or looks_stopped(job)) or not KINDS[job.kind].retryable:
        return False
    before = {"state": job.state}
    job.state, job.error, job.finished_at = "queued", None, None
    job.progress_done, job.progress_note, job.updated_at = 0, None, utc_now()
    audit.record(session, actor, "retry", "job", job.id, before, {"state": "queued"})
    session.commit()
    _enqueue(job.id)
    return True


def run_inline(
    kind: str,
    title: str,
    params: dict[str, Any],
    on_progress: Callable[[int, int, str | None], None] | None = None,
) -> Job:
    """Run a job here and now (for the command line), recorded like any other job."""
    with db.transaction() as session:
        job = Job(kind=kind, title=title[:300], params=params)
        session.add(job)
    execute(job.id, on_progress)
    return db.session().get_one(Job, job.id, populate_existing=True)


def execute(job_id: int, on_progress: Callable | None = None) -> None:
    """Do a queued job's work once, and record how it ended."""
    now = utc_now()
    with db.engine().begin() as connection:
        claimed = connection.execute(
            update(Job)
            .where(Job.id == job_id, Job.state == "queued")
            .values(state="running", started_at=now, updated_at=now, attempts=Job.attempts + 1)
        ).rowcount
    if not claimed:
        log.info("job %s is not queued (already taken or finished): nothing to do", job_id)
        return
    job = db.session().get_one(Job, job_id, populate_existing=True)
    context = JobContext(job.id, dict(job.params or {}), job.started_by_id, on_progress)
    db.session().rollback()  # the work opens its own transactions
    try:
        outcome = KINDS[job.kind].work(context)
    except JobFailed as failure:
        db.session().rollback()
        _finish(job_id, "failed", error=str(failure))
    except Exception:
        db.session().rollback()
        log.exception("job %s (%s) failed", job_id, job.kind)
        _finish(
            job_id,
            "failed",
            error=(
                f"Something went wrong: {job.title[:1].lower()}{job.title[1:]} did not finish. "
                "What was saved before it stopped is kept and will not be stored twice. "
                "Try again; if it fails again, tell whoever runs the service (the details "
                "are in the server's log)."
            ),
        )
    else:
        _finish(job_id, "done", result=outcome.to_dict())


def looks_stopped(job: Job) -> bool:
    last = job.updated_at or job.started_at or job.created_at
    return job.state == "running" and last < utc_now() - STALE_AFTER


def visible_jobs(user: StaffUser):
    """The jobs a person may see, newest first: admins see everyone's, others their own."""
    query = select(Job).order_by(Job.created_at.desc(), Job.id.desc())
    if not user.has_any_role("admin"):
        query = query.where(Job.started_by_id == user.id)
    return query


def may_see(user: StaffUser, job: Job) -> bool:
    return user.has_any_role("admin") or job.started_by_id == user.id


def _active_with_key(session: Session, dedupe_key: str | None) -> Job | None:
    if dedupe_key is None:
        return None
    return session.scalar(
        select(Job)
        .where(Job.dedupe_key == dedupe_key, Job.state.in_(ACTIVE))
        .order_by(Job.id.desc())
        .limit(1)
    )


def _finish(job_id: int, state: str, **values: Any) -> None:
    now = utc_now()
    with db.engine().begin() as connection:
        connection.execute(
            update(Job)
            .where(Job.id == job_id)
            .values(state=state, finished_at=now, updated_at=now, **values)
        )


def _enqueue(job_id: int) -> None:
    current_app.extensions["jobs_task"](job_id)
