"""The warning staff editors show before saving text that could identify someone, and the
save that follows it."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy.orm import Session

from analysis.identifying import identifying_details
from feedback_app import db
from feedback_app.models import StaffUser


def findings(form: FlaskForm, names: tuple[str, ...]) -> list[tuple[str, str]]:
    """(field label, what was found) for every detail that could identify someone."""
    found = []
    for name in names:
        field = form[name]
        for finding in identifying_details(field.data or ""):
            found.append((field.label.text, str(finding)))
    return found


def fingerprint(found: list[tuple[str, str]]) -> str:
    """Ties a "checked" tick to the very details it was shown against."""
    return hashlib.sha256(repr(found).encode()).hexdigest()[:16]


def needs_checking(form: FlaskForm, found: list[tuple[str, str]], names: tuple[str, ...]) -> bool:
    """Whether to stop and show the warning: something was found and not ticked as checked.

    The form needs a `checked` box and a hidden `checked_findings`; a tick only counts for the
    details it was shown against, so changed text is checked again.
    """
    confirmed = form.checked.data and form.checked_findings.data == fingerprint(found)
    if found and not confirmed:
        form.checked.data = False
        form.checked_findings.data = fingerprint(found)
        for name in names:
            if identifying_details(form[name].data or ""):
                form[name].errors.append(
                    "This may identify someone. Change it, or tick the box to say you have "
                    "checked it."
                )
        return True
    return False


def save_checked(
    form: FlaskForm,
    names: tuple[str, ...],
    save: Callable[[Session, StaffUser, list[str]], int],
    refused: type[Exception],
) -> tuple[int | None, list[tuple[str, str]]]:
    """An editor's POST: validate, stop at the warning, else `save` in one transaction.

    `save(session, actor, overridden)` returns the saved record's id; `refused` is the error a
    service raises for a change it will not make, shown on the form. Returns (the saved id, or
    None when the form must be shown again, and what was found in the text).
    """
    if not form.validate_on_submit():
        return None, []
    found = findings(form, names)
    if needs_checking(form, found, names):
        return None, found
    overridden = [f"{label}: {text}" for label, text in found]
    try:
        with db.transaction() as session:
            return save(session, current_user._get_current_object(), overridden), found
    except refused as error:
        form.form_errors.append(str(error))
        return None, found
