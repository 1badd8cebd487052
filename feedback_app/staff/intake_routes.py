"""Tell us messages that reach the service by phone, email, website, in person or letter.

The complaints lead (or an admin) types in what the person said; it goes through the same
intake as a form (case, safeguarding flag, text signals), with the clock starting on the day
it was received, and keeps its real channel so the report counts channels truthfully.
"""

from __future__ import annotations

from flask import current_app, flash, redirect, request, url_for
from flask_login import current_user

from feedback_app import db
from feedback_app.auth import requires
from feedback_app.public.forms import build_form
from feedback_app.services import audit, intake
from feedback_app.services.intake import Submission
from feedback_app.staff.blueprint import bp
from feedback_app.staff.forms import IntakeMetaForm
from feedback_app.staff.paper_routes import _CombinedErrors, _submitted_at
from feedback_app.staff.render import render_staff
from feedback_app.surveys_registry import definition_or_404

INTAKE_ROLES = ("complaints_lead", "admin")


@bp.route("/tell-us/new", methods=["GET", "POST"])
@requires(*INTAKE_ROLES)
def record_tell_us():
    definition = definition_or_404("tell-us")
    teams = current_app.extensions["team_choices"].get(db.session())
    form = build_form(definition, teams, meta={"csrf": False})
    meta = IntakeMetaForm(prefix="intake", meta={"csrf": False})
    if request.method == "POST" and all([form.validate(), meta.validate()]):
        received_on = meta.received_on.data
        submission = Submission(
            channel=meta.channel.data,
            transcribed_by_id=current_user.id,
            submitted_at=_submitted_at(received_on),
            received_at=received_on,  # the complaint's clock starts that day
        )
        with db.transaction() as session:
            stored = intake.submit(session, definition, form.answers(), submission)
            audit.record(
                session,
                current_user._get_current_object(),
                "record_tell_us",
                "response",
                stored.response_id,
                # How it came and which questions were answered, never what was said.
                after={"channel": meta.channel.data, **audit.answer_fields(None, stored.answers)},
            )
        flash(
            f"Saved the message received on "
            f"{received_on:%-d %B %Y}. Its due dates count from that day."
        )
        return redirect(url_for(".record_tell_us"))
    return render_staff(
        "staff/intake.html",
        definition=definition,
        survey_form=form,
        meta=meta,
        form=_CombinedErrors(meta, form),
    )
