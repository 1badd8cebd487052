"""Upkeep an admin starts from a page instead of the server's command line: the retention
schedule and scoring free text. Each runs as a background job, so no request waits for it;
the commands `flask apply-retention` and `flask backfill-signals` do the same work."""

from __future__ import annotations

from flask import abort, redirect, request, url_for
from flask_login import current_user

from analysis.clock import today
from feedback_app import jobs
from feedback_app.auth import requires
from feedback_app.staff.blueprint import bp
from feedback_app.staff.forms import ConfirmForm
from feedback_app.staff.render import render_staff

MAINTENANCE_ROLES = ("admin",)


@bp.get("/maintenance")
@requires(*MAINTENANCE_ROLES)
def maintenance():
    return render_staff("staff/maintenance.html", form=ConfirmForm())


@bp.post("/maintenance/retention")
@requires(*MAINTENANCE_ROLES)
def start_retention():
    if not ConfirmForm().validate_on_submit():
        abort(400)
    apply = request.form.get("mode") == "apply"
    on = today().isoformat()
    job = jobs.start(
        "retention",
        "Apply the retention schedule" if apply else "What the retention schedule would remove",
        {"on": on, "dry_run": not apply},
        current_user._get_current_object(),
        dedupe_key=f"retention:{'apply' if apply else 'plan'}:{on}",
    )
    return redirect(url_for(".job_page", job_id=job.id))


@bp.post("/maintenance/scoring")
@requires(*MAINTENANCE_ROLES)
def start_scoring():
    if not ConfirmForm().validate_on_submit():
        abort(400)
    rescore = request.form.get("rescore") == "yes"
    job = jobs.start(
        "backfill-signals",
        "Score every free-text answer again"
        if rescore
        else "Score free-text answers not yet scored",
        {"rescore": rescore},
        current_user._get_current_object(),
        dedupe_key=f"backfill-signals:{rescore}",
    )
    return redirect(url_for(".job_page", job_id=job.id))
