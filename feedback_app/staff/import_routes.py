"""Import old exports (admins): upload, map the columns, dry run, confirm, undo."""

from __future__ import annotations

import secrets
from datetime import timedelta

from flask import abort, current_app, flash, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import delete

from analysis.clock import utc_now
from feedback_app import db, jobs
from feedback_app.auth import requires
from feedback_app.importing import (
    ImportFileError,
    Mapping,
    metadata_columns,
    read_table,
    suggest_option_mapping,
    table_to_data,
)
from feedback_app.models import ImportBatch, ImportUpload, StaffUser
from feedback_app.services import imports
from feedback_app.services.surveys import current_version
from feedback_app.services.teams import active_teams
from feedback_app.staff.blueprint import bp
from feedback_app.staff.forms import ConfirmForm
from feedback_app.staff.pagination import paginate
from feedback_app.staff.render import render_staff
from feedback_app.surveys_registry import all_definitions
from surveys import TEAM_NOT_SURE

IMPORT_ROLES = ("admin",)
UPLOAD_KEPT = timedelta(days=1)  # an abandoned upload holds personal data: not kept longer
PREVIEW_ROWS = 20
META_LABELS = {
    "id": "Row ID (a row imported twice is stored once)",
    "start_time": "Start time (used when there is no completion time)",
    "completion_time": "When it was given",
    "email": "Not imported: personal data",
    "name": "Not imported: personal data",
}


def raise_upload_limit() -> None:
    """Exports are larger than any form: raise the request size limit for the upload only.
    Runs before CSRF protection reads the body."""
    if request.endpoint == "staff.new_import":
        request.max_content_length = current_app.config["IMPORT_MAX_BYTES"]


@bp.get("/imports")
@requires(*IMPORT_ROLES)
def import_list():
    batches = paginate(db.session(), imports.batches_query())
    return render_staff("staff/imports.html", batches=batches)


@bp.route("/imports/new", methods=["GET", "POST"])
@requires(*IMPORT_ROLES)
def new_import():
    definitions = all_definitions()
    errors: list[str] = []
    if request.method == "POST":
        slug = request.form.get("survey", "")
        upload = request.files.get("file")
        if slug not in definitions:
            errors.append("Select the survey the file holds")
        if upload is None or not upload.filename:
            errors.append("Choose an .xlsx or .csv file to upload")
        if not errors:
            content = upload.read()
            try:
                table = read_table(content, upload.filename)  # read once, kept with the upload
            except ImportFileError as error:
                errors.append(str(error))
        if not errors:
            with db.transaction() as session:
                session.execute(
                    delete(ImportUpload).where(ImportUpload.uploaded_at < utc_now() - UPLOAD_KEPT)
                )
                version = current_version(session, definitions[slug])
                token = secrets.token_urlsafe(24)
                session.add(
                    ImportUpload(
                        id=token,
                        survey_id=version.survey_id,
                        filename=upload.filename[:255],
                        content=content,
                        parsed=table_to_data(table),
                        uploaded_by_id=current_user.id,
                    )
                )
            return redirect(url_for(".map_import", token=token))
    return render_staff(
        "staff/import_new.html",
        surveys={s: d.title for s, d in sorted(definitions.items())},
        problems=errors,
        chosen=request.form.get("survey", ""),
        limit_mb=current_app.config["IMPORT_MAX_BYTES"] // (1024 * 1024),
    )


def _upload(token: str) -> ImportUpload:
    upload = db.session().get(ImportUpload, token)
    if upload is None or upload.uploaded_by_id != current_user.id:
        abort(404)
    return upload


def _parsed(upload: ImportUpload):
    """The upload's rows as read when it arrived (an older upload is read now, once)."""
    with db.transaction():
        return imports.upload_table(upload)


def _mapping_from_form(table, definition) -> Mapping:
    questions = {q.id for q in definition.questions}
    columns: dict[str, str | None] = {}
    for index, heading in enumerate(table.headings):
        chosen = request.form.get(f"col-{index}") or None
        columns[heading] = chosen if chosen in questions else None
    options: dict[str, dict[str, str | None]] = {}
    for key in request.form:
        if key.startswith("opt-label-"):
            suffix = key.removeprefix("opt-label-")
            qid, label = request.form.get(f"opt-question-{suffix}", ""), request.form[key]
            value = request.form.get(f"opt-value-{suffix}") or None
            if qid in questions:
                options.setdefault(qid, {})[label] = value
    return Mapping(columns, {}, options)


