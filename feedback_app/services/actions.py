"""You Said, We Did: actions, the themes they came from, publication and closing the loop."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from analysis import clock
from analysis.cells import first_sheet, xlsx_cell
from analysis.clock import local_date, today, utc_now
from analysis.labels import ACTION_STATUSES
from analysis.quarters import Quarter
from analysis.report.actions import ActionDates, Standing, standing, status_at
from feedback_app.models import Action, ActionResponse, ActionTheme, Response, StaffUser, Team
from feedback_app.services import audit

FIELDS = (
    "you_said",
    "we_did",
    "team_id",
    "owner_id",
    "due_on",
    "status",
    "not_possible_reason",
    "done_on",
)
PUBLISHABLE = ("done", "not_possible")


class ActionError(ValueError):
    """A change that cannot be made, said in words for the person making it."""


@dataclass
class ActionFields:
    you_said: str
    we_did: str | None = None
    team_id: int | None = None
    owner_id: int | None = None
    due_on: date | None = None
    status: str = "open"
    not_possible_reason: str | None = None
    themes: tuple[str, ...] = ()
    response_ids: tuple[int, ...] = ()


def _snapshot(action: Action) -> dict:
    values = audit.snapshot(action, FIELDS)
    values["themes"] = sorted(action.themes)
    values["responses"] = sorted(row.response_id for row in action.response_rows)
    return values


def _apply(db: Session, action: Action, fields: ActionFields) -> None:
    if fields.status not in ACTION_STATUSES:
        raise ActionError(f"'{fields.status}' is not a status")
    if fields.status == "not_possible" and not (fields.not_possible_reason or "").strip():
        raise ActionError("Say why this is not possible")
    if action.published and fields.status not in PUBLISHABLE:
        raise ActionError("Take it off the board before you reopen it")
    action.you_said = fields.you_said.strip()
    action.we_did = (fields.we_did or "").strip() or None
    action.team_id = fields.team_id
    action.owner_id = fields.owner_id
    action.due_on = fields.due_on
    if fields.status in PUBLISHABLE and action.status not in PUBLISHABLE:
        action.done_on = today()
    elif fields.status not in PUBLISHABLE:
        action.done_on = None
    action.status = fields.status
    action.not_possible_reason = (
        (fields.not_possible_reason or "").strip() or None
        if fields.status == "not_possible"
        else None
    )
    wanted = set(fields.themes)
    action.theme_rows = [row for row in action.theme_rows if row.theme in wanted]
    have = {row.theme for row in action.theme_rows}
    action.theme_rows += [ActionTheme(theme=t) for t in sorted(wanted - have)]
    ids = set(fields.response_ids)
    known = set(db.scalars(select(Response.id).where(Response.id.in_(ids)))) if ids else set()
    action.response_rows = [row for row in action.response_rows if row.response_id in known]
    linked = {row.response_id for row in action.response_rows}
    action.response_rows += [ActionResponse(response_id=i) for i in sorted(known - linked)]


def create(
    db: Session, actor: StaffUser, fields: ActionFields, overridden: list[str] | None = None
) -> Action:
    action = Action(created_by_id=actor.id, created_at=utc_now(), theme_rows=[], response_rows=[])
    action.status = "open"
    _apply(db, action, fields)
    db.add(action)
    db.flush()
    audit.record_edit(db, actor, "action", action.id, None, _snapshot(action), overridden)
    return action


def update(
    db: Session,
    actor: StaffUser,
    action: Action,
    fields: ActionFields,
    overridden: list[str] | None = None,
) -> None:
    before = _snapshot(action)
    _apply(db, action, fields)
    db.flush()
    audit.record_edit(db, actor, "action", action.id, before, _snapshot(action), overridden)


def publish(db: Session, actor: StaffUser, action: Action) -> None:
    if action.status not in PUBLISHABLE:
        raise ActionError("Only a done action, or one that was not possible, can be published")
    if action.status == "done" and not action.we_did:
        raise ActionError("Write what we did before you publish")
    if action.published:
        return
    action.published_at = utc_now()
    action.published_by_id = actor.id
    audit.record(db, actor, "publish", "action", action.id, None, {"published": True})


def unpublish(db: Session, actor: StaffUser, action: Action) -> None:
    if not action.published:
        return
    action.published_at = None
    action.published_by_id = None
    audit.record(db, actor, "unpublish", "action", action.id, {"published": True}, None)


def get(db: Session, action_id: int) -> Action | None:
    return db.scalar(
        select(Action)
        .options(selectinload(Action.response_rows), selectinload(Action.team))
        .where(Action.id == action_id)
    )


def listed_query(*statuses: str) -> Select:
    """Actions newest first; only those in `statuses` when any are given."""
    query = select(Action).options(selectinload(Action.team), selectinload(Action.owner))
    if statuses:
        query = query.where(Action.status.in_(statuses))
    return query.order_by(Action.created_at.desc(), Action.id.desc())


def listed(db: Session, *statuses: str) -> list[Action]:
    return list(db.scalars(listed_query(*statuses)))


def published(db: Session, team_slug: str | None = None) -> list[Action]:
    query = (
        select(Action)
        .options(selectinload(Action.team))
        .where(Action.published_at.is_not(None))
        .order_by(Action.published_at.desc(), Action.id.desc())
    )
    if team_slug:
        query = query.join(Team, Team.id == Action.team_id).where(Team.slug == team_slug)
    return list(db.scalars(query))


def published_one(db: Session, action_id: int) -> Action | None:
    action = db.get(Action, action_id)
    return action if action is not None and action.published else None


# -- A quarter's actions, for the board meeting and the report --------------------------------


def _dates(action: Action) -> ActionDates:
    published = local_date(action.published_at) if action.published_at else None
    return ActionDates(local_date(action.created_at), action.done_on, published, action.status)


def status_on(action: Action, day: date) -> str:
    """The action's status as it stood at the end of `day`, as far as its dates tell."""
    return status_at(_dates(action), day)


