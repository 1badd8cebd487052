"""Tell us cases: every Tell us message becomes one; complaints follow the complaints procedure."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import ColumnElement, Select, and_, func, insert, select
from sqlalchemy import case as sql_case
from sqlalchemy.orm import Session, selectinload

from analysis.clock import today
from feedback_app.models import (
    CaseNote,
    Response,
    SafeguardingFlag,
    StaffUser,
    TellUsCase,
    core_table,
)
from feedback_app.services import audit
from feedback_app.services.calendar import service_calendar
from feedback_app.services.complaint_timescales import Timescales, is_overdue, stage_due_dates
from feedback_app.services.working_days import WorkingCalendar
from surveys import SurveyDefinition

# Comments and compliments that ask for a reply are acknowledged like a complaint is.
REPLY_ACKNOWLEDGE_DAYS = Timescales().stage1_acknowledge
CASE_FIELDS = (
    "stage1_handler_id",
    "status",
    "stage",
    "assignee_id",
    "acknowledge_by",
    "respond_by",
    "acknowledged_on",
    "responded_on",
    "extension_days",
    "extension_reason",
    "outcome",
    "decision",
    "learning",
    "closed_on",
    "right_to_review_sent_on",
)


class CaseError(ValueError):
    """A case action was refused; the message says why."""


def open_complaint() -> ColumnElement[bool]:
    """A complaint still going through the procedure: it holds back erasure and retention. A
    compliment or comment never does, whatever its status (no complaints process hangs on it)."""
    return and_(TellUsCase.kind == "complaint", TellUsCase.status != "closed")


def open_case(
    db: Session,
    definition: SurveyDefinition,
    response_id: int,
    answers: dict,
    received_on: date | None = None,
    calendar: WorkingCalendar | None = None,
) -> int | None:
    """Make the case for a Tell us response and return its id; None for any other survey.
    Pass `calendar` when opening many cases, so the service's closure days are read once (a
    comment that wants no reply has no due date and reads none)."""
    if definition.question_with_role("kind") is None:
        return None
    received_on = received_on or today()
    case = TellUsCase(
        response_id=response_id,
        status="new",
        stage=1,
        received_on=received_on,
        stage_started_on=received_on,
        extension_days=0,
    )
    _take_answers(case, definition, answers, lambda: calendar or service_calendar(db))
    # In Core: every Tell us form opens one, and an ORM flush cost more than the INSERT.
    values = {
        column.key: getattr(case, column.key)
        for column in _CASE_COLUMNS
        if getattr(case, column.key) is not None
    }
    return db.execute(_OPEN_CASE, values).scalar_one()


_CASES = core_table(TellUsCase)
_CASE_COLUMNS = [column for column in _CASES.columns if column.key != "id"]
_OPEN_CASE = insert(_CASES).returning(_CASES.c.id)


def apply_corrected_answers(
    db: Session, definition: SurveyDefinition, response_id: int, answers: dict
) -> TellUsCase | None:
    """A corrected transcription: the case's kind, who sent it and whether a reply is wanted
    follow the answers, and so do its due dates, counted from the day it was received, as
    `open_case` counts them. A case past its first stage, or closed, keeps its dates."""
    case = db.scalar(select(TellUsCase).where(TellUsCase.response_id == response_id))
    if case is None or definition.question_with_role("kind") is None:
        return None
    calendar = service_calendar(db)
    _take_answers(case, definition, answers, lambda: calendar)
    db.flush()
    return case


def _take_answers(
    case: TellUsCase,
    definition: SurveyDefinition,
    answers: dict,
    calendar_of: Callable[[], WorkingCalendar],
) -> None:
    kind_question = definition.question_with_role("kind")
    respondent = definition.question_with_role("respondent")
    case.kind = (answers.get(kind_question.id) if kind_question else None) or "comment"
    case.respondent = answers.get(respondent.id) if respondent else None
    case.reply_wanted = answers.get("reply") == "yes"
    if case.status == "closed" or case.stage != 1:
        return
    case.acknowledge_by = case.respond_by = None
    if case.is_complaint:
        due = stage_due_dates(
            1,
            case.received_on,
            calendar_of(),
            acknowledged=case.acknowledged_on,
            extension_days=case.extension_days or 0,
        )
        case.acknowledge_by, case.respond_by = due.acknowledge_by, due.respond_by
    elif case.reply_wanted:
        case.acknowledge_by = calendar_of().add_working_days(
            case.received_on, REPLY_ACKNOWLEDGE_DAYS
        )


def next_due(case: TellUsCase) -> date | None:
    """The next date the service owes something on this case."""
    if case.status == "closed":
        return None
    if case.acknowledged_on is None and case.acknowledge_by is not None:
        return case.acknowledge_by
    if case.is_complaint and case.responded_on is None:
        return case.respond_by
    return None


def case_is_overdue(case: TellUsCase, on: date) -> bool:
    due = next_due(case)
    return due is not None and is_overdue(due, None, on)


def _due() -> ColumnElement[date]:
    """`next_due` in SQL, for cases not yet closed: the list queries filter and sort on it."""
    return sql_case(
        (
            and_(TellUsCase.acknowledged_on.is_(None), TellUsCase.acknowledge_by.is_not(None)),
            TellUsCase.acknowledge_by,
        ),
        (
            and_(TellUsCase.kind == "complaint", TellUsCase.responded_on.is_(None)),
            TellUsCase.respond_by,
        ),
        else_=None,
    )


def complaint_list_queries(db: Session, on: date | None = None) -> dict[str, Select]:
    """Each list a complaints lead works through, oldest first, as a query the staff page
    shows a page of and the home page counts: complaints by urgency, and apart from them the
    comments and compliments owed a reply (a thank-you owed is never an overdue complaint)."""
    on = on or today()
    week_end = service_calendar(db).add_working_days(on, 5)
    complaint = TellUsCase.kind == "complaint"
    base = (
        select(TellUsCase)
        .options(selectinload(TellUsCase.assignee))
        .where(TellUsCase.status != "closed")
        .order_by(TellUsCase.received_on, TellUsCase.id)
    )
    due = _due()
    return {
        "overdue": base.where(complaint, due < on),
        "due_this_week": base.where(complaint, due >= on, due <= week_end),
        "open": base.where(complaint),
        "replies_owed": base.where(
            TellUsCase.kind != "complaint", TellUsCase.reply_wanted.is_(True), due.is_not(None)
        ),
    }


def mark_overdue(cases: list[TellUsCase], on: date | None = None) -> list[TellUsCase]:
    on = on or today()
    for item in cases:
        item.overdue = case_is_overdue(item, on)
    return cases


def inbox_query():
    """Compliments and comments, newest first by the day they arrived."""
    return (
        select(TellUsCase)
        .options(selectinload(TellUsCase.response).selectinload(Response.answers))
        .where(TellUsCase.kind.in_(("comment", "compliment")))
        .order_by(TellUsCase.received_on.desc(), TellUsCase.id.desc())
    )


def mark_flagged(db: Session, cases: list[TellUsCase]) -> list[TellUsCase]:
    """Mark each message flagged for safeguarding, so the page says it went to the
    safeguarding lead instead of quoting it."""
    flagged = set(
        db.scalars(
            select(SafeguardingFlag.response_id).where(
                SafeguardingFlag.response_id.in_([c.response_id for c in cases])
            )
        )
    )
    for case in cases:
        case.safeguarding_flagged = case.response_id in flagged
    return cases


def get_case(db: Session, case_id: int) -> TellUsCase | None:
    return db.scalar(
        select(TellUsCase)
        .options(selectinload(TellUsCase.notes), selectinload(TellUsCase.response))
        .where(TellUsCase.id == case_id)
    )


def _changed(db: Session, case: TellUsCase, actor: StaffUser, action: str, change) -> None:
    before = audit.snapshot(case, CASE_FIELDS)
    change()
    audit.record(
        db, actor, action, "tell_us_case", case.id, before, audit.snapshot(case, CASE_FIELDS)
    )


def assign(db: Session, case: TellUsCase, actor: StaffUser, assignee: StaffUser) -> None:
    if case.stage == 2 and case.stage1_handler_id == assignee.id:
        raise CaseError("A stage 2 complaint must be handled by a different person from stage 1")
    _changed(db, case, actor, "assign", lambda: setattr(case, "assignee_id", assignee.id))


def acknowledge(db: Session, case: TellUsCase, actor: StaffUser, on: date | None = None) -> None:
    if case.acknowledged_on is not None:
        raise CaseError("This case has already been acknowledged")
    on = on or today()

    def change():
        case.acknowledged_on = on
        case.status = "acknowledged"
        if case.is_complaint:
            due = stage_due_dates(
                case.stage,
                case.stage_started_on,
                service_calendar(db),
                acknowledged=on,
                extension_days=case.extension_days if case.stage == 1 else 0,
            )
            case.respond_by = due.respond_by

    _changed(db, case, actor, "acknowledge", change)


def extend(db: Session, case: TellUsCase, actor: StaffUser, days: int, reason: str) -> None:
    if not case.is_complaint or case.stage != 1:
        raise CaseError("Only a stage 1 complaint can be given an extension")
    if case.extension_days:
        raise CaseError("This complaint has already had its one extension")

    def change():
        due = stage_due_dates(
            1,
            case.stage_started_on,
            service_calendar(db),
            acknowledged=case.acknowledged_on,
            extension_days=days,
        )
        case.extension_days = days
        case.extension_reason = reason.strip()
        case.respond_by = due.respond_by

    _changed(db, case, actor, "extend", change)


def respond(
    db: Session, case: TellUsCase, actor: StaffUser, outcome: str, on: date | None = None
) -> None:
    on = on or today()
    if case.stage == 2 and case.stage1_handler_id == actor.id:
        raise CaseError("A stage 2 complaint must be answered by a different person from stage 1")

    def change():
        if case.stage == 1 and case.is_complaint:
            # Whoever answers stage 1 may not handle stage 2.
            case.stage1_handler_id = actor.id
        if case.acknowledged_on is None:
            case.acknowledged_on = on
        case.responded_on = on
        case.outcome = outcome.strip()
        case.status = "responded"

    _changed(db, case, actor, "respond", change)


def escalate(db: Session, case: TellUsCase, actor: StaffUser, on: date | None = None) -> None:
    """The complainant is still unhappy: stage 2, new due dates, a different handler."""
    if not case.is_complaint or case.stage != 1 or case.responded_on is None:
        raise CaseError("Only a stage 1 complaint that has had a response can go to stage 2")
    on = on or today()

    def change():
        due = stage_due_dates(2, on, service_calendar(db))
        case.stage1_handler_id = case.stage1_handler_id or case.assignee_id
        case.assignee_id = None
        case.stage = 2
        case.stage_started_on = on
        case.status = "new"
        case.acknowledge_by, case.respond_by = due.acknowledge_by, due.respond_by
        case.acknowledged_on = case.responded_on = None

    _changed(db, case, actor, "escalate", change)


def close(
    db: Session,
    case: TellUsCase,
    actor: StaffUser,
    on: date | None = None,
    decision: str | None = None,
    learning: str = "",
) -> None:
    """Close a case; a complaint records its decision (and any learning) for the Board."""
    from analysis.report.complaints import DECISIONS

    if case.is_complaint:
        if decision not in DECISIONS:
            raise CaseError("Select the decision on the complaint")
        if case.responded_on is None and decision != "withdrawn":
            raise CaseError("Record the response before closing a complaint")

    def change():
        case.status = "closed"
        case.closed_on = on or today()
        if case.is_complaint:
            case.decision = decision
            case.learning = learning.strip() or None

    _changed(db, case, actor, "close", change)


def mark_right_to_review_sent(db: Session, case: TellUsCase, actor: StaffUser) -> None:
    _changed(
        db,
        case,
        actor,
        "right_to_review_sent",
        lambda: setattr(case, "right_to_review_sent_on", today()),
    )


def add_note(db: Session, case: TellUsCase, actor: StaffUser, text: str) -> CaseNote:
    note = CaseNote(case_id=case.id, author_id=actor.id, text=text.strip())
    db.add(note)
    db.flush()
    audit.record(db, actor, "note", "tell_us_case", case.id, after={"note_id": note.id})
    return note


# Each list's count on the staff home page.
COMPLAINT_COUNT_KEYS = {
    "overdue": "complaints_overdue",
    "due_this_week": "complaints_due_this_week",
    "open": "complaints_open",
    "replies_owed": "replies_owed",
}


def staff_home_counts(db: Session, user: StaffUser) -> dict[str, int]:
    """What each role should look at first, for the staff home page."""
    from feedback_app.services.safeguarding_queue import open_flag_counts

    counts: dict[str, int] = {}
    if user.has_any_role("complaints_lead"):
        for name, query in complaint_list_queries(db).items():
            counted = select(func.count()).select_from(query.order_by(None).subquery())
            counts[COMPLAINT_COUNT_KEYS[name]] = db.scalar(counted) or 0
    if user.has_any_role("leadership"):
        counts["inbox"] = (
            db.scalar(
                select(func.count(TellUsCase.id)).where(
                    TellUsCase.kind.in_(("comment", "compliment")), TellUsCase.status == "new"
                )
            )
            or 0
        )
    if user.has_any_role("safeguarding_lead"):
        counts.update(open_flag_counts(db))
    return counts
