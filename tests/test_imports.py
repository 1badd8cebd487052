"""Importing old exports into the database: dry run, batch, no doubles, undo, web and CLI."""

from __future__ import annotations

import re
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from analysis.clock import to_utc
from feedback_app import db
from feedback_app.importing import convert, read_table, suggest_mapping
from feedback_app.models import (
    AuditEvent,
    ImportBatch,
    ImportUpload,
    Response,
    SavedMapping,
    Survey,
    TextSignal,
)
from feedback_app.services import imports
from feedback_app.services.responses import stored_answers
from feedback_app.surveys_registry import all_definitions
from tests.answers import VALID_ANSWERS
from tests.conftest import definitions, page, text_of
from tests.staff_helpers import csrf_for, login, make_user, save_response

FILES = Path(__file__).parent / "data" / "imports"
CLEAN = FILES / "parent-carer-clean.xlsx"
MESSY = FILES / "working-with-us-messy.xlsx"


def expected(path: Path, slug: str, app) -> dict[str, tuple[datetime, dict]]:
    """What the file should give, from the tested conversion: source id -> (time, answers)."""
    with app.app_context():
        definition = all_definitions()[slug]
        table = read_table(path.read_bytes(), path.name)
        values = imports.team_values(db.session())
        mapping = suggest_mapping(table.headings, definition, table.rows, values)
        conversion = convert(table, mapping, definition, values)
    return {r.source_id: (r.submitted_at, r.answers) for r in conversion.ready}


def imported(session, slug: str) -> dict[datetime, dict]:
    session.rollback()
    definition = definitions()[slug]
    rows = session.scalars(
        select(Response).join(Survey).where(Response.channel == "import", Survey.slug == slug)
    ).all()
    return {r.submitted_at: stored_answers(definition, r) for r in rows}


def cli_import(runner, path: Path, slug: str, *extra):
    return runner.invoke(args=["import-responses", str(path), "--survey", slug, *extra])


