"""The participation log: activities where children and families shape the service."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from analysis.clock import utc_now
from analysis.participation import LUNDY_ELEMENTS, TYPES, lundy_counts
from feedback_app.models import Action, ParticipationActivity, StaffUser, Team, participation_team
from feedback_app.services import audit

FIELDS = ("held_on", "kind", "children", "parents_carers", "victims", "asked", "said", "changed")


class ParticipationError(ValueError):
    """A change that cannot be made, said in words for the person making it."""


@dataclass
class ActivityFields:
    held_on: date
    kind: str
    asked: str
    said: str
    children: int = 0
    parents_carers: int = 0
    victims: int = 0
    changed: str | None = None
    lundy: tuple[str, ...] = ()
    team_ids: tuple[int, ...] = ()
    action_ids: tuple[int, ...] = ()


def _snapshot(activity: ParticipationActivity) -> dict:
    values = audit.snapshot(activity, FIELDS)
    values["lundy"] = activity.lundy
    values["teams"] = sorted(team.slug for team in activity.teams)
    values["actions"] = sorted(action.id for action in activity.actions)
    return values


def _apply(db: Session, activity: ParticipationActivity, fields: ActivityFields) -> None:
    if fields.kind not in TYPES:
        raise ParticipationError(f"'{fields.kind}' is not a type of activity")
    if min(fields.children, fields.parents_carers, fields.victims) < 0:
        raise ParticipationError("The numbers who took part cannot be negative")
    if fields.children + fields.parents_carers + fields.victims == 0:
        raise ParticipationError("Enter how many children, parents and carers or victims took part")
    activity.held_on = fields.held_on
    activity.kind = fields.kind
    activity.children = fields.children
    activity.parents_carers = fields.parents_carers
    activity.victims = fields.victims
    activity.asked = fields.asked.strip()
    activity.said = fields.said.strip()
    activity.changed = (fields.changed or "").strip() or None
    for element in LUNDY_ELEMENTS:
        setattr(activity, f"lundy_{element}", element in fields.lundy)
    teams = set(fields.team_ids)
    activity.teams = list(db.scalars(select(Team).where(Team.id.in_(teams)))) if teams else []
    ids = set(fields.action_ids)
    activity.actions = list(db.scalars(select(Action).where(Action.id.in_(ids)))) if ids else []


def create(
    db: Session, actor: StaffUser, fields: ActivityFields, overridden: list[str] | None = None
) -> ParticipationActivity:
    activity = ParticipationActivity(created_by_id=actor.id, created_at=utc_now())
    _apply(db, activity, fields)
    db.add(activity)
    db.flush()
    audit.record_edit(
        db, actor, "participation_activity", activity.id, None, _snapshot(activity), overridden
    )
    return activity


def update(
    db: Session,
    actor: StaffUser,
    activity: ParticipationActivity,
    fields: ActivityFields,
    overridden: list[str] | None = None,
) -> None:
    before = _snapshot(activity)
    _apply(db, activity, fields)
    db.flush()
    audit.record_edit(
        db, actor, "participation_activity", activity.id, before, _snapshot(activity), overridden
    )


def get(db: Session, activity_id: int) -> ParticipationActivity | None:
    return db.scalar(
        select(ParticipationActivity)
        .options(selectinload(ParticipationActivity.actions))
        .where(ParticipationActivity.id == activity_id)
    )


def between(
    db: Session, start: date, end: date, team_id: int | None = None
) -> list[ParticipationActivity]:
    """Activities held from `start` to `end`, newest first; a team's list also holds the
    activities for the whole service."""
    query = (
        select(ParticipationActivity)
        .options(selectinload(ParticipationActivity.actions))
        .where(ParticipationActivity.held_on.between(start, end))
        .order_by(ParticipationActivity.held_on.desc(), ParticipationActivity.id.desc())
    )
    if team_id is not None:
        linked = select(participation_team.c.activity_id)
        query = query.where(
            or_(
                ParticipationActivity.id.in_(linked.where(participation_team.c.team_id == team_id)),
                ParticipationActivity.id.not_in(linked),
            )
        )
    return list(db.scalars(query))


@dataclass(frozen=True)
class Coverage:
    """What a list of activities adds up to, for the top of the log."""

    activities: int
    children: int
    parents_carers: int
    victims: int
    lundy: dict[str, int]


def coverage(activities: list[ParticipationActivity]) -> Coverage:
    return Coverage(
        activities=len(activities),
        children=sum(a.children for a in activities),
        parents_carers=sum(a.parents_carers for a in activities),
        victims=sum(a.victims for a in activities),
        lundy=lundy_counts(a.lundy for a in activities),
    )
