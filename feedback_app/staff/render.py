"""Rendering staff pages: every page gets the error summary and the safeguarding warning."""

from __future__ import annotations

from collections.abc import Iterable

from flask import render_template
from flask_login import current_user

from feedback_app import db
from feedback_app.error_summary import error_summary
from feedback_app.services.safeguarding_queue import open_flag_counts
from feedback_app.staff.blueprint import bp
from feedback_app.surveys_registry import all_definitions


def render_staff(
    template: str, status: int = 200, form=None, problems: Iterable[str] = (), **context
):
    """A staff page; `problems` are errors that belong to no field (a file, a search)."""
    problems = list(problems)
    summary = error_summary(form, problems=problems)
    if ((form is not None and form.errors) or problems) and status == 200:
        status = 400
    overdue = 0
    if current_user.is_authenticated and current_user.has_any_role("safeguarding_lead"):
        overdue = open_flag_counts(db.session())["flags_overdue"]
    page = render_template(
        template, form=form, error_summary=summary, safeguarding_overdue=overdue, **context
    )
    return page, status


@bp.app_template_filter("respondent_label")
def respondent_label(code: str | None) -> str:
    """Who sent a Tell us message, in the words of the form they chose from ("A parent or
    carer"), not the stored code."""
    definition = all_definitions().get("tell-us")
    question = definition.question_with_role("respondent") if definition else None
    option = question.option(code) if question and code else None
    return option.label if option else (code or "Not said").replace("_", " ").capitalize()
