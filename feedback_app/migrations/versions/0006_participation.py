"""Participation: the activities log, its teams and actions, offers to help, and v_participation

Revision ID: 0006
Revises: 0005
Created: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# For Metabase and SQL users: one row per activity and team (team empty for the whole service),
# numbers and Lundy flags only. No free text, and nothing from offers to help.
PARTICIPATION_VIEW = """
    CREATE VIEW v_participation AS
    SELECT a.id AS activity_id, a.held_on AS held_on, a.kind AS activity_type,
           t.slug AS team, a.children AS children, a.parents_carers AS parents_carers,
           CASE WHEN a.lundy_space THEN 1 ELSE 0 END AS lundy_space,
           CASE WHEN a.lundy_voice THEN 1 ELSE 0 END AS lundy_voice,
           CASE WHEN a.lundy_audience THEN 1 ELSE 0 END AS lundy_audience,
           CASE WHEN a.lundy_influence THEN 1 ELSE 0 END AS lundy_influence,
           (SELECT COUNT(*) FROM participation_action pa WHERE pa.activity_id = a.id)
               AS linked_actions
    FROM participation_activity a
    LEFT JOIN participation_team pt ON pt.activity_id = a.id
    LEFT JOIN team t ON t.id = pt.team_id
"""


def upgrade() -> None:
    op.create_table(
        "help_offer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("audience", sa.String(length=32), nullable=False),
        sa.Column("contact", sa.String(length=200), nullable=True),
        sa.Column("offered_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("done_by_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["done_by_id"], ["staff_user.id"], name=op.f("fk_help_offer_done_by_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_help_offer")),
    )
    with op.batch_alter_table("help_offer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_help_offer_offered_on"), ["offered_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_help_offer_status"), ["status"], unique=False)

    op.create_table(
        "participation_activity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("children", sa.Integer(), nullable=False),
        sa.Column("parents_carers", sa.Integer(), nullable=False),
        sa.Column("asked", sa.Text(), nullable=False),
        sa.Column("said", sa.Text(), nullable=False),
        sa.Column("changed", sa.Text(), nullable=True),
        sa.Column("lundy_space", sa.Boolean(), nullable=False),
        sa.Column("lundy_voice", sa.Boolean(), nullable=False),
        sa.Column("lundy_audience", sa.Boolean(), nullable=False),
        sa.Column("lundy_influence", sa.Boolean(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["staff_user.id"],
            name=op.f("fk_participation_activity_created_by_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participation_activity")),
    )
    with op.batch_alter_table("participation_activity", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_participation_activity_held_on"), ["held_on"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_participation_activity_kind"), ["kind"], unique=False)

    op.create_table(
        "participation_action",
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["action.id"],
            name=op.f("fk_participation_action_action_id_action"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["participation_activity.id"],
            name=op.f("fk_participation_action_activity_id_participation_activity"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("activity_id", "action_id", name=op.f("pk_participation_action")),
    )
    with op.batch_alter_table("participation_action", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_participation_action_action_id"), ["action_id"], unique=False
        )

    op.create_table(
        "participation_team",
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["participation_activity.id"],
            name=op.f("fk_participation_team_activity_id_participation_activity"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_participation_team_team_id_team")
        ),
        sa.PrimaryKeyConstraint("activity_id", "team_id", name=op.f("pk_participation_team")),
    )
    with op.batch_alter_table("participation_team", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_participation_team_team_id"), ["team_id"], unique=False
        )

    op.execute(PARTICIPATION_VIEW)


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS v_participation")
    with op.batch_alter_table("participation_team", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participation_team_team_id"))

    op.drop_table("participation_team")
    with op.batch_alter_table("participation_action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participation_action_action_id"))

    op.drop_table("participation_action")
    with op.batch_alter_table("participation_activity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participation_activity_kind"))
        batch_op.drop_index(batch_op.f("ix_participation_activity_held_on"))

    op.drop_table("participation_activity")
    with op.batch_alter_table("help_offer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_help_offer_status"))
        batch_op.drop_index(batch_op.f("ix_help_offer_offered_on"))

    op.drop_table("help_offer")
