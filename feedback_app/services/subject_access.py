"""Subject access and erasure: find what is held about a person from the contact details they
gave or a paper form's reference, hand it over, and erase it on request."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, selectinload

from analysis.clock import local_date, local_time
from feedback_app.models import (
    ActionResponse,
    Answer,
    AuditEvent,
    HelpOffer,
    Response,
    SafeguardingFlag,
    StaffUser,
    Survey,
    TellUsCase,
)
from feedback_app.services import audit
from feedback_app.services.cases import open_complaint
from feedback_app.services.forgetting import forget_responses
from feedback_app.services.safeguarding_queue import blocks_erasure
from surveys import SurveyDefinition

MIN_QUERY = 3
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class SubjectAccessError(ValueError):
    """A search or erasure that cannot be done, said in words for the admin."""


@dataclass(frozen=True)
class Found:
    response_id: int
    survey: str
    given: date  # the day it was sent, in England
    where: str  # what matched: "paper reference", "contact details", "free text"
    excerpt: str = ""  # the words that matched, so staff can judge it is this person


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _national(digits: str) -> str:
    """A UK number without its country code or leading zero: 447700900123 -> 7700900123."""
    if digits.startswith("44") and len(digits) > 10:
        digits = digits[2:]
    return digits.lstrip("0")


def _matches(text: str, query: str) -> bool:
    lowered = text.lower()
    digits = _digits(query)
    if len(digits) >= 6 and not EMAIL.match(query):
        # A phone number however it was written: "07700 900123", "+44 7700 900123".
        return _national(digits) in _digits(text)
    # A name also matches where it is joined up, as in an email address: "sam.parent@...".
    words = [re.escape(w) for w in query.lower().split()]
    return re.search(r"[\s._-]*".join(words), lowered) is not None


def search(db: Session, definitions: dict[str, SurveyDefinition], query: str) -> list[Found]:
    """Responses whose paper reference, contact details or free text mention the person."""
    query = " ".join(query.split())
    if len(query) < MIN_QUERY:
        raise SubjectAccessError(
            "Enter an email address, phone number, name or paper reference of 3 characters or more"
        )
    contact_ids = {q.id for d in definitions.values() for q in d.questions if q.type == "contact"}
    found: dict[int, Found] = {}
    for rid, slug, at in db.execute(
        select(Response.id, Survey.slug, Response.submitted_at)
        .join(Survey, Survey.id == Response.survey_id)
        .where(func.lower(Response.paper_reference) == query.lower())
    ):
        found[rid] = Found(rid, slug, local_date(at), "paper reference", query)
    digits = _digits(query)
    # Narrow in SQL, then match exactly in Python (phone numbers are written many ways).
    if len(digits) >= 6 and not EMAIL.match(query):
        needle = digits[-2:]  # however it is spaced, the last two digits sit together
    else:
        needle = max(query.lower().split(), key=len)
    rows = db.execute(
        select(Answer.response_id, Answer.question_id, Answer.value_text)
        .add_columns(Survey.slug, Response.submitted_at)
        .join(Response, Response.id == Answer.response_id)
        .join(Survey, Survey.id == Response.survey_id)
        .where(
            Answer.value_text.is_not(None),
            func.lower(Answer.value_text).contains(needle, autoescape=True),
        )
    )
    for rid, qid, text, slug, at in rows:
        if rid in found or not _matches(text, query):
            continue
        where = "contact details" if qid in contact_ids else "free text"
        found[rid] = Found(rid, slug, local_date(at), where, " ".join(text.split())[:160])
    return sorted(found.values(), key=lambda f: (f.given, f.response_id))


def offers(db: Session, query: str) -> list[HelpOffer]:
    """Offers to help whose contact details mention the person (kept apart from feedback)."""
    query = " ".join(query.split())
    if len(query) < MIN_QUERY:
        return []
    found = db.scalars(
        select(HelpOffer).where(HelpOffer.contact.is_not(None)).order_by(HelpOffer.offered_on)
    )
    return [offer for offer in found if _matches(offer.contact or "", query)]


def held_offers(db: Session, offer_ids: list[int]) -> list[dict]:
    rows = db.scalars(select(HelpOffer).where(HelpOffer.id.in_(offer_ids))).all()
    return [
        {
            "offer_to_help": offer.id,
            "offered_on": _plain(offer.offered_on),
            "contact": offer.contact,
            "status": offer.status,
            "note": offer.note,
        }
        for offer in rows
    ]


def erase_offers(db: Session, actor: StaffUser, offer_ids: list[int], request_ref: str) -> int:
    audit.forget_values(db, "help_offer", offer_ids)
    found = list(db.scalars(select(HelpOffer.id).where(HelpOffer.id.in_(offer_ids))))
    db.execute(delete(HelpOffer).where(HelpOffer.id.in_(found)))
    gone = len(found)
    if gone:
        audit.record(
            db,
            actor,
            "erase",
            "help_offer",
            None,
            None,
            {"offers": sorted(offer_ids), "request": request_ref},
        )
    return gone


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def held(
    db: Session, definitions: dict[str, SurveyDefinition], response_ids: list[int]
) -> list[dict]:
    """Everything held for these responses, as plain data for the person who asked."""
    responses = db.scalars(
        select(Response)
        .options(selectinload(Response.answers), selectinload(Response.team))
        .where(Response.id.in_(response_ids))
        .order_by(Response.submitted_at)
    ).all()
    cases = {
        c.response_id: c
        for c in db.scalars(
            select(TellUsCase)
            .options(selectinload(TellUsCase.notes))
            .where(TellUsCase.response_id.in_(response_ids))
        )
    }
    flags = db.scalars(
        select(SafeguardingFlag).where(SafeguardingFlag.response_id.in_(response_ids))
    ).all()
    surveys = dict(db.execute(select(Survey.id, Survey.slug)).all())
    trail = _audit_trail(db, response_ids)
    records = []
    for response in responses:
        definition = definitions.get(surveys[response.survey_id])
        asked = {q.id: q for q in definition.questions} if definition else {}
        answers: dict[str, list] = {}
        for answer in response.answers:
            question = asked.get(answer.question_id)
            value = answer.value_choice if answer.value_choice is not None else answer.value_text
            option = (
                question.option(answer.value_choice) if question and answer.value_choice else None
            )
            words = question.label if question else answer.question_id
            answers.setdefault(words, []).append(option.label if option else value)
        record = {
            "reference": response.id,
            "survey": definition.title if definition else surveys[response.survey_id],
            "given": local_time(response.submitted_at).isoformat(),  # UK clock time
            "how": response.channel,
            "team": response.team.name if response.team else None,
            "paper_reference": response.paper_reference,
            "answers": {k: v[0] if len(v) == 1 else v for k, v in answers.items()},
        }
        case = cases.get(response.id)
        if case is not None:
            record["case"] = {
                "kind": case.kind,
                "status": case.status,
                "stage": case.stage,
                "received": _plain(case.received_on),
                "responded": _plain(case.responded_on),
                "outcome": case.outcome,
                "notes": [{"at": _plain(n.at), "text": n.text} for n in case.notes],
            }
        mine = [f for f in flags if f.response_id == response.id]
        if mine:
            record["safeguarding"] = [
                {
                    "flagged": _plain(f.flagged_at),
                    "tier": f.tier,
                    "reviewed": _plain(f.acknowledged_at),
                    "action_taken": f.action_taken,
                }
                for f in mine
            ]
        record["audit_log"] = trail.get(response.id, [])
        records.append(record)
    return records


def _audit_trail(db: Session, response_ids: list[int]) -> dict[int, list[dict]]:
    """What staff did with each response (typed in, corrected), as the audit log holds it."""
    events = db.scalars(
        select(AuditEvent)
        .where(
            AuditEvent.entity == "response",
            AuditEvent.entity_id.in_([str(i) for i in response_ids]),
        )
        .order_by(AuditEvent.at, AuditEvent.id)
    )
    trail: dict[int, list[dict]] = {}
    for event in events:
        entry = {"at": _plain(event.at), "action": event.action, **(event.after or {})}
        trail.setdefault(int(event.entity_id or 0), []).append(entry)
    return trail


def erase(db: Session, actor: StaffUser, response_ids: list[int], request_ref: str) -> int:
    """Delete the responses and everything hanging off them; the audit keeps only ids.
    Refused while a complaint is open or a possible disclosure of harm is unreviewed; a
    compliment, a comment or a "worth a look" flag never holds it back."""
    ids = list(db.scalars(select(Response.id).where(Response.id.in_(response_ids))))
    if not ids:
        return 0
    open_cases = db.scalars(
        select(TellUsCase.response_id).where(TellUsCase.response_id.in_(ids), open_complaint())
    ).all()
    unread = db.scalars(
        select(SafeguardingFlag.response_id).where(
            SafeguardingFlag.response_id.in_(ids), blocks_erasure()
        )
    ).all()
    if open_cases or unread:
        held_back = ", ".join(str(i) for i in sorted(set(open_cases) | set(unread)))
        raise SubjectAccessError(
            f"Not erased: reference {held_back} has an open complaint or a possible disclosure "
            "of harm nobody has reviewed yet. Deal with that first."
        )
    forget_responses(db, ids)
    db.execute(delete(ActionResponse).where(ActionResponse.response_id.in_(ids)))
    db.execute(delete(TellUsCase).where(TellUsCase.response_id.in_(ids)))
    db.execute(delete(Response).where(Response.id.in_(ids)))
    audit.record(
        db,
        actor,
        "erase",
        "response",
        None,
        None,
        {"responses": sorted(ids), "request": request_ref},
    )
    db.flush()
    return len(ids)