def test_cli_dry_run_stores_nothing_then_import_gives_exactly_the_expected_responses(
    app, runner, session
):
    dry = cli_import(runner, CLEAN, "parent-carer", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "Ready to store: 4." in dry.output and "nothing was stored" in dry.output
    assert session.scalar(select(func.count(Response.id))) == 0
    assert session.scalar(select(func.count(ImportBatch.id))) == 0

    done = cli_import(runner, CLEAN, "parent-carer", "--yes")
    assert done.exit_code == 0, done.output
    assert "stored 4 responses" in done.output
    want = expected(CLEAN, "parent-carer", app)
    # January to March is GMT, so UK clock time is UTC here.
    assert imported(session, "parent-carer") == dict(want.values())
    stored = imported(session, "parent-carer")[datetime(2025, 1, 9, 19, 6, 58)]
    assert stored["went_well"] == "Everything. My son is back at school."
    # Free text is scored for the report, as for any response.
    assert session.scalar(select(func.count(TextSignal.answer_id))) >= 4
    assert session.scalar(select(func.count(SavedMapping.survey_id))) == 1


def test_a_second_import_of_the_same_file_adds_nothing(app, runner, session):
    assert cli_import(runner, CLEAN, "parent-carer", "--yes").exit_code == 0
    again = cli_import(runner, CLEAN, "parent-carer", "--yes")
    assert again.exit_code == 0
    assert "Stored before (skipped): 4" in again.output and "Nothing new" in again.output
    assert session.scalar(select(func.count(Response.id))) == 4


def test_summer_times_are_stored_in_utc():
    assert to_utc(datetime(2025, 7, 1, 10, 0)) == datetime(2025, 7, 1, 9, 0)
    assert to_utc(datetime(2025, 12, 1, 10, 0)) == datetime(2025, 12, 1, 10, 0)


def test_messy_file_stores_good_rows_and_lists_every_problem(app, runner, session):
    result = cli_import(runner, MESSY, "working-with-us", "--yes")
    assert result.exit_code == 0, result.output
    for line in (
        "row 7: 'Which team did you work with?' answer 'Ludlow' is not one of the teams",
        "row 8: no ID",
        "row 9: the same ID as row 6",
        "row 10: 'Completion time' is not a date: 'yesterday'",
    ):
        assert line in result.output
    want = expected(MESSY, "working-with-us", app)
    assert len(want) == 4
    got = imported(session, "working-with-us")
    assert sorted(map(sorted, got.values())) == sorted(sorted(a) for _t, a in want.values())
    batch = session.scalars(select(ImportBatch)).one()
    assert (batch.rows_stored, batch.rows_with_problems) == (4, 4)


def test_undo_removes_the_batch_and_only_it(app, runner, session):
    with app.app_context():
        typed_in = save_response("parent-carer", VALID_ANSWERS["parent-carer"])
    assert cli_import(runner, CLEAN, "parent-carer", "--yes").exit_code == 0
    assert cli_import(runner, MESSY, "working-with-us", "--yes").exit_code == 0
    first, second = session.scalars(select(ImportBatch.id).order_by(ImportBatch.id)).all()
    undone = runner.invoke(args=["undo-import", str(first), "--yes"])
    assert undone.exit_code == 0 and "Removed 4 responses" in undone.output
    session.rollback()
    remaining = session.scalars(select(Response)).all()
    assert typed_in in {r.id for r in remaining}
    assert sorted(r.channel for r in remaining) == ["import"] * 4 + ["link"]
    assert imported(session, "parent-carer") == {}
    twice = runner.invoke(args=["undo-import", str(first), "--yes"])
    assert twice.exit_code == 1 and "was undone" in twice.output
    # After an undo the same file can be imported again.
    assert "stored 4 responses" in cli_import(runner, CLEAN, "parent-carer", "--yes").output
    assert session.get(ImportBatch, second).undone_at is None  # the other batch untouched


def test_bad_files_and_surveys_say_what_is_wrong(runner, tmp_path):
    unknown = cli_import(runner, CLEAN, "no-such-survey")
    assert unknown.exit_code == 2 and "no survey 'no-such-survey'" in unknown.output
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    refused = cli_import(runner, text, "parent-carer")
    assert refused.exit_code == 1 and ".xlsx" in refused.output


# -- In the staff area ----------------------------------------------------------------------------


def upload(client, path: Path, slug: str, csrf_page: str = "/staff/imports/new"):
    data = {
        "csrf_token": csrf_for(client, csrf_page),
        "survey": slug,
        "file": (path.open("rb"), path.name),
    }
    return client.post("/staff/imports/new", data=data, content_type="multipart/form-data")


def form_fields(soup) -> dict[str, str]:
    """The mapping form as a browser would send it (selected options, ticked boxes)."""
    form = soup.find("input", {"name": "col-0"}).find_parent("form")
    data = {}
    for field in form.select("input[type=hidden]"):
        data[field["name"]] = field.get("value", "")
    for select_ in form.select("select"):
        chosen = select_.find("option", selected=True) or select_.find("option")
        data[select_["name"]] = chosen.get("value", "")
    return data


def test_admin_uploads_checks_imports_and_undoes(app, client, session, signed_in):
    signed_in("admin")
    sent = upload(client, CLEAN, "parent-carer")
    assert sent.status_code == 302
    mapping_page = client.get(sent.headers["Location"])
    soup = page(mapping_page)
    shown = text_of(soup)
    assert "Dry run: nothing is stored yet" in shown and "4 responses will be stored" in shown
    assert "Not imported: personal data" in shown  # Email and Name
    assert session.scalar(select(func.count(Response.id))) == 0

    data = form_fields(soup)
    data["step"] = "import"
    done = client.post(sent.headers["Location"], data=data)
    assert done.status_code == 302
    assert len(imported(session, "parent-carer")) == 4
    assert session.scalar(select(func.count(ImportUpload.id))) == 0  # the file is gone
    job_page = page(client.get(done.headers["Location"]))  # the import ran as a job
    assert "Finished" in text_of(job_page) and "Imported 4 responses" in text_of(job_page)
    batch_url = job_page.find("a", string="See what it made")["href"]
    assert "Imported" in text_of(page(client.get(batch_url)))

    token = csrf_for(client, batch_url)
    unconfirmed = client.post(batch_url, data={"csrf_token": token})
    assert unconfirmed.status_code == 400 and len(imported(session, "parent-carer")) == 4
    undone = client.post(batch_url, data={"csrf_token": token, "confirm": "y"})
    assert undone.status_code == 302
    assert "Undone on" in text_of(page(client.get(batch_url)))
    assert imported(session, "parent-carer") == {}
    actions = session.scalars(
        select(AuditEvent.action).where(AuditEvent.entity == "import_batch").order_by(AuditEvent.id)
    )
    assert list(actions) == ["import", "undo"]


def test_a_person_can_change_the_mapping_before_importing(app, client, session, signed_in):
    signed_in("admin")
    url = upload(client, CLEAN, "parent-carer").headers["Location"]
    soup = page(client.get(url))
    data = form_fields(soup)
    went_well = next(k for k, v in data.items() if k.startswith("col-") and v == "went_well")
    data[went_well] = ""  # leave the "what went well" column out
    data["step"] = "import"
    assert client.post(url, data=data).status_code == 302
    answers = imported(session, "parent-carer").values()
    assert answers and all("went_well" not in a for a in answers)
    # The next file for this survey starts from the mapping confirmed here.
    url = upload(client, CLEAN, "parent-carer").headers["Location"]
    again = form_fields(page(client.get(url)))
    assert again[went_well] == ""
    assert "imported before and will be skipped" in text_of(page(client.get(url)))


def test_uploads_refuse_bad_files_and_belong_to_their_uploader(app, client, tmp_path):
    with app.app_context():
        admin = make_user("admin")
        other = make_user("admin", email="other-admin@example.org")
    login(client, admin.email)
    bad = tmp_path / "minutes.docx"
    bad.write_bytes(b"PK\x03\x04 not a spreadsheet")
    refused = upload(client, bad, "parent-carer")
    assert refused.status_code == 400
    assert re.search(r"\.xlsx|\.csv", text_of(page(refused)))
    url = upload(client, CLEAN, "parent-carer").headers["Location"]
    someone_else = app.test_client()
    login(someone_else, other.email)
    assert someone_else.get(url).status_code == 404


@pytest.mark.parametrize("role", ["leadership", "champion", "practitioner"])
def test_only_admins_import(app, client, role, signed_in):
    signed_in(role)
    assert upload(client, CLEAN, "parent-carer", csrf_page="/staff/").status_code == 403


def test_a_form_sent_between_the_chunks_of_a_cli_import_is_stored_at_once(
    app, runner, session, monkeypatch
):
    """The command line's import leaves the database to forms between its chunks: a form sent
    then is stored straight away, not kept waiting until the whole import ends."""
    monkeypatch.setattr(imports, "CHUNK_ROWS", 2)  # the file's 4 rows in two chunks
    sent: list[float] = []

    def send() -> None:
        with app.app_context():
            save_response("tell-us", {**VALID_ANSWERS["tell-us"], "reply": "no"})
        sent.append(time.monotonic())

    prepare = imports._prepare

    def between_chunks(definition, rows, start, earlier):
        if start and not sent:  # the first chunk is committed
            began = time.monotonic()
            form = threading.Thread(target=send)
            form.start()
            form.join(timeout=10)
            assert sent and sent[0] - began < 2, "the form waited for the import"
        return prepare(definition, rows, start, earlier)

    monkeypatch.setattr(imports, "_prepare", between_chunks)
    done = cli_import(runner, CLEAN, "parent-carer", "--yes")
    assert done.exit_code == 0, done.output
    assert sent and session.scalar(select(func.count(Response.id))) == 5
