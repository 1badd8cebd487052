"""How many people finished working with each team per quarter (uploaded by an admin from the
case system): the template to fill in, storing a checked file in place of the quarter's last
one (audited), and what has been uploaded."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from openpyxl import Workbook
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from analysis.cells import csv_cell, first_sheet, xlsx_cell
from analysis.clock import utc_now
from analysis.quarters import Quarter
from feedback_app.importing.finished import (
    COLUMNS,
    NOT_A_GROUP,
    WHO,
    WHO_NAMES,
    FinishedRow,
    Reading,
    group_name,
    read_finished,
)
from feedback_app.importing.reader import read_table
from feedback_app.models import FinishedCount, StaffUser, Team
from feedback_app.services import audit, report_snapshots
from surveys import Question, SurveyDefinition

CHILDREN_SURVEY = "working-with-us"  # the children's end-of-work form asks the groups


def groups(definitions: dict[str, SurveyDefinition]) -> dict[str, Question]:
    """The children's optional "about you" questions, by id."""
    definition = definitions.get(CHILDREN_SURVEY)
    if definition is None:
        return {}
    return {q.id: q for q in definition.questions if q.role == "demographic"}


def team_names(db: Session) -> dict[str, str]:
    return dict(db.execute(select(Team.slug, Team.name).order_by(Team.id)).all())


def check_file(
    db: Session, content: bytes, filename: str, definitions: dict[str, SurveyDefinition]
) -> Reading:
    """Read and check an upload; raises ImportFileError for a file that cannot be read."""
    return read_finished(read_table(content, filename), team_names(db), groups(definitions))


def _summary(rows, filename: str) -> dict:
    totals = dict.fromkeys(WHO, 0)
    for row in rows:
        if row.group_question is None:
            totals[row.audience] += row.finished
    return {"file": filename, "rows": len(rows), **{f"{k}_finished": v for k, v in totals.items()}}


def replace_quarter(
    db: Session, actor: StaffUser, quarter: Quarter, rows: list[FinishedRow], filename: str
) -> None:
    """Store a checked file as the quarter's numbers, in place of any uploaded before, in one
    transaction (the caller's): the audit log keeps what was there and what is now."""
    old = list(db.scalars(select(FinishedCount).where(FinishedCount.quarter == str(quarter))))
    before = _summary(old, old[0].filename) if old else None
    db.execute(delete(FinishedCount).where(FinishedCount.quarter == str(quarter)))
    ids = dict(db.execute(select(Team.slug, Team.id)).all())
    now = utc_now()
    made = [
        FinishedCount(
            quarter=str(quarter),
            team_id=ids[row.team],
            audience=row.audience,
            group_question=row.question,
            group_value=row.value,
            finished=row.finished,
            filename=filename[:255],
            uploaded_by_id=actor.id,
            uploaded_at=now,
        )
        for row in rows
    ]
    db.add_all(made)
    db.flush()
    action = "replace" if old else "upload"
    audit.record(
        db, actor, action, "finished_counts", str(quarter), before, _summary(made, filename)
    )
    report_snapshots.mark_new_data(db, [quarter.start])


@dataclass(frozen=True)
class Upload:
    """One quarter's uploaded numbers, as the upload page lists them."""

    quarter: str
    filename: str
    uploaded_at: datetime
    uploaded_by: str
    rows: int
    finished: dict[str, int]  # audience -> total finished
    split_by: tuple[str, ...]  # the groups children were counted by


def uploads(db: Session) -> list[Upload]:
    found: dict[str, list[FinishedCount]] = defaultdict(list)
    query = select(FinishedCount).options(selectinload(FinishedCount.uploaded_by))
    for row in db.scalars(query.order_by(FinishedCount.id)):
        found[row.quarter].append(row)
    listed = []
    for quarter in sorted(found, reverse=True):
        rows = found[quarter]
        summary = _summary(rows, rows[0].filename)
        by = rows[0].uploaded_by
        listed.append(
            Upload(
                quarter,
                rows[0].filename,
                rows[0].uploaded_at,
                by.name if by else "",
                len(rows),
                {who: summary[f"{who}_finished"] for who in WHO},
                tuple(
                    group_name(q)
                    for q in dict.fromkeys(r.group_question for r in rows if r.group_question)
                ),
            )
        )
    return listed


def template_rows(db: Session, definitions: dict[str, SurveyDefinition]) -> list[list[str]]:
    """The template: a total row for each team and who finished, then a row for each group
    children may be counted by. Finished is left empty: a row left empty is not stored."""
    rows = [list(COLUMNS)]
    names = team_names(db)
    questions = groups(definitions)
    for name in names.values():
        for who in WHO:
            rows.append([name, WHO_NAMES[who], "", "", ""])
        for question_id, question in questions.items():
            for option in question.options:
                if option.value != NOT_A_GROUP:
                    rows.append([name, "children", group_name(question_id), option.label, ""])
    return rows


def template_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return out.getvalue().encode("utf-8-sig")  # Excel opens UTF-8 with its mark


def template_xlsx(rows: list[list[str]]) -> bytes:
    book = Workbook()
    sheet = first_sheet(book, "Finished")
    for row in rows:
        sheet.append([xlsx_cell(v) for v in row])
    for letter, width in zip("ABCDE", (32, 20, 14, 44, 10), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
