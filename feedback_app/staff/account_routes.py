"""Sign-in, the staff home page, staff accounts and the audit log."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import abort, flash, redirect, request, url_for
from flask import session as cookie_session
from flask_login import current_user, login_user, logout_user

from feedback_app import db
from feedback_app.auth import requires
from feedback_app.models import ROLES, StaffUser
from feedback_app.services import accounts, audit, help_offers
from feedback_app.services.cases import staff_home_counts
from feedback_app.staff.blueprint import bp
from feedback_app.staff.forms import ConfirmForm, LoginForm, UserForm
from feedback_app.staff.pagination import paginate
from feedback_app.staff.render import render_staff


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for(".home"))
    form = LoginForm()
    if form.validate_on_submit():
        with db.transaction() as session:
            result = accounts.authenticate(session, form.email.data, form.password.data)
        if result.user is not None:
            # A fresh session and CSRF token: nothing set before sign-in carries over.
            cookie_session.clear()
            login_user(result.user)
            cookie_session.permanent = True  # ends after PERMANENT_SESSION_LIFETIME
            return redirect(_safe_next(request.args.get("next")) or url_for(".home"))
        form.form_errors.append(result.message)
    return render_staff(
        "staff/login.html", form=form, status=400 if form.errors or form.form_errors else 200
    )


@bp.post("/logout")
def logout():
    ConfirmForm().validate_on_submit()
    if current_user.is_authenticated:
        # Ends the session on the server too: a copy of the cookie no longer signs anyone in.
        with db.transaction() as session:
            session.get(StaffUser, current_user.id).end_sessions()
    logout_user()
    cookie_session.clear()
    flash("You have signed out.")
    return redirect(url_for(".login"))


@bp.get("/")
@requires()
def home():
    counts = staff_home_counts(db.session(), current_user)
    if current_user.has_any_role("champion"):
        counts["help_offers"] = help_offers.waiting_count(db.session())
    return render_staff("staff/home.html", counts=counts)


@bp.get("/users")
@requires("admin")
def users():
    return render_staff("staff/users.html", users=accounts.all_users(db.session()), roles=ROLES)


@bp.route("/users/new", methods=["GET", "POST"])
@requires("admin")
def new_user():
    form = UserForm()
    if form.validate_on_submit():
        try:
            with db.transaction() as session:
                user = accounts.create_user(
                    session,
                    form.email.data,
                    form.name.data,
                    form.password.data or "",
                    form.roles.data or [],
                    actor=current_user._get_current_object(),
                )
        except accounts.AccountError as error:
            form.form_errors.append(str(error))
        else:
            flash(f"Account made for {user.name}.")
            return redirect(url_for(".users"))
    return render_staff("staff/user_form.html", form=form, user=None)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@requires("admin")
def edit_user(user_id: int):
    user = db.session().get(StaffUser, user_id) or abort(404)
    form = UserForm(obj=user if request.method == "GET" else None)
    if request.method == "GET":
        form.roles.data = sorted(user.roles)
    if form.validate_on_submit():
        try:
            with db.transaction() as session:
                accounts.update_user(
                    session,
                    user,
                    current_user._get_current_object(),
                    form.name.data,
                    set(form.roles.data or []),
                    form.active.data,
                    form.password.data or None,
                )
        except accounts.AccountError as error:
            form.form_errors.append(str(error))
        else:
            flash(f"Saved changes to {user.name}.")
            return redirect(url_for(".users"))
    return render_staff("staff/user_form.html", form=form, user=user)


@bp.get("/audit")
@requires("admin")
def audit_log():
    entity = request.args.get("entity") or None
    events = paginate(db.session(), audit.newest_first(entity))
    return render_staff("staff/audit.html", events=events, entity=entity)


def _safe_next(target: str | None) -> str | None:
    """Only follow a 'next' address inside this site, so a link cannot send staff elsewhere."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if any(c.isspace() or ord(c) < 32 or c == "\\" for c in target):
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else None
