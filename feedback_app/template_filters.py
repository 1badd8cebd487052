"""Filters every page may use. Times are stored in UTC; people read them in the service's own
time, so a page shows a stored time through `local` (a form sent at 00:30 on 1 July in summer
was sent on 1 July, not 30 June)."""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask

from analysis.clock import local_time


def local(value: datetime | date | None) -> datetime | date | None:
    """A stored UTC time as UK clock time; a day (already the service's) as it is."""
    if isinstance(value, datetime):
        return local_time(value)
    return value


def init_app(app: Flask) -> None:
    app.add_template_filter(local, "local")
