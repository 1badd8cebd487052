"""Background jobs: who started each, how far it got, how it ended in plain words, a retry that
stores nothing twice, and the embedded queue that needs no second command."""

from __future__ import annotations

import time

from sqlalchemy import func, select

from feedback_app import db, jobs
from feedback_app.jobs.kinds import KINDS, JobKind, JobOutcome
from feedback_app.jobs.store import execute
from feedback_app.models import AuditEvent, ImportUpload, Job, Response
from tests.conftest import page, text_of
from tests.staff_helpers import csrf_for, login, make_import, make_job, make_user


def _upload_again(admin) -> str:
    """The seeded file uploaded a second time (make_import stores it once already)."""
    token, _batch = make_import(admin)
    return token


def _import_params(token: str) -> dict:
    from feedback_app.importing import read_table
    from feedback_app.services import imports
    from feedback_app.surveys_registry import all_definitions

    upload = db.session().get(ImportUpload, token)
    definition = all_definitions()["parent-carer"]
    table = read_table(upload.content, upload.filename)
    mapping, _ = imports.saved_or_suggested(db.session(), definition, upload.survey_id, table)
    db.session().commit()
    return {"upload": token, "survey": "parent-carer", "mapping": mapping.to_dict()}


def _start_import(admin, token: str, params: dict | None = None) -> Job:
    params = params or _import_params(token)
    return jobs.start("import", "Import a test file", params, admin, dedupe_key=f"import:{token}")


def test_an_import_job_records_who_progress_and_result_and_runs_once(app, session):
    with app.test_request_context():
        admin = make_user("admin")
        token = _upload_again(admin)
        stored_before = db.session().scalar(select(func.count(Response.id)))
        job = _start_import(admin, token)
        execute(job.id)  # a second delivery of the same job does nothing
    job = session.get(Job, job.id)
    assert job.state == "done" and job.started_by_id == admin.id and job.attempts == 1
    assert job.progress_total == 4 and job.progress_done == 4 and job.progress_note == "rows"
    # The same file again: every row was stored before, so nothing is doubled.
    assert job.result["message"] == "Imported 0 responses (4 were stored before)."
    assert session.scalar(select(func.count(Response.id))) == stored_before
    assert session.get(ImportUpload, token) is None
    assert session.scalar(select(AuditEvent.action).where(AuditEvent.entity == "job")) == "start"


def test_a_failed_job_says_why_in_plain_words_and_can_be_retried(app, client, session):
    with app.test_request_context():
        admin = make_user("admin")
        token = _upload_again(admin)
        params = _import_params(token)
        upload = db.session().get(ImportUpload, token)
        kept = (upload.survey_id, upload.filename, upload.content)
        db.session().delete(upload)  # the upload expired before the worker got to it
        db.session().commit()
        job = _start_import(admin, token, params)
    assert session.get(Job, job.id).state == "failed"
    login(client, admin.email)
    shown = text_of(page(client.get(f"/staff/jobs/{job.id}")))
    assert "Failed" in shown and "Upload it again" in shown and "Try again" in shown
    assert client.get(f"/staff/jobs/{job.id}/status").json["state"] == "failed"

    with app.app_context(), db.transaction() as tx:
        tx.add(ImportUpload(id=token, survey_id=kept[0], filename=kept[1], content=kept[2]))
    retried = client.post(
        f"/staff/jobs/{job.id}/retry", data={"csrf_token": csrf_for(client, "/staff/jobs")}
    )
    assert retried.status_code == 302
    session.expire_all()
    job = session.get(Job, job.id)
    assert job.state == "done" and job.attempts == 2 and job.error is None
    assert "Finished" in text_of(page(client.get(f"/staff/jobs/{job.id}")))
    assert session.scalars(
        select(AuditEvent.action).where(AuditEvent.entity == "job").order_by(AuditEvent.id)
    ).all() == ["start", "retry"]


