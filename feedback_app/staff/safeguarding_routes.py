"""The safeguarding queue: possible disclosures of harm, acknowledged the same working day."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from feedback_app import db
from feedback_app.auth import requires
from feedback_app.models import SafeguardingFlag
from feedback_app.services import safeguarding_queue
from feedback_app.staff.blueprint import bp
from feedback_app.staff.forms import AcknowledgeFlagForm
from feedback_app.staff.render import render_staff


@bp.get("/safeguarding")
@requires("safeguarding_lead")
def safeguarding():
    waiting, done = safeguarding_queue.queue(db.session())
    return render_staff("staff/safeguarding.html", waiting=waiting, done=done)


@bp.route("/safeguarding/<int:flag_id>", methods=["GET", "POST"])
@requires("safeguarding_lead")
def safeguarding_flag(flag_id: int):
    session = db.session()
    flag = session.scalar(
        select(SafeguardingFlag)
        .options(selectinload(SafeguardingFlag.response), selectinload(SafeguardingFlag.answer))
        .where(SafeguardingFlag.id == flag_id)
    ) or abort(404)
    form = AcknowledgeFlagForm()
    if flag.acknowledged_at is None and form.validate_on_submit():
        with db.transaction() as session:
            safeguarding_queue.acknowledge(
                session, flag, current_user._get_current_object(), form.action_taken.data
            )
        flash("Acknowledged, with the action taken recorded.")
        return redirect(url_for(".safeguarding"))
    return render_staff("staff/safeguarding_flag.html", flag=flag, form=form)
