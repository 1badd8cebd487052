"""text signals: sentiment, key phrases and themes of free-text answers

Revision ID: 0003
Revises: 0002
Created: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "text_signal",
        sa.Column("answer_id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("polarity", sa.Float(), nullable=False),
        sa.Column("subjectivity", sa.Float(), nullable=False),
        sa.Column("key_phrases", sa.Text(), nullable=False),
        sa.Column("scorer_version", sa.String(length=16), nullable=False),
        sa.Column("scored_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["answer_id"],
            ["answer.id"],
            name=op.f("fk_text_signal_answer_id_answer"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["response.id"],
            name=op.f("fk_text_signal_response_id_response"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("answer_id", name=op.f("pk_text_signal")),
    )
    with op.batch_alter_table("text_signal", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_text_signal_response_id"), ["response_id"], unique=False
        )
    op.create_table(
        "text_theme",
        sa.Column("answer_id", sa.Integer(), nullable=False),
        sa.Column("theme", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["answer_id"],
            ["answer.id"],
            name=op.f("fk_text_theme_answer_id_answer"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("answer_id", "theme", name=op.f("pk_text_theme")),
    )
    with op.batch_alter_table("text_theme", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_text_theme_theme"), ["theme"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("text_theme", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_text_theme_theme"))
    op.drop_table("text_theme")
    with op.batch_alter_table("text_signal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_text_signal_response_id"))
    op.drop_table("text_signal")
