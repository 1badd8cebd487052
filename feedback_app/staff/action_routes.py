"""You Said, We Did: the Child-First Champions' workspace, actions, and the meeting summary."""

from __future__ import annotations

import io

from flask import abort, flash, redirect, request, send_file, url_for
from flask_login import current_user
from wtforms import SelectChoice

from analysis.clock import today
from analysis.labels import ACTION_STATUSES, SOURCE_NAMES
from analysis.quarters import Quarter
from analysis.text_signals import THEMES, finding_themes
from feedback_app import db
from feedback_app.auth import requires
from feedback_app.models import Action
from feedback_app.services import actions, label_corrections, themes
from feedback_app.services.accounts import all_users
from feedback_app.services.teams import active_teams
from feedback_app.staff import checked_save
from feedback_app.staff.blueprint import bp
from feedback_app.staff.forms import ActionForm, ConfirmForm
from feedback_app.staff.pagination import paginate
from feedback_app.staff.render import render_staff
from feedback_app.web_input import quarter_asked, record_ids

ACTION_ROLES = ("champion", "leadership")
TEXT_FIELDS = ("you_said", "we_did", "not_possible_reason")


def _filters() -> dict:
    period = request.args.get("period", "30d")
    team = request.args.get("team") or None
    audience = request.args.get("audience") or None
    choices = themes.periods()
    if period not in choices:
        period = "30d"
    teams = {t.slug: t.name for t in active_teams(db.session())}
    return {
        "period": choices[period],
        "periods": choices,
        "team": team if team in teams else None,
        "audience": audience if audience in SOURCE_NAMES else None,
        "teams": teams,
        "source_names": SOURCE_NAMES,
    }


@bp.get("/you-said-we-did")
@requires(*ACTION_ROLES)
def workspace():
    f = _filters()
    rows = themes.emerging_themes(db.session(), f["period"], f["team"], f["audience"])
    shown = rows if request.args.get("all") else [r for r in rows if r.answers >= 3]
    return render_staff(
        "staff/workspace.html",
        rows=shown,
        hidden=len(rows) - len(shown),
        themes=THEMES,
        findings=finding_themes(),
        open_actions=paginate(
            db.session(),
            actions.listed_query("open", "in_progress"),
            param="open_page",
            anchor="still-open",
        ),
        this_quarter=actions.in_quarter(db.session(), Quarter.containing(today())),
        **f,
    )


@bp.get("/you-said-we-did/themes/<theme>")
@requires(*ACTION_ROLES)
def theme_page(theme: str):
    if theme not in THEMES:
        abort(404)
    f = _filters()
    found = themes.examples(db.session(), theme, f["period"], f["team"], f["audience"])
    return render_staff(
        "staff/theme.html",
        theme=theme,
        theme_name=THEMES[theme],
        examples=found,
        whys=label_corrections.whys(db.session(), [ex.answer_id for ex in found]),
        themes=THEMES,
        **f,
    )


@bp.get("/actions")
@requires(*ACTION_ROLES)
def action_list():
    status = request.args.get("status") or None
    if status not in ACTION_STATUSES:
        status = None
    return render_staff(
        "staff/actions.html",
        items=paginate(db.session(), actions.listed_query(*([status] if status else []))),
        chosen_status=status,  # not `status`: render_staff takes that as the HTTP status
        statuses=ACTION_STATUSES,
        quarter=Quarter.containing(today()),
    )


def _form_for(action: Action | None) -> ActionForm:
    session = db.session()
    form = ActionForm(obj=None)
    form.themes.choices = [SelectChoice(k, v) for k, v in sorted(THEMES.items(), key=_by_name)]
    form.team.choices = [SelectChoice("", "Whole service")] + [
        SelectChoice(str(t.id), t.name) for t in active_teams(session)
    ]
    form.owner.choices = [SelectChoice("", "Nobody yet")] + [
        SelectChoice(str(u.id), u.name) for u in all_users(session) if u.active
    ]
    linked = [row.response_id for row in action.response_rows] if action else []
    wanted = linked + record_ids(request.values.getlist("response"))
    if request.method == "POST":
        wanted += record_ids(request.form.getlist("responses"))
    form.responses.choices = [SelectChoice(rid, f"Feedback {rid}") for rid in dict.fromkeys(wanted)]
    if request.method == "GET":
        if action is not None:
            form.you_said.data = action.you_said
            form.we_did.data = action.we_did
            form.team.data = str(action.team_id or "")
            form.owner.data = str(action.owner_id or "")
            form.due_on.data = action.due_on
            form.status.data = action.status
            form.not_possible_reason.data = action.not_possible_reason
            form.themes.data = action.themes
        else:
            form.themes.data = [t for t in request.args.getlist("theme") if t in THEMES]
            team = request.args.get("team", "")
            teams = {t.slug: t.id for t in active_teams(session)}
            form.team.data = str(teams.get(team, ""))
            form.owner.data = str(current_user.id)
        form.responses.data = list(dict.fromkeys(wanted))
    return form


