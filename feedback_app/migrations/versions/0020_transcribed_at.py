"""When a paper form (or a message by phone or email) was typed in, beside when it was given

Revision ID: 0020
Revises: 0019
Created: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A nullable ADD COLUMN needs no table copy on SQLite, so the views on response stay put.
    op.add_column("response", sa.Column("transcribed_at", sa.DateTime(), nullable=True))
    # Forms typed in before now: the time the audit log recorded them, where it has it.
    op.execute(
        """
        UPDATE response SET transcribed_at = (
            SELECT MIN(e.at) FROM audit_event e
            WHERE e.entity = 'response' AND e.action IN ('transcribe', 'record_tell_us')
              AND e.entity_id = CAST(response.id AS VARCHAR(64))
        )
        WHERE transcribed_by_id IS NOT NULL
        """
    )


def downgrade() -> None:
    with op.batch_alter_table("response") as batch:
        batch.drop_column("transcribed_at")
