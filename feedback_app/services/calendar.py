"""The service's working-day calendar and today's date in England."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from feedback_app.models import ServiceClosure
from feedback_app.services.working_days import WorkingCalendar

LONDON = ZoneInfo("Europe/London")


def today() -> date:
    """Due dates are about the service's working days, so 'today' is today in England."""
    return datetime.now(LONDON).date()


def local_date(utc_naive: datetime) -> date:
    return utc_naive.replace(tzinfo=ZoneInfo("UTC")).astimezone(LONDON).date()


def service_calendar(db: Session) -> WorkingCalendar:
    """Weekends, England and Wales bank holidays, and the closure days admins have added."""
    return WorkingCalendar(db.scalars(select(ServiceClosure.day)))
