"""How stored values are shown on pages: times on the UK clock, and words for stored codes.

Times are stored as naive UTC; a member of staff reads "14:05" as the time on their own clock,
which in summer is an hour ahead of UTC. The words come from `analysis.labels`, so a page and a
report never name one thing two ways.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from flask import Flask

from analysis import clock, labels


def local_time(utc_naive: datetime | None) -> datetime | None:
    """A stored UTC time as UK clock time: `{{ (event.at|local_time).strftime('%H:%M') }}`."""
    return None if utc_naive is None else clock.local_time(utc_naive)


def on_day(value: date | datetime | str | None) -> str:
    """The day something happened, in words ("2 December 2026"): a stored time (or its ISO text,
    as a subject access copy holds it) by the UK clock, a date as it is."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    if isinstance(value, datetime):
        value = clock.local_date(value)
    return f"{value.day} {value:%B %Y}"


def sentence(text: str | None) -> str:
    """The first letter a capital and the rest as written ("Last quarter (2026-27-Q2)"), where
    Jinja's `capitalize` would lower the rest."""
    text = text or ""
    return text[:1].upper() + text[1:]


def channel_name(code: str | None) -> str:
    return labels.CHANNEL_NAMES.get(code or "", (code or "Not known").replace("_", " "))


def role_names(codes: Iterable[str]) -> str:
    """Roles in words, in the order the roles are listed ("Admin, Champion")."""
    order = list(labels.ROLE_NAMES)
    known = sorted(codes, key=lambda c: order.index(c) if c in order else len(order))
    return ", ".join(labels.ROLE_NAMES.get(c, c.replace("_", " ")) for c in known)


def record_name(code: str | None) -> str:
    return labels.RECORD_NAMES.get(code or "", (code or "").replace("_", " "))


def audit_action(code: str | None) -> str:
    return labels.AUDIT_ACTIONS.get(code or "", (code or "").replace("_", " "))


def init_app(app: Flask) -> None:
    app.add_template_filter(local_time)
    app.add_template_filter(on_day)
    app.add_template_filter(sentence)
    app.add_template_filter(channel_name)
    app.add_template_filter(role_names)
    app.add_template_filter(record_name)
    app.add_template_filter(audit_action)
    app.add_template_filter(labels.harm_names, "harm_names")
    app.jinja_env.globals["role_words"] = labels.ROLE_NAMES  # a table, not a function
