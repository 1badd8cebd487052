"""Staff accounts: creation, roles, password checks."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from analysis.clock import utc_now
from feedback_app.models import ROLES, StaffRole, StaffUser
from feedback_app.services import audit

MIN_PASSWORD_LENGTH = 12
WRONG_DETAILS = "Enter a correct email address and password"
# werkzeug's scrypt; the tests switch to a fast hash (tests/conftest.py) but for the tests of it.
HASH_METHOD = "scrypt"


class AccountError(ValueError):
    """An account change was refused; the message says what to fix."""


@dataclass(frozen=True)
class LoginResult:
    user: StaffUser | None
    message: str = ""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"Use a password of at least {MIN_PASSWORD_LENGTH} characters")


def create_user(
    db: Session,
    email: str,
    name: str,
    password: str,
    roles: set[str] | list[str],
    actor: StaffUser | None = None,
) -> StaffUser:
    email = normalise_email(email)
    if "@" not in email:
        raise AccountError("Enter an email address, like name@example.org")
    if not name.strip():
        raise AccountError("Enter the person's name")
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise AccountError(f"Unknown role(s): {', '.join(sorted(unknown))}")
    check_password_rules(password)
    if user_by_email(db, email) is not None:
        raise AccountError(f"There is already an account for {email}")
    user = StaffUser(email=email, name=name.strip(), password_hash=_hash(password))
    user.role_rows = [StaffRole(role=role) for role in sorted(set(roles))]
    db.add(user)
    db.flush()
    audit.record(db, actor, "create", "staff_user", user.id, after=_account_view(user))
    return user


def update_user(
    db: Session,
    user: StaffUser,
    actor: StaffUser,
    name: str,
    roles: set[str],
    active: bool,
    password: str | None = None,
) -> None:
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise AccountError(f"Unknown role(s): {', '.join(sorted(unknown))}")
    if user.id == actor.id and ("admin" not in roles or not active):
        raise AccountError("You cannot remove your own admin role or switch off your own account")
    before = _account_view(user)
    user.name = name.strip() or user.name
    if user.active and not active:
        user.end_sessions()
    user.active = active
    if roles != user.roles:
        user.role_rows = [StaffRole(role=role) for role in sorted(roles)]
    if password:
        check_password_rules(password)
        user.password_hash = _hash(password)
        user.end_sessions()
    after = _account_view(user)
    if password:
        after["password"] = "changed"  # noqa: S105  (a note for the log, never the password)
    if after != before:
        audit.record(db, actor, "update", "staff_user", user.id, before=before, after=after)


def authenticate(db: Session, email: str, password: str) -> LoginResult:
    """Check a sign-in. Unknown, switched-off and known accounts get the same message after the
    same work (a password hash is checked every time), so nobody can learn who has an account.
    Repeated tries are slowed by the rate limit on the account and address together, so a
    stranger cannot lock the real owner out."""
    user = user_by_email(db, email)
    if user is None or not user.active:
        check_password_hash(_dummy_hash(HASH_METHOD), password)
        return LoginResult(None, WRONG_DETAILS)
    if not check_password_hash(user.password_hash, password):
        return LoginResult(None, WRONG_DETAILS)
    user.last_login_at = utc_now()
    return LoginResult(user)


def _hash(password: str) -> str:
    return generate_password_hash(password, method=HASH_METHOD)


@cache
def _dummy_hash(method: str) -> str:
    """Checked against when the email is unknown, so a wrong email takes as long as a wrong
    password. Made on first use, not at import: every process (a worker, each CLI command)
    would otherwise spend a hash's CPU on starting."""
    return generate_password_hash("not-a-real-password-for-timing", method=method)


def user_by_email(db: Session, email: str) -> StaffUser | None:
    return db.scalar(select(StaffUser).where(StaffUser.email == normalise_email(email)))


def all_users(db: Session) -> list[StaffUser]:
    return list(db.scalars(select(StaffUser).order_by(func.lower(StaffUser.name))))


def users_with_role(db: Session, role: str) -> list[StaffUser]:
    return list(
        db.scalars(
            select(StaffUser)
            .join(StaffRole)
            .where(StaffRole.role == role, StaffUser.active.is_(True))
            .order_by(StaffUser.name)
        )
    )


def _account_view(user: StaffUser) -> dict:
    return {
        "email": user.email,
        "name": user.name,
        "roles": sorted(user.roles),
        "active": user.active,
    }
