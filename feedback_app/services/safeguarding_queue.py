"""Possible disclosures of harm: flagged when a free-text answer is saved (or found late by a
re-scan), acknowledged by a safeguarding lead with the action taken recorded. Two tiers: a
"possible disclosure" the same working day, "worth a look" within 2 working days."""

from __future__ import annotations

import json
import logging
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from flask import g, has_request_context
from sqlalchemy import ColumnElement, and_, case, false, func, literal_column, not_, select
from sqlalchemy.orm import Session, selectinload

from analysis.clock import day_start, local_date, today, utc_now
from analysis.safeguarding_detector import (
    DISCLOSURE,
    MODEL_VERSION,
    WORTH_A_LOOK,
    Detection,
    Reason,
    detect,
    highlight,
)
from feedback_app.models import Response, SafeguardingFlag, StaffUser
from feedback_app.safe_logging import log_error
from feedback_app.services import audit, prepared_text
from feedback_app.services.calendar import service_calendar
from feedback_app.services.working_days import WorkingCalendar

logger = logging.getLogger(__name__)
WORTH_A_LOOK_DAYS = 2  # working days to review a "worth a look"
FOUND_LATE_RECENT = timedelta(days=30)  # an answer younger than this is due the same day
FOUND_LATE_OLD_DAYS = 5  # working days to review an older answer found late


LISTS = ("disclosures", "found_late_old", "worth_a_look")
# When a flag of each list is due, from the day in England it was raised.
DUE = {
    "disclosures": lambda calendar, day: calendar.next_working_day(day),
    "found_late_old": lambda calendar, day: calendar.add_working_days(day, FOUND_LATE_OLD_DAYS),
    "worth_a_look": lambda calendar, day: calendar.add_working_days(day, WORTH_A_LOOK_DAYS),
}


class Waiting(NamedTuple):
    """A flag not yet acknowledged, with when it is due."""

    flag: SafeguardingFlag
    due: date
    overdue: bool
    late_and_old: bool  # found late in an answer 30+ days old: listed apart, 5 working days
    answered_on: date  # when the answer was given
    pieces: list[tuple[str, str]]  # the text cut for highlighting (only on the queue page)
    why: list[str]


class Queue(NamedTuple):
    disclosures: list[Waiting]  # same working day, found late or not
    found_late_old: list[Waiting]  # answers 30+ days old found by a re-scan
    worth_a_look: list[Waiting]
    done: list[SafeguardingFlag]


def detections(texts: dict[str, str], response_id: int) -> dict[str, Detection]:
    """Each text's detection; a broken scan is logged and must never lose the answers."""
    results = {}
    for qid, text in texts.items():
        if not text:
            continue
        try:
            results[qid] = prepared_text.detection(text) or detect(text)
        except Exception as error:
            log_error(logger, "Safeguarding scan failed for response %s", error, response_id)
    return results


def new_flag(
    answer_id: int, response_id: int, detection: Detection, found_late: bool = False
) -> SafeguardingFlag:
    return SafeguardingFlag(
        answer_id=answer_id,
        response_id=response_id,
        tier=detection.tier,
        categories=", ".join(detection.categories or detection.harms),
        matches=" | ".join(detection.matches),
        families=", ".join(detection.families),
        reasons=json.dumps(
            {
                "summary": list(detection.summary),
                "spans": [[r.start, r.end, r.why] for r in detection.reasons],
            }
        ),
        score=detection.probability,
        detector_version=MODEL_VERSION,
        found_late=found_late,
    )


def flag_answers(
    db: Session, response_id: int, texts: dict[str, str], answer_ids: dict[str, int]
) -> list[SafeguardingFlag]:
    """Scan the free-text answers of a just-saved response; never blocks the submission."""
    flags = [
        new_flag(answer_ids[qid], response_id, detection)
        for qid, detection in detections(texts, response_id).items()
        if detection.any_tier and qid in answer_ids
    ]
    if flags:
        db.add_all(flags)
        db.flush()
    return flags


def _stored(flag: SafeguardingFlag) -> dict:
    try:
        return json.loads(flag.reasons or "{}")
    except ValueError:
        return {}


def reasons_of(flag: SafeguardingFlag) -> list[str]:
    """What made the detector flag it, in plain sentences (older flags: the words found)."""
    summary = _stored(flag).get("summary")
    if summary:
        return summary
    return [f"Words found: {flag.matches}"] if flag.matches else []


def highlighted(flag: SafeguardingFlag, text: str) -> list[tuple[str, str]]:
    """The answer cut into (piece, why) pairs; an older flag highlights its matched words."""
    spans = [Reason(*span) for span in _stored(flag).get("spans", [])]
    if not spans and flag.matches:
        for phrase in flag.matches.split(" | "):
            at = text.find(phrase)
            if at >= 0:
                spans.append(Reason(at, at + len(phrase), "rule words"))
    return highlight(text, [s for s in spans if 0 <= s.start < s.end <= len(text)])


