"""Exports: wide and long, CSV and XLSX, restricted columns by role, and a round trip through
the importer that gives back the same answers."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import delete, select

from analysis.clock import today
from analysis.labels import CHANNEL_NAMES
from feedback_app.models import AuditEvent, Response, Survey
from feedback_app.services.responses import stored_answers
from tests.answers import VALID_ANSWERS
from tests.conftest import definitions
from tests.staff_helpers import login, make_user, save_response

CHILD = VALID_ANSWERS["working-with-us"]
VARIED = [
    {**CHILD, "gender": "girl", "overall": "5", "best_thing": "boxing; and cooking, honestly"},
    {**CHILD, "team": "not_sure", "do_better": "Call back.", "completed_with": "with_worker"},
    {**CHILD, "listened": "no", "overall": "2", "best_thing": "", "gender": "prefer_not"},
]
VICTIM = {**VALID_ANSWERS["victim-satisfaction"], "restorative_options": ["letter", "shuttle"]}


def answers_by_time(session, slug: str) -> dict[datetime, dict]:
    session.rollback()
    definition = definitions()[slug]
    rows = session.scalars(select(Response).join(Survey).where(Survey.slug == slug)).all()
    return {r.submitted_at: stored_answers(definition, r) for r in rows}


@pytest.fixture
def given(app):
    with app.app_context():
        for n, answers in enumerate(VARIED):
            save_response("working-with-us", answers, submitted_at=datetime(2026, 7, n + 1, 9))
        # In summer: 10:30 UTC is 11:30 in the UK.
        save_response("victim-satisfaction", VICTIM, submitted_at=datetime(2026, 8, 3, 10, 30))
        save_response("working-with-us", CHILD, submitted_at=datetime(2026, 10, 5, 9))  # Q3


def export(runner, tmp_path, slug, suffix=".xlsx", *extra):
    out = tmp_path / f"{slug}{suffix}"
    result = runner.invoke(
        args=[
            "export-responses",
            "--survey",
            slug,
            "--from",
            "2026-07-01",
            "--to",
            "2026-09-30",
            "--out",
            str(out),
            *extra,
        ]
    )
    assert result.exit_code == 0, result.output
    return out


def read_rows(path) -> list[list]:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return list(csv.reader(fh))
    return [list(r) for r in load_workbook(path).active.values]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@pytest.mark.parametrize("slug", ["working-with-us", "victim-satisfaction"])
def test_export_then_import_gives_the_same_answers(given, runner, session, tmp_path, slug, suffix):
    before = answers_by_time(session, slug)
    path = export(runner, tmp_path, slug, suffix, "--with-restricted")
    in_period = {t: a for t, a in before.items() if t < datetime(2026, 10, 1)}
    session.execute(delete(Response))
    session.commit()
    imported = runner.invoke(args=["import-responses", str(path), "--survey", slug, "--yes"])
    assert imported.exit_code == 0, imported.output
    assert "cannot be stored: 0" in imported.output
    assert answers_by_time(session, slug) == in_period


def test_wide_export_reads_like_a_forms_export(given, runner, tmp_path):
    rows = read_rows(export(runner, tmp_path, "victim-satisfaction", ".csv"))
    heading, row = rows[0], rows[1]
    assert heading[:4] == ["ID", "Completion time", "Channel", "Source code"]
    children = read_rows(export(runner, tmp_path, "working-with-us", ".csv"))[0]
    helping = definitions()["working-with-us"].question("help_offer").label
    assert helping not in children  # never stored with feedback, so no empty column
    assert row[1] == "2026-08-03 11:30:00"  # UK clock time
    assert row[2] in CHANNEL_NAMES.values()  # how it came, in words
    multi = definitions()["victim-satisfaction"].question("restorative_options")
    cell = row[heading.index(multi.label)]
    labels = [multi.option(v).label for v in ["letter", "shuttle"]]
    assert cell == "".join(f"{label};" for label in labels)


def test_long_export_has_a_row_per_answer(given, runner, tmp_path):
    path = export(runner, tmp_path, "working-with-us", ".xlsx", "--layout", "long")
    rows = read_rows(path)
    assert rows[0][:7] == [
        "Response ID",
        "Completion time",
        "Channel",
        "Team",
        "Question ID",
        "Question",
        "Answer",
    ]
    body = rows[1:]
    expected = sum(
        1
        for answers in VARIED
        for qid, value in answers.items()
        if value not in ("", None)
        and definitions()["working-with-us"].question(qid).role != "demographic"
    )
    assert len(body) == expected
    overall = [r for r in body if r[4] == "overall"]
    assert sorted(r[7] for r in overall) == ["2", "4", "5"]


def test_restricted_columns_only_for_roles_allowed(given, app, tmp_path):
    definition = definitions()["working-with-us"]
    gender = definition.question("gender").label
    url = (
        "/staff/exports?download=1&survey=working-with-us&start=2026-07-01&end=2026-09-30"
        "&layout=wide&format=xlsx"
    )
    seen = {}
    for role in ("champion", "leadership"):
        with app.app_context():
            user = make_user(role)
        client = app.test_client()
        login(client, user.email)
        sent = client.get(url)
        assert sent.status_code == 200
        assert sent.headers["Content-Disposition"].endswith(".xlsx")
        seen[role] = next(load_workbook(io.BytesIO(sent.data)).active.values)
    assert gender not in seen["champion"]
    assert gender in seen["leadership"]


def test_export_page_checks_input_roles_and_audits(given, app, client, session, signed_in):
    signed_in("champion")
    assert client.get("/staff/exports").status_code == 200
    bad = client.get("/staff/exports?download=1&survey=working-with-us&start=soon&end=later")
    assert bad.status_code == 400 and b"Enter a real date, for example 29 12 2026" in bad.data
    backwards = client.get(
        "/staff/exports?download=1&survey=working-with-us&start=2026-09-01&end=2026-07-01"
    )
    assert backwards.status_code == 400 and b"before the start date" in backwards.data
    sent = client.get(
        f"/staff/exports?download=1&survey=working-with-us&start=2026-07-01"
        f"&end={today().isoformat()}&format=csv&layout=wide"
    )
    assert sent.status_code == 200 and sent.mimetype == "text/csv"
    event = session.scalars(select(AuditEvent).where(AuditEvent.action == "export")).one()
    assert event.after["rows"] == 4 and event.after["restricted_columns"] is False
    with app.app_context():
        worker = make_user("practitioner")
    other = app.test_client()
    login(other, worker.email)
    assert other.get("/staff/exports").status_code == 403


def test_export_command_refuses_bad_input(runner, tmp_path):
    base = ["export-responses", "--survey", "working-with-us", "--from", "2026-07-01"]
    wrong = runner.invoke(args=[*base, "--to", "30/09/2026", "--out", str(tmp_path / "a.csv")])
    assert wrong.exit_code == 2 and "not a date like 2026-04-01" in wrong.output
    suffix = runner.invoke(args=[*base, "--to", "2026-09-30", "--out", str(tmp_path / "a.txt")])
    assert suffix.exit_code == 2 and ".csv or .xlsx" in suffix.output
