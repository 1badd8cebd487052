"""Paper forms: a printable copy of each survey, and fast transcription of returned forms."""

from __future__ import annotations

from datetime import datetime, time

from flask import abort, current_app, flash, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from analysis import clock
from feedback_app import db
from feedback_app.auth import requires
from feedback_app.models import Response, StaffUser
from feedback_app.public.forms import build_form
from feedback_app.services import audit, intake
from feedback_app.services.responses import (
    Submission,
    stored_answers,
)
from feedback_app.services.surveys import survey_by_slug
from feedback_app.staff.blueprint import bp
from feedback_app.staff.forms import TranscriptionMetaForm
from feedback_app.staff.pagination import paginate
from feedback_app.staff.render import render_staff
from feedback_app.surveys_registry import all_definitions, definition_or_404
from surveys import HELP_ROLES

TRANSCRIBE_ROLES = ("practitioner", "admin")


@bp.get("/paper")
@requires()
def paper_forms():
    return render_staff("staff/paper_index.html", surveys=all_definitions())


@bp.get("/paper/<slug>")
@requires()
def paper_form(slug: str):
    definition = definition_or_404(slug)
    teams = current_app.extensions["team_choices"].get(db.session())
    return render_staff("staff/paper_form.html", definition=definition, teams=teams)


@bp.route("/transcribe/<slug>", methods=["GET", "POST"])
@requires(*TRANSCRIBE_ROLES)
def transcribe(slug: str):
    definition = definition_or_404(slug)
    form, meta = _forms(definition)
    if request.method == "POST" and _valid(form, meta):
        submission = Submission(
            channel="paper",
            paper_reference=meta.paper_reference.data.strip(),
            paper_date=meta.paper_date.data,
            transcribed_by_id=current_user.id,
            submitted_at=_submitted_at(meta.paper_date.data),
        )
        try:
            with db.transaction() as session:
                # Timescales run from when the service received the form: today. An offer
                # to help becomes a champion's task, never an answer (nor in the audit log).
                stored = intake.submit(session, definition, form.answers(), submission)
                audit.record(
                    session,
                    current_user._get_current_object(),
                    "transcribe",
                    "response",
                    stored.response_id,
                    # Which questions were answered, never the answers or the reference.
                    after=audit.answer_fields(None, stored.answers),
                )
        except IntegrityError:
            db.session().rollback()
            meta.paper_reference.errors = [
                _duplicate_message(definition, meta.paper_reference.data)
            ]
        else:
            reference = submission.paper_reference
            offer = " Their offer to help has gone to the champions." if stored.offered_help else ""
            flash(f"Saved paper form {reference}.{offer} The form is clear for the next one.")
            return redirect(url_for(".transcribe", slug=slug))
    return _render(definition, form, meta, response=None)


@bp.get("/transcriptions")
@requires(*TRANSCRIBE_ROLES)
def transcriptions():
    mine = (
        select(Response)
        .where(Response.transcribed_by_id == current_user.id, Response.channel == "paper")
        .order_by(Response.id.desc())
    )
    slugs = {s.id: s.slug for s in _surveys()}
    return render_staff(
        "staff/transcriptions.html",
        responses=paginate(db.session(), mine),
        slugs=slugs,
        titles={slug: d.title for slug, d in all_definitions().items()},
    )


@bp.route("/transcriptions/<int:response_id>", methods=["GET", "POST"])
@requires(*TRANSCRIBE_ROLES)
def correct_transcription(response_id: int):
    session = db.session()
    response = session.get(Response, response_id) or abort(404)
    if response.channel != "paper":
        abort(404)
    if response.transcribed_by_id != current_user.id and not current_user.has_any_role("admin"):
        abort(403)
    slug = next(s.slug for s in _surveys() if s.id == response.survey_id)
    definition = definition_or_404(slug)
    before = stored_answers(definition, response)
    # An offer to help was never stored with the form, so there is nothing of it to correct.
    form, meta = _forms(
        definition,
        data=before if request.method == "GET" else None,
        hide=_help_questions(definition),
    )
    if request.method == "GET":
        meta.paper_reference.data = response.paper_reference
        meta.paper_date.data = response.paper_date
    if request.method == "POST" and _valid(form, meta):
        answers = {k: v for k, v in form.answers().items() if v is not None}
        try:
            with db.transaction() as session:
                old_meta = {
                    "paper_reference": response.paper_reference,
                    "paper_date": response.paper_date,
                }
                # Text scored again, a Tell us case's kind and due dates as corrected.
                intake.correct(session, definition, response, answers)
                response.paper_reference = meta.paper_reference.data.strip()
                if response.paper_date != meta.paper_date.data:
                    response.paper_date = meta.paper_date.data
                    response.submitted_at = (
                        _submitted_at(meta.paper_date.data) or response.submitted_at
                    )
                audit.record(
                    session,
                    current_user._get_current_object(),
                    "correct",
                    "response",
                    response.id,
                    after=audit.answer_fields(
                        {**old_meta, **before},
                        {
                            "paper_reference": response.paper_reference,
                            "paper_date": response.paper_date,
                            **answers,
                        },
                    ),
                )
        except IntegrityError:
            db.session().rollback()
            meta.paper_reference.errors = [
                _duplicate_message(definition, meta.paper_reference.data)
            ]
        else:
            flash(f"Corrected paper form {response.paper_reference}.")
            return redirect(url_for(".transcriptions"))
    return _render(definition, form, meta, response=response)


def _forms(definition, data=None, hide=frozenset()):
    teams = current_app.extensions["team_choices"].get(db.session())
    form = build_form(definition, teams, hide=hide, meta={"csrf": False}, data=data or {})
    meta = TranscriptionMetaForm(prefix="paper", meta={"csrf": False})
    return form, meta


def _help_questions(definition) -> frozenset[str]:
    return frozenset(q.id for q in definition.questions if q.role in HELP_ROLES)


def _valid(form, meta) -> bool:
    survey_ok = form.validate()
    meta_ok = meta.validate()
    return survey_ok and meta_ok


def _render(definition, form, meta, response):
    summary_form = _CombinedErrors(meta, form)
    return render_staff(
        "staff/transcribe.html",
        definition=definition,
        survey_form=form,
        meta=meta,
        response=response,
        form=summary_form,
    )


class _CombinedErrors:
    """Lets the error summary list the paper details and the answers as one form."""

    def __init__(self, *forms):
        self.forms = forms
        self.form_errors = [e for f in forms for e in f.form_errors]
        self.errors = any(f.errors for f in forms)

    def __iter__(self):
        for form in self.forms:
            yield from form


def _duplicate_message(definition, reference: str) -> str:
    survey = survey_by_slug(db.session(), definition.slug)
    existing = db.session().scalar(
        select(Response).where(
            Response.paper_reference == reference.strip(),
            Response.survey_id == (survey.id if survey else None),
        )
    )
    who = ""
    if existing is not None and existing.transcribed_by_id:
        person = db.session().get(StaffUser, existing.transcribed_by_id)
        who = (
            f" by {person.name} on {clock.local_date(existing.submitted_at):%d %B %Y}"
            if person
            else ""
        )
    return (
        f"Paper form {reference.strip()} has already been typed in{who}. "
        "Check the number on the paper; to change that entry, correct it from your list."
    )


def _submitted_at(paper_date):
    """Reports count a paper form in the quarter it was filled in, when the date is known."""
    if paper_date is None:
        return None
    return clock.to_utc(datetime.combine(paper_date, time(12, 0)))  # midday in England


def _surveys():
    from feedback_app.models import Survey

    return list(db.session().scalars(select(Survey)))
