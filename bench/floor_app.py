"""The floor for this stack: a bare Flask + SQLAlchemy app that shows a page and inserts a row.

bench/load.py runs it under the same gunicorn and database as the real app, so the ratio
between the two is what our forms, validation, CSRF and answer rows cost.
"""

from __future__ import annotations

import os
import uuid

from flask import Flask, request
from sqlalchemy import Column, Integer, MetaData, String, Table, Text, create_engine, insert

metadata = MetaData()
floor_response = Table(
    "bench_floor_response",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token", String(64)),
    Column("message", Text),
)


def create_app() -> Flask:
    app = Flask(__name__)
    # bench/load.py creates the table once, before the workers start.
    engine = create_engine(os.environ["DATABASE_URL"], pool_pre_ping=True)

    @app.get("/forms/<slug>")
    def form(slug: str):
        token = uuid.uuid4().hex
        return (
            f'<form method="post"><input type="hidden" name="form_token" value="{token}">'
            f'<textarea name="message"></textarea></form>'
        )

    @app.post("/forms/<slug>")
    def submit(slug: str):
        with engine.begin() as connection:
            connection.execute(
                insert(floor_response),
                {"token": request.form.get("form_token"), "message": request.form.get("message")},
            )
        return "", 303, {"Location": f"/forms/{slug}/thanks"}

    return app
