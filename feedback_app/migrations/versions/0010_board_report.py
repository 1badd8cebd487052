"""The Board paper: a complaint's decision and learning recorded when it closes, and stored
report snapshots (built once, served at once, marked when new data arrives)

Revision ID: 0010
Revises: 0009
Created: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("tell_us_case", sa.Column("decision", sa.String(length=16), nullable=True))
    op.add_column("tell_us_case", sa.Column("learning", sa.Text(), nullable=True))
    op.create_table(
        "report_snapshot",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("quarter", sa.String(length=16), nullable=False),
        sa.Column("team_slug", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("progress", sa.String(length=200), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), sa.ForeignKey("staff_user.id"), nullable=True),
        sa.Column("built_at", sa.DateTime(), nullable=True),
        sa.Column("responses", sa.Integer(), nullable=True),
        sa.Column("built_from", sa.Text(), nullable=True),
        sa.Column("new_data_since", sa.DateTime(), nullable=True),
        sa.Column("body_html", sa.Text(), nullable=True),
        sa.Column("data_json", sa.Text(), nullable=True),
        sa.Column("quoted", sa.Text(), nullable=True),
        sa.Column("pdf", sa.LargeBinary(), nullable=True),
    )
    op.create_index("ix_report_snapshot_quarter_team", "report_snapshot", ["quarter", "team_slug"])


def downgrade() -> None:
    op.drop_index("ix_report_snapshot_quarter_team", table_name="report_snapshot")
    op.drop_table("report_snapshot")
    with op.batch_alter_table("tell_us_case", schema=None) as batch_op:
        batch_op.drop_column("learning")
        batch_op.drop_column("decision")
