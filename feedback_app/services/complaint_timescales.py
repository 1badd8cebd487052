"""Due dates for the two complaint stages, following the Local Government and Social Care
Ombudsman's Complaint Handling Code; the numbers of working days are settings."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from feedback_app.services.working_days import WorkingCalendar, as_date


@dataclass(frozen=True)
class Timescales:
    """Working days allowed at each step; the defaults are the Code's."""

    stage1_acknowledge: int = 5
    stage1_respond: int = 10
    stage1_max_extension: int = 10
    stage2_acknowledge: int = 5
    stage2_respond: int = 20

    def __post_init__(self) -> None:
        # These are edited by an admin, so a bad value is refused when set rather than when a
        # due date is first worked out from it.
        for field in fields(self):
            value = getattr(self, field.name)
            if value < 0:
                raise ValueError(f"{field.name} must be zero or more working days, not {value}")


@dataclass(frozen=True)
class StageDueDates:
    stage: int
    acknowledge_by: date
    respond_by: date


def stage_due_dates(
    stage: int,
    started: date,
    calendar: WorkingCalendar,
    timescales: Timescales = Timescales(),  # noqa: B008 - frozen, so sharing one is safe
    acknowledged: date | None = None,
    extension_days: int = 0,
) -> StageDueDates:
    """When a stage must be acknowledged and answered.

    `started` is when the complaint (stage 1) or the request to escalate (stage 2) was received.
    The response is due counting from the actual acknowledgement when there is one, otherwise
    from the latest date the acknowledgement could be.
    """
    if stage == 1:
        acknowledge, respond = timescales.stage1_acknowledge, timescales.stage1_respond
    elif stage == 2:
        acknowledge, respond = timescales.stage2_acknowledge, timescales.stage2_respond
    else:
        raise ValueError(f"stage must be 1 or 2, not {stage}; after stage 2 signpost the ombudsman")

    if extension_days < 0:
        raise ValueError(f"extension_days must be zero or more, not {extension_days}")
    if stage == 2 and extension_days:
        raise ValueError("a stage 2 response cannot be extended")
    if extension_days > timescales.stage1_max_extension:
        raise ValueError(
            f"an extension of {extension_days} working days is longer than the "
            f"{timescales.stage1_max_extension} allowed at stage 1"
        )

    started = as_date(started)
    if acknowledged is not None:
        acknowledged = as_date(acknowledged)
        if acknowledged < started:
            raise ValueError(
                f"acknowledged on {acknowledged:%d %B %Y}, before it was received on "
                f"{started:%d %B %Y}"
            )

    acknowledge_by = calendar.add_working_days(started, acknowledge)
    respond_from = acknowledged if acknowledged is not None else acknowledge_by
    respond_by = calendar.add_working_days(respond_from, respond + extension_days)
    return StageDueDates(stage=stage, acknowledge_by=acknowledge_by, respond_by=respond_by)


def is_overdue(due: date, done: date | None, today: date) -> bool:
    """Not done and past its due date; the due date itself is still in time."""
    return done is None and as_date(today) > as_date(due)


def due_within(due: date, today: date, calendar: WorkingCalendar, working_days: int) -> bool:
    """Due from today up to `working_days` working days after today (e.g. "due this week");
    anything already overdue is not included."""
    today, due = as_date(today), as_date(due)
    return today <= due <= calendar.add_working_days(today, working_days)
