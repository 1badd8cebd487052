"""Tell us cases: the complaints lead's lists and case page, and the leadership inbox."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, request, url_for
from flask_login import current_user
from wtforms import SelectChoice

from analysis.clock import today
from analysis.report.complaints import DECISIONS as COMPLAINT_DECISIONS
from analysis.text_signals import THEMES
from feedback_app import db
from feedback_app.auth import requires
from feedback_app.models import StaffUser
from feedback_app.services import cases, label_corrections
from feedback_app.services.accounts import users_with_role
from feedback_app.staff.blueprint import bp
from feedback_app.staff.forms import (
    AssignForm,
    CloseComplaintForm,
    ConfirmForm,
    ExtendForm,
    NoteForm,
    RespondForm,
)
from feedback_app.staff.pagination import paginate
from feedback_app.staff.render import render_staff

CASE_ROLES = ("complaints_lead",)
# Each list's heading on the cases page, and the start of its own page number in the address.
LIST_ANCHORS = {
    "overdue": "overdue",
    "due_this_week": "due",
    "open": "open",
    "replies_owed": "replies",
}


@bp.get("/cases")
@requires(*CASE_ROLES)
def case_lists():
    session, on = db.session(), today()
    lists = {
        name: paginate(
            session, query, param=f"{LIST_ANCHORS[name]}_page", anchor=LIST_ANCHORS[name]
        )
        for name, query in cases.complaint_list_queries(session, on).items()
    }
    for listed in lists.values():
        cases.mark_overdue(listed.items, on)
    return render_staff(
        "staff/cases.html",
        lists=lists,
        today=on,
        reply_days=cases.REPLY_ACKNOWLEDGE_DAYS,
    )


@bp.get("/inbox")
@requires("leadership")
def inbox():
    session = db.session()
    items = paginate(session, cases.inbox_query())
    cases.mark_flagged(session, items.items)
    messages = [a.id for c in items.items for a in c.response.answers if a.question_id == "message"]
    return render_staff(
        "staff/inbox.html",
        items=items,
        whys=label_corrections.whys(session, messages),
        themes=THEMES,
    )


@bp.route("/cases/<int:case_id>", methods=["GET", "POST"])
@requires(*CASE_ROLES)
def case_page(case_id: int):
    session = db.session()
    case = cases.get_case(session, case_id) or abort(404)
    # Several forms on one page: CSRFProtect checks the one token every POST carries.
    no_csrf = {"csrf": False}
    forms = {
        "assign": AssignForm(prefix="assign", meta=no_csrf),
        "extend": ExtendForm(prefix="extend", meta=no_csrf),
        "respond": RespondForm(prefix="respond", meta=no_csrf),
        "note": NoteForm(prefix="note", meta=no_csrf),
        "confirm": ConfirmForm(prefix="confirm", meta=no_csrf),
        "close_complaint": CloseComplaintForm(prefix="close", meta=no_csrf),
    }
    handlers = users_with_role(session, "complaints_lead")
    forms["assign"].assignee.choices = [SelectChoice(str(u.id), u.name) for u in handlers]
    action = request.form.get("action")
    failed = None
    if request.method == "POST":
        failed = _act(case, action, forms)
        if failed is None:
            return redirect(url_for(".case_page", case_id=case.id))
    message = _message_text(case)
    return render_staff(
        "staff/case.html",
        case=cases.get_case(db.session(), case_id),
        forms=forms,
        form=failed,
        message=message,
        contact=_answer(case, "contact") if case.reply_wanted else None,
        next_due=cases.next_due(case),
        overdue=cases.case_is_overdue(case, today()),
        victims=current_app.config["VICTIMS_INFORMATION"],
        decisions=COMPLAINT_DECISIONS,
        status=400 if failed is not None else 200,
    )


def _act(case, action: str | None, forms: dict):
    """Carry out one case action; return the form that failed, or None when done."""
    form_for = {
        "assign": "assign",
        "extend": "extend",
        "respond": "respond",
        "note": "note",
        "acknowledge": "confirm",
        "escalate": "confirm",
        "close": "confirm",
        "right_to_review": "confirm",
    }
    if action not in form_for:
        abort(400)
    if action == "close" and case.is_complaint:
        form_for["close"] = "close_complaint"
    form = forms[form_for[action]]
    if not form.validate_on_submit():
        return form
    try:
        with db.transaction() as session:
            actor = current_user._get_current_object()
            if action == "assign":
                assignee = session.get(StaffUser, int(form.assignee.data)) or abort(400)
                cases.assign(session, case, actor, assignee)
            elif action == "extend":
                cases.extend(session, case, actor, form.days.data, form.reason.data)
            elif action == "respond":
                cases.respond(session, case, actor, form.outcome.data)
            elif action == "note":
                cases.add_note(session, case, actor, form.text.data)
            elif action == "acknowledge":
                cases.acknowledge(session, case, actor)
            elif action == "escalate":
                cases.escalate(session, case, actor)
            elif action == "close" and case.is_complaint:
                cases.close(
                    session, case, actor, decision=form.decision.data, learning=form.learning.data
                )
            elif action == "close":
                cases.close(session, case, actor)
            elif action == "right_to_review":
                cases.mark_right_to_review_sent(session, case, actor)
    except (cases.CaseError, ValueError) as error:
        form.form_errors.append(str(error))
        return form
    flash("Saved.")
    return None


def _answer(case, question_id: str) -> str | None:
    for answer in case.response.answers:
        if answer.question_id == question_id:
            return answer.value_text or answer.value_choice
    return None


def _message_text(case) -> str:
    return _answer(case, "message") or ""
