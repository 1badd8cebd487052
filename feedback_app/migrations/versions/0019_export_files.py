"""Exports made by a background job, kept a day for the person who asked for them

Revision ID: 0019
Revises: 0018
Created: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "export_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("made_by_id", sa.Integer(), nullable=True),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("mimetype", sa.String(length=100), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["job_id"], ["job.id"], name=op.f("fk_export_file_job_id_job"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["made_by_id"],
            ["staff_user.id"],
            name=op.f("fk_export_file_made_by_id_staff_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_export_file")),
        sa.UniqueConstraint("job_id", name=op.f("uq_export_file_job_id")),
    )
    with op.batch_alter_table("export_file", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_export_file_created_at"), ["created_at"])
        batch_op.create_index(batch_op.f("ix_export_file_made_by_id"), ["made_by_id"])


def downgrade() -> None:
    op.drop_table("export_file")
