"""Logs never carry SQL parameters or answer text: SQLAlchemy hides parameters, and a database
error is logged by its kind, statement and place, never by a message that quotes a value."""

from __future__ import annotations

import logging

from sqlalchemy import text

from feedback_app import db
from tests.answers import VALID_ANSWERS
from tests.staff_helpers import save_response

SECRET = "Zephyrine-Secret-8812 told me about home"


def test_a_database_error_is_logged_without_the_values(make_app, caplog):
    app = make_app()

    def store_twice():
        answers = {**VALID_ANSWERS["parent-carer"], "went_well": SECRET}
        for _ in range(2):  # the same paper reference twice: a unique-constraint error
            save_response("parent-carer", answers, channel="paper", paper_reference=SECRET[:20])
        return "stored"

    app.add_url_rule("/store-twice", view_func=store_twice)
    with caplog.at_level(logging.INFO):
        sent = app.test_client().get("/store-twice")
    assert sent.status_code == 500
    assert "IntegrityError" in caplog.text and "INSERT INTO response" in caplog.text
    assert SECRET[:12] not in caplog.text


def test_sql_logging_hides_parameters(app, caplog):
    with app.app_context(), caplog.at_level(logging.INFO, logger="sqlalchemy.engine"):
        db.session().execute(text("SELECT :answer AS answer"), {"answer": SECRET}).all()
        db.session().rollback()
    assert "SELECT" in caplog.text and SECRET not in caplog.text
