"""Safeguarding flags in two tiers, with their reasons, and flags found late by a re-scan

Revision ID: 0008
Revises: 0007
Created: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

COLUMNS = ("found_late", "detector_version", "score", "reasons", "families", "tier")


def upgrade() -> None:
    # Plain ADD COLUMN (no table copy on SQLite), so the reporting views stay put. Flags made
    # before this migration were all possible disclosures.
    add = op.add_column
    add(
        "safeguarding_flag",
        sa.Column("tier", sa.String(20), nullable=False, server_default="disclosure"),
    )
    add(
        "safeguarding_flag",
        sa.Column("families", sa.String(300), nullable=False, server_default=""),
    )
    add("safeguarding_flag", sa.Column("reasons", sa.Text(), nullable=False, server_default=""))
    add("safeguarding_flag", sa.Column("score", sa.Float(), nullable=True))
    add("safeguarding_flag", sa.Column("detector_version", sa.String(32), nullable=True))
    add(
        "safeguarding_flag",
        sa.Column("found_late", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_safeguarding_flag_tier", "safeguarding_flag", ["tier"])


def downgrade() -> None:
    op.drop_index("ix_safeguarding_flag_tier", table_name="safeguarding_flag")
    with op.batch_alter_table("safeguarding_flag", schema=None) as batch_op:
        for column in COLUMNS:
            batch_op.drop_column(column)
