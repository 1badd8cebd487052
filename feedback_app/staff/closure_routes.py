"""Service closure days (admins and the complaints lead): days the working-day clock skips."""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_login import current_user
from sqlalchemy import select

from feedback_app import db
from feedback_app.auth import requires
from feedback_app.models import ServiceClosure
from feedback_app.services import audit
from feedback_app.staff.blueprint import bp
from feedback_app.staff.forms import ClosureForm
from feedback_app.staff.render import render_staff


@bp.route("/closures", methods=["GET", "POST"])
@requires("admin", "complaints_lead")
def closures():
    form = ClosureForm()
    session = db.session()
    if form.validate_on_submit():
        if session.get(ServiceClosure, form.day.data) is not None:
            form.day.errors.append("That day is already a closure day")
        else:
            with db.transaction() as session:
                session.add(ServiceClosure(day=form.day.data, reason=form.reason.data.strip()))
                audit.record(
                    session,
                    current_user._get_current_object(),
                    "create",
                    "service_closure",
                    form.day.data,
                    after={"day": form.day.data, "reason": form.reason.data.strip()},
                )
            flash("Closure day added. Due dates set from now on skip it.")
            return redirect(url_for(".closures"))
    days = list(session.scalars(select(ServiceClosure).order_by(ServiceClosure.day)))
    return render_staff("staff/closures.html", form=form, days=days)
