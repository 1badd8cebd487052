"""QR and link sources: the short codes printed on posters and cards."""

from __future__ import annotations

import re
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from analysis.clock import utc_now
from feedback_app.models import SOURCE_CHANNELS, Source, Survey, Team

# No 0/O, 1/l/I, so a code read aloud or typed from a poster is not mistaken.
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CODE_LENGTH = 6
CHOSEN_CODE = re.compile(r"^[a-z0-9][a-z0-9-]{1,31}$")
ANY_CODE = re.compile(r"^[a-z0-9-]{1,32}$")


class SourceError(ValueError):
    """A source could not be created; the message says what to fix."""


def new_code(db: Session) -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if db.scalar(select(Source.id).where(Source.code == code)) is None:
            return code


def create_source(
    db: Session,
    survey: Survey,
    label: str,
    team: Team | None = None,
    office: str | None = None,
    channel: str = "qr",
    code: str | None = None,
) -> Source:
    if channel not in SOURCE_CHANNELS:
        raise SourceError(f"channel must be one of {', '.join(SOURCE_CHANNELS)}, not '{channel}'")
    if not label.strip():
        raise SourceError("give the source a label, for example 'Poster in Hereford office'")
    if code is not None:
        code = code.strip().lower()
        if not CHOSEN_CODE.match(code):
            raise SourceError(
                "a code must be 2 to 32 lower-case letters, digits or '-', "
                "starting with a letter or digit"
            )
        if db.scalar(select(Source.id).where(Source.code == code)) is not None:
            raise SourceError(f"the code '{code}' is already in use")
    source = Source(
        code=code or new_code(db),
        survey=survey,
        team=team,
        office=(office or "").strip() or None,
        label=label.strip(),
        channel=channel,
    )
    db.add(source)
    db.flush()
    return source


def find_source(db: Session, code: str) -> Source | None:
    """The source with this code, active or retired; None if there is no such code."""
    code = code.strip().lower()
    if not ANY_CODE.match(code):
        return None
    return db.scalar(
        select(Source)
        .options(joinedload(Source.team), joinedload(Source.survey))
        .where(Source.code == code)
    )


def active_source(db: Session, code: str | None) -> Source | None:
    if not code:
        return None
    source = find_source(db, code)
    return source if source is not None and source.active else None


def retire_source(db: Session, source: Source) -> None:
    if source.retired_at is None:
        source.retired_at = utc_now()
