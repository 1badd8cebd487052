"""Staff sign-in (Flask-Login) and the role check every staff page declares."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import Flask, abort
from flask_login import LoginManager, current_user
from sqlalchemy import select

from feedback_app import db
from feedback_app.models import StaffUser

login_manager = LoginManager()
login_manager.login_view = "staff.login"
login_manager.login_message = "Sign in to see that page."
login_manager.login_message_category = "info"
login_manager.session_protection = "strong"


def init_app(app: Flask) -> None:
    login_manager.init_app(app)


@login_manager.user_loader
def load_user(session_token: str) -> StaffUser | None:
    """The cookie names a session token, not the account: one that logout, a new password or
    deactivation replaced finds nobody."""
    if not session_token:
        return None
    user = db.session().scalar(select(StaffUser).where(StaffUser.session_token == session_token))
    return user if user is not None and user.active else None


def requires(*roles: str) -> Callable:
    """Allow signed-in staff holding any of `roles` (any staff member if none are named).

    A visitor who is not signed in is sent to sign in; a signed-in user without the role
    gets 403. The roles are kept on the view so tests can check every staff page has them.
    """
    allowed = frozenset(roles)

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def checked(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if allowed and not current_user.has_any_role(*allowed):
                abort(403)
            return view(*args, **kwargs)

        checked.required_roles = allowed  # type: ignore[attr-defined]
        return checked

    return decorate
