"""The quarterly triangulation report inside the app, for the leadership team."""

from __future__ import annotations

import io
import secrets
import tempfile
import zipfile
from pathlib import Path

from flask import Response, abort, current_app, request, send_file, url_for

from analysis.quarters import Quarter
from analysis.report import build_report
from feedback_app import db
from feedback_app.auth import requires
from feedback_app.services.calendar import today
from feedback_app.services.teams import active_teams
from feedback_app.staff.blueprint import bp
from feedback_app.staff.render import render_staff
from feedback_app.surveys_registry import all_definitions

REPORT_ROLES = ("leadership",)
# The report page runs its own embedded plotly.js: only scripts carrying this response's
# nonce may run. Plotly adds its own style elements, hence inline styles on this page only.
REPORT_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'nonce-{nonce}'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


def _choice() -> tuple[Quarter, str | None]:
    try:
        quarter = Quarter.parse(request.args["quarter"])
    except (KeyError, ValueError):
        abort(400)
    team = request.args.get("team") or None
    if team and team not in {t.slug for t in active_teams(db.session())}:
        abort(400)
    return quarter, team


def _build(folder: Path, quarter: Quarter, team: str | None, **options):
    return build_report(
        db.engine(),
        all_definitions(),
        quarter,
        folder,
        team=team,
        service_name=current_app.config["SERVICE_NAME"],
        **options,
    )


@bp.get("/reports")
@requires(*REPORT_ROLES)
def reports():
    this = Quarter.containing(today())
    quarters = [this]
    for _ in range(7):
        quarters.append(quarters[-1].previous())
    return render_staff(
        "staff/reports.html",
        quarters=quarters,
        default=this.previous(),
        teams=active_teams(db.session()),
    )


@bp.get("/reports/view")
@requires(*REPORT_ROLES)
def report_view():
    quarter, team = _choice()
    nonce = secrets.token_urlsafe(16)
    with tempfile.TemporaryDirectory() as folder:
        files = _build(
            Path(folder),
            quarter,
            team,
            nonce=nonce,
            back_link=(url_for(".reports"), "Back to reports in the staff area"),
        )
        html = files.html.read_text(encoding="utf-8")
    response = Response(html, mimetype="text/html")
    response.headers["Content-Security-Policy"] = REPORT_POLICY.format(nonce=nonce)
    return response


@bp.get("/reports/download")
@requires(*REPORT_ROLES)
def report_download():
    """The report as the command writes it: the HTML file, its workbook and CSVs, zipped."""
    quarter, team = _choice()
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as folder:
        files = _build(Path(folder), quarter, team)
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in [files.html, files.workbook, *files.csvs]:
                archive.write(path, path.name)
    buffer.seek(0)
    return send_file(
        buffer,
        mimetype="application/zip",
        as_attachment=True,
        download_name=f"{files.html.stem}.zip",
    )
