"""Offers to help (champions only): the children and parents who said yes, and marking one done
(which deletes the contact details)."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_login import current_user

from analysis.labels import AUDIENCE_NAMES
from feedback_app import db
from feedback_app.auth import requires
from feedback_app.models import HelpOffer
from feedback_app.services import help_offers
from feedback_app.staff.blueprint import bp
from feedback_app.staff.forms import HelpOfferDoneForm
from feedback_app.staff.pagination import paginate
from feedback_app.staff.render import render_staff

# Offers to help carry contact details: only the champions who follow them up see them.
OFFER_ROLES = ("champion",)


@bp.get("/help-offers")
@requires(*OFFER_ROLES)
def help_offer_list():
    session = db.session()
    return render_staff(
        "staff/help_offers.html",
        waiting=paginate(session, help_offers.waiting_query()),
        done=help_offers.recently_done(session),
        audience_names=AUDIENCE_NAMES,
    )


@bp.route("/help-offers/<int:offer_id>", methods=["GET", "POST"])
@requires(*OFFER_ROLES)
def help_offer_page(offer_id: int):
    offer = db.session().get(HelpOffer, offer_id) or abort(404)
    form = HelpOfferDoneForm()
    if offer.status == "open" and form.validate_on_submit():
        try:
            with db.transaction() as session:
                help_offers.mark_done(
                    session, current_user._get_current_object(), offer, form.note.data
                )
        except help_offers.HelpOfferError as error:
            form.form_errors.append(str(error))
        else:
            flash("Marked as done. Their contact details have been deleted.")
            return redirect(url_for(".help_offer_list"))
    return render_staff(
        "staff/help_offer.html", form=form, offer=offer, audience_names=AUDIENCE_NAMES
    )
