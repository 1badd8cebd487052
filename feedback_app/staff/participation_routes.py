"""The participation log (champions and leadership): activities, who took part, the Lundy
elements met, and what changed."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from wtforms import SelectChoice

from analysis.labels import ACTION_STATUSES
from analysis.participation import LUNDY_ELEMENTS, LUNDY_MEANINGS, TYPES, weakest_sentence
from analysis.quarters import Quarter
from feedback_app import db
from feedback_app.auth import requires
from feedback_app.models import ParticipationActivity
from feedback_app.services import actions, participation
from feedback_app.services.teams import active_teams
from feedback_app.staff import checked_save
from feedback_app.staff.blueprint import bp
from feedback_app.staff.forms import ActivityForm
from feedback_app.staff.pagination import paginate_list
from feedback_app.staff.render import render_staff
from feedback_app.web_input import quarter_asked

LOG_ROLES = ("champion", "leadership")
TEXT_FIELDS = ("asked", "said", "changed")


@bp.get("/participation")
@requires(*LOG_ROLES)
def participation_log():
    quarter = quarter_asked()
    teams = {t.slug: t for t in active_teams(db.session())}
    team = teams.get(request.args.get("team") or "")
    found = participation.between(
        db.session(), quarter.start, quarter.end, team.id if team else None
    )
    totals = participation.coverage(found)
    return render_staff(
        "staff/participation.html",
        activities=paginate_list(found),
        totals=totals,
        weakest=weakest_sentence(totals.lundy, totals.activities),
        quarter=quarter,
        quarters=[quarter.previous(), quarter, quarter.next()],
        team=team,
        teams=teams,
        types=TYPES,
        lundy=LUNDY_ELEMENTS,
        meanings=LUNDY_MEANINGS,
    )


def _form_for(activity: ParticipationActivity | None) -> ActivityForm:
    session = db.session()
    form = ActivityForm()
    form.teams.choices = [SelectChoice(t.id, t.name) for t in active_teams(session)]
    form.actions.choices = [
        SelectChoice(a.id, f"{_short(a.you_said)} ({ACTION_STATUSES[a.status].lower()})")
        for a in actions.listed(session)
    ]
    if request.method == "GET" and activity is not None:
        form.held_on.data = activity.held_on
        form.kind.data = activity.kind
        form.teams.data = [t.id for t in activity.teams]
        form.children.data = activity.children
        form.parents_carers.data = activity.parents_carers
        form.victims.data = activity.victims
        form.asked.data = activity.asked
        form.said.data = activity.said
        form.changed.data = activity.changed
        form.actions.data = [a.id for a in activity.actions]
        form.lundy.data = activity.lundy
    return form


def _short(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _fields(form: ActivityForm) -> participation.ActivityFields:
    return participation.ActivityFields(
        held_on=form.held_on.data,
        kind=form.kind.data,
        asked=form.asked.data,
        said=form.said.data,
        children=form.children.data,
        parents_carers=form.parents_carers.data,
        victims=form.victims.data,
        changed=form.changed.data,
        lundy=tuple(form.lundy.data or ()),
        team_ids=tuple(form.teams.data or ()),
        action_ids=tuple(form.actions.data or ()),
    )


def _edit(activity: ParticipationActivity | None):
    form = _form_for(activity)

    def save(session, actor, overridden: list[str]) -> int:
        if activity is None:
            return participation.create(session, actor, _fields(form), overridden).id
        participation.update(session, actor, activity, _fields(form), overridden)
        return activity.id

    saved_id, findings = checked_save.save_checked(
        form, TEXT_FIELDS, save, participation.ParticipationError
    )
    if saved_id is not None:
        flash("Activity saved.")
        return redirect(url_for(".activity_page", activity_id=saved_id))
    return render_staff("staff/activity_form.html", form=form, activity=activity, findings=findings)


@bp.route("/participation/new", methods=["GET", "POST"])
@requires(*LOG_ROLES)
def new_activity():
    return _edit(None)


@bp.route("/participation/<int:activity_id>/edit", methods=["GET", "POST"])
@requires(*LOG_ROLES)
def edit_activity(activity_id: int):
    return _edit(participation.get(db.session(), activity_id) or abort(404))


@bp.get("/participation/<int:activity_id>")
@requires(*LOG_ROLES)
def activity_page(activity_id: int):
    activity = participation.get(db.session(), activity_id) or abort(404)
    return render_staff(
        "staff/activity.html",
        activity=activity,
        types=TYPES,
        lundy=LUNDY_ELEMENTS,
        meanings=LUNDY_MEANINGS,
        statuses=ACTION_STATUSES,
        quarter=str(Quarter.containing(activity.held_on)),
    )
