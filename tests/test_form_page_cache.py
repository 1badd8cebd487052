"""The public form's first view is rendered once and kept, yet every visit still gets its own
tokens, and a change in what the page shows (wording, teams) gives a new page."""

from __future__ import annotations

import re

from flask import template_rendered
from sqlalchemy import event, func, select

from feedback_app import db
from feedback_app.models import Response, Team, TextSignal
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


def test_a_form_sent_is_stored_in_few_statements_and_scored_after_its_commit(
    app, client, monkeypatch
):
    """The write lock (SQLite has one) is held only to store the form, in a handful of
    statements (it took 11 before they were counted); the safeguarding scan is done before
    it, and sentiment and themes are scored once, by a job, after the form has committed."""
    from feedback_app.services import safeguarding_queue, text_signals

    statements: list[str] = []
    seen_when_scored: list[list[str]] = []
    seen_when_scanned: list[list[str]] = []
    real_score, real_detect = text_signals.score, safeguarding_queue.detect

    def score(text, audience=None):
        seen_when_scored.append(list(statements))
        return real_score(text, audience)

    def detect(text):
        seen_when_scanned.append(list(statements))
        return real_detect(text)

    def note(_connection, _cursor, statement, *_args):
        statements.append(statement.split(None, 1)[0].upper())

    first = client.post(
        FORM, data={**VALID_ANSWERS["working-with-us"], **form_tokens(client.get(FORM))}
    )
    assert first.status_code == 303  # the first also records the survey's version
    monkeypatch.setattr(text_signals, "score", score)
    monkeypatch.setattr("feedback_app.jobs.text_scoring.score", score)
    monkeypatch.setattr(text_signals, "detect", detect)
    token = form_tokens(client.get(FORM))
    with app.app_context():
        engine = db.engine()
    event.listen(engine, "before_cursor_execute", note)
    event.listen(engine, "commit", lambda _connection: statements.append("COMMIT"))
    try:
        sent = client.post(FORM, data={**VALID_ANSWERS["working-with-us"], **token})
    finally:
        event.remove(engine, "before_cursor_execute", note)
    assert sent.status_code == 303
    form_transaction = statements[: statements.index("COMMIT")]
    assert {"INSERT", "UPDATE"} & set(form_transaction)
    assert len(form_transaction) <= 6
    assert seen_when_scanned and set(seen_when_scanned[0]) <= {"SELECT"}  # before any write
    assert len(seen_when_scored) == 1  # scored once
    assert "COMMIT" in seen_when_scored[0]  # after the form was stored
    with app.app_context():
        newest = db.session().scalar(select(func.max(Response.id)))
        scored = db.session().scalar(
            select(func.count()).select_from(TextSignal).where(TextSignal.response_id == newest)
        )
    assert scored == 1
