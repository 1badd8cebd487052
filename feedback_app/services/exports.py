"""Export a survey's responses for a period: wide (a row per response, a column per question,
laid out like a Microsoft Forms export so it can be imported again) or long (a row per
answer), as CSV or XLSX. Two queries, whatever the number of responses. A champion's export has
the protection of the champions' screens: free text redacted, text flagged for safeguarding and
Tell us complaints left out (and counted)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from analysis import clock
from analysis.cells import csv_cell, first_sheet, xlsx_cell
from analysis.clock import utc_now
from analysis.labels import CHANNEL_NAMES
from analysis.redaction import redact
from feedback_app.models import (
    Answer,
    ExportFile,
    Response,
    SafeguardingFlag,
    Source,
    Survey,
    Team,
    TellUsCase,
)
from feedback_app.services import audit
from surveys import HELP_ROLES, TEAM_NOT_SURE, Question, SurveyDefinition

LAYOUTS = ("wide", "long")
FORMATS = ("csv", "xlsx")
# Questions only some roles may export: equality monitoring answers and contact details.
RESTRICTED_ROLES = {"demographic"}
RESTRICTED_TYPES = {"contact"}
LEFT_OUT_FLAGGED = "[left out: flagged for safeguarding]"
LEFT_OUT_COMPLAINT = "[left out: a complaint]"


@dataclass
class Export:
    columns: list[str]
    rows: list[list]
    filename: str
    # Why text was left out of a champion's export, and how many answers: said in the file.
    left_out: dict[str, int] = field(default_factory=dict)
    protected: bool = False

    @property
    def notes(self) -> list[str]:
        said = []
        if self.protected:
            said.append("Free text is redacted: names, contact details and places are replaced.")
        for why, count in self.left_out.items():
            said.append(f"{count} {'answer' if count == 1 else 'answers'} left out: {why}.")
        return said


def restricted(question: Question) -> bool:
    return question.role in RESTRICTED_ROLES or question.type in RESTRICTED_TYPES


def _uk_time(utc_naive: datetime) -> str:
    """Stored UTC as UK clock time, as staff and Microsoft Forms write it."""
    return clock.local_time(utc_naive).strftime("%Y-%m-%d %H:%M:%S")


def _label(question: Question | None, value: str, teams: dict[str, str]) -> str:
    if question is None:
        return value
    if question.type == "team":
        return "Not sure" if value == TEAM_NOT_SURE else teams.get(value, value)
    option = question.option(value) if question.options else None
    return option.label if option else value


def build(
    db: Session,
    definition: SurveyDefinition,
    start: date,
    end: date,
    layout: str = "wide",
    with_restricted: bool = False,
    protected: bool = False,
) -> Export:
    """Responses given from `start` to `end` (inclusive, UK dates), oldest first; `protected`
    for a champion's export."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}")
    if end < start:
        raise ValueError("The end date is before the start date")
    window = clock.days_range(start, end)
    # Offers to help are never stored with a response, so they have no column.
    questions = [
        q
        for q in definition.questions
        if q.role not in HELP_ROLES and (with_restricted or not restricted(q))
    ]
    by_id = {q.id: q for q in questions}
    teams = dict(db.execute(select(Team.slug, Team.name)).all())
    responses = db.execute(
        select(Response.id, Response.submitted_at, Response.channel, Team.name, Source.code)
        .join(Survey, Survey.id == Response.survey_id)
        .outerjoin(Team, Team.id == Response.team_id)
        .outerjoin(Source, Source.id == Response.source_id)
        .where(
            Survey.slug == definition.slug,
            clock.within(Response.submitted_at, window),
        )
        .order_by(Response.submitted_at, Response.id)
    ).all()
    found = db.execute(
        select(Answer.response_id, Answer.question_id)
        .add_columns(Answer.value_text, Answer.value_choice, Answer.value_number)
        .add_columns(SafeguardingFlag.id.is_not(None), TellUsCase.kind == "complaint")
        .join(Response, Response.id == Answer.response_id)
        .outerjoin(SafeguardingFlag, SafeguardingFlag.answer_id == Answer.id)
        .outerjoin(TellUsCase, TellUsCase.response_id == Answer.response_id)
        .join(Survey, Survey.id == Response.survey_id)
        .where(
            Survey.slug == definition.slug,
            clock.within(Response.submitted_at, window),
            Answer.question_id.in_(list(by_id)),
        )
        .order_by(Answer.response_id, Answer.id)
    ).all()
    left_out: dict[str, int] = {}
    kept = [_protected(row, by_id, left_out) for row in found] if protected else found
    answers = [tuple(row[:5]) for row in kept]
    stem = f"{definition.slug}-{start.isoformat()}-to-{end.isoformat()}-{layout}"
    if layout == "long":
        meta = {r[0]: r for r in responses}
        rows = []
        for response_id, qid, text, choice, number in answers:
            if response_id not in meta:
                continue
            _id, at, channel, team, _code = meta[response_id]
            question = by_id[qid]
            value = choice if choice is not None else text
            rows.append(
                [
                    response_id,
                    _uk_time(at),
                    CHANNEL_NAMES.get(channel, channel),
                    team or "",
                    qid,
                    question.label,
                    _label(question, value, teams) if choice is not None else value,
                    choice or "",
                    number,
                ]
            )
        columns = [
            "Response ID",
            "Completion time",
            "Channel",
            "Team",
            "Question ID",
            "Question",
            "Answer",
            "Answer code",
            "Score",
        ]
        return Export(columns, rows, stem, left_out, protected)

    cells: dict[int, dict[str, list[str]]] = {}
    for response_id, qid, text, choice, _number in answers:
        question = by_id[qid]
        value = _label(question, choice, teams) if choice is not None else (text or "")
        cells.setdefault(response_id, {}).setdefault(qid, []).append(value)
    columns = ["ID", "Completion time", "Channel", "Source code"] + [q.label for q in questions]
    rows = []
    for response_id, at, channel, _team, code in responses:
        given = cells.get(response_id, {})
        row: list = [response_id, _uk_time(at), CHANNEL_NAMES.get(channel, channel), code or ""]
        for q in questions:
            values = given.get(q.id, [])
            # Multi-choice answers as Microsoft Forms writes them: "a;b;".
            row.append("".join(f"{v};" for v in values) if q.type == "multi" else "".join(values))
        rows.append(row)
    return Export(columns, rows, stem, left_out, protected)


