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
INSERT of as many responses and answers (rolled back), then undone. Prints p50 and p95 in ms
(builds, export and import: median seconds). Not a test.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from bench import fill  # noqa: E402
from feedback_app import create_app, db  # noqa: E402
from feedback_app.services import accounts  # noqa: E402

PASSWORD = secrets.token_urlsafe(16)  # the bench's accounts get a new password each run
RUN = secrets.token_hex(3)  # and new addresses, so a kept database takes them again
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
    with app.app_context():
        export_and_import(url, options)


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


def export_and_import(url: str, options) -> None:
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
        imported(url, made[-1], options.import_rows)


def imported(url: str, export_csv: bytes, rows: int) -> None:
    """`rows` rows made from the export (IDs made new), imported by the CLI, then undone."""
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
    began = time.perf_counter()
    output = fill.flask(url, "import-responses", str(path), "--survey", "working-with-us", "--yes")
    seconds = time.perf_counter() - began
    batch = re.search(r"[Bb]atch (\d+)", output)
    floor = bare_insert(rows, max(1, answers // rows))
    print(
        f"import of {rows:,} rows: {seconds:.1f} s ({rows / seconds:,.0f} rows/s), floor "
        f"(bare INSERT of {rows:,} responses with their answers) {floor:.1f} s, "
        f"ratio {seconds / floor:.1f}x",
        flush=True,
    )
    if batch:
        fill.flask(url, "undo-import", batch.group(1), "--yes")
    else:
        print(f"could not find the batch to undo in: {output[-300:]}")
    path.unlink()


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
