"""When erasure or retention removes a respondent's words, everything else that holds a copy or
a trace of them forgets too, from this one place: the audit log, and the stored reports."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from feedback_app.models import SafeguardingFlag, TellUsCase
from feedback_app.services import audit, report_snapshots


def forget_responses(db: Session, response_ids: Collection[int]) -> None:
    """Call before the responses are deleted or their free text blanked."""
    if not response_ids:
        return
    ids = sorted(set(response_ids))
    cases = db.scalars(select(TellUsCase.id).where(TellUsCase.response_id.in_(ids))).all()
    flags = db.scalars(
        select(SafeguardingFlag.id).where(SafeguardingFlag.response_id.in_(ids))
    ).all()
    audit.forget_values(db, "response", ids)
    audit.forget_values(db, "tell_us_case", cases)
    audit.forget_values(db, "safeguarding_flag", flags)
    forget_in_stored_reports(db, ids)


def forget_in_stored_reports(db: Session, response_ids: list[int]) -> None:
    """Every stored quarterly report drops any quote from these responses at once and is marked
    "new data since this was built"."""
    report_snapshots.forget_responses(db, response_ids)
