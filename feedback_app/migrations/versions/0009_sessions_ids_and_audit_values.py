"""Server-side sign-out, ids never reused on SQLite, and no answers in the audit log

Revision ID: 0009
Revises: 0008
Created: 2026-12-01

- staff_user.session_token: what a session cookie names (replaced at sign-out, a new password
  or deactivation); the hard lockout columns go (sign-in is slowed per account and address).
- SQLite: the tables holding what respondents told us are rebuilt with AUTOINCREMENT, so an
  erased response's id is never given to someone else. PostgreSQL never reuses ids.
- Audit events written before answers were kept out of the log keep the field names only.
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

RESPONDENT_TABLES = (
    "response",
    "answer",
    "tell_us_case",
    "case_note",
    "safeguarding_flag",
    "help_offer",
)
SAFE_KEYS = ("fields_given", "fields_changed", "fields", "values_erased")


def _sqlite_without_foreign_keys(bind) -> None:
    """Rebuilding a table drops the old one: with foreign keys on, SQLite would first delete
    every row that points at it (answers cascade). `feedback_app.migrate.upgrade` turns them
    off; refuse to run without that rather than lose data."""
    if bind.exec_driver_sql("PRAGMA foreign_keys").scalar():
        raise RuntimeError(
            "Foreign keys are on: run migrations with `flask --app feedback_app init-db`."
        )


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    if sqlite:
        _sqlite_without_foreign_keys(bind)
        # The reporting views name these tables; let SQLite swap the rebuilt table in under them.
        op.execute("PRAGMA legacy_alter_table=ON")
    op.add_column("staff_user", sa.Column("session_token", sa.String(length=64), nullable=True))
    users = sa.table("staff_user", sa.column("id", sa.Integer), sa.column("session_token"))
    for (user_id,) in bind.execute(sa.select(users.c.id)).all():
        bind.execute(
            users.update()
            .where(users.c.id == user_id)
            .values(session_token=secrets.token_urlsafe(32))
        )
    with op.batch_alter_table("staff_user") as batch:
        batch.alter_column("session_token", existing_type=sa.String(length=64), nullable=False)
        batch.create_unique_constraint("uq_staff_user_session_token", ["session_token"])
        batch.drop_column("failed_logins")
        batch.drop_column("locked_until")
    if sqlite:
        for name in RESPONDENT_TABLES:
            with op.batch_alter_table(
                name, recreate="always", table_kwargs={"sqlite_autoincrement": True}
            ):
                pass
        op.execute("PRAGMA legacy_alter_table=OFF")
    _names_only_in_old_audit_events(bind)


def _names_only_in_old_audit_events(bind) -> None:
    events = sa.table(
        "audit_event",
        sa.column("id", sa.Integer),
        sa.column("entity", sa.String),
        sa.column("action", sa.String),
        sa.column("before", sa.JSON),
        sa.column("after", sa.JSON),
    )
    rows = bind.execute(
        sa.select(events.c.id, events.c.before, events.c.after).where(
            events.c.entity == "response", events.c.action.in_(["transcribe", "correct"])
        )
    ).all()
    for event_id, before, after in rows:
        names = sorted({*(before or {}), *(after or {})} - set(SAFE_KEYS))
        if names:
            bind.execute(
                events.update()
                .where(events.c.id == event_id)
                .values(before=None, after={"fields": names, "values_erased": True})
            )


def downgrade() -> None:
    with op.batch_alter_table("staff_user") as batch:
        batch.add_column(
            sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("locked_until", sa.DateTime(), nullable=True))
        batch.drop_constraint("uq_staff_user_session_token", type_="unique")
        batch.drop_column("session_token")