@bp.route("/imports/upload/<token>", methods=["GET", "POST"])
@requires(*IMPORT_ROLES)
def map_import(token: str):
    session = db.session()
    upload = _upload(token)
    definition = all_definitions().get(upload.survey.slug) or abort(404)
    table = _parsed(upload)
    step = request.form.get("step", "preview")
    if request.method == "POST" and step == "cancel":
        with db.transaction() as tx:
            tx.execute(delete(ImportUpload).where(ImportUpload.id == token))
        flash("Upload removed. Nothing was imported.")
        return redirect(url_for(".import_list"))
    if request.method == "POST":
        mapping = _mapping_from_form(table, definition)
        was_saved = False
    else:
        mapping, was_saved = imports.saved_or_suggested(
            session, definition, upload.survey_id, table
        )
    month_first = request.form.get("month_first") == "y"
    errors: list[str] = []
    try:
        found = imports.preview(session, definition, table, mapping, day_first=not month_first)
    except ValueError as error:
        errors.append(str(error))
        found = None
    if request.method == "POST" and step == "import" and found is not None:
        if not found.new_rows:
            errors.append("There is nothing new to import")
        else:
            # A large file takes minutes: a job worker stores it in chunks while this page
            # shows its progress, and children's forms sent meanwhile go straight in.
            job = jobs.start(
                "import",
                f"Import {upload.filename} into {definition.title}",
                {
                    "upload": token,
                    "survey": definition.slug,
                    "mapping": mapping.to_dict(),
                    "month_first": month_first,
                },
                current_user._get_current_object(),
                dedupe_key=f"import:{token}",
            )
            return redirect(url_for(".job_page", job_id=job.id))
    team_names = {t.slug: t.name for t in active_teams(session)} | {TEAM_NOT_SURE: "Not sure"}
    meta = {h: key for key, h in metadata_columns(table.headings).items() if h}
    labels_seen = _labels_seen(table, mapping, definition)
    return render_staff(
        "staff/import_map.html",
        upload=upload,
        definition=definition,
        table=table,
        mapping=mapping,
        was_saved=was_saved,
        meta=meta,
        meta_labels=META_LABELS,
        labels_seen=labels_seen,
        found=found,
        preview_rows=[
            (row, _readable(definition, row.answers, team_names))
            for row in (found.new_rows[:PREVIEW_ROWS] if found else [])
        ],
        month_first=month_first,
        problems=errors,
        team_choices=list(team_names.items()),
    )


def _readable(definition, answers: dict, teams: dict[str, str]) -> list[tuple[str, str]]:
    """(question, answer) in the words people read, not the stored codes."""
    shown = []
    for qid, value in answers.items():
        question = definition.question(qid)
        values = value if isinstance(value, list) else [value]
        words: list[str] = []
        for v in values:
            option = question.option(str(v)) if question.options else None
            words.append(
                teams.get(v) or str(v)
                if question.type == "team"
                else option.label
                if option
                else str(v)
            )
        shown.append((question.label, "; ".join(words)))
    return shown


def _labels_seen(table, mapping: Mapping, definition) -> list[tuple[object, list]]:
    """For each mapped choice question: (question, [(label, chosen value)]) for the labels in
    the file, so a person can say what an unusual label means."""
    found = []
    team_values = imports.team_values(db.session())
    for heading, qid in mapping.columns.items():
        if not qid:
            continue
        question = definition.question(qid)
        if question.type not in ("choice", "multi", "scale", "team"):
            continue
        labels: set[str] = set()
        for row in table.rows:
            value = row.values.get(heading)
            if value is None or str(value).strip() == "":
                continue
            parts = str(value).split(";") if question.type == "multi" else [str(value)]
            labels |= {p.strip() for p in parts if p.strip()}
        known = mapping.options.get(qid, {})
        guessed = suggest_option_mapping(question, labels - set(known), team_values)
        chosen = {**guessed, **{k: v for k, v in known.items() if k in labels}}
        found.append((question, sorted(chosen.items())))
    return found


@bp.route("/imports/<int:batch_id>", methods=["GET", "POST"])
@requires(*IMPORT_ROLES)
def import_batch(batch_id: int):
    session = db.session()
    batch = session.get(ImportBatch, batch_id) or abort(404)
    form = ConfirmForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        if request.form.get("confirm") != "y":
            form.form_errors.append("Tick the box to confirm you want to undo this import")
        else:
            with db.transaction() as tx:
                removed = imports.undo(tx, current_user._get_current_object(), batch)
            flash(
                f"Import undone: {removed:,} {'response' if removed == 1 else 'responses'} removed."
            )
            return redirect(url_for(".import_batch", batch_id=batch_id))
    undone_by = session.get(StaffUser, batch.undone_by_id) if batch.undone_by_id else None
    return render_staff(
        "staff/import_batch.html",
        batch=batch,
        form=form,
        undone_by=undone_by,
        status=400 if form.form_errors else 200,
    )
