"""Participation activities may involve victims: a count beside children and parents, and in
v_participation

Revision ID: 0016
Revises: 0015
Created: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

VIEW = """
    CREATE VIEW v_participation AS
    SELECT a.id AS activity_id, a.held_on AS held_on, a.kind AS activity_type,
           t.slug AS team, a.children AS children, a.parents_carers AS parents_carers,
           {victims}
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