def _due(
    tier: str, found_late: bool, flagged_at, answered, calendar: WorkingCalendar
) -> tuple[date, bool]:
    """When a flag is due, and whether it was found late in an answer 30+ days old."""
    late_and_old = bool(found_late) and flagged_at - answered >= FOUND_LATE_RECENT
    name = "found_late_old" if late_and_old else LISTS[2 if tier == WORTH_A_LOOK else 0]
    return DUE[name](calendar, local_date(flagged_at)), late_and_old


def _waiting(flag: SafeguardingFlag, calendar: WorkingCalendar, on: date, texts: bool) -> Waiting:
    answered = flag.response.submitted_at if flag.response else flag.flagged_at
    due, late_and_old = _due(flag.tier, flag.found_late, flag.flagged_at, answered, calendar)
    pieces = highlighted(flag, flag.answer.value_text or "") if texts else []
    why = reasons_of(flag) if texts else []
    return Waiting(flag, due, on > due, late_and_old, local_date(answered), pieces, why)


def waiting(db: Session, load_texts: bool = False, ids: list[int] | None = None) -> list[Waiting]:
    """Flags not yet acknowledged (only those in `ids` when given), oldest first, each with
    its due date. The texts are loaded only when the queue itself is shown."""
    query = (
        select(SafeguardingFlag)
        .options(selectinload(SafeguardingFlag.response))
        .where(SafeguardingFlag.acknowledged_at.is_(None))
        .order_by(SafeguardingFlag.flagged_at, SafeguardingFlag.id)
    )
    if ids is not None:
        query = query.where(SafeguardingFlag.id.in_(ids))
    if load_texts:
        query = query.options(selectinload(SafeguardingFlag.answer))
    flags = list(db.scalars(query))
    if not flags:
        return []
    calendar, on = service_calendar(db), today()
    return [_waiting(flag, calendar, on, load_texts) for flag in flags]


class Counts(NamedTuple):
    totals: dict[str, int]  # waiting flags in each of LISTS
    overdue: int


def _late_and_old(dialect: str):
    """Found late by a re-scan in an answer given 30+ days before it was flagged, in SQL so the
    lists are counted and paged by the database. The answer's date is looked up only for a
    flag found late (few), not joined for every flag (times on SQLite: text, 6-digit fraction)."""
    submitted = (
        select(Response.submitted_at)
        .where(Response.id == SafeguardingFlag.response_id)
        .scalar_subquery()
    )
    answered = func.coalesce(submitted, SafeguardingFlag.flagged_at)
    limit: ColumnElement[Any]
    if dialect == "sqlite":
        limit = func.datetime(answered, "+30 days").op("||")(func.substr(answered, 20))
    else:
        limit = answered + literal_column("interval '30 days'")
    found_late = SafeguardingFlag.found_late.is_(True)
    return case((found_late, SafeguardingFlag.flagged_at >= limit), else_=false())


def _list_conditions(db: Session) -> dict:
    late = _late_and_old(db.get_bind().dialect.name)
    worth = SafeguardingFlag.tier == WORTH_A_LOOK
    return {
        "disclosures": and_(not_(late), not_(worth)),
        "found_late_old": late,
        "worth_a_look": and_(not_(late), worth),
    }


def _overdue_before(due, calendar: WorkingCalendar, on: date) -> datetime:
    """Flags raised before this UTC time are overdue on `on`. A later day is never due
    earlier, so the first day back from `on` that was due before it is the last overdue one."""
    day = on - timedelta(days=1)
    while due(calendar, day) >= on:
        day -= timedelta(days=1)
    return day_start(day + timedelta(days=1))


def _waiting_rows():
    # Served by the partial index ix_safeguarding_flag_waiting (flags not yet acknowledged).
    return select(SafeguardingFlag).where(SafeguardingFlag.acknowledged_at.is_(None))


def _calendar(db: Session) -> WorkingCalendar:
    """The service's working days, built once per request (the bank holidays take a while)."""
    if not has_request_context():
        return service_calendar(db)
    if "safeguarding_calendar" not in g:
        g.safeguarding_calendar = service_calendar(db)
    return g.safeguarding_calendar


