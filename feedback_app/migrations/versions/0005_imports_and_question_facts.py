"""Import batches, saved column mappings, question facts, and the reporting views

Revision ID: 0005
Revises: 0004
Created: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


# Reporting views for Metabase and SQL users (documented in the README). None of them holds a
# free-text answer; demographic answers are only in v_demographics, for a restricted role.
VIEWS = {
    "v_responses": """
        SELECT r.id AS response_id, s.slug AS survey, s.audience AS audience,
               sv.number AS survey_version, r.submitted_at AS submitted_at, r.channel AS channel,
               t.slug AS team, t.name AS team_name, src.code AS source_code,
               r.completed_with AS completed_with
        FROM response r
        JOIN survey s ON s.id = r.survey_id
        JOIN survey_version sv ON sv.id = r.survey_version_id
        LEFT JOIN team t ON t.id = r.team_id
        LEFT JOIN source src ON src.id = r.source_id
    """,
    "v_answers": """
        SELECT a.response_id AS response_id, s.slug AS survey, a.question_id AS question_id,
               qi.label AS question, qi.type AS question_type, qi.role AS question_role,
               a.value_choice AS answer, a.value_number AS score,
               r.submitted_at AS submitted_at, t.slug AS team
        FROM answer a
        JOIN response r ON r.id = a.response_id
        JOIN survey s ON s.id = r.survey_id
        LEFT JOIN question_info qi
               ON qi.survey_id = r.survey_id AND qi.question_id = a.question_id
        LEFT JOIN team t ON t.id = r.team_id
        WHERE a.value_text IS NULL AND a.value_choice IS NOT NULL
          AND (qi.role IS NULL OR qi.role <> 'demographic')
    """,
    "v_demographics": """
        SELECT a.response_id AS response_id, s.slug AS survey, a.question_id AS question_id,
               qi.label AS question, a.value_choice AS answer
        FROM answer a
        JOIN response r ON r.id = a.response_id
        JOIN survey s ON s.id = r.survey_id
        JOIN question_info qi ON qi.survey_id = r.survey_id AND qi.question_id = a.question_id
        WHERE qi.role = 'demographic' AND a.value_choice IS NOT NULL
    """,
    "v_text_signals": """
        SELECT ts.answer_id AS answer_id, ts.response_id AS response_id, s.slug AS survey,
               a.question_id AS question_id, ts.polarity AS polarity,
               ts.subjectivity AS subjectivity, th.theme AS theme,
               r.submitted_at AS submitted_at, t.slug AS team,
               CASE WHEN sf.id IS NULL THEN 0 ELSE 1 END AS safeguarding_flagged
        FROM text_signal ts
        JOIN answer a ON a.id = ts.answer_id
        JOIN response r ON r.id = ts.response_id
        JOIN survey s ON s.id = r.survey_id
        LEFT JOIN text_theme th ON th.answer_id = ts.answer_id
        LEFT JOIN safeguarding_flag sf ON sf.answer_id = ts.answer_id
        LEFT JOIN team t ON t.id = r.team_id
    """,
    "v_cases": """
        SELECT c.id AS case_id, c.kind AS kind, c.respondent AS respondent, c.status AS status,
               c.stage AS stage, c.received_on AS received_on,
               c.acknowledge_by AS acknowledge_by, c.acknowledged_on AS acknowledged_on,
               c.respond_by AS respond_by, c.responded_on AS responded_on,
               c.closed_on AS closed_on, c.extension_days AS extension_days,
               CASE WHEN c.responded_on IS NULL OR c.respond_by IS NULL THEN NULL
                    WHEN c.responded_on <= c.respond_by THEN 1 ELSE 0 END AS answered_on_time,
               c.right_to_review_sent_on AS right_to_review_sent_on, t.slug AS team
        FROM tell_us_case c
        JOIN response r ON r.id = c.response_id
        LEFT JOIN team t ON t.id = r.team_id
    """,
    "v_actions": """
        SELECT a.id AS action_id, a.you_said AS you_said, a.we_did AS we_did,
               a.status AS status, t.slug AS team, a.created_at AS raised_at,
               a.due_on AS due_on, a.done_on AS done_on, a.published_at AS published_at,
               (SELECT COUNT(*) FROM action_response ar WHERE ar.action_id = a.id)
                   AS linked_responses
        FROM action a
        LEFT JOIN team t ON t.id = a.team_id
    """,
    "v_action_themes": """
        SELECT action_id, theme FROM action_theme
    """,
}


def create_views() -> None:
    for name, body in VIEWS.items():
        op.execute(f"CREATE VIEW {name} AS {body}")


def drop_views() -> None:
    for name in reversed(list(VIEWS)):
        op.execute(f"DROP VIEW IF EXISTS {name}")


def upgrade() -> None:
    op.create_table(
        "import_upload",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["survey_id"], ["survey.id"], name=op.f("fk_import_upload_survey_id_survey")
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"],
            ["staff_user.id"],
            name=op.f("fk_import_upload_uploaded_by_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_upload")),
    )
    with op.batch_alter_table("import_upload", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_import_upload_uploaded_at"), ["uploaded_at"], unique=False
        )
    op.create_table(
        "import_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("mapping", sa.JSON(), nullable=False),
        sa.Column("imported_by_id", sa.Integer(), nullable=True),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("rows_stored", sa.Integer(), nullable=False),
        sa.Column("rows_already_stored", sa.Integer(), nullable=False),
        sa.Column("rows_with_problems", sa.Integer(), nullable=False),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.Column("undone_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["imported_by_id"],
            ["staff_user.id"],
            name=op.f("fk_import_batch_imported_by_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["survey_id"], ["survey.id"], name=op.f("fk_import_batch_survey_id_survey")
        ),
        sa.ForeignKeyConstraint(
            ["undone_by_id"],
            ["staff_user.id"],
            name=op.f("fk_import_batch_undone_by_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batch")),
    )
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_import_batch_file_sha256"), ["file_sha256"], unique=False
        )

    op.create_table(
        "question_info",
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=True),
        sa.Column("label", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["survey_id"], ["survey.id"], name=op.f("fk_question_info_survey_id_survey")
        ),
        sa.PrimaryKeyConstraint("survey_id", "question_id", name=op.f("pk_question_info")),
    )
    op.create_table(
        "saved_mapping",
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("mapping", sa.JSON(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.Column("saved_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["saved_by_id"], ["staff_user.id"], name=op.f("fk_saved_mapping_saved_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["survey_id"], ["survey.id"], name=op.f("fk_saved_mapping_survey_id_survey")
        ),
        sa.PrimaryKeyConstraint("survey_id", name=op.f("pk_saved_mapping")),
    )
    op.create_table(
        "imported_response",
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("source_row_id", sa.String(length=128), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["import_batch.id"],
            name=op.f("fk_imported_response_batch_id_import_batch"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["response.id"],
            name=op.f("fk_imported_response_response_id_response"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("response_id", name=op.f("pk_imported_response")),
    )
    with op.batch_alter_table("imported_response", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_imported_response_batch_id"), ["batch_id"], unique=False
        )

    create_views()


def downgrade() -> None:
    drop_views()
    with op.batch_alter_table("import_upload", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_upload_uploaded_at"))
    op.drop_table("import_upload")
    with op.batch_alter_table("imported_response", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_imported_response_batch_id"))

    op.drop_table("imported_response")
    op.drop_table("saved_mapping")
    op.drop_table("question_info")
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_batch_file_sha256"))

    op.drop_table("import_batch")
