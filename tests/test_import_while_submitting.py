"""A large import never keeps a child's form waiting: it stores its rows in chunks, each its own
transaction, so public forms sent meanwhile go straight in (none refused, none doubled)."""

from __future__ import annotations

import csv
import io
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from werkzeug.serving import make_server

from feedback_app import db, jobs
from feedback_app.importing import read_table
from feedback_app.models import Answer, ImportBatch, ImportUpload, Job, Response
from feedback_app.services import imports
from feedback_app.services.surveys import sync_definitions
from feedback_app.surveys_registry import all_definitions
from tests.load_client import send_tell_us
from tests.staff_helpers import make_user

ROWS, FORMS, PEOPLE = 5000, 30, 5
CLEAN = "tests/data/imports/parent-carer-clean.xlsx"


def big_export(rows: int) -> bytes:
    """The clean export's rows repeated, each with its own ID and time, as a CSV."""
    table = read_table(Path(CLEAN).read_bytes(), "clean.xlsx")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.headings)
    for n in range(rows):
        values = dict(table.rows[n % len(table.rows)].values)
        when = values["Completion time"] + timedelta(minutes=n)
        values.update({"ID": n + 1, "Start time": when, "Completion time": when})
        writer.writerow(
            [v.strftime("%d/%m/%Y %H:%M") if hasattr(v, "strftime") else v for v in values.values()]
        )
    return out.getvalue().encode()


@pytest.fixture
def server(make_app):
    """A live server whose database gives up after 3 s: a lock held longer refuses a form."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    app = make_app(DATABASE_BUSY_TIMEOUT=3)
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield app, f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def test_5000_rows_import_while_30_forms_arrive_from_5_people(server, session):
    app, base_url = server
    content = big_export(ROWS)
    with app.app_context():
        definition = all_definitions()["parent-carer"]
        admin = make_user("admin")
        table = read_table(content, "old-feedback.csv")
        with db.transaction() as tx:
            sync_definitions(tx, all_definitions())  # as init-db does on every deploy
            survey_id = imports.current_version(tx, definition).survey_id
            mapping, _ = imports.saved_or_suggested(tx, definition, survey_id, table)
            tx.add(ImportUpload(id="big", survey_id=survey_id, filename="old.csv", content=content))
    params = {"upload": "big", "survey": "parent-carer", "mapping": mapping.to_dict()}

    def run_import():
        with app.test_request_context():
            jobs.start("import", "Import old feedback", params, admin)

    importer = threading.Thread(target=run_import)
    importer.start()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not session.scalar(
        select(Job.progress_done).where(Job.kind == "import")
    ):
        time.sleep(0.05)
        session.rollback()
    assert importer.is_alive(), "the import finished before the forms were sent"

    def one(i: int):
        return send_tell_us(base_url, f"sent during import {i}")

    with ThreadPoolExecutor(PEOPLE) as pool:
        outcomes = list(pool.map(one, range(FORMS)))
    still_importing = importer.is_alive()
    importer.join(300)
    session.rollback()

    assert [o.refusals for o in outcomes] == [[]] * FORMS, "a form was refused or kept waiting"
    assert all(o.stored for o in outcomes)
    assert still_importing, "the forms did not arrive while the import ran"
    messages = session.scalars(select(Answer.value_text).where(Answer.question_id == "message"))
    assert sorted(messages) == sorted(o.message for o in outcomes)  # all stored, none twice
    job = session.scalar(select(Job).where(Job.kind == "import"))
    assert job.state == "done" and job.progress_done == ROWS == job.progress_total
    batch = session.get(ImportBatch, job.params["batch_id"])
    assert batch.rows_stored == ROWS
    assert session.scalar(select(func.count(Response.id))) == ROWS + FORMS

    with app.app_context(), db.transaction() as tx:
        removed = imports.undo(tx, admin, tx.get(ImportBatch, batch.id))
    assert removed == ROWS  # undo still takes the whole batch, every chunk of it
    assert session.scalar(select(func.count(Response.id))) == FORMS
