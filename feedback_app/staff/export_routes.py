"""Export a survey's responses for a period (admin, leadership, champion), audited."""

from __future__ import annotations

import io

from flask import abort, current_app, redirect, request, send_file, url_for
from flask_login import current_user
from wtforms import Form
from wtforms.validators import InputRequired

from analysis.clock import today
from analysis.quarters import Quarter
from feedback_app import db, jobs
from feedback_app.auth import requires
from feedback_app.models import ExportFile
from feedback_app.services import exports
from feedback_app.staff.blueprint import bp
from feedback_app.staff.forms import FriendlyDateField
from feedback_app.staff.render import render_staff
from feedback_app.surveys_registry import all_definitions

EXPORT_ROLES = ("admin", "leadership", "champion")
RESTRICTED_EXPORT_ROLES = ("admin", "leadership")  # equality answers and contact details
ANONYMOUS_EXPORT_MESSAGE = (
    "The staff survey is anonymous, so only an admin can export its answers. "
    "Read its results in the quarterly report, where no group under 10 is shown"
)


class ExportDates(Form):
    """The period, typed as day, month and year (or `start=2026-04-01` in a link or script).
    A GET form that changes nothing but the audit log, so it carries no CSRF token."""

    start = FriendlyDateField("From", validators=[InputRequired("Enter the first day")])
    end = FriendlyDateField("To (inclusive)", validators=[InputRequired("Enter the last day")])


@bp.get("/exports")
@requires(*EXPORT_ROLES)
def export_page():
    definitions = all_definitions()
    errors: list[str] = []
    args = request.args
    this_year = Quarter.containing(today())
    values = {
        "survey": args.get("survey", ""),
        "layout": args.get("layout", "wide"),
        "format": args.get("format", "xlsx"),
    }
    dates = ExportDates(args if "download" in args else None, start=this_year.start, end=today())
    if "download" in args:
        definition = definitions.get(values["survey"])
        if definition is None:
            errors.append("Select a survey")
        elif definition.raw.get("window") and not current_user.has_any_role("admin"):
            errors.append(ANONYMOUS_EXPORT_MESSAGE)
        if not dates.validate():
            errors += [f"{field.label.text}: {field.errors[0]}" for field in dates if field.errors]
        start, end = dates.start.data, dates.end.data
        if values["layout"] not in exports.LAYOUTS or values["format"] not in exports.FORMATS:
            abort(400)
        if not errors:
            allowed = current_user.has_any_role(*RESTRICTED_EXPORT_ROLES)
            if exports.count(db.session(), definition, start, end) > _inline_limit():
                period = {"start": start.isoformat(), "end": end.isoformat()}
                return _start_export_job(definition, {**values, **period}, allowed)
            try:
                # A champion's export is protected as the champions' screens are.
                made = exports.build(
                    db.session(), definition, start, end, values["layout"], allowed, not allowed
                )
            except ValueError as error:
                errors.append(str(error))
            else:
                return _send_export(made, definition, values["format"], allowed)
    return render_staff(
        "staff/exports.html",
        surveys={s: d.title for s, d in sorted(definitions.items())},
        values=values,
        dates=dates,
        problems=errors,
        restricted_allowed=current_user.has_any_role(*RESTRICTED_EXPORT_ROLES),
    )


def _send_export(made, definition, file_format: str, restricted: bool):
    with db.transaction() as session:
        exports.record(session, current_user._get_current_object(), definition, made, restricted)
    return send_file(
        io.BytesIO(exports.encoded(made, definition, file_format)),
        mimetype=exports.MIMETYPES[file_format],
        as_attachment=True,
        download_name=f"{made.filename}.{file_format}",
    )


def _inline_limit() -> int:
    return current_app.config["EXPORT_INLINE_RESPONSES"]


def _start_export_job(definition, values: dict, restricted: bool):
    """A large export is made by a job, so no request holds a web worker for minutes; the
    job page follows it and links to the file when it is ready."""
    actor = current_user._get_current_object()
    params = {**values, "restricted": restricted, "protected": not restricted}
    params["survey"] = definition.slug
    key = ":".join(str(params[k]) for k in ("survey", "start", "end", "layout", "format"))
    job = jobs.start(
        "export",
        f"Export of {definition.title}, {values['start']} to {values['end']}",
        params,
        actor,
        dedupe_key=f"export:{actor.id}:{key}",
    )
    return redirect(url_for(".job_page", job_id=job.id))


@bp.get("/exports/files/<int:file_id>")
@requires(*EXPORT_ROLES)
def export_file(file_id: int):
    """The file a job made, for the person who asked for it only, within a day."""
    made = db.session().get(ExportFile, file_id)
    if made is None or exports.expired(made):
        abort(404)
    if made.made_by_id != current_user.id:
        abort(403)
    return send_file(
        io.BytesIO(made.content),
        mimetype=made.mimetype,
        as_attachment=True,
        download_name=made.filename,
    )
