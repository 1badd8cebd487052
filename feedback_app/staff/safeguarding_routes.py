"""The safeguarding queue: possible disclosures of harm (the same working day), answers found
late by a re-scan, and the "worth a look" list (within 2 working days)."""

from __future__ import annotations

from functools import partial

from flask import abort, flash, redirect, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from analysis.safeguarding_detector import TIER_NAMES
from feedback_app import db
from feedback_app.auth import requires
from feedback_app.models import SafeguardingFlag
from feedback_app.services import safeguarding_queue
from feedback_app.staff.blueprint import bp
from feedback_app.staff.forms import AcknowledgeFlagForm
from feedback_app.staff.pagination import paginate, paginate_counted
from feedback_app.staff.render import render_staff
from surveys import definition_from_frozen

# Each list's heading on the queue page, and the start of its own page number in the address.
LIST_ANCHORS = {
    "disclosures": "disclosures",
    "found_late_old": "found-late",
    "worth_a_look": "worth-a-look",
}


@bp.get("/safeguarding")
@requires("safeguarding_lead")
def safeguarding():
    session = db.session()
    totals = safeguarding_queue.waiting_counts(session).totals
    lists = {
        name: paginate_counted(
            totals[name],
            partial(safeguarding_queue.waiting_page, session, name),
            param=f"{name}_page",
            anchor=anchor,
        )
        for name, anchor in LIST_ANCHORS.items()
    }
    done = paginate(session, safeguarding_queue.done_query(), param="done_page", anchor="done")
    return render_staff("staff/safeguarding.html", queue=lists, done=done, tier_names=TIER_NAMES)


@bp.route("/safeguarding/<int:flag_id>", methods=["GET", "POST"])
@requires("safeguarding_lead")
def safeguarding_flag(flag_id: int):
    session = db.session()
    flag = session.scalar(
        select(SafeguardingFlag)
        .options(selectinload(SafeguardingFlag.response), selectinload(SafeguardingFlag.answer))
        .where(SafeguardingFlag.id == flag_id)
    ) or abort(404)
    form = AcknowledgeFlagForm()
    if flag.acknowledged_at is None and form.validate_on_submit():
        with db.transaction() as session:
            safeguarding_queue.acknowledge(
                session, flag, current_user._get_current_object(), form.action_taken.data
            )
        flash("Acknowledged, with the action taken recorded.")
        return redirect(url_for(".safeguarding"))
    text = flag.answer.value_text or ""
    definition = definition_from_frozen(flag.response.version.definition)
    asked = {q.id: q.label for q in definition.questions}
    return render_staff(
        "staff/safeguarding_flag.html",
        flag=flag,
        form=form,
        tier_name=TIER_NAMES.get(flag.tier, flag.tier),
        pieces=safeguarding_queue.highlighted(flag, text),
        why=safeguarding_queue.reasons_of(flag),
        survey_title=definition.title,
        question=asked.get(flag.answer.question_id, "A question no longer on the form"),
    )
