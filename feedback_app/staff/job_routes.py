"""The jobs page: what each background job is doing, how far it has got, and how it ended."""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, url_for
from flask_login import current_user

from feedback_app import db, jobs
from feedback_app.auth import requires
from feedback_app.jobs.store import looks_stopped, may_see, visible_jobs
from feedback_app.models import Job
from feedback_app.staff.blueprint import bp
from feedback_app.staff.forms import ConfirmForm
from feedback_app.staff.pagination import paginate
from feedback_app.staff.render import render_staff

REFRESH_SECONDS = 3  # without JavaScript the page reloads itself this often while a job runs
STATE_WORDS = {
    "queued": "Waiting to start",
    "running": "Running",
    "done": "Finished",
    "failed": "Failed",
}


def job_view(job: Job) -> dict:
    """The words and numbers the page and its status address show for a job."""
    stopped = looks_stopped(job)
    state = "stopped" if stopped else job.state
    percent = None
    if job.progress_total:
        percent = min(100, round(100 * job.progress_done / job.progress_total))
    elif job.state == "done":
        percent = 100
    result = job.result or {}
    link = None
    if result.get("endpoint"):
        link = url_for(result["endpoint"], **result.get("values", {}))
    return {
        "id": job.id,
        "state": state,
        "state_words": "Stopped: its worker ended before it finished"
        if stopped
        else STATE_WORDS[job.state],
        "active": job.state in ("queued", "running") and not stopped,
        "done": job.progress_done,
        "total": job.progress_total,
        "unit": job.progress_note or "steps",
        "percent": percent,
        "message": result.get("message"),
        "error": job.error,
        "link": link,
        "can_retry": job.state == "failed" or stopped,
    }


def _job(job_id: int) -> Job:
    job = db.session().get(Job, job_id)
    if job is None:
        abort(404)
    if not may_see(current_user, job):
        abort(403)
    return job


@bp.get("/jobs")
@requires()
def job_list():
    listed = paginate(db.session(), visible_jobs(current_user))
    return render_staff(
        "staff/jobs.html", page=listed, jobs=[(job, job_view(job)) for job in listed.items]
    )


@bp.get("/jobs/<int:job_id>")
@requires()
def job_page(job_id: int):
    job = _job(job_id)
    view = job_view(job)
    return render_staff(
        "staff/job.html",
        job=job,
        view=view,
        form=ConfirmForm(),
        refresh=REFRESH_SECONDS if view["active"] else None,
    )


@bp.get("/jobs/<int:job_id>/status")
@requires()
def job_status(job_id: int):
    """For the page's script: the same facts as the page, as JSON."""
    response = jsonify(job_view(_job(job_id)))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/jobs/<int:job_id>/retry")
@requires()
def retry_job(job_id: int):
    job = _job(job_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if jobs.retry(db.session(), current_user._get_current_object(), job):
        flash("The job was started again. Anything it had already stored is kept, not doubled.")
    else:
        flash("Only a job that failed or stopped can be tried again.")
    return redirect(url_for(".job_page", job_id=job_id))
