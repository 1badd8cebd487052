"""Subject access and erasure (admins): find what is held about a person, give a copy, erase."""

from __future__ import annotations

import io
import json

from flask import current_app, flash, redirect, request, send_file, url_for
from flask_login import current_user
from werkzeug.utils import secure_filename

from feedback_app import db
from feedback_app.auth import requires
from feedback_app.services import audit
from feedback_app.services import subject_access as subject_access_service
from feedback_app.staff.blueprint import bp
from feedback_app.staff.render import render_staff
from feedback_app.surveys_registry import all_definitions
from feedback_app.web_input import record_ids


@bp.route("/subject-access", methods=["GET", "POST"])
@requires("admin")
def subject_access():
    """Searched by POST, so a person's details never sit in a URL or a server log."""
    definitions = all_definitions()
    query = request.form.get("q", "").strip()
    request_ref = request.form.get("request_ref", "").strip()
    step = request.form.get("step", "search")
    chosen = record_ids(request.form.getlist("response"))
    chosen_offers = record_ids(request.form.getlist("offer"))
    errors: list[str] = []
    found: list = []
    offers: list = []
    if request.method == "POST":
        if step in ("export", "print", "erase"):
            if not chosen and not chosen_offers:
                errors.append("Tick the records that are about this person")
            if not request_ref:
                errors.append("Enter the request's reference, like SAR-2026-014")
            if step == "erase" and request.form.get("confirm") != "y":
                errors.append("Tick the box to confirm the erasure")
        if not errors and step == "export":
            return _send_held(definitions, chosen, chosen_offers, request_ref)
        if not errors and step == "print":
            records = subject_access_service.held(db.session(), definitions, chosen)
            offers = subject_access_service.held_offers(db.session(), chosen_offers)
            _audit_copy(chosen, chosen_offers, request_ref)
            return render_staff(
                "staff/subject_access_copy.html",
                records=records,
                offers=offers,
                request_ref=request_ref,
            )
        if not errors and step == "erase":
            try:
                with db.transaction() as session:
                    actor = current_user._get_current_object()
                    erased = subject_access_service.erase(session, actor, chosen, request_ref)
                    erased += subject_access_service.erase_offers(
                        session, actor, chosen_offers, request_ref
                    )
            except subject_access_service.SubjectAccessError as error:
                errors.append(str(error))
            else:
                flash(
                    f"Erased {erased} {'response' if erased == 1 else 'responses'} "
                    "and everything linked to them."
                )
                return redirect(url_for(".subject_access"))
        try:
            found = subject_access_service.search(db.session(), definitions, query)
            offers = subject_access_service.offers(db.session(), query)
        except subject_access_service.SubjectAccessError as error:
            errors.append(str(error))
    return render_staff(
        "staff/subject_access.html",
        query=query,
        request_ref=request_ref,
        found=found,
        offers=offers,
        chosen=set(chosen),
        chosen_offers=set(chosen_offers),
        searched=request.method == "POST",
        problems=errors,
        titles={s: d.title for s, d in definitions.items()},
    )


def _audit_copy(chosen: list[int], chosen_offers: list[int], request_ref: str) -> None:
    with db.transaction() as session:
        audit.record(
            session,
            current_user._get_current_object(),
            "subject_access_export",
            "response",
            None,
            None,
            {"responses": sorted(chosen), "offers": sorted(chosen_offers), "request": request_ref},
        )


def _send_held(definitions, chosen: list[int], chosen_offers: list[int], request_ref: str):
    records = subject_access_service.held(db.session(), definitions, chosen)
    records += subject_access_service.held_offers(db.session(), chosen_offers)
    _audit_copy(chosen, chosen_offers, request_ref)
    body = json.dumps(
        {"request": request_ref, "service": current_app.config["SERVICE_NAME"], "records": records},
        indent=2,
        ensure_ascii=False,
    )
    return send_file(
        io.BytesIO(body.encode("utf-8")),
        mimetype="application/json",
        as_attachment=True,
        download_name=f"subject-access-{secure_filename(request_ref) or 'request'}.json",
    )
