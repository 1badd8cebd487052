"""The service's working-day calendar (today's date and the clock are in analysis/clock.py)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from feedback_app.models import ServiceClosure
from feedback_app.services.working_days import WorkingCalendar


def service_calendar(db: Session) -> WorkingCalendar:
    """Weekends, England and Wales bank holidays, and the closure days admins have added."""
    return WorkingCalendar(db.scalars(select(ServiceClosure.day)))
