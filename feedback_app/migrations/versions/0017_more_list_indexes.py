"""Indexes for the other paginated staff lists: the paper forms each person typed in, newest
first, and You Said We Did actions by status, newest first

Revision ID: 0017
Revises: 0016
Created: 2026-12-02
"""

from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain CREATE INDEX (no table copy on SQLite), so the reporting views stay put.
    op.create_index("ix_response_transcribed_by", "response", ["transcribed_by_id", "id"])
    op.create_index("ix_action_status_created", "action", ["status", "created_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_action_status_created", table_name="action")
    op.drop_index("ix_response_transcribed_by", table_name="response")
