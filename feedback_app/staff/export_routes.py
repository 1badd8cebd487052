"""Export a survey's responses for a period (admin, leadership, champion), audited."""

from __future__ import annotations

import io
from datetime import date

from flask import abort, request, send_file
from flask_login import current_user

from analysis.clock import today
from analysis.quarters import Quarter
from feedback_app import db
from feedback_app.auth import requires
from feedback_app.services import audit, exports
from feedback_app.staff.blueprint import bp
from feedback_app.staff.render import render_staff
from feedback_app.surveys_registry import all_definitions

EXPORT_ROLES = ("admin", "leadership", "champion")
RESTRICTED_EXPORT_ROLES = ("admin", "leadership")  # equality answers and contact details
ANONYMOUS_EXPORT_MESSAGE = (
    "The staff survey is anonymous, so only an admin can export its answers. "
    "Read its results in the quarterly report, where no group under 10 is shown"
)


@bp.get("/exports")
@requires(*EXPORT_ROLES)
def export_page():
    definitions = all_definitions()
    errors: list[str] = []
    args = request.args
    this_year = Quarter.containing(today())
    values = {
        "survey": args.get("survey", ""),
        "start": args.get("start", this_year.start.isoformat()),
        "end": args.get("end", today().isoformat()),
        "layout": args.get("layout", "wide"),
        "format": args.get("format", "xlsx"),
    }
    if "download" in args:
        definition = definitions.get(values["survey"])
        if definition is None:
            errors.append("Select a survey")
        elif definition.raw.get("window") and not current_user.has_any_role("admin"):
            errors.append(ANONYMOUS_EXPORT_MESSAGE)
        try:
            start, end = date.fromisoformat(values["start"]), date.fromisoformat(values["end"])
        except ValueError:
            errors.append("Enter real dates, like 2026-04-01")
        if values["layout"] not in exports.LAYOUTS or values["format"] not in exports.FORMATS:
            abort(400)
        if not errors:
            allowed = current_user.has_any_role(*RESTRICTED_EXPORT_ROLES)
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
        problems=errors,
        restricted_allowed=current_user.has_any_role(*RESTRICTED_EXPORT_ROLES),
    )


def _send_export(made, definition, file_format: str, restricted: bool):
    with db.transaction() as session:
        audit.record(
            session,
            current_user._get_current_object(),
            "export",
            "survey",
            definition.slug,
            None,
            {
                "file": made.filename,
                "rows": len(made.rows),
                "restricted_columns": restricted,
                "text_protected": made.protected,
                "left_out": made.left_out,
            },
        )
    if file_format == "csv":
        body, mimetype = exports.as_csv(made), "text/csv"
    else:
        body = exports.as_xlsx(made, definition.title)
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return send_file(
        io.BytesIO(body),
        mimetype=mimetype,
        as_attachment=True,
        download_name=f"{made.filename}.{file_format}",
    )
