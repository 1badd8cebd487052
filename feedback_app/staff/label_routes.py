"""A lead's correction of an answer's sentiment or themes, made beside its "why this score"."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_login import current_user

from analysis.text_signals import THEMES
from feedback_app import db
from feedback_app.auth import requires
from feedback_app.services import label_corrections
from feedback_app.staff.blueprint import bp
from feedback_app.staff.render import render_staff

CORRECTING_ROLES = ("leadership",)


@bp.post("/answers/<int:answer_id>/label")
@requires(*CORRECTING_ROLES)
def correct_label(answer_id: int):
    session = db.session()
    back = _back()
    try:
        with db.transaction():
            label_corrections.correct(
                session,
                current_user,
                answer_id,
                request.form.get("sentiment", ""),
                request.form.getlist("theme"),
                request.form.get("note"),
            )
    except label_corrections.CorrectionError as problem:
        if str(problem).startswith("This answer"):
            abort(404)
        flash(f"The label was not changed: {str(problem).lower()}.")
        return redirect(back)
    flash("Label corrected. The next training run of the model will learn from it.")
    return redirect(back)


def _back() -> str:
    back = request.values.get("next", "")
    return back if back.startswith("/staff/") and "//" not in back else url_for("staff.workspace")


@bp.get("/answers/<int:answer_id>/label")
@requires(*CORRECTING_ROLES)
def label_page(answer_id: int):
    session = db.session()
    quote = label_corrections.quotable_text(session, answer_id)
    why = label_corrections.whys(session, [answer_id]).get(answer_id)
    if quote is None or why is None:
        abort(404)
    return render_staff(
        "staff/label.html",
        why=why,
        quote=quote,
        next_url=_back(),
        sentiments=label_corrections.SENTIMENTS,
        theme_choices=sorted(THEMES.items(), key=lambda item: item[1]),
        themes=THEMES,
    )
