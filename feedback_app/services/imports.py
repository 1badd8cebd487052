"""Import old feedback into the database as one batch: a dry run first, then the import, which
can be undone. Each row is keyed by its export ID, so importing a file twice adds nothing."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Select, delete, func, select
from sqlalchemy.orm import Session, selectinload

from analysis.clock import to_utc, utc_now
from feedback_app.db import public_writes
from feedback_app.importing import (
    Conversion,
    Mapping,
    Table,
    convert,
    read_table,
    suggest_mapping,
    table_from_data,
    table_to_data,
)
from feedback_app.models import (
    ImportBatch,
    ImportedResponse,
    ImportUpload,
    Response,
    SavedMapping,
    StaffUser,
)
from feedback_app.services import audit, prepared_text, text_signals
from feedback_app.services.intake import Submission, submit
from feedback_app.services.prepared_text import PreparedText
from feedback_app.services.report_snapshots import mark_new_data
from feedback_app.services.surveys import current_version
from feedback_app.services.teams import active_teams
from surveys import SurveyDefinition

Progress = Callable[[int, int], None]


def upload_table(upload: ImportUpload) -> Table:
    """An upload's rows as read when it arrived; an upload from before they were kept is read
    now and keeps them (the caller commits)."""
    if upload.parsed is not None:
        return table_from_data(upload.parsed)
    table = read_table(upload.content, upload.filename)
    upload.parsed = table_to_data(table)
    return table


def file_hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def row_token(slug: str, source_id: str) -> str:
    """The submission token of an imported row: the same row never makes two responses."""
    digest = hashlib.sha256(f"{slug}\n{source_id}".encode()).hexdigest()[:40]
    return f"import:{digest}"


def team_values(db: Session) -> dict[str, str]:
    """Team names and slugs, as old exports write them, to our team slugs."""
    values = {}
    for team in active_teams(db):
        values[team.name] = team.slug
        values[team.slug] = team.slug
    return values


def saved_or_suggested(
    db: Session, definition: SurveyDefinition, survey_id: int | None, table: Table
) -> tuple[Mapping, bool]:
    """The mapping confirmed last time for this survey when it fits the file's headings,
    else a fresh suggestion. Returns (mapping, whether it was saved before)."""
    suggested = suggest_mapping(table.headings, definition, table.rows, team_values(db))
    saved = db.get(SavedMapping, survey_id) if survey_id is not None else None
    if saved is None:
        return suggested, False
    try:
        previous = Mapping.from_dict(saved.mapping)
    except ValueError:
        return suggested, False
    columns = {h: previous.columns.get(h, suggested.columns.get(h)) for h in table.headings}
    options = {**suggested.options, **previous.options}
    known = {h for h in table.headings if h in previous.columns}
    return Mapping(columns, suggested.scores, options), bool(known)


@dataclass
class Preview:
    """What an import would do, without doing it."""

    conversion: Conversion
    already_stored: set[str] = field(default_factory=set)  # source ids seen before

    @property
    def new_rows(self) -> list:
        return [r for r in self.conversion.ready if r.source_id not in self.already_stored]

    @property
    def problems(self) -> list:
        return self.conversion.problems


NOTHING_MAPPED = (
    "No column is matched to a question, so nothing would be stored. "
    "Choose the question each column answers, then check again."
)


def preview(
    db: Session,
    definition: SurveyDefinition,
    table: Table,
    mapping: Mapping,
    day_first: bool = True,
) -> Preview:
    """The dry run. Refused (ValueError) when no column answers a question: every row would be
    an empty response."""
    if not any(mapping.columns.values()):
        raise ValueError(NOTHING_MAPPED)
    conversion = convert(table, mapping, definition, team_values(db), day_first=day_first)
    tokens: dict[str | None, str] = {
        row_token(definition.slug, r.source_id): r.source_id for r in conversion.ready
    }
    seen: set[str] = set()
    batch = list(tokens)
    for start in range(0, len(batch), 500):
        chunk = batch[start : start + 500]
        seen |= {
            tokens[t]
            for t in db.scalars(
                select(Response.submission_token).where(Response.submission_token.in_(chunk))
            )
        }
    return Preview(conversion, seen)


# Rows stored per transaction: each chunk commits on its own, so a large import never holds
# the write lock for long and children's forms sent meanwhile go straight in.
CHUNK_ROWS = 250
# ...and a chunk also ends once it has held the lock this long, well inside the seconds a
# form waits for the lock before asking the person to try again.
CHUNK_SECONDS = 0.25
# SQLite hands its lock to whoever asks first, and a waiting form only asks again every 100 ms
# or so: after each chunk the import steps aside at least this long (scoring the next chunk's
# text counts), then waits for forms still being stored in its own process, up to a second.
CHUNK_PAUSE_SQLITE = 0.15
CHUNK_YIELD_SQLITE = 1.0


def run_import(
    db: Session,
    actor: StaffUser | None,
    definition: SurveyDefinition,
    filename: str,
    content_hash: str,
    found: Preview,
    mapping: Mapping,
    progress: Progress | None = None,
    commit_chunks: bool = False,
    batch_id: int | None = None,
) -> ImportBatch:
    """Store the rows of a dry run (`found`, from preview()) as one batch, and save the mapping
    for next time. A row stored since the dry run is counted as stored before, not doubled.

    With `commit_chunks`, every CHUNK_ROWS rows are committed (then `progress` is told), so the
    caller's session must be free to commit. Passing the `batch_id` of an earlier, interrupted
    run carries on with that batch: undo still removes everything it stored."""
    if not any(mapping.columns.values()):
        raise ValueError(NOTHING_MAPPED)  # and an empty mapping is never saved for next time
    version = current_version(db, definition)
    batch = db.get(ImportBatch, batch_id) if batch_id is not None else None
    if batch is None:
        batch = open_batch(db, actor, definition, filename, content_hash, found, mapping)
    rows = found.conversion.ready
    sqlite = db.get_bind().dialect.name == "sqlite"
    done = 0
    # Each chunk's text is scored before its transaction opens, so the write lock is held
    # only while storing; what a chunk cut short by time prepared is kept for the next.
    prepared = _prepare(definition, rows, 0, PreparedText())
    while done < len(rows):
        began, stored, chunk_end = time.monotonic(), 0, min(done + CHUNK_ROWS, len(rows))
        with prepared_text.using(prepared):
            while done < chunk_end and (
                not commit_chunks or time.monotonic() - began < CHUNK_SECONDS
            ):
                stored += _store_row(db, definition, version, batch, rows[done])
                done += 1
        batch.rows_stored += stored  # once per chunk: a change per row is a flush per row
        db.flush()
        if commit_chunks:
            db.commit()
        stepped_aside = time.monotonic()
        if done < len(rows):
            prepared = _prepare(definition, rows, done, prepared)
        if commit_chunks and sqlite:
            rest = CHUNK_PAUSE_SQLITE - (time.monotonic() - stepped_aside)
            time.sleep(max(rest, 0.0))
            public_writes.wait_until_stored(at_most=CHUNK_YIELD_SQLITE)
        if progress:
            progress(done, len(rows))
    stored = (
        db.scalar(
            select(func.count())
            .select_from(ImportedResponse)
            .where(ImportedResponse.batch_id == batch.id)
        )
        or 0
    )
    batch.rows_stored, batch.rows_already_stored = stored, len(rows) - stored
    mark_new_data(db, {to_utc(row.submitted_at) for row in rows})
    _save_mapping(db, actor, version.survey_id, mapping)
    audit.record(
        db,
        actor,
        "import",
        "import_batch",
        batch.id,
        None,
        {
            "survey": definition.slug,
            "filename": batch.filename,
            "rows_stored": stored,
            "rows_already_stored": batch.rows_already_stored,
            "rows_with_problems": batch.rows_with_problems,
        },
    )
    db.flush()
    return batch


def _prepare(definition: SurveyDefinition, rows: list, start: int, earlier: PreparedText):
    """The next chunk's text scored, reusing what an earlier chunk prepared, without growing
    for the whole import."""
    kept = earlier if len(earlier.signals) <= 4 * CHUNK_ROWS else PreparedText()
    chunk = rows[start : start + CHUNK_ROWS]
    return text_signals.prepare(definition, (row.answers for row in chunk), kept)


def open_batch(
    db: Session,
    actor: StaffUser | None,
    definition: SurveyDefinition,
    filename: str,
    content_hash: str,
    found: Preview,
    mapping: Mapping,
) -> ImportBatch:
    batch = ImportBatch(
        survey_id=current_version(db, definition).survey_id,
        filename=filename[:255],
        file_sha256=content_hash,
        mapping=mapping.to_dict(),
        imported_by_id=actor.id if actor else None,
        rows_with_problems=len({p.number for p in found.problems}),
    )
    db.add(batch)
    db.flush()
    return batch


def _store_row(db: Session, definition: SurveyDefinition, version, batch: ImportBatch, row) -> int:
    """Store one row unless it was stored before; 1 if it was new. Scored and scanned like any
    other; no Tell us case is opened for history that was handled at the time."""
    saved = submit(
        db,
        definition,
        row.answers,
        Submission(
            channel="import",
            token=row_token(definition.slug, row.source_id),
            submitted_at=to_utc(row.submitted_at),  # exports give UK clock time
            import_batch_id=batch.id,
            import_row_id=row.source_id,
        ),
        version,
    )
    return 1 if saved.created else 0


def _save_mapping(db: Session, actor: StaffUser | None, survey_id: int, mapping: Mapping) -> None:
    saved = db.get(SavedMapping, survey_id)
    if saved is None:
        saved = SavedMapping(survey_id=survey_id, mapping={})
        db.add(saved)
    saved.mapping = mapping.to_dict()
    saved.saved_at = utc_now()
    saved.saved_by_id = actor.id if actor else None


def undo(db: Session, actor: StaffUser | None, batch: ImportBatch) -> int:
    """Remove the responses this batch stored, and only them; return how many."""
    if batch.undone_at is not None:
        return 0
    ids = select(ImportedResponse.response_id).where(ImportedResponse.batch_id == batch.id)
    count = db.scalar(select(func.count()).select_from(ids.subquery())) or 0
    mark_new_data(db, set(db.scalars(select(Response.submitted_at).where(Response.id.in_(ids)))))
    db.execute(delete(Response).where(Response.id.in_(ids)))
    batch.undone_at = utc_now()
    batch.undone_by_id = actor.id if actor else None
    audit.record(db, actor, "undo", "import_batch", batch.id, {"rows_stored": count}, None)
    db.flush()
    return count


def batches_query() -> Select:
    """Every import, newest first, for the staff list to page through."""
    return (
        select(ImportBatch)
        .options(selectinload(ImportBatch.survey))
        .order_by(ImportBatch.id.desc())
    )
