"""The reporting views that Metabase and SQL users read: they exist on this database, return
the expected rows, and never hold a free-text answer."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import text

from feedback_app import db
from feedback_app.services.surveys import refresh_question_info
from feedback_app.surveys_registry import all_definitions
from tests.answers import VALID_ANSWERS
from tests.conftest import definitions
from tests.staff_helpers import make_action, make_user, save_response

SECRET = "my worker Jayden Smith on 07700 900123 really listened"
VIEWS = (
    "v_responses",
    "v_answers",
    "v_demographics",
    "v_text_signals",
    "v_cases",
    "v_actions",
    "v_action_themes",
)


@pytest.fixture
def seeded(app):
    with app.app_context():
        with db.transaction() as session:
            refresh_question_info(session, all_definitions())
        child = save_response(
            "working-with-us",
            {**VALID_ANSWERS["working-with-us"], "best_thing": SECRET, "gender": "girl"},
            submitted_at=datetime(2026, 7, 1, 9),
        )
        complaint = save_response(
            "tell-us",
            {**VALID_ANSWERS["tell-us"], "message": "Nobody rang me back. " + SECRET},
            submitted_at=datetime(2026, 7, 2, 9),
        )
        action = make_action(make_user("champion"), published=True, themes=("timeliness",))
        return {"child": child, "complaint": complaint, "action": action.id}


def rows(app, sql: str, **params) -> list[dict]:
    with app.app_context(), db.engine().connect() as connection:
        return [dict(r._mapping) for r in connection.execute(text(sql), params)]


def test_every_view_exists_and_holds_no_free_text(app, seeded):
    for view in VIEWS:
        found = rows(app, f"SELECT * FROM {view}")  # noqa: S608  (fixed names)
        assert found, view
        every_value = " ".join(str(v) for row in found for v in row.values())
        assert "Jayden" not in every_value and "07700" not in every_value, view


def test_responses_and_answers(app, seeded):
    child = rows(app, "SELECT * FROM v_responses WHERE response_id = :id", id=seeded["child"])[0]
    assert child["survey"] == "working-with-us" and child["audience"] == "children"
    assert child["team"] == "shropshire" and child["channel"] == "link"
    assert child["completed_with"] == "alone" and child["survey_version"] == 1
    answers = rows(
        app,
        "SELECT * FROM v_answers WHERE response_id = :id ORDER BY question_id",
        id=seeded["child"],
    )
    by_question = {a["question_id"]: a for a in answers}
    assert by_question["overall"]["answer"] == "4"
    label = definitions()["working-with-us"].question("overall").label
    assert by_question["overall"]["question"] == label
    assert by_question["listened"]["score"] is not None
    # Free text and equality answers are not in v_answers.
    assert "best_thing" not in by_question and "gender" not in by_question


def test_demographics_are_in_their_own_view(app, seeded):
    found = rows(app, "SELECT * FROM v_demographics WHERE response_id = :id", id=seeded["child"])
    assert {(r["question_id"], r["answer"]) for r in found} == {("gender", "girl")}


def test_text_signals_cases_and_actions(app, seeded):
    signals = rows(app, "SELECT * FROM v_text_signals WHERE response_id = :id", id=seeded["child"])
    assert {s["theme"] for s in signals} >= {"being_listened_to"}
    assert all(-1 <= s["polarity"] <= 1 for s in signals)
    case = rows(app, "SELECT * FROM v_cases WHERE kind = 'complaint'")[0]
    assert case["stage"] == 1 and case["status"] == "new" and case["answered_on_time"] is None
    action = rows(app, "SELECT * FROM v_actions WHERE action_id = :id", id=seeded["action"])[0]
    assert action["status"] == "done" and action["published_at"] is not None
    themes = rows(
        app, "SELECT theme FROM v_action_themes WHERE action_id = :id", id=seeded["action"]
    )
    assert [t["theme"] for t in themes] == ["timeliness"]
