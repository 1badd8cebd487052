"""An erased response's id is never given to the next one (SQLite reuses the highest id of a
deleted row unless a table says AUTOINCREMENT), so an audit entry never points at someone else;
and the migration that adds it keeps every row, foreign keys on or off."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import create_engine, event, func, select, text

from feedback_app import db, migrate
from feedback_app.models import Answer, Response
from feedback_app.services import subject_access
from tests.answers import VALID_ANSWERS
from tests.staff_helpers import make_user, save_response

CHILD = VALID_ANSWERS["working-with-us"]


def test_an_erased_responses_id_is_not_given_again(app, session):
    with app.app_context():
        admin = make_user("admin")
        first = save_response("working-with-us", CHILD)
        last = save_response("working-with-us", CHILD)
        with db.transaction() as s:
            answer_ids = set(s.scalars(select(Answer.id).where(Answer.response_id == last)))
            assert subject_access.erase(s, admin, [last], "SAR-2026-030") == 1
        after = save_response("working-with-us", CHILD)
    assert after > last > first
    session.rollback()
    newer = set(session.scalars(select(Answer.id).where(Answer.response_id == after)))
    assert min(newer) > max(answer_ids)


def test_the_migration_keeps_every_row_with_foreign_keys_on(tmp_path):
    # Always on a SQLite file of its own: only SQLite rebuilds tables (PostgreSQL never reuses ids).
    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    event.listen(engine, "connect", lambda c, _r: c.execute("PRAGMA foreign_keys=ON"))
    migrate.upgrade(engine, "0008")
    with engine.begin() as c:
        c.execute(text("INSERT INTO survey (id, slug, title, audience) VALUES (1, 's', 'S', 'a')"))
        c.execute(
            text(
                "INSERT INTO survey_version (id, survey_id, number, content_hash, definition,"
                " created_at) VALUES (1, 1, 1, 'h', '{}', :at)"
            ),
            {"at": datetime(2026, 1, 1)},
        )
        for n in (1, 2):
            c.execute(
                text(
                    "INSERT INTO response (id, survey_id, survey_version_id, submitted_at,"
                    " channel, easy_read) VALUES (:n, 1, 1, :at, 'qr', 0)"
                ),
                {"n": n, "at": datetime(2026, 1, n)},
            )
            c.execute(
                text(
                    "INSERT INTO answer (response_id, question_id, value_text)"
                    " VALUES (:n, 'q', 'x')"
                ),
                {"n": n},
            )
        c.execute(
            text(
                "INSERT INTO staff_user (email, name, password_hash, active, failed_logins,"
                " created_at) VALUES ('a@example.org', 'A', 'h', 1, 0, :at)"
            ),
            {"at": datetime(2026, 1, 1)},
        )
    migrate.upgrade(engine)
    with engine.begin() as c:
        assert c.execute(select(func.count()).select_from(Answer.__table__)).scalar() == 2
        assert c.execute(text("SELECT count(*) FROM v_responses")).scalar() == 2
        assert c.execute(text("SELECT session_token FROM staff_user")).scalar()
        assert c.execute(text("PRAGMA foreign_keys")).scalar() == 1
        tables = c.execute(text("SELECT name, sql FROM sqlite_master WHERE type='table'"))
        schema = dict(list(tables))  # a result has .keys(), so dict() would read it as a mapping
        assert "AUTOINCREMENT" in schema["response"] and "AUTOINCREMENT" in schema["answer"]
        c.execute(Response.__table__.delete().where(Response.__table__.c.id == 2))
        c.execute(
            text(
                "INSERT INTO response (survey_id, survey_version_id, submitted_at, channel,"
                " easy_read) VALUES (1, 1, :at, 'qr', 0)"
            ),
            {"at": datetime(2026, 1, 3)},
        )
        assert c.execute(select(func.max(Response.__table__.c.id))).scalar() == 3
    engine.dispose()
