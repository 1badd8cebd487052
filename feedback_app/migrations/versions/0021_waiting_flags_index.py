"""A partial index on the safeguarding flags not yet acknowledged, oldest first: the queue
pages them in order and counts each list from the index alone (tier and found_late in it), and
once a service is a few years old they are few of many flags

Revision ID: 0021
Revises: 0020
Created: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

WAITING = sa.text("acknowledged_at IS NULL")


def upgrade() -> None:
    # Plain CREATE INDEX (no table copy on SQLite), so the reporting views stay put.
    op.create_index(
        "ix_safeguarding_flag_waiting",
        "safeguarding_flag",
        ["flagged_at", "id", "tier", "found_late"],
        sqlite_where=WAITING,
        postgresql_where=WAITING,
    )


def downgrade() -> None:
    op.drop_index("ix_safeguarding_flag_waiting", table_name="safeguarding_flag")
