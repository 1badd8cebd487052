"""What each kind of job does. Each is idempotent: run twice, it stores nothing twice."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete

from feedback_app import db
from feedback_app.importing import ImportFileError, Mapping
from feedback_app.jobs.kinds import JobContext, JobFailed, JobOutcome, job_kind
from feedback_app.models import ImportBatch, ImportUpload, StaffUser
from feedback_app.surveys_registry import all_definitions


def _actor(context: JobContext) -> StaffUser | None:
    if context.started_by_id is None:
        return None
    return db.session().get(StaffUser, context.started_by_id)


@job_kind("import")
def import_upload(context: JobContext) -> JobOutcome:
    """Store an uploaded export in chunks; the upload is removed once every row is in."""
    from feedback_app.services import imports

    params = context.params
    session = db.session()
    upload = session.get(ImportUpload, params["upload"])
    batch_id = params.get("batch_id")
    if upload is None:
        batch = session.get(ImportBatch, batch_id) if batch_id else None
        if batch is not None and params.get("finished"):
            return _import_outcome(batch)
        raise JobFailed(
            "The uploaded file is no longer here (uploads are kept for a day). Upload it "
            "again: rows already imported will not be stored twice."
        )
    definition = all_definitions().get(params["survey"])
    if definition is None:
        raise JobFailed(f"There is no survey '{params['survey']}' any more.")
    try:
        table = imports.upload_table(upload)  # the rows read at upload, not the file again
        mapping = Mapping.from_dict(params["mapping"])
        found = imports.preview(
            session, definition, table, mapping, day_first=not params.get("month_first")
        )
    except (ImportFileError, ValueError) as error:
        raise JobFailed(str(error)) from error
    filename, content_hash = upload.filename, imports.file_hash(upload.content)
    if batch_id is None:
        batch = imports.open_batch(
            session, _actor(context), definition, filename, content_hash, found, mapping
        )
        session.commit()
        context.remember(batch_id=batch.id)
    context.progress(0, len(found.conversion.ready), "rows")
    batch = imports.run_import(
        session,
        _actor(context),
        definition,
        filename,
        content_hash,
        found,
        mapping,
        progress=lambda done, total: context.progress(done, total, "rows"),
        commit_chunks=True,
        batch_id=context.params["batch_id"],
    )
    session.execute(delete(ImportUpload).where(ImportUpload.id == upload.id))
    session.commit()
    context.remember(finished=True)
    return _import_outcome(batch)


def _import_outcome(batch: ImportBatch) -> JobOutcome:
    return JobOutcome(
        f"Imported {batch.rows_stored:,} responses"
        + (
            f" ({batch.rows_already_stored:,} were stored before)"
            if batch.rows_already_stored
            else ""
        )
        + ".",
        "staff.import_batch",
        {"batch_id": batch.id},
    )


@job_kind("retention")
def apply_retention(context: JobContext) -> JobOutcome:
    """Blank old free text and delete old responses, as the retention schedule says."""
    from feedback_app.services import retention

    on = date.fromisoformat(context.params["on"])
    try:
        policies = retention.load_policies(sorted(all_definitions()))
    except retention.RetentionError as error:
        raise JobFailed(str(error)) from error
    if context.params.get("dry_run"):
        steps = retention.plan(db.session(), policies, on)
        db.session().rollback()
    else:
        with db.transaction() as session:
            steps = retention.apply(session, _actor(context), policies, on)
    texts, responses = sum(s.texts for s in steps), sum(s.responses for s in steps)
    held = sum(s.held_back for s in steps)
    context.progress(1, 1)
    if context.params.get("dry_run"):
        return JobOutcome(
            f"Nothing was changed. Applied today, the schedule would blank {texts:,} free-text "
            f"answers and delete {responses:,} responses; {held:,} past their date are kept "
            "for an open complaint or an unread safeguarding flag."
        )
    return JobOutcome(
        f"Done: {texts:,} free-text answers blanked and {responses:,} responses deleted. "
        "Recorded in the audit log."
    )


@job_kind("backfill-signals")
def backfill_signals(context: JobContext) -> JobOutcome:
    """Score free-text answers with no (or an old) sentiment and themes, committing each batch,
    and flag for safeguarding, found late, any the current detector catches."""
    from feedback_app.services.text_signals import backfill

    session = db.session()

    def committed(done: int, total: int) -> None:
        session.commit()
        context.progress(done, total, "answers")

    done = backfill(
        session, all_definitions(), rescore=bool(context.params.get("rescore")), progress=committed
    )
    session.commit()
    late = (
        f" {done.found_late:,} older answers newly flagged for safeguarding, marked found late."
        if done.found_late
        else ""
    )
    return JobOutcome(f"Scored {done.scored:,} free-text answers.{late}")


@job_kind("report")
def build_report(context: JobContext) -> JobOutcome:
    """Build a stored quarterly report; building it again only replaces it."""
    from feedback_app.models import ReportSnapshot
    from feedback_app.services import report_snapshots

    snapshot_id = context.params["snapshot"]
    context.progress(0, 1, "report")
    report_snapshots.build(snapshot_id)
    context.progress(1, 1, "report")
    snapshot = db.session().get_one(ReportSnapshot, snapshot_id, populate_existing=True)
    return JobOutcome(
        f"The report for {snapshot.quarter} is ready ({snapshot.responses or 0:,} responses).",
        "staff.report_view",
        {"quarter": snapshot.quarter, "team": snapshot.team_slug},
    )


@job_kind("export")
def export_responses(context: JobContext) -> JobOutcome:
    """Make a large export and keep it a day for the person who asked; made again on a retry,
    it replaces the file rather than keeping two."""
    from feedback_app.services import exports

    params = context.params
    definition = all_definitions().get(params["survey"])
    if definition is None:
        raise JobFailed(f"There is no survey '{params['survey']}' any more.")
    session, actor = db.session(), _actor(context)
    context.progress(0, 2, "steps")
    try:
        made = exports.build(
            session,
            definition,
            date.fromisoformat(params["start"]),
            date.fromisoformat(params["end"]),
            params["layout"],
            bool(params["restricted"]),
            bool(params["protected"]),
        )
    except ValueError as error:
        raise JobFailed(str(error)) from error
    body = exports.encoded(made, definition, params["format"])
    context.progress(1, 2, "steps")
    with db.transaction() as tx:
        stored = exports.store_file(
            tx, context.job_id, actor, made.filename, params["format"], body, len(made.rows)
        )
        exports.record(tx, actor, definition, made, bool(params["restricted"]))
        file_id = stored.id
    context.progress(2, 2, "steps")
    return JobOutcome(
        f"The export is ready: {len(made.rows):,} rows. Download it within a day; after that "
        "it is deleted.",
        "staff.export_file",
        {"file_id": file_id},
    )
