"""The warning staff editors show before saving text that could identify someone."""

from __future__ import annotations

import hashlib

from flask_wtf import FlaskForm

from analysis.identifying import identifying_details


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