def waiting_counts(db: Session) -> Counts:
    """How many flags wait in each list and how many are overdue, worked out once per request
    (the queue and the warning on every page a lead opens share it)."""
    if has_request_context() and "safeguarding_counts" in g:
        return g.safeguarding_counts
    calendar, on = _calendar(db), today()
    flag = SafeguardingFlag
    waiting = flag.acknowledged_at.is_(None)
    totals, overdue = dict.fromkeys(LISTS, 0), 0
    # Flags raised as the answer was saved: counted by tier in the database, in one pass.
    before = [_overdue_before(DUE[name], calendar, on) for name in LISTS]
    late_by = [func.sum(case((flag.flagged_at < at, 1), else_=0)) for at in before]
    query = select(flag.tier, func.count(), *late_by).where(waiting, flag.found_late.is_(False))
    for tier, count, *late in db.execute(query.group_by(flag.tier)):
        name = LISTS[2 if tier == WORTH_A_LOOK else 0]
        totals[name] += count
        overdue += int(late[LISTS.index(name)] or 0)
    # Flags a re-scan found late (few): each placed by its answer's age.
    found_late = (
        select(flag.tier, flag.flagged_at, Response.submitted_at)
        .outerjoin(Response, Response.id == flag.response_id)
        .where(waiting, flag.found_late.is_(True))
    )
    for tier, flagged_at, answered in db.execute(found_late):
        due, late_and_old = _due(tier, True, flagged_at, answered or flagged_at, calendar)
        totals["found_late_old" if late_and_old else LISTS[2 if tier == WORTH_A_LOOK else 0]] += 1
        overdue += on > due
    counts = Counts(totals, overdue)
    if has_request_context():
        g.safeguarding_counts = counts
    return counts


def waiting_page(db: Session, name: str, limit: int, offset: int) -> list[Waiting]:
    """One page of a list, oldest first, with the texts to show."""
    query = (
        _waiting_rows()
        .where(_list_conditions(db)[name])
        .options(selectinload(SafeguardingFlag.response), selectinload(SafeguardingFlag.answer))
        .order_by(SafeguardingFlag.flagged_at, SafeguardingFlag.id)
        .limit(limit)
        .offset(offset)
    )
    flags = list(db.scalars(query))
    calendar, on = _calendar(db), today()
    return [_waiting(flag, calendar, on, True) for flag in flags]


def done_query():
    """Flags acknowledged, the most recent first."""
    return (
        select(SafeguardingFlag)
        .options(selectinload(SafeguardingFlag.answer))
        .where(SafeguardingFlag.acknowledged_at.is_not(None))
        .order_by(SafeguardingFlag.acknowledged_at.desc(), SafeguardingFlag.id.desc())
    )


def queue(db: Session) -> Queue:
    """The three lists a lead works through, whole, and the 50 most recently acknowledged."""
    done = list(db.scalars(done_query().limit(50)))
    items = waiting(db, load_texts=True)
    return Queue(
        [w for w in items if w.flag.tier == DISCLOSURE and not w.late_and_old],
        [w for w in items if w.late_and_old],
        [w for w in items if w.flag.tier == WORTH_A_LOOK and not w.late_and_old],
        done,
    )


def open_flag_counts(db: Session) -> dict[str, int]:
    """Every staff page a lead opens shows these, so they come from a few columns only."""
    found = waiting_counts(db)
    return {"flags_waiting": sum(found.totals.values()), "flags_overdue": found.overdue}


def acknowledge(db: Session, flag: SafeguardingFlag, actor: StaffUser, action_taken: str) -> None:
    if flag.acknowledged_at is not None:
        raise ValueError("This flag has already been acknowledged")
    flag.acknowledged_at = utc_now()
    flag.acknowledged_by_id = actor.id
    flag.action_taken = action_taken.strip()
    audit.record(
        db,
        actor,
        "acknowledge",
        "safeguarding_flag",
        flag.id,
        before={"acknowledged_at": None},
        after={"acknowledged_at": flag.acknowledged_at, "action_taken": flag.action_taken},
    )


def blocks_erasure():
    """The condition under which a flag holds its response back from erasure and retention:
    an unreviewed possible disclosure (a "worth a look" never holds anything back)."""
    return (SafeguardingFlag.acknowledged_at.is_(None)) & (SafeguardingFlag.tier == DISCLOSURE)


def rescan(db: Session, rows: list[tuple[int, int, str]]) -> int:
    """Flag answers a newer detector now catches, marked found late; return how many.

    An answer already flagged keeps its flag (a person may have acted on it)."""
    ids = [answer_id for answer_id, _, _ in rows]
    already = set(
        db.scalars(select(SafeguardingFlag.answer_id).where(SafeguardingFlag.answer_id.in_(ids)))
    )
    flags = []
    for answer_id, response_id, text in rows:
        if answer_id in already or not text:
            continue
        detection = detections({"text": text}, response_id).get("text")
        if detection and detection.any_tier:
            flags.append(new_flag(answer_id, response_id, detection, found_late=True))
    if flags:
        db.add_all(flags)
        db.flush()
    return len(flags)
