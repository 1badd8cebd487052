"""The error summary at the top of every form page, public and staff: what to fix, in page
order, each line a link to its field (GOV.UK pattern; base.html shows it)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# Fields a person never sees: an error on one is a problem of the page, not of an answer.
HIDDEN_FIELDS = frozenset({"CSRFTokenField", "HiddenField"})

Summary = list[tuple[str | None, str]]


def error_summary(*forms: Any, problems: Iterable[str] = ()) -> Summary:
    """(field id or None, message) for the page's problems, each form's own errors, then the
    first error of every visible field. A form may be None (a page without one)."""
    summary: Summary = [(None, problem) for problem in problems]
    for form in forms:
        if form is None:
            continue
        summary += [(None, message) for message in form.form_errors]
        summary += [
            (field.id, field.errors[0])
            for field in form
            if field.errors and field.type not in HIDDEN_FIELDS
        ]
    return summary
