"""The public form's first view is rendered once and kept, yet every visit still gets its own
tokens, and a change in what the page shows (wording, teams) gives a new page."""

from __future__ import annotations

import re

from flask import template_rendered
from sqlalchemy import event, func, select

from feedback_app import db
from feedback_app.models import Response, Team
from tests.answers import VALID_ANSWERS
from tests.conftest import form_tokens

FORM = "/forms/working-with-us"
TOKENS = re.compile(r'name="(?:csrf_token|form_token)" value="[^"]*"')


def _without_tokens(html: str) -> str:
    return TOKENS.sub("", html)


def test_each_visit_gets_its_own_tokens_and_each_form_is_stored(app):
    visits = [app.test_client() for _ in range(3)]
    rendered: list[str] = []

    def note(_sender, template, **_extra):
        rendered.append(template.name)

    with template_rendered.connected_to(note, app):
        opened = [client.get(FORM) for client in visits]
    # Rendered at most once (not at all if an earlier test already opened it), not per visit.
    assert rendered.count("public/form.html") <= 1
    tokens = [form_tokens(page) for page in opened]
    assert len({t["form_token"] for t in tokens}) == 3
    assert len({t["csrf_token"] for t in tokens}) == 3
    pages = {_without_tokens(page.get_data(as_text=True)) for page in opened}
    assert len(pages) == 1  # the same page apart from the tokens
    for client, token in zip(visits, tokens, strict=True):
        sent = client.post(FORM, data={**VALID_ANSWERS["working-with-us"], **token})
        assert sent.status_code == 303
    # A second send of the first form (a double click) is still stored once.
    again = visits[0].post(FORM, data={**VALID_ANSWERS["working-with-us"], **tokens[0]})
    assert again.status_code == 303
    with app.app_context():
        assert db.session().scalar(select(func.count(Response.id))) == 3


def test_another_wording_or_a_new_team_gives_a_new_page(app, client):
    plain = client.get(FORM).get_data(as_text=True)
    easy = client.get(f"{FORM}?easy=1").get_data(as_text=True)
    assert _without_tokens(plain) != _without_tokens(easy)
    with app.app_context(), db.transaction() as session:
        session.add(Team(slug="new-team", name="Brand New Team", active=True))
    app.extensions["team_choices"]._loaded_at = float("-inf")  # as when its minute is up
    assert "Brand New Team" in client.get(FORM).get_data(as_text=True)


def test_a_form_sent_is_scored_before_anything_is_written_and_stored_in_few_statements(
    app, client, monkeypatch
):
    """The write lock (SQLite has one) is taken only to store: the text is scored first, once,
    and the whole form takes a handful of statements (it took 11 before they were counted)."""
    from feedback_app.services import text_signals

    statements: list[str] = []
    seen_when_scored: list[list[str]] = []
    real_score = text_signals.score

    def score(text, audience=None):
        seen_when_scored.append(list(statements))
        return real_score(text, audience)

    def note(_connection, _cursor, statement, *_args):
        statements.append(statement.split(None, 1)[0].upper())

    first = client.post(
        FORM, data={**VALID_ANSWERS["working-with-us"], **form_tokens(client.get(FORM))}
    )
    assert first.status_code == 303  # the first also records the survey's version
    monkeypatch.setattr(text_signals, "score", score)
    token = form_tokens(client.get(FORM))
    with app.app_context():
        engine = db.engine()
    event.listen(engine, "before_cursor_execute", note)
    try:
        sent = client.post(FORM, data={**VALID_ANSWERS["working-with-us"], **token})
    finally:
        event.remove(engine, "before_cursor_execute", note)
    assert sent.status_code == 303
    assert len(seen_when_scored) == 1  # scored once, not again while storing
    assert set(seen_when_scored[0]) <= {"SELECT"}  # nothing written yet
    assert {"INSERT", "UPDATE"} & set(statements)
    assert len(statements) <= 7