def _by_name(item: tuple[str, str]) -> str:
    return item[1]


def _fields(form: ActionForm) -> actions.ActionFields:
    return actions.ActionFields(
        you_said=form.you_said.data,
        we_did=form.we_did.data,
        team_id=int(form.team.data) if form.team.data else None,
        owner_id=int(form.owner.data) if form.owner.data else None,
        due_on=form.due_on.data,
        status=form.status.data,
        not_possible_reason=form.not_possible_reason.data,
        themes=tuple(form.themes.data or ()),
        response_ids=tuple(form.responses.data or ()),
    )


def _edit(action: Action | None):
    form = _form_for(action)

    def save(session, actor, overridden: list[str]) -> int:
        if action is None:
            return actions.create(session, actor, _fields(form), overridden).id
        actions.update(session, actor, action, _fields(form), overridden)
        return action.id

    saved_id, findings = checked_save.save_checked(form, TEXT_FIELDS, save, actions.ActionError)
    if saved_id is not None:
        flash("Action saved.")
        return redirect(url_for(".action_page", action_id=saved_id))
    return render_staff(
        "staff/action_form.html",
        form=form,
        action=action,
        findings=findings,
        evidence=_linked(form),
    )


def _linked(form: ActionForm) -> dict[int, themes.Evidence]:
    ids = [choice.value for choice in form.responses.choices]
    return {e.response_id: e for e in themes.evidence(db.session(), ids)}


@bp.route("/actions/new", methods=["GET", "POST"])
@requires(*ACTION_ROLES)
def new_action():
    return _edit(None)


@bp.route("/actions/<int:action_id>/edit", methods=["GET", "POST"])
@requires(*ACTION_ROLES)
def edit_action(action_id: int):
    return _edit(actions.get(db.session(), action_id) or abort(404))


@bp.route("/actions/<int:action_id>", methods=["GET", "POST"])
@requires(*ACTION_ROLES)
def action_page(action_id: int):
    action = actions.get(db.session(), action_id) or abort(404)
    form = ConfirmForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        step = request.form.get("step")
        if step not in ("publish", "unpublish"):
            abort(400)
        try:
            with db.transaction() as session:
                actor = current_user._get_current_object()
                if step == "publish":
                    actions.publish(session, actor, action)
                else:
                    actions.unpublish(session, actor, action)
        except actions.ActionError as error:
            form.form_errors.append(str(error))
        else:
            flash(
                "Published on the You Said, We Did board."
                if step == "publish"
                else "Taken off the board."
            )
            return redirect(url_for(".action_page", action_id=action_id))
    return render_staff(
        "staff/action.html",
        form=form,
        action=action,
        themes=THEMES,
        evidence=themes.evidence(db.session(), [r.response_id for r in action.response_rows]),
        trends=themes.theme_trends(db.session(), action),
        statuses=ACTION_STATUSES,
        source_names=SOURCE_NAMES,
        status=400 if form.form_errors else 200,
    )


@bp.get("/actions/summary")
@requires(*ACTION_ROLES)
def action_summary():
    quarter = quarter_asked()
    summary = actions.in_quarter(db.session(), quarter)
    return render_staff(
        "staff/action_summary.html",
        summary=summary,
        themes=THEMES,
        statuses=ACTION_STATUSES,
        quarters=[
            q
            for q in (quarter.previous().previous(), quarter.previous(), quarter.next())
            if q.start <= today()
        ],
    )


@bp.get("/actions/summary.xlsx")
@requires(*ACTION_ROLES)
def action_summary_xlsx():
    quarter = quarter_asked()
    book = actions.summary_workbook(actions.in_quarter(db.session(), quarter), THEMES)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return send_file(
        buffer,
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        as_attachment=True,
        download_name=f"you-said-we-did-{quarter}.xlsx",
    )
