"""Possible disclosures of harm: flagged when a free-text answer is saved, acknowledged the
same working day by a safeguarding lead, with the action taken recorded."""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from analysis.clock import local_date, today
from analysis.safeguarding import scan
from feedback_app.models import SafeguardingFlag, StaffUser, utcnow
from feedback_app.services import audit
from feedback_app.services.calendar import service_calendar

logger = logging.getLogger(__name__)


def flag_answers(
    db: Session, response_id: int, texts: dict[str, str], answer_ids: dict[str, int]
) -> list[SafeguardingFlag]:
    """Scan the free-text answers of a just-saved response; never blocks the submission."""
    results = {}
    for qid, text in texts.items():
        if not text:
            continue
        try:
            results[qid] = scan(text)
        except Exception:  # a broken scan must never lose the person's answers
            logger.exception("Safeguarding scan failed for response %s", response_id)
    flagged = {qid: result for qid, result in results.items() if result.flagged}
    if not flagged:
        return []
    flags = [
        SafeguardingFlag(
            answer_id=answer_ids[qid],
            response_id=response_id,
            categories=", ".join(result.categories),
            matches=" | ".join(result.matches),
        )
        for qid, result in flagged.items()
        if qid in answer_ids
    ]
    db.add_all(flags)
    db.flush()
    return flags


def waiting(db: Session, load_texts: bool = False) -> list[SafeguardingFlag]:
    """Flags not yet acknowledged, oldest first, each with its `due` date and `overdue`.

    Every staff page a safeguarding lead opens counts these, so the texts are loaded only
    when the queue itself is shown.
    """
    query = (
        select(SafeguardingFlag)
        .where(SafeguardingFlag.acknowledged_at.is_(None))
        .order_by(SafeguardingFlag.flagged_at)
    )
    if load_texts:
        query = query.options(
            selectinload(SafeguardingFlag.answer), selectinload(SafeguardingFlag.response)
        )
    flags = list(db.scalars(query))
    if flags:
        calendar = service_calendar(db)
        on = today()
        for flag in flags:
            flag.due = calendar.next_working_day(local_date(flag.flagged_at))
            flag.overdue = on > flag.due
    return flags


def queue(db: Session) -> tuple[list[SafeguardingFlag], list[SafeguardingFlag]]:
    """(waiting for acknowledgement, oldest first; the 50 most recently acknowledged)."""
    done = list(
        db.scalars(
            select(SafeguardingFlag)
            .options(selectinload(SafeguardingFlag.answer))
            .where(SafeguardingFlag.acknowledged_at.is_not(None))
            .order_by(SafeguardingFlag.acknowledged_at.desc())
            .limit(50)
        )
    )
    return waiting(db, load_texts=True), done


def open_flag_counts(db: Session) -> dict[str, int]:
    flags = waiting(db)
    return {
        "flags_waiting": len(flags),
        "flags_overdue": sum(1 for flag in flags if flag.overdue),
    }


def acknowledge(db: Session, flag: SafeguardingFlag, actor: StaffUser, action_taken: str) -> None:
    if flag.acknowledged_at is not None:
        raise ValueError("This flag has already been acknowledged")
    flag.acknowledged_at = utcnow()
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