QuarterActions = Standing


def in_quarter(db: Session, quarter: Quarter) -> Standing[Action]:
    """The quarter's actions counted as the report counts them (analysis.report.actions)."""
    window = clock.quarter_range(quarter)
    actions = list(
        db.scalars(
            select(Action)
            .options(selectinload(Action.team), selectinload(Action.owner))
            .where(Action.created_at < window.end)
            .order_by(Action.id)
        )
    )
    return standing(actions, quarter, _dates)


def summary_workbook(summary: QuarterActions, themes: dict[str, str]):
    """The quarter's actions on one sheet, for the Management Board's voice of the child item."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = first_sheet(book, f"You Said We Did {summary.quarter}")
    sheet.append([f"You Said, We Did: {summary.quarter}"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(
        [
            f"Raised {len(summary.raised)}",
            f"Done {len(summary.done)}",
            f"Published {len(summary.published)}",
            f"Still open {len(summary.still_open)}",
        ]
    )
    sheet.append([])
    headings = [
        "You said",
        "We did",
        f"Status at {summary.quarter.end:%d %B %Y}",
        "Themes",
        "Team",
        "Owner",
        "Raised",
        "Done",
    ]
    sheet.append(headings + ["Published"])
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for action in summary.all:
        row = [
            action.you_said,
            action.we_did or action.not_possible_reason or "",
            ACTION_STATUSES[summary.status(action)],
            ", ".join(themes.get(t, t) for t in action.themes),
            action.team.name if action.team else "Whole service",
            action.owner.name if action.owner else "",
            local_date(action.created_at),
            action.done_on,
            local_date(action.published_at) if action.published_at else None,
        ]
        sheet.append([xlsx_cell(value) for value in row])
    for column, width in zip("ABCDEFGHI", (50, 50, 14, 30, 20, 20, 12, 12, 12), strict=True):
        sheet.column_dimensions[column].width = width
    for cells in sheet.iter_rows(min_row=5):
        for cell in cells[:2]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for cell in cells[6:]:
            cell.number_format = "dd/mm/yyyy"
    return book
