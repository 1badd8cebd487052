"""You Said, We Did: actions, their themes and the feedback they answer

Revision ID: 0004
Revises: 0003
Created: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("you_said", sa.Text(), nullable=False),
        sa.Column("we_did", sa.Text(), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("not_possible_reason", sa.Text(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("published_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff_user.id"], name=op.f("fk_action_created_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["staff_user.id"], name=op.f("fk_action_owner_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["published_by_id"],
            ["staff_user.id"],
            name=op.f("fk_action_published_by_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name=op.f("fk_action_team_id_team")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action")),
    )
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_published_at"), ["published_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_team_id"), ["team_id"], unique=False)

    op.create_table(
        "action_theme",
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("theme", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["action.id"],
            name=op.f("fk_action_theme_action_id_action"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("action_id", "theme", name=op.f("pk_action_theme")),
    )
    with op.batch_alter_table("action_theme", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_theme_theme"), ["theme"], unique=False)

    op.create_table(
        "action_response",
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["action.id"],
            name=op.f("fk_action_response_action_id_action"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["response.id"],
            name=op.f("fk_action_response_response_id_response"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("action_id", "response_id", name=op.f("pk_action_response")),
    )
    with op.batch_alter_table("action_response", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_action_response_response_id"), ["response_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("action_response", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_response_response_id"))

    op.drop_table("action_response")
    with op.batch_alter_table("action_theme", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_theme_theme"))

    op.drop_table("action_theme")
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_team_id"))
        batch_op.drop_index(batch_op.f("ix_action_status"))
        batch_op.drop_index(batch_op.f("ix_action_published_at"))
        batch_op.drop_index(batch_op.f("ix_action_created_at"))

    op.drop_table("action")
