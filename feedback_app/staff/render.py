"""Rendering staff pages: every page gets the error summary and the safeguarding warning."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user

from feedback_app import db
from feedback_app.services.safeguarding_queue import open_flag_counts


def render_staff(template: str, status: int = 200, form=None, **context):
    summary = []
    if form is not None:
        summary = [(None, message) for message in form.form_errors]
        summary += [
            (field.id, field.errors[0])
            for field in form
            if field.errors and field.type != "CSRFTokenField"
        ]
        if form.errors and status == 200:
            status = 400
    overdue = 0
    if current_user.is_authenticated and current_user.has_any_role("safeguarding_lead"):
        overdue = open_flag_counts(db.session())["flags_overdue"]
    page = render_template(
        template, form=form, error_summary=summary, safeguarding_overdue=overdue, **context
    )
    return page, status
