"""The staff survey kept out of the row-level reporting views, with one aggregate view instead

Revision ID: 0014
Revises: 0013
Created: 2026-12-01

The annual staff survey is anonymous: a row per response or answer, with its team and time,
could pick a person out in a small team. v_responses, v_answers and v_text_signals leave it
out; v_staff_survey gives each rating's count, mean and % agree per year for the whole service
and per team, only for groups of 10 or more, and drops a year's team rows when the answers
left outside them number 1 to 9 (so they could not be worked out by subtraction).
"""

from alembic import op

from feedback_app.migrations import earlier

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

STAFF_SURVEY = "'staff-survey'"
ROW_LEVEL = ("v_responses", "v_answers", "v_text_signals")


def _previous_bodies() -> dict[str, str]:
    """The views as 0005 made them (read from that file, so the SQL is written once)."""
    views = earlier.migration("0005_imports_and_question_facts.py").VIEWS
    return {name: views[name] for name in ROW_LEVEL}


def _without_staff_survey(body: str) -> str:
    """The same view, with the staff survey's rows left out (each joins survey as s)."""
    if " WHERE " in body:
        return body.replace(" WHERE ", f" WHERE s.slug <> {STAFF_SURVEY} AND ", 1)
    return body.rstrip() + f"\n        WHERE s.slug <> {STAFF_SURVEY}\n"


def _staff_survey_view(dialect: str) -> str:
    year = (
        "CAST(EXTRACT(YEAR FROM r.submitted_at) AS INTEGER)"
        if dialect == "postgresql"
        else "CAST(strftime('%Y', r.submitted_at) AS INTEGER)"
    )
    return f"""
        WITH staff AS (
            SELECT r.id AS response_id, {year} AS survey_year, t.slug AS team
            FROM response r
            JOIN survey s ON s.id = r.survey_id
            LEFT JOIN team t ON t.id = r.team_id
            WHERE s.slug = {STAFF_SURVEY}
        ),
        team_sizes AS (
            SELECT survey_year, team, COUNT(*) AS responses
            FROM staff WHERE team IS NOT NULL GROUP BY survey_year, team
        ),
        year_sizes AS (
            SELECT y.survey_year, y.responses,
                   y.responses - COALESCE((SELECT SUM(ts.responses) FROM team_sizes ts
                       WHERE ts.survey_year = y.survey_year AND ts.responses >= 10), 0)
                       AS outside_shown_teams
            FROM (SELECT survey_year, COUNT(*) AS responses FROM staff
                  GROUP BY survey_year) y
        ),
        shown AS (
            SELECT st.response_id, st.survey_year, 'whole_service' AS team_group, ys.responses
            FROM staff st JOIN year_sizes ys ON ys.survey_year = st.survey_year
            WHERE ys.responses >= 10
            UNION ALL
            SELECT st.response_id, st.survey_year, st.team AS team_group, ts.responses
            FROM staff st
            JOIN team_sizes ts ON ts.survey_year = st.survey_year AND ts.team = st.team
            JOIN year_sizes ys ON ys.survey_year = st.survey_year
            WHERE ts.responses >= 10
              AND (ys.outside_shown_teams = 0 OR ys.outside_shown_teams >= 10)
        )
        SELECT sh.survey_year AS survey_year, sh.team_group AS team_group,
               sh.responses AS responses, a.question_id AS question_id,
               qi.label AS question, COUNT(*) AS answers,
               AVG(a.value_number) AS mean_score,
               100.0 * SUM(CASE WHEN a.value_number >= 4 THEN 1 ELSE 0 END) / COUNT(*)
                   AS percent_agree
        FROM shown sh
        JOIN answer a ON a.response_id = sh.response_id
        JOIN response r ON r.id = a.response_id
        LEFT JOIN question_info qi
               ON qi.survey_id = r.survey_id AND qi.question_id = a.question_id
        WHERE a.value_number IS NOT NULL
        GROUP BY sh.survey_year, sh.team_group, sh.responses, a.question_id, qi.label
    """  # noqa: S608 (fixed text, no input)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for name, body in _previous_bodies().items():
        op.execute(f"DROP VIEW IF EXISTS {name}")
        op.execute(f"CREATE VIEW {name} AS {_without_staff_survey(body)}")
    op.execute(f"CREATE VIEW v_staff_survey AS {_staff_survey_view(dialect)}")


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS v_staff_survey")
    for name, body in _previous_bodies().items():
        op.execute(f"DROP VIEW IF EXISTS {name}")
        op.execute(f"CREATE VIEW {name} AS {body}")
