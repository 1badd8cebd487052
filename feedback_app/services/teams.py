"""The service's teams: four local authority teams and two central teams."""

from __future__ import annotations

import time

from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from feedback_app.models import Team

SERVICE_TEAMS = (
    ("herefordshire", "Herefordshire"),
    ("worcestershire", "Worcestershire"),
    ("shropshire", "Shropshire"),
    ("telford-and-wrekin", "Telford and Wrekin"),
    ("prevention-and-diversion", "Prevention and Diversion"),
    ("restorative-justice-and-victims", "Restorative Justice and Victims"),
)


def seed_teams(db: Session) -> int:
    """Add any of the service's teams that are missing; return how many were added."""
    existing = set(db.scalars(select(Team.slug)))
    added = [Team(slug=slug, name=name) for slug, name in SERVICE_TEAMS if slug not in existing]
    db.add_all(added)
    db.flush()
    return len(added)


def active_teams(db: Session) -> list[Team]:
    return list(db.scalars(select(Team).where(Team.active.is_(True)).order_by(Team.id)))


def team_by_slug(db: Session, slug: str) -> Team | None:
    return db.scalar(select(Team).where(Team.slug == slug))


class TeamChoices:
    """(slug, name) of the active teams, kept for a minute so a form can be shown again,
    answers and all, even while the database is briefly unreachable."""

    def __init__(self, ttl_seconds: float = 60.0):
        self.ttl = ttl_seconds
        self._cached: list[tuple[str, str]] = []
        self._loaded_at = float("-inf")

    def get(self, db: Session) -> list[tuple[str, str]]:
        if time.monotonic() - self._loaded_at > self.ttl or not self._cached:
            try:
                self._cached = [(t.slug, t.name) for t in active_teams(db)]
                self._loaded_at = time.monotonic()
            except OperationalError:
                if not self._cached:
                    raise
                db.rollback()
        return self._cached
