"""The staff side at scale: every paginated list page, the stored report view, a report build
(as a job), an export of a quarter and an import, each timed beside the bare SQL of the same
rows in the same run, on a database filled with demo data.

    python bench/staff_scale.py --db sqlite --responses 100000
    python bench/staff_scale.py --db postgresql --responses 1000000 --spread years --builds 1

The database is `bench/fill.py`'s (made once, kept in /tmp between runs). Each list page is
opened `--runs` times by a signed-in user with the page's role (in process, through the test
client: the app's own cost, no network); its floor is a bare SELECT of one page of the same
table with its COUNT. The report for the last complete quarter is built `--builds` times by
the report job (no PDF), beside a bare read of the responses and answers of its five
quarters; then its stored copy is viewed `--runs` times beside a bare SELECT of it. The export
is a quarter of children's answers, wide, as CSV. The import (`--import-rows`, 0 to skip) is
that export repeated under new IDs, stored by `flask import-responses` in chunks, beside a bare
INSERT of as many responses and answers (rolled back), then undone; while it runs, 30 Tell us
forms from 5 clients go to a live server on the same database. The bench then removes all it
added (forms, batch, audit events, marks) and checks every table is as it found it.
`--import-only` skips the pages and the report. Prints p50 and p95 in ms (builds, export and
import: median seconds). Not a test.
"""

from __future__ import annotations

import argparse
import csv
import io
import logging
import secrets
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import delete, insert, select, text  # noqa: E402

from bench import fill  # noqa: E402
from feedback_app import create_app, db  # noqa: E402
from feedback_app.models import SavedMapping  # noqa: E402
from feedback_app.services import accounts  # noqa: E402