def _protected(row, by_id: dict[str, Question], left_out: dict[str, int]):
    """An answer as a champion may see it: free text redacted, or left out and counted."""
    response_id, qid, text, choice, number, flagged, complaint = row
    if by_id[qid].type != "text" or not text:
        return row
    why = "flagged for safeguarding" if flagged else "a Tell us complaint" if complaint else None
    if why:
        left_out[why] = left_out.get(why, 0) + 1
        shown = LEFT_OUT_FLAGGED if flagged else LEFT_OUT_COMPLAINT
    else:
        shown = redact(text)
    return (response_id, qid, shown, choice, number, flagged, complaint)


def as_csv(export: Export) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(map(csv_cell, export.columns))
    writer.writerows(map(csv_cell, row) for row in export.rows)
    # With a byte-order mark Excel opens it as UTF-8.
    return buffer.getvalue().encode("utf-8-sig")


def as_xlsx(export: Export, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=False)
    sheet = first_sheet(book, title)
    sheet.append([xlsx_cell(v) for v in export.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in export.rows:
        sheet.append([xlsx_cell(v) for v in row])
    sheet.freeze_panes = "A2"
    if export.notes:
        about = book.create_sheet("About this export")
        for note in export.notes:
            about.append([xlsx_cell(note)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


MIMETYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def encoded(export: Export, definition: SurveyDefinition, file_format: str) -> bytes:
    if file_format == "csv":
        return as_csv(export)
    return as_xlsx(export, definition.title)


def count(db: Session, definition: SurveyDefinition, start: date, end: date) -> int:
    """How many responses an export of these dates holds (one indexed count): a large one is
    made by a background job instead of in the request."""
    window = clock.days_range(start, end)
    return (
        db.scalar(
            select(func.count(Response.id))
            .join(Survey, Survey.id == Response.survey_id)
            .where(Survey.slug == definition.slug, clock.within(Response.submitted_at, window))
        )
        or 0
    )


def record(db: Session, actor, definition: SurveyDefinition, made: Export, restricted: bool):
    """The audit entry every export gets, made in the request or by a job."""
    audit.record(
        db,
        actor,
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


KEPT_FOR = timedelta(days=1)  # a job's export file, for its maker to download


def expired(made: ExportFile) -> bool:
    return made.created_at < utc_now() - KEPT_FOR


def store_file(db: Session, job_id: int, actor, name: str, file_format: str, body, rows: int):
    """Keep a job's export for its maker, and delete any made more than a day ago."""
    db.execute(delete(ExportFile).where(ExportFile.created_at < utc_now() - KEPT_FOR))
    db.execute(delete(ExportFile).where(ExportFile.job_id == job_id))  # a retry replaces it
    made = ExportFile(
        job_id=job_id,
        made_by_id=actor.id if actor else None,
        filename=f"{name}.{file_format}",
        mimetype=MIMETYPES[file_format],
        rows=rows,
        content=body,
    )
    db.add(made)
    db.flush()
    return made
