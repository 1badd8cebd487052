"""Response rates (admins): upload how many children, parents and carers, and victims finished
working with each team in a quarter, from the template this page offers."""

from __future__ import annotations

from flask import Response, flash, redirect, request, url_for
from flask_login import current_user

from analysis.clock import today
from analysis.quarters import Quarter
from feedback_app import db
from feedback_app.auth import requires
from feedback_app.importing import ImportFileError
from feedback_app.importing.finished import MAX_PROBLEMS
from feedback_app.services import finished_counts
from feedback_app.staff.blueprint import bp
from feedback_app.staff.render import render_staff
from feedback_app.surveys_registry import all_definitions

RATE_ROLES = ("admin",)
QUARTERS_OFFERED = 8


def _quarters() -> list[Quarter]:
    quarters = [Quarter.containing(today())]
    for _ in range(QUARTERS_OFFERED - 1):
        quarters.append(quarters[-1].previous())
    return quarters


@bp.route("/response-rates", methods=["GET", "POST"])
@requires(*RATE_ROLES)
def response_rates():
    quarters = _quarters()
    chosen = request.form.get("quarter", str(quarters[1]))
    errors: list[str] = []
    if request.method == "POST":
        upload = request.files.get("file")
        if chosen not in {str(q) for q in quarters}:
            errors.append("Select the quarter the numbers are for")
        if upload is None or not upload.filename:
            errors.append("Choose the filled-in template (.xlsx or .csv) to upload")
        if not errors:
            try:
                reading = finished_counts.check_file(
                    db.session(), upload.read(), upload.filename, all_definitions()
                )
            except ImportFileError as error:
                errors.append(str(error))
            else:
                errors = reading.problems
        if not errors:
            quarter = Quarter.parse(chosen)
            with db.transaction() as session:
                replaced = any(u.quarter == chosen for u in finished_counts.uploads(session))
                finished_counts.replace_quarter(
                    session,
                    current_user._get_current_object(),
                    quarter,
                    reading.rows,
                    upload.filename,
                )
            blank = (
                f" {reading.left_blank} rows with Finished empty were left out."
                if (reading.left_blank)
                else ""
            )
            flash(
                f"Saved {len(reading.rows)} rows for {quarter}"
                + (", in place of the numbers uploaded before." if replaced else ".")
                + blank
            )
            return redirect(url_for(".response_rates"))
    shown = (
        ["The file was refused, so nothing was saved:", *errors[:MAX_PROBLEMS]] if errors else []
    )
    if len(errors) > MAX_PROBLEMS:
        shown.append(f"And {len(errors) - MAX_PROBLEMS} more problems like these.")
    return render_staff(
        "staff/response_rates.html",
        quarters=quarters,
        chosen=chosen,
        problems=shown,
        uploads=finished_counts.uploads(db.session()),
        groups={q.id: q for q in finished_counts.groups(all_definitions()).values()},
    )


def _template(kind: str, mimetype: str, write) -> Response:
    rows = finished_counts.template_rows(db.session(), all_definitions())
    return Response(
        write(rows),
        mimetype=mimetype,
        headers={"Content-Disposition": f"attachment; filename=finished-template.{kind}"},
    )


@bp.get("/response-rates/template.csv")
@requires(*RATE_ROLES)
def response_rates_template_csv():
    return _template("csv", "text/csv", finished_counts.template_csv)


@bp.get("/response-rates/template.xlsx")
@requires(*RATE_ROLES)
def response_rates_template_xlsx():
    return _template(
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        finished_counts.template_xlsx,
    )
