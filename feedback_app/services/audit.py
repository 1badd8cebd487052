"""The audit log: every change a staff member makes, with the values before and after."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from feedback_app.models import AuditEvent, StaffUser


def record(
    db: Session,
    actor: StaffUser | None,
    action: str,
    entity: str,
    entity_id: object = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    event = AuditEvent(
        user_id=actor.id if actor is not None else None,
        action=action,
        entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        before=_plain(before),
        after=_plain(after),
    )
    db.add(event)
    return event


def record_edit(
    db: Session,
    actor: StaffUser | None,
    entity: str,
    entity_id: object,
    before: dict[str, Any] | None,
    after: dict[str, Any],
    overridden: list[str] | None = None,
) -> AuditEvent:
    """A record made (no `before`) or changed, with any identifying-text warning the editor
    ticked past."""
    if overridden:
        after = {**after, "identifying_warning_overridden": overridden}
    action = "create" if before is None else "update"
    return record(db, actor, action, entity, entity_id, before, after)


def snapshot(obj: object, fields: list[str] | tuple[str, ...]) -> dict[str, Any]:
    """The named attributes of a row, as plain values for the log."""
    return {name: getattr(obj, name) for name in fields}


def recent(db: Session, limit: int = 200, entity: str | None = None) -> list[AuditEvent]:
    query = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if entity:
        query = query.where(AuditEvent.entity == entity)
    return list(db.scalars(query))


def _plain(values: dict[str, Any] | None) -> dict[str, Any] | None:
    if values is None:
        return None
    return {key: _value(value) for key, value in values.items()}


def _value(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value)
    return value
