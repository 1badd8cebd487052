"""Participation activities may involve victims: a count beside children and parents, and in
v_participation

Revision ID: 0016
Revises: 0015
Created: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

from feedback_app.migrations import earlier

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

# 0006's view (read from its file, so the SQL is written once) with the victims count after the
# parents' count; without it, the line stays as a blank one, as this migration always wrote it.
AFTER = "a.parents_carers AS parents_carers,\n"
VIEW = earlier.migration("0006_participation.py").PARTICIPATION_VIEW.replace(
    AFTER, AFTER + "           {victims}\n", 1
)


def upgrade() -> None:
    # ADD COLUMN with a default needs no table copy on SQLite, so the other views stay put.
    op.execute("DROP VIEW IF EXISTS v_participation")
    op.add_column(
        "participation_activity",
        sa.Column("victims", sa.Integer(), nullable=False, server_default="0"),
    )
    op.execute(VIEW.format(victims="a.victims AS victims,"))


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS v_participation")
    with op.batch_alter_table("participation_activity") as batch_op:
        batch_op.drop_column("victims")
    op.execute(VIEW.format(victims=""))
