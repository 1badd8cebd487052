"""QR and link sources in the app: create, label, retire, and print their posters."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from wtforms import SelectChoice

from feedback_app import db
from feedback_app.auth import requires
from feedback_app.models import Source, Team
from feedback_app.services import audit
from feedback_app.services.sources import SourceError, create_source, retire_source
from feedback_app.services.surveys import current_version
from feedback_app.staff.blueprint import bp
from feedback_app.staff.forms import ConfirmForm, SourceForm
from feedback_app.staff.render import render_staff
from feedback_app.surveys_registry import all_definitions

SOURCE_ROLES = ("admin", "practitioner", "champion")
SOURCE_FIELDS = ("code", "label", "office", "channel", "team_id", "survey_id", "retired_at")


@bp.route("/sources", methods=["GET", "POST"])
@requires(*SOURCE_ROLES)
def sources():
    session = db.session()
    form = SourceForm()
    definitions = all_definitions()
    form.survey.choices = [SelectChoice(slug, d.title) for slug, d in sorted(definitions.items())]
    teams = list(session.scalars(select(Team).where(Team.active.is_(True)).order_by(Team.id)))
    form.team.choices = [SelectChoice("", "No team (any team)")]
    form.team.choices += [SelectChoice(t.slug, t.name) for t in teams]
    if form.validate_on_submit():
        try:
            with db.transaction() as session:
                version = current_version(session, definitions[form.survey.data])
                team = next((t for t in teams if t.slug == form.team.data), None)
                source = create_source(
                    session,
                    version.survey,
                    form.label.data,
                    team=team,
                    office=form.office.data,
                    channel=form.channel.data,
                )
                audit.record(
                    session,
                    current_user._get_current_object(),
                    "create",
                    "source",
                    source.id,
                    after=audit.snapshot(source, SOURCE_FIELDS),
                )
        except SourceError as error:
            form.form_errors.append(str(error))
        else:
            flash(f"Made {source.code}. Print its poster from the list below.")
            return redirect(url_for(".sources"))
    rows = list(
        db.session().scalars(
            select(Source)
            .options(selectinload(Source.survey), selectinload(Source.team))
            .order_by(Source.retired_at.is_not(None), Source.id.desc())
        )
    )
    return render_staff("staff/sources.html", form=form, sources=rows, retire=ConfirmForm())


@bp.post("/sources/<int:source_id>/retire")
@requires(*SOURCE_ROLES)
def retire(source_id: int):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    with db.transaction() as session:
        source = session.get(Source, source_id) or abort(404)
        before = audit.snapshot(source, SOURCE_FIELDS)
        retire_source(session, source)
        audit.record(
            session,
            current_user._get_current_object(),
            "retire",
            "source",
            source.id,
            before=before,
            after=audit.snapshot(source, SOURCE_FIELDS),
        )
    flash(f"Retired {source.code}: its address now says it is no longer used.")
    return redirect(url_for(".sources"))
