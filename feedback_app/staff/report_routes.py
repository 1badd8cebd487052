"""The quarterly triangulation report inside the app, for the leadership team: the stored copy
served at once, a rebuild off the request thread, and the files to download."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from functools import cache
from pathlib import Path
from typing import cast

from flask import Flask, Response, abort, current_app, redirect, request, send_file, url_for
from flask_login import current_user
from werkzeug.local import LocalProxy

from analysis.clock import local_time, today
from analysis.quarters import Quarter
from analysis.report.files import data_files
from analysis.report.render import standalone
from feedback_app import db
from feedback_app.auth import requires
from feedback_app.services import report_snapshots as snapshots
from feedback_app.services.teams import active_teams
from feedback_app.staff.blueprint import bp
from feedback_app.staff.render import render_staff

REPORT_ROLES = ("leadership",)
# plotly.js draws inside the page and sets inline styles, hence 'unsafe-inline' for styles on
# this page only; scripts come from this site alone, none inline.
REPORT_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


@cache
def _plotly() -> tuple[bytes, str]:
    import plotly

    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    content = path.read_bytes()
    return content, hashlib.sha256(content).hexdigest()[:16]


def _choice() -> tuple[Quarter, str | None]:
    try:
        quarter = Quarter.parse(request.values["quarter"])
    except (KeyError, ValueError):
        abort(400)
    team = request.values.get("team") or None
    if team and team not in {t.slug for t in active_teams(db.session())}:
        abort(400)
    return quarter, team


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


def _ensure(quarter: Quarter, team: str | None):
    """The ready snapshot, or None after starting a build (audited) if there is none."""
    session = db.session()
    found = snapshots.ready(session, quarter, team)
    if found is not None:
        return found
    if snapshots.building(session, quarter, team) is None:
        with db.transaction() as session:
            snapshot = snapshots.request(session, current_user._get_current_object(), quarter, team)
            snapshot_id = snapshot.id
        snapshots.start(
            cast("LocalProxy[Flask]", current_app)._get_current_object(),
            snapshot_id,
            current_user._get_current_object(),
        )
    return snapshots.ready(db.session(), quarter, team)


@bp.get("/reports/view")
@requires(*REPORT_ROLES)
def report_view():
    quarter, team = _choice()
    snapshot = _ensure(quarter, team)
    running = snapshots.building(db.session(), quarter, team)
    if snapshot is None:
        failed = snapshots.latest(db.session(), quarter, team)
        page, status = render_staff(
            "staff/report_building.html",
            quarter=quarter,
            team=team,
            running=running,
            failed=failed if failed is not None and failed.status == "failed" else None,
        )
        return page, status
    _content, plotly_hash = _plotly()
    page, status = render_staff(
        "staff/report_view.html",
        snapshot=snapshot,
        quarter=quarter,
        team=team,
        running=running,
        built_at=_london(snapshot.built_at),
        new_data_since=_london(snapshot.new_data_since) if snapshot.new_data_since else None,
        built_from=snapshots.built_from(snapshot),
        plotly_src=url_for("report_plotly", digest=plotly_hash),
    )
    response = Response(page, status=status, mimetype="text/html")
    response.headers["Content-Security-Policy"] = REPORT_POLICY
    return response


@bp.post("/reports/rebuild")
@requires(*REPORT_ROLES)
def report_rebuild():
    from flask_wtf.csrf import validate_csrf
    from wtforms.validators import ValidationError

    try:
        validate_csrf(request.form.get("csrf_token"))
    except ValidationError:
        abort(400)
    quarter, team = _choice()
    with db.transaction() as session:
        snapshot = snapshots.request(session, current_user._get_current_object(), quarter, team)
        snapshot_id, fresh = snapshot.id, snapshot.progress == "Waiting to start"
    if fresh:
        snapshots.start(
            cast("LocalProxy[Flask]", current_app)._get_current_object(),
            snapshot_id,
            current_user._get_current_object(),
        )
    return redirect(url_for(".report_view", quarter=str(quarter), team=team or None))


def report_plotly(digest: str):
    """plotly.js as a file the browser keeps: its name changes when its content does. It is the
    public library, no data, so it sits outside the staff area's never-stored rule."""
    content, current = _plotly()
    if digest != current:
        abort(404)
    response = Response(content, mimetype="text/javascript")
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


@bp.record_once
def _serve_plotly(state) -> None:
    state.app.add_url_rule("/assets/plotly-<digest>.js", "report_plotly", report_plotly)


# What a download holds: the paper to print or send (the PDF, or the report as one web
# page), the data to work with (every table as one Excel workbook, or as CSV files), or all.
PARTS = ("all", "pdf", "html", "xlsx", "csv")


@bp.get("/reports/download")
@requires(*REPORT_ROLES)
def report_download():
    """The stored report as files: `part` is one of PARTS (default all, zipped)."""
    quarter, team = _choice()
    part = request.args.get("part") or "all"
    if part not in PARTS:
        abort(400)
    snapshot = _ensure(quarter, team)
    if snapshot is None:
        return redirect(url_for(".report_view", quarter=str(quarter), team=team or None))
    if part == "pdf":
        return report_pdf()
    data = json.loads(snapshot.data_json)
    stem = data["stem"]
    title = f"Triangulation report {quarter} – {current_app.config['SERVICE_NAME']}"
    html = f"{stem}.html"
    if part == "html":
        return _file(standalone(snapshot.body_html, title).encode("utf-8"), html, "text/html")
    files = {} if part in ("xlsx", "csv") else {html: standalone(snapshot.body_html, title)}
    if snapshot.pdf and part == "all":
        files[f"{stem}.pdf"] = snapshot.pdf
    for name, content in data_files(data).items():
        if part == "all" or name.endswith(f".{part}"):
            files[name] = content
    if part == "xlsx":
        return _file(files[f"{stem}.xlsx"], f"{stem}.xlsx", XLSX)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    name = f"{stem}-csv.zip" if part == "csv" else f"{stem}.zip"
    return _file(buffer.getvalue(), name, "application/zip")


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _file(content: bytes, name: str, mimetype: str):
    return send_file(io.BytesIO(content), mimetype=mimetype, as_attachment=True, download_name=name)


@bp.get("/reports/pdf")
@requires(*REPORT_ROLES)
def report_pdf():
    quarter, team = _choice()
    snapshot = snapshots.ready(db.session(), quarter, team)
    if snapshot is None or not snapshot.pdf:
        return render_staff("staff/report_no_pdf.html", quarter=quarter, team=team)
    stem = json.loads(snapshot.data_json)["stem"]
    return send_file(
        io.BytesIO(snapshot.pdf), mimetype="application/pdf", download_name=f"{stem}.pdf"
    )


def _london(utc_naive) -> str:
    return f"{local_time(utc_naive):%d %B %Y at %H:%M}"
