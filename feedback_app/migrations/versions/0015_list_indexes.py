"""Indexes for the paginated staff lists: Tell us items by kind, newest first

Revision ID: 0015
Revises: 0014
Created: 2026-12-01
"""

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain CREATE INDEX (no table copy on SQLite), so the reporting views stay put.
    op.create_index("ix_tell_us_case_kind_received", "tell_us_case", ["kind", "received_on", "id"])


def downgrade() -> None:
    op.drop_index("ix_tell_us_case_kind_received", table_name="tell_us_case")
