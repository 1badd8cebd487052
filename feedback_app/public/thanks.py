"""What the thank-you page says after a Tell us message: its reference and when we will reply.

The case is named in the thank-you address by a signed token, so nobody can read another
person's dates by changing a number in the address.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy.orm import Session

from feedback_app.models import TellUsCase

SALT = "tell-us-thanks"


@dataclass(frozen=True)
class CaseReceipt:
    reference: str
    is_complaint: bool
    reply_wanted: bool
    acknowledge_by: date | None
    respond_by: date | None


def receipt_token(case_id: int | None) -> str | None:
    """A token for the thank-you address naming the response's case, or None if it has none."""
    return None if case_id is None else _serializer().dumps(case_id)


def receipt(db: Session, token: str | None) -> CaseReceipt | None:
    if not token:
        return None
    try:
        case_id = _serializer().loads(token)
    except BadSignature:
        return None
    case = db.get(TellUsCase, case_id) if isinstance(case_id, int) else None
    if case is None:
        return None
    return CaseReceipt(
        reference=case.reference,
        is_complaint=case.is_complaint,
        reply_wanted=case.reply_wanted,
        acknowledge_by=case.acknowledge_by,
        respond_by=case.respond_by,
    )


def long_date(day: date) -> str:
    """A date as people in the UK write it: Friday 19 December 2026."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)
