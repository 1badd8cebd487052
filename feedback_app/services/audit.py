"""The audit log: every change a staff member makes. Staff-side records (accounts, roles, sources,
cases, closure days) keep their values before and after; a respondent's answers and contact
details are recorded by which fields were given or changed, never by their values."""

from __future__ import annotations

from collections.abc import Collection
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


def answer_fields(before: dict[str, Any] | None, after: dict[str, Any]) -> dict[str, Any]:
    """What a transcription or correction of a respondent's answers did, without the answers:
    the fields given (a new record) or the fields whose value changed."""
    if before is None:
        return {"fields_given": sorted(k for k, v in after.items() if _given(v) is not None)}
    keys = set(before) | set(after)
    return {
        "fields_changed": sorted(k for k in keys if _given(before.get(k)) != _given(after.get(k)))
    }


def _given(value: Any) -> Any:
    return None if value is None or value == "" or value == [] else _value(value)


def forget_values(db: Session, entity: str, ids: Collection[int]) -> None:
    """Erasure and retention: the events about these records keep who did what and when, and
    the names of the fields, but no value (events written before this rule may hold some)."""
    keys = sorted({str(i) for i in ids})
    for start in range(0, len(keys), 500):
        events = db.scalars(
            select(AuditEvent).where(
                AuditEvent.entity == entity, AuditEvent.entity_id.in_(keys[start : start + 500])
            )
        )
        for event in events:
            event.before = _names_only(event.before)
            event.after = _names_only(event.after)


_NAMES = ("fields_given", "fields_changed", "fields", "values_erased")


def _names_only(values: dict[str, Any] | None) -> dict[str, Any] | None:
    if not values:
        return values
    kept = {k: values[k] for k in _NAMES if k in values}
    names = sorted(set(values) - set(_NAMES))
    if names:
        kept["fields"] = sorted({*kept.get("fields", []), *names})
        kept["values_erased"] = True
    return kept


def recent(db: Session, limit: int = 200, entity: str | None = None) -> list[AuditEvent]:
    return list(db.scalars(newest_first(entity).limit(limit)))


def newest_first(entity: str | None = None):
    """Events newest first (by time, then id), optionally about one kind of record."""
    query = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if entity:
        query = query.where(AuditEvent.entity == entity)
    return query


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
