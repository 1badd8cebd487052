"""Response rates: how many children, parents and victims finished with each team per quarter,
uploaded from the case system

Revision ID: 0018
Revises: 0017
Created: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "finished_count",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.String(length=10), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("audience", sa.String(length=16), nullable=False),
        sa.Column("group_question", sa.String(length=32), nullable=True),
        sa.Column("group_value", sa.String(length=64), nullable=True),
        sa.Column("finished", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_finished_count_team_id_team")
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"],
            ["staff_user.id"],
            name=op.f("fk_finished_count_uploaded_by_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_finished_count")),
    )
    op.create_index(op.f("ix_finished_count_quarter"), "finished_count", ["quarter"])


def downgrade() -> None:
    op.drop_index(op.f("ix_finished_count_quarter"), table_name="finished_count")
    op.drop_table("finished_count")
