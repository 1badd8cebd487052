"""Why this score, leads' label corrections, and the old lumped panels theme split

Revision ID: 0013
Revises: 0012
Created: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

# What an action linked to the old "Panels, meetings and court" theme now links to, by the
# words of its "You said" and "We did": the first that matches, else Making it Right panels.
OLD_THEME = "panels_and_meetings"
SPLIT = (
    ("jdmp", ("jdmp", "joint decision", "out of court")),
    ("court", ("court", "magistrate", "hearing", "custody")),
    ("school_meetings", ("school",)),
    ("mir_panels", ()),
)


def upgrade() -> None:
    op.add_column("text_signal", sa.Column("why", sa.Text(), nullable=True))
    op.create_table(
        "label_correction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("answer_id", sa.Integer(), nullable=False),
        sa.Column("sentiment", sa.String(length=16), nullable=False),
        sa.Column("themes", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("scored_sentiment", sa.String(length=16), nullable=False),
        sa.Column("scored_themes", sa.Text(), nullable=False),
        sa.Column("scorer_version", sa.String(length=16), nullable=False),
        sa.Column("corrected_by_id", sa.Integer(), nullable=True),
        sa.Column("corrected_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["answer_id"],
            ["answer.id"],
            name=op.f("fk_label_correction_answer_id_answer"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["corrected_by_id"],
            ["staff_user.id"],
            name=op.f("fk_label_correction_corrected_by_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_label_correction")),
    )
    with op.batch_alter_table("label_correction", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_label_correction_answer_id"), ["answer_id"], unique=True
        )
    _split_old_theme()


def _split_old_theme() -> None:
    bind = op.get_bind()
    linked = bind.execute(
        sa.text(
            "SELECT a.id, a.you_said, a.we_did FROM action a "
            "JOIN action_theme t ON t.action_id = a.id WHERE t.theme = :old"
        ),
        {"old": OLD_THEME},
    ).all()
    for action_id, you_said, we_did in linked:
        words = f"{you_said or ''} {we_did or ''}".lower()
        new = next(theme for theme, cues in SPLIT if not cues or any(c in words for c in cues))
        already = bind.execute(
            sa.text("SELECT 1 FROM action_theme WHERE action_id = :a AND theme = :t"),
            {"a": action_id, "t": new},
        ).first()
        if already is None:
            bind.execute(
                sa.text("INSERT INTO action_theme (action_id, theme) VALUES (:a, :t)"),
                {"a": action_id, "t": new},
            )
    bind.execute(sa.text("DELETE FROM action_theme WHERE theme = :old"), {"old": OLD_THEME})


def downgrade() -> None:
    with op.batch_alter_table("label_correction", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_label_correction_answer_id"))
    op.drop_table("label_correction")
    with op.batch_alter_table("text_signal", schema=None) as batch_op:
        batch_op.drop_column("why")
