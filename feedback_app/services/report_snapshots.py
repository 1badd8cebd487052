"""Stored Board papers: a quarter's report (for the service or one team) is built once and
kept, so leadership sees it at once; new data in its quarter marks it, and an erased answer
quoted in it is taken out at once.

`build(snapshot_id)` is a plain function a background job can call (the scale work's job
runner); until that lands, `start` runs it on a thread, off the request."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from functools import lru_cache

from flask import Flask, current_app
from markupsafe import escape
from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from analysis import clock
from analysis.clock import utc_now
from analysis.quarters import Quarter
from feedback_app import db
from feedback_app.models import Answer, ReportSnapshot, Response, StaffUser, core_table
from feedback_app.services import audit

ERASED = "[removed: the person asked us to erase what they wrote]"
STALE_AFTER_BUILDING = 600  # seconds: a build that has said nothing for this long has died


def latest(session: Session, quarter: Quarter, team: str | None) -> ReportSnapshot | None:
    """The newest snapshot for the quarter and team, whatever its state."""
    query = select(ReportSnapshot).where(ReportSnapshot.quarter == str(quarter))
    query = query.where(
        ReportSnapshot.team_slug == team if team else ReportSnapshot.team_slug.is_(None)
    )
    return session.scalar(query.order_by(ReportSnapshot.id.desc()).limit(1))


def ready(session: Session, quarter: Quarter, team: str | None) -> ReportSnapshot | None:
    query = select(ReportSnapshot).where(
        ReportSnapshot.quarter == str(quarter), ReportSnapshot.status == "ready"
    )
    query = query.where(
        ReportSnapshot.team_slug == team if team else ReportSnapshot.team_slug.is_(None)
    )
    return session.scalar(query.order_by(ReportSnapshot.id.desc()).limit(1))


def building(session: Session, quarter: Quarter, team: str | None) -> ReportSnapshot | None:
    snapshot = latest(session, quarter, team)
    return snapshot if snapshot is not None and snapshot.status == "building" else None


def request(
    session: Session, actor: StaffUser | None, quarter: Quarter, team: str | None
) -> ReportSnapshot:
    """Ask for a (re)build; audited. A build already running is reused, not doubled."""
    running = building(session, quarter, team)
    if running is not None:
        return running
    snapshot = ReportSnapshot(
        quarter=str(quarter),
        team_slug=team,
        status="building",
        progress="Waiting to start",
        requested_by_id=actor.id if actor else None,
    )
    session.add(snapshot)
    session.flush()
    audit.record(
        session,
        actor,
        "rebuild",
        "report",
        snapshot.id,
        None,
        {"quarter": str(quarter), "team": team},
    )
    return snapshot


def _built_from(session: Session, quarter: Quarter) -> dict:
    from analysis.report.data import window

    start, end = window(quarter.same_quarter_last_year(), quarter)
    count, last_id, last_at = session.execute(
        select(
            func.count(Response.id), func.max(Response.id), func.max(Response.submitted_at)
        ).where(Response.submitted_at >= start, Response.submitted_at < end)
    ).one()
    return {
        "responses_read": count,
        "latest_response_id": last_id,
        "latest_response_at": str(last_at) if last_at else None,
        "quarters": f"{quarter.same_quarter_last_year()} to {quarter}",
    }


def build(snapshot_id: int) -> None:
    """Build a requested snapshot and store it. Runs inside an app context."""
    from analysis.report import build_report
    from analysis.report.files import data_json
    from analysis.report.render import chart_data, render_body
    from feedback_app.surveys_registry import all_definitions

    def say(message: str) -> None:
        with db.transaction() as session:
            row = session.get_one(ReportSnapshot, snapshot_id)
            if row is not None:
                row.progress = message[:200]

    session = db.session()
    snapshot = session.get_one(ReportSnapshot, snapshot_id)
    if snapshot is None:
        return
    quarter, team = Quarter.parse(snapshot.quarter), snapshot.team_slug
    session.close()
    try:
        started = utc_now()
        report = build_report(
            db.engine(),
            all_definitions(),
            quarter,
            team=team,
            service_name=current_app.config["SERVICE_NAME"],
            progress=say,
        )
        charts = chart_data(report)
        say("Writing the report")
        body = render_body(report, charts)
        pdf = None
        if current_app.config.get("REPORT_PDF", True):
            from analysis.report.pdf import pdf_bytes

            say("Drawing the charts for the PDF")
            pdf = pdf_bytes(report, charts)
        with db.transaction() as session:
            row = session.get_one(ReportSnapshot, snapshot_id)
            row.body_html = body
            row.data_json = data_json(report)
            row.quoted = json.dumps({str(k): v for k, v in report.quoted.items()})
            row.pdf = pdf
            row.responses = report.responses
            row.built_from = json.dumps(_built_from(session, quarter))
            row.built_at = started
            row.status, row.progress, row.error = "ready", "Built", None
    except Exception as error:  # the person sees that it failed; the log has the detail
        current_app.logger.exception("Report build %s failed", snapshot_id)
        with db.transaction() as session:
            row = session.get_one(ReportSnapshot, snapshot_id)
            row.status, row.progress = "failed", "The build failed"
            row.error = type(error).__name__
        raise


def start(app: Flask, snapshot_id: int, actor: StaffUser | None = None) -> None:
    """Build as a background job (or at once when REPORT_BACKGROUND is off, as in tests).
    A job worker does it, never a web request; asking again while it is queued shares it."""
    if not app.config.get("REPORT_BACKGROUND", True):
        build(snapshot_id)
        return
    from feedback_app import jobs

    snapshot = db.session().get_one(ReportSnapshot, snapshot_id)
    label = f"{snapshot.quarter}" + (f", {snapshot.team_slug}" if snapshot.team_slug else "")
    db.session().commit()
    jobs.start(
        "report",
        f"Build the quarterly report for {label}",
        {"snapshot": snapshot_id},
        actor,
        dedupe_key=f"report-snapshot:{snapshot_id}",
    )


def mark_new_data(session: Session, when: Iterable[date | datetime]) -> None:
    """Data in these times' quarters changed (a form, an import, a transcription, an erasure):
    mark every stored report that reads them "new data since this was built". A report reads
    its own quarter and the four before it. A datetime is a stored (UTC) time; one UPDATE."""
    readers: set[str] = set()
    for moment in when:
        readers.update(
            _readers(clock.local_date(moment) if isinstance(moment, datetime) else moment)
        )
    if readers:
        quarters = {f"q{i}": quarter for i, quarter in enumerate(sorted(readers))}
        session.execute(_mark_new_data(len(quarters)), {**quarters, "now": utc_now()})


@lru_cache(maxsize=64)
def _readers(day: date) -> tuple[str, ...]:
    """The quarters whose reports read this day: its own and the four after it."""
    q = Quarter.containing(day)
    found = []
    for _ in range(5):
        found.append(str(q))
        q = q.next()
    return tuple(found)


@lru_cache(maxsize=32)
def _mark_new_data(quarters: int):
    """Built once per number of quarters, in Core, with one parameter per quarter (not an
    expanding list, which is rebuilt on every run): every form sent runs it."""
    table = core_table(ReportSnapshot)
    return (
        update(table)
        .where(
            table.c.quarter.in_([bindparam(f"q{i}") for i in range(quarters)]),
            table.c.status == "ready",
            table.c.new_data_since.is_(None),
        )
        .values(new_data_since=bindparam("now"))
    )


def forget_responses(session: Session, response_ids: Iterable[int]) -> None:
    """Before these responses are erased: take their quoted answers out of every stored report
    at once, and mark the reports that counted them."""
    ids = sorted(set(response_ids))
    if not ids:
        return
    forget_answers(session, session.scalars(select(Answer.id).where(Answer.response_id.in_(ids))))
    mark_new_data(
        session, session.scalars(select(Response.submitted_at).where(Response.id.in_(ids)))
    )


def forget_answers(session: Session, answer_ids: Iterable[int]) -> int:
    """The erasure hook: take erased answers out of every stored report that quotes them, at
    once (the PDF, which cannot be edited, is dropped until the next rebuild). Returns how
    many snapshots changed."""
    wanted = {str(i) for i in answer_ids}
    if not wanted:
        return 0
    changed = 0
    for row in session.scalars(select(ReportSnapshot).where(ReportSnapshot.quoted.is_not(None))):
        quoted = json.loads(row.quoted or "{}")
        hit = wanted & set(quoted)
        if not hit:
            continue
        for key in hit:
            text = quoted.pop(key)
            row.body_html = (row.body_html or "").replace(str(escape(text)), ERASED)
            row.data_json = (row.data_json or "").replace(json.dumps(text)[1:-1], ERASED)
        row.quoted = json.dumps(quoted)
        row.pdf = None
        row.new_data_since = row.new_data_since or utc_now()
        changed += 1
    return changed


def built_from(snapshot: ReportSnapshot) -> dict:
    return json.loads(snapshot.built_from or "{}")
