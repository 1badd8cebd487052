"""Offers to help from the end of the children's and parents' forms, kept apart from feedback.

The offer and its contact details are taken out of the answers before the response is stored.
A yes with a way to reach the person becomes a task for a Child-First Champion; the task holds
no response id, no token and only the day, so it cannot be matched back to the feedback.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from analysis.clock import today
from feedback_app.models import HelpOffer, StaffUser
from feedback_app.services import audit
from surveys import HELP_ROLES, SurveyDefinition


class HelpOfferError(ValueError):
    """A change that cannot be made, said in words for the person making it."""


def separate(definition: SurveyDefinition, answers: dict[str, Any]) -> tuple[dict, str | None]:
    """(the feedback answers without the offer, the contact given with a yes or None)."""
    roles = {q.id: q.role for q in definition.questions if q.role in HELP_ROLES}
    feedback = {qid: value for qid, value in answers.items() if qid not in roles}
    offered = {roles[qid]: value for qid, value in answers.items() if qid in roles}
    contact = offered.get("help_contact")
    if offered.get("help_offer") != "yes" or not isinstance(contact, str) or not contact.strip():
        return feedback, None
    return feedback, contact.strip()


def record_offer(db: Session, definition: SurveyDefinition, contact: str) -> HelpOffer:
    """A task for a champion. Not audited: an audit event's exact time would link it to the
    response saved at the same moment."""
    offer = HelpOffer(
        audience=definition.audience, contact=contact, offered_on=today(), status="open"
    )
    db.add(offer)
    db.flush()
    return offer


def waiting_query() -> Select:
    """Offers still to follow up, oldest first: the longest waiting are called first."""
    return select(HelpOffer).where(HelpOffer.status == "open").order_by(HelpOffer.id)


def recently_done(db: Session, limit: int = 50) -> list[HelpOffer]:
    return list(
        db.scalars(
            select(HelpOffer)
            .where(HelpOffer.status == "done")
            .order_by(HelpOffer.done_on.desc(), HelpOffer.id.desc())
            .limit(limit)
        )
    )


def waiting_count(db: Session) -> int:
    return db.scalar(select(func.count(HelpOffer.id)).where(HelpOffer.status == "open")) or 0


def mark_done(db: Session, actor: StaffUser, offer: HelpOffer, note: str) -> None:
    """Close the task with what happened, and delete the contact details: they were given
    for this follow-up only. The audit log never holds the contact details."""
    if offer.status == "done":
        raise HelpOfferError("This offer was already marked as done")
    offer.status = "done"
    offer.done_on = today()
    offer.done_by_id = actor.id
    offer.note = note.strip()
    offer.contact = None
    audit.record(
        db,
        actor,
        "done",
        "help_offer",
        offer.id,
        {"status": "open"},
        {"status": "done", "note": offer.note},
    )