PASSWORD = secrets.token_urlsafe(16)  # the bench's accounts get a new password each run
RUN = secrets.token_hex(3)  # and new addresses, so a kept database takes them again
SAVED = SavedMapping.__table__
ENGINE: list = []  # the app's engine, for the bare SQL (no app context held while timing)
# page -> (role, floor query: one page of the same rows with the count the pager shows)
PAGES = {
    "/staff/inbox": (
        "leadership",
        "SELECT * FROM tell_us_case WHERE kind IN ('comment','compliment') "
        "ORDER BY received_on DESC, id DESC LIMIT 50",
        "SELECT COUNT(*) FROM tell_us_case WHERE kind IN ('comment','compliment')",
    ),
    "/staff/audit": (
        "admin",
        "SELECT * FROM audit_event ORDER BY at DESC, id DESC LIMIT 50",
        "SELECT COUNT(*) FROM audit_event",
    ),
    "/staff/jobs": (
        "admin",
        "SELECT * FROM job ORDER BY created_at DESC, id DESC LIMIT 50",
        "SELECT COUNT(*) FROM job",
    ),
    "/staff/imports": ("admin", "SELECT * FROM import_batch ORDER BY id DESC LIMIT 50", None),
    "/staff/cases": (
        "complaints_lead",
        "SELECT * FROM tell_us_case WHERE kind = 'complaint' AND status != 'closed' "
        "ORDER BY received_on, id LIMIT 50",
        "SELECT COUNT(*) FROM tell_us_case WHERE kind = 'complaint' AND status != 'closed'",
    ),
    "/staff/safeguarding": (
        "safeguarding_lead",
        "SELECT * FROM safeguarding_flag WHERE acknowledged_at IS NULL "
        "ORDER BY flagged_at, id LIMIT 50",
        "SELECT COUNT(*) FROM safeguarding_flag WHERE acknowledged_at IS NULL",
    ),
    "/staff/actions": (
        "champion",
        "SELECT * FROM action ORDER BY created_at DESC, id DESC LIMIT 50",
        "SELECT COUNT(*) FROM action",
    ),
    "/staff/you-said-we-did": (
        "champion",
        "SELECT * FROM action WHERE status IN ('open','in_progress') "
        "ORDER BY created_at DESC, id DESC LIMIT 50",
        "SELECT COUNT(*) FROM action WHERE status IN ('open','in_progress')",
    ),
    "/staff/participation": (
        "champion",
        "SELECT * FROM participation_activity ORDER BY held_on DESC, id DESC LIMIT 50",
        None,
    ),
    "/staff/help-offers": (
        "champion",
        "SELECT * FROM help_offer WHERE status = 'open' ORDER BY id LIMIT 50",
        "SELECT COUNT(*) FROM help_offer WHERE status = 'open'",
    ),
    "/staff/transcriptions": (
        "practitioner",
        "SELECT * FROM response WHERE transcribed_by_id = 1 AND channel = 'paper' "
        "ORDER BY id DESC LIMIT 50",
        "SELECT COUNT(*) FROM response WHERE transcribed_by_id = 1 AND channel = 'paper'",
    ),
}


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, -(-len(ordered) * 95 // 100) - 1)]


def timed(call, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        out.append((time.perf_counter() - started) * 1000)
    return out


def bare(sql: str, count_sql: str | None = None, **params):
    def read() -> None:
        with ENGINE[0].connect() as connection:
            connection.execute(text(sql), params).all()
            if count_sql:
                connection.execute(text(count_sql)).scalar()

    return read


def show(name: str, app_ms: list[float], floor_ms: list[float], note: str = "") -> None:
    (a50, a95), (f50, f95) = percentiles(app_ms), percentiles(floor_ms)
    print(f"{name:28} {a50:8.1f} {a95:8.1f} {f50:9.1f} {f95:9.1f}  {note}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--builds", type=int, default=3, help="0: no report build or view")
    parser.add_argument("--spread", choices=tuple(fill.SPREAD_DAYS), default="dense")
    parser.add_argument("--import-rows", type=int, default=50_000)
    parser.add_argument(
        "--import-only", action="store_true", help="only the export and the import (no pages)"
    )
    options = parser.parse_args()
    url = fill.database(options.db, options.responses, options.spread)
    app = create_app(
        {
            "DATABASE_URL": url,
            "SECRET_KEY": "bench",
            "FEEDBACK_ENV": "development",
            "RATELIMIT_ENABLED": False,
            "JOBS_BROKER": "immediate",
            "REPORT_PDF": False,
            "WTF_CSRF_ENABLED": False,
        }
    )
    with app.app_context():
        responses = db.session().scalar(text("SELECT COUNT(*) FROM response"))
        ENGINE.append(db.engine())
    print(f"{options.db}, {responses:,} responses ({options.spread}); times in ms", flush=True)
    if not options.import_only:
        pages_and_report(app, options)
    with app.app_context():
        export_and_import(url, app, options)


def pages_and_report(app, options) -> None:
    clients = signed_in(app, {role for role, *_ in PAGES.values()} | {"leadership"})
    print(f"{'':28} {'app p50':>8} {'app p95':>8} {'floor p50':>9} {'floor p95':>9}")
    # No app context is held here: each request makes its own, as in a server.
    for path, (role, floor_sql, count_sql) in PAGES.items():
        client = clients[role]
        status = client.get(path).status_code  # warm: the first request builds caches

        def get(client=client, path=path) -> None:
            client.get(path).get_data()

        page_ms = timed(get, options.runs)
        floor_ms = timed(bare(floor_sql, count_sql), options.runs)
        size = len(client.get(path).data) / 1024
        show(path, page_ms, floor_ms, f"{size:.0f} KB" + (f" ({status})" * (status != 200)))
    report(app, clients["leadership"], options)


def signed_in(app, roles: set[str]) -> dict:
    clients = {}
    with app.app_context(), db.transaction() as session:
        for role in roles:
            email = f"bench-{role}-{RUN}@example.org"
            accounts.create_user(session, email, role, PASSWORD, {role})
    for role in roles:
        clients[role] = app.test_client()
        clients[role].post(
            "/staff/login", data={"email": f"bench-{role}-{RUN}@example.org", "password": PASSWORD}
        )
    return clients


def report(app, client, options) -> None:
    """The report job for the last complete quarter, then leadership's view of its copy."""
    if not options.builds:
        return
    from analysis.clock import today
    from analysis.quarters import Quarter
    from analysis.report.data import window
    from feedback_app import jobs
    from feedback_app.models import StaffUser
    from feedback_app.services import report_snapshots

    quarter = Quarter.containing(today()).previous()
    span = window(quarter.same_quarter_last_year(), quarter)
    floor = bare(
        "SELECT r.*, a.* FROM response r JOIN answer a ON a.response_id = r.id "
        "WHERE r.submitted_at >= :s AND r.submitted_at < :e",
        s=span.start,
        e=span.end,
    )
    with ENGINE[0].connect() as connection:
        email = f"bench-leadership-{RUN}@example.org"
        lead = connection.scalar(text("SELECT id FROM staff_user WHERE email = :e"), {"e": email})

    def build() -> None:  # in its own app context, as a worker runs a job
        with app.app_context():
            with db.transaction() as session:
                actor = session.get(StaffUser, lead)
                snapshot = report_snapshots.request(session, actor, quarter, None)
            title = f"Build the quarterly report for {quarter}"
            job = jobs.run_inline("report", title, {"snapshot": snapshot.id})
            assert job.state == "done", (job.state, job.error)

    build_ms, floor_ms = timed(build, options.builds), timed(floor, options.builds)
    ratio = statistics.median(build_ms) / statistics.median(floor_ms)
    show(f"report build {quarter} (job)", build_ms, floor_ms, f"{ratio:.1f}x the floor")
    path = f"/staff/reports/view?quarter={quarter}"
    stored = client.get(path)
    assert stored.status_code == 200, stored.status_code

    def view() -> None:
        client.get(path).get_data()

    snapshot_floor = bare(
        "SELECT body_html, built_from FROM report_snapshot WHERE quarter = :q AND "
        "status = 'ready' ORDER BY id DESC LIMIT 1",
        q=str(quarter),
    )
    show("stored report view", timed(view, options.runs), timed(snapshot_floor, options.runs),
         f"{len(stored.data) / 1024:.0f} KB")  # fmt: skip


def export_and_import(url: str, app, options) -> None:
    """A quarter of children's answers exported (as the export job builds and writes it), then
    imported back `--import-rows` strong under new IDs, each beside the bare SQL."""
    from analysis import clock
    from analysis.clock import today
    from analysis.quarters import Quarter
    from feedback_app.services import exports
    from feedback_app.surveys_registry import all_definitions

    quarter = Quarter.containing(today()).previous()
    span = clock.days_range(quarter.start, quarter.end)
    definition = all_definitions()["working-with-us"]
    session = db.session()
    made: list[bytes] = []

    def export() -> None:
        built = exports.build(session, definition, quarter.start, quarter.end, "wide", True)
        made.append(exports.as_csv(built))
        session.rollback()

    floor = bare(
        "SELECT r.id, r.submitted_at, a.question_id, a.value_text, a.value_choice "
        "FROM response r JOIN survey s ON s.id = r.survey_id JOIN answer a ON a.response_id = r.id "
        "WHERE s.slug = 'working-with-us' AND r.submitted_at >= :s AND r.submitted_at < :e",
        s=span.start,
        e=span.end,
    )
    rows = exports.count(session, definition, quarter.start, quarter.end)
    runs = max(3, options.runs // 5)
    export_ms, floor_ms = timed(export, runs), timed(floor, runs)
    show(f"export {quarter}, {rows:,} responses", export_ms, floor_ms)
    if options.import_rows:
        imported(url, app, made[-1], options.import_rows)


def imported(url: str, app, export_csv: bytes, rows: int) -> None:
    """`rows` rows made from the export (IDs made new), imported by the CLI while Tell us forms
    arrive, then undone; the database is checked to be as the bench found it."""
    reader = csv.reader(io.StringIO(export_csv.decode("utf-8-sig")))
    heading, *body = list(reader)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(heading)
    answers = 0  # about one answer a filled cell (a cell of several ticks gives more)
    for n in range(rows):
        row = list(body[n % len(body)])
        row[0] = f"bench-{RUN}-{n}"
        writer.writerow(row)
        answers += sum(1 for cell in row[4:] if cell.strip())
    path = fill.FOLDER / f"import-{RUN}.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    found = state()
    with ENGINE[0].connect() as connection:
        last_batch = connection.scalar(text("SELECT MAX(id) FROM import_batch")) or 0
        kept = kept_rows(connection)
    from feedback_app.services.text_signals import warm_up

    warm_up()  # as gunicorn does before serving (gunicorn.conf.py): no form waits for the models
    app.test_client().get("/forms/tell-us")  # and the form's templates are compiled
    try:
        began = time.perf_counter()
        command = ("import-responses", str(path), "--survey", "working-with-us", "--yes")
        importer = subprocess.Popen(**fill.flask_command(url, *command), stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT)  # fmt: skip
        try:
            outcomes = forms_while(importer, app, last_batch)
        finally:
            output = importer.communicate()[0]
        seconds = time.perf_counter() - began
        if importer.returncode:
            raise SystemExit(f"flask import-responses failed:\n{output[-2000:]}")
        floor = bare_insert(rows, max(1, answers // rows))
        print(
            f"import of {rows:,} rows: {seconds:.1f} s ({rows / seconds:,.0f} rows/s), floor "
            f"(bare INSERT of {rows:,} responses with their answers) {floor:.1f} s, "
            f"ratio {seconds / floor:.1f}x",
            flush=True,
        )
        if outcomes:
            print(
                f"  {len(outcomes)} public forms from {PEOPLE} clients during the import: "
                f"{sum(o.stored for o in outcomes)} stored, "
                f"{sum(bool(o.refusals) for o in outcomes)} refused at least once, "
                f"{forms_doubled(outcomes)} doubled; open and send median "
                f"{statistics.median(o.seconds for o in outcomes):.2f} s, slowest "
                f"{max(o.seconds for o in outcomes):.2f} s",
                flush=True,
            )
    finally:
        undo_bench(url, last_batch, kept)
        path.unlink()
    left = {t: (found.get(t), now) for t, now in state().items() if found.get(t) != now}
    print(
        "  database as the bench found it"
        if not left
        else f"  NOT as the bench found it (table: rows and content before, after): {left}",
        flush=True,
    )


FORMS, PEOPLE = 30, 5  # as the import-while-submitting test sends
SENT = "bench {run} sent during the import {i}"


def forms_while(importer, app, last_batch: int) -> list:
    """Once the import has opened its batch, FORMS Tell us forms sent by PEOPLE clients over
    HTTP to a live server on the same database (by the test's client)."""
    from concurrent.futures import ThreadPoolExecutor

    from werkzeug.serving import make_server

    from tests.answers import VALID_ANSWERS
    from tests.load_client import Person

    while importer.poll() is None:
        with ENGINE[0].connect() as connection:
            if (connection.scalar(text("SELECT MAX(id) FROM import_batch")) or 0) > last_batch:
                break
        time.sleep(0.2)
    else:
        print("  the import ended before any form was sent")
        return []
    time.sleep(2)  # its first chunks stored
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()

    def one(i: int):
        person = Person(f"http://127.0.0.1:{httpd.server_port}")
        answers = {**VALID_ANSWERS["tell-us"], "reply": "no", "message": SENT.format(run=RUN, i=i)}
        outcome = person.send_form("tell-us", answers, "message", patience=60)
        person.close()
        return outcome

    try:
        with ThreadPoolExecutor(PEOPLE) as pool:
            outcomes = list(pool.map(one, range(FORMS)))
    finally:
        httpd.shutdown()
    if importer.poll() is not None:
        print("  the import ended before every form was sent", flush=True)
    return outcomes


BENCH_FORMS = "SELECT response_id FROM answer WHERE question_id = 'message' AND value_text LIKE :m"


def forms_doubled(outcomes: list) -> int:
    """Responses stored beyond one per form the bench sent."""
    with ENGINE[0].connect() as connection:
        found = connection.scalars(text(BENCH_FORMS), {"m": SENT.format(run=RUN, i="%")}).all()
    return len(found) - len({o.message for o in outcomes if o.stored})


def kept_rows(connection) -> dict:
    """What the import and forms change in place: the saved mappings, whole, and the stored
    reports not yet marked as having new data."""
    return {
        "saved_mapping": connection.execute(select(SAVED)).mappings().all(),
        "fresh_reports": connection.scalars(
            text("SELECT id FROM report_snapshot WHERE new_data_since IS NULL")
        ).all(),
        "last_event": connection.scalar(text("SELECT MAX(id) FROM audit_event")) or 0,
    }


def undo_bench(url: str, last_batch: int, kept: dict) -> None:
    """Undo the import (by the CLI, as staff would), then remove what undo keeps on purpose
    (the batch, its audit events, reports marked as having new data, the saved mapping) and
    the bench's forms with their cases; cascades take answers, signals and flags on both
    databases (SQLite's foreign keys are on)."""
    from sqlalchemy import bindparam

    with ENGINE[0].connect() as connection:
        undo = connection.scalars(
            text("SELECT id FROM import_batch WHERE id > :b AND undone_at IS NULL"),
            {"b": last_batch},
        ).all()
    for batch in undo:
        fill.flask(url, "undo-import", str(batch), "--yes")

    def many(sql: str, name: str = "ids"):
        return text(sql).bindparams(bindparam(name, expanding=True))

    with ENGINE[0].begin() as connection:
        sent = {"m": SENT.format(run=RUN, i="%")}
        responses = connection.scalars(text(BENCH_FORMS), sent).all()
        cases = connection.scalars(
            many("SELECT id FROM tell_us_case WHERE response_id IN :ids"), {"ids": responses}
        ).all()
        batches = connection.scalars(
            text("SELECT id FROM import_batch WHERE id > :b"), {"b": last_batch}
        ).all()
        for entity, ids in (("tell_us_case", cases), ("import_batch", batches)):
            connection.execute(
                many("DELETE FROM audit_event WHERE id > :a AND entity = :e AND entity_id IN :ids"),
                {"a": kept["last_event"], "e": entity, "ids": [str(i) for i in ids]},
            )
        connection.execute(many("DELETE FROM tell_us_case WHERE id IN :ids"), {"ids": cases})
        connection.execute(many("DELETE FROM response WHERE id IN :ids"), {"ids": responses})
        connection.execute(many("DELETE FROM import_batch WHERE id IN :ids"), {"ids": batches})
        connection.execute(
            many("UPDATE report_snapshot SET new_data_since = NULL WHERE id IN :ids"),
            {"ids": kept["fresh_reports"]},
        )
        connection.execute(delete(SAVED))
        if kept["saved_mapping"]:
            connection.execute(insert(SAVED), [dict(r) for r in kept["saved_mapping"]])


def state() -> dict:
    """Each table's row count, and for small tables a digest of their content."""
    import hashlib

    from sqlalchemy import inspect

    out = {}
    with ENGINE[0].connect() as connection:
        for table in sorted(inspect(connection).get_table_names()):
            count = connection.scalar(text(f"SELECT COUNT(*) FROM {table}"))  # noqa: S608
            digest = ""
            if count <= 20_000:
                rows = connection.execute(text(f"SELECT * FROM {table}")).all()  # noqa: S608
                digest = hashlib.sha256(repr(sorted(map(repr, rows))).encode()).hexdigest()[:8]
            out[table] = (count, digest)
    return out


def bare_insert(rows: int, answers_each: int) -> float:
    """Seconds to INSERT `rows` responses and their answers with executemany, rolled back."""
    with ENGINE[0].connect() as connection:
        survey, version = connection.execute(
            text(
                "SELECT s.id, MAX(v.id) FROM survey s JOIN survey_version v ON v.survey_id = s.id "
                "WHERE s.slug = 'working-with-us' GROUP BY s.id"
            )
        ).one()
        top = connection.scalar(text("SELECT MAX(id) FROM response"))
        began = time.perf_counter()
        for start in range(0, rows, 1000):
            ids = range(top + 1 + start, top + 1 + min(start + 1000, rows))
            connection.execute(
                text(
                    "INSERT INTO response (id, survey_id, survey_version_id, submitted_at, "
                    "channel, easy_read) VALUES (:id, :s, :v, CURRENT_TIMESTAMP, 'import', false)"
                ),
                [{"id": i, "s": survey, "v": version} for i in ids],
            )
            connection.execute(
                text(
                    "INSERT INTO answer (response_id, question_id, value_choice) "
                    "VALUES (:r, :q, 'yes')"
                ),
                [{"r": i, "q": f"q{n}"} for i in ids for n in range(answers_each)],
            )
        seconds = time.perf_counter() - began
        connection.rollback()
    return seconds


if __name__ == "__main__":
    main()
