"""The wording a response was given in: its language, and whether Easy Read was chosen

Revision ID: 0007
Revises: 0006
Created: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no table copy on SQLite), so the reporting views on response stay put.
    op.add_column("response", sa.Column("language", sa.String(length=16), nullable=True))
    op.add_column(
        "response",
        sa.Column("easy_read", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table("response", schema=None) as batch_op:
        batch_op.drop_column("easy_read")
        batch_op.drop_column("language")
