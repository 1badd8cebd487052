"""Beyond one machine: two app instances and two job workers on one PostgreSQL and one Redis.
However the jobs are queued (even twice), a report build and an import each run exactly once."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select

from feedback_app import db, jobs
from feedback_app.models import ImportBatch, Job, ReportSnapshot, Response
from tests.staff_helpers import make_import, make_user
from tests.test_jobs import _import_params

pytestmark = pytest.mark.postgres_only

WORKER = """
import sys
from flask.cli import ScriptInfo
from feedback_app import create_app
app = create_app({"DATABASE_URL": sys.argv[1], "JOBS_BROKER": sys.argv[2], "REPORT_PDF": False,
                  "SECRET_KEY": "test-secret-key-not-for-production", "FEEDBACK_ENV": "testing"})
app.cli.main(["worker", "--workers", "2"], obj=ScriptInfo(create_app=lambda: app))
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path):
    assert shutil.which("redis-server"), "redis-server is needed for this test"
    port = _free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(timeout=10)


def test_two_apps_and_two_workers_run_each_job_exactly_once(
    make_app, migrated_database, redis_url, session, tmp_path
):
    settings = {"JOBS_BROKER": redis_url, "JOBS_WORKER": "separate", "REPORT_BACKGROUND": True}
    first, second = make_app(**settings), make_app(**settings)
    with first.test_request_context():
        admin = make_user("admin")
        token, _batch = make_import(admin)  # the file imported once, then uploaded again
        stored_before = db.session().scalar(select(func.count(Response.id)))
        with db.transaction() as tx:
            snapshot = ReportSnapshot(quarter="2026-27-Q2", status="building")
            tx.add(snapshot)
        params = _import_params(token)
        imported = jobs.start("import", "Import again", params, admin)
        report = jobs.start("report", "Build Q2", {"snapshot": snapshot.id}, admin)
    with second.test_request_context():
        # Each job's message sent a second time, from the other instance.
        for job_id in (imported.id, report.id):
            second.extensions["jobs_task"](job_id)
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, migrated_database, redis_url],
            cwd=os.getcwd(),
            stdout=subprocess.DEVNULL,
            stderr=(tmp_path / f"worker{n}.log").open("w"),
        )
        for n in range(2)
    ]
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            session.rollback()
            states = session.scalars(select(Job.state)).all()
            if all(s in ("done", "failed") for s in states):
                break
            time.sleep(0.5)
    finally:
        for worker in workers:
            worker.terminate()
            worker.wait(timeout=30)
    jobs_run = session.scalars(select(Job).order_by(Job.id)).all()
    assert [(j.kind, j.state, j.attempts) for j in jobs_run] == [
        ("import", "done", 1),
        ("report", "done", 1),
    ], [(tmp_path / f"worker{n}.log").read_text()[-2000:] for n in range(2)]
    assert session.scalar(select(func.count(ImportBatch.id))) == 2  # the seeded one and this
    assert session.scalar(select(func.count(Response.id))) == stored_before
    assert session.get(ReportSnapshot, snapshot.id).status == "ready"