def test_an_unexpected_error_is_told_in_plain_words_without_the_details(app, session):
    def broken(_context):
        raise KeyError("internal detail")

    KINDS["test-broken"] = JobKind("test-broken", broken)
    try:
        with app.test_request_context():
            job = jobs.start("test-broken", "Build the test report", {}, None)
    finally:
        del KINDS["test-broken"]
    job = session.get(Job, job.id)
    assert job.state == "failed" and "internal detail" not in job.error
    assert job.error.startswith("Something went wrong: build the test report did not finish.")


def test_asking_twice_for_queued_work_gives_the_same_job(app, session):
    with app.test_request_context():
        queued = make_job(state="queued", dedupe_key="report:2026-27-Q2")
        again = jobs.start("backfill-signals", "Score", {}, None, dedupe_key="report:2026-27-Q2")
    assert again.id == queued.id
    assert session.scalar(select(func.count(Job.id))) == 1


def test_the_job_page_refreshes_itself_without_javascript_while_a_job_runs(app, client):
    with app.app_context():
        worker = make_user("practitioner")
        running = make_job(
            state="running", started_by=worker, progress_done=250, progress_total=1000
        )
        other = make_job(state="running")
    login(client, worker.email)
    soup = page(client.get(f"/staff/jobs/{running.id}"))
    refresh = soup.select_one("noscript meta[http-equiv=refresh]")
    assert refresh is not None and refresh["content"] == "3"
    assert soup.find("progress")["value"] == "25"
    assert "250 of 1,000 steps (25%)" in text_of(soup)
    assert soup.select_one("script[src$='job.js']") is not None
    listed = text_of(page(client.get("/staff/jobs")))
    assert "Score free-text answers" in listed and "Running" in listed
    assert client.get(f"/staff/jobs/{other.id}").status_code == 403  # someone else's job
    with app.app_context():
        done = make_job(state="done", started_by=worker, result=JobOutcome("All scored.").to_dict())
    soup = page(client.get(f"/staff/jobs/{done.id}"))
    assert soup.select_one("meta[http-equiv=refresh]") is None and "All scored." in text_of(soup)


def test_the_embedded_queue_runs_jobs_in_the_web_process_with_no_second_command(
    make_app, tmp_path, session
):
    app = make_app(JOBS_BROKER=f"sqlite:///{tmp_path / 'jobs.db'}", JOBS_WORKER="")
    client = app.test_client()
    with app.test_request_context():
        admin = make_user("admin")
        token = _upload_again(admin)
        job = _start_import(admin, token)
    assert session.get(Job, job.id).state == "queued"  # nothing runs it until the app serves
    login(client, admin.email)  # the first request starts the worker thread
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and client.get(f"/staff/jobs/{job.id}/status").json["active"]:
        time.sleep(0.2)
    session.expire_all()
    assert session.get(Job, job.id).state == "done"


def test_a_stored_report_is_built_by_a_job_the_leader_can_follow(make_app, session):
    app = make_app(REPORT_BACKGROUND=True)
    client = app.test_client()
    with app.app_context():
        leader = make_user("leadership")
    login(client, leader.email)
    from analysis.clock import today
    from analysis.quarters import Quarter

    quarter = str(Quarter.containing(today()))
    assert client.get(f"/staff/reports/view?quarter={quarter}").status_code == 200
    job = session.scalar(select(Job).where(Job.kind == "report"))
    assert job.state == "done" and job.started_by_id == leader.id
    assert job.result["message"].startswith(f"The report for {quarter} is ready")
    shown = page(client.get(f"/staff/jobs/{job.id}"))
    assert shown.find("a", string="See what it made")["href"].startswith("/staff/reports/view")


def test_pages_scripts_and_styles_are_gzipped_for_a_browser_that_asks(client):
    import gzip

    for url in ("/forms/working-with-us", "/static/css/app.css", "/static/js/form.js"):
        sent = client.get(url, headers={"Accept-Encoding": "gzip"})
        assert sent.headers.get("Content-Encoding") == "gzip", url
        assert len(gzip.decompress(sent.data)) > len(sent.data)
    assert "Content-Encoding" not in client.get("/forms/working-with-us").headers
