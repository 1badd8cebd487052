"""The staff side at scale: every paginated list page, timed beside the bare SELECT of the
same rows, on a database filled with demo data.

    python bench/staff_scale.py [--responses 100000] [--runs 20]
    scripts/with-postgres python bench/staff_scale.py --responses 100000

A fresh database (SQLite in a temporary folder, or DATABASE_URL), demo-data, then each list
page opened `--runs` times by a signed-in user with the page's role (in process, through the
test client: the app's own cost, no network). Prints p50 and p95 of each page and of its floor:
a bare SELECT of one page of the same table, newest first, with its COUNT. Not a test.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from bench.report_scaling import flask  # noqa: E402  (the same CLI runner)
from feedback_app import create_app, db  # noqa: E402
from feedback_app.services import accounts  # noqa: E402

PASSWORD = secrets.token_urlsafe(16)  # a throwaway database: a new password each run
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
    "/staff/imports": ("admin", "SELECT * FROM import_batch ORDER BY id DESC", None),
    "/staff/cases": (
        "complaints_lead",
        "SELECT * FROM tell_us_case WHERE kind = 'complaint' AND status != 'closed' "
        "ORDER BY received_on, id LIMIT 50",
        "SELECT COUNT(*) FROM tell_us_case WHERE kind = 'complaint' AND status != 'closed'",
    ),
    "/staff/safeguarding": (
        "safeguarding_lead",
        "SELECT id, tier, found_late, flagged_at FROM safeguarding_flag "
        "WHERE acknowledged_at IS NULL ORDER BY flagged_at, id",
        None,
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
    return statistics.median(ordered), ordered[max(0, int(len(ordered) * 0.95) - 1)]


def timed(call, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        out.append((time.perf_counter() - started) * 1000)
    return out


def measure(client, path: str, engine, floor_sql: str, count_sql: str | None, runs: int):
    def page() -> None:
        client.get(path).get_data()

    def floor() -> None:
        with engine.connect() as connection:
            connection.execute(text(floor_sql)).all()
            if count_sql:
                connection.execute(text(count_sql)).scalar()

    return timed(page, runs), timed(floor, runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    options = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="staff-scale-")
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{folder}/bench.db"
    env = {**os.environ, "DATABASE_URL": url, "FEEDBACK_ENV": "development"}
    if url.startswith("postgres"):
        from sqlalchemy import create_engine

        with create_engine(url.replace("postgresql://", "postgresql+psycopg://")).begin() as c:
            c.execute(text("DROP SCHEMA public CASCADE"))
            c.execute(text("CREATE SCHEMA public"))
    started = time.perf_counter()
    flask(env, "init-db")
    flask(env, "demo-data", "--responses", str(options.responses), "--seed", "19")
    print(
        f"{options.responses:,} demo responses on {url.split(':')[0]} in "
        f"{time.perf_counter() - started:.0f} s"
    )
    app = create_app(
        {
            "DATABASE_URL": url,
            "SECRET_KEY": "bench",
            "FEEDBACK_ENV": "development",
            "RATELIMIT_ENABLED": False,
            "JOBS_BROKER": "immediate",
            "WTF_CSRF_ENABLED": False,
        }
    )
    clients = {}
    with app.app_context(), db.transaction() as session:
        for role in {role for role, *_ in PAGES.values()}:
            accounts.create_user(session, f"bench-{role}@example.org", role, PASSWORD, {role})
    for role in {role for role, *_ in PAGES.values()}:
        client = app.test_client()
        client.post(
            "/staff/login", data={"email": f"bench-{role}@example.org", "password": PASSWORD}
        )
        clients[role] = client
    print(f"{'page':24} {'app p50':>9} {'app p95':>9} {'floor p50':>10} {'floor p95':>10}  size")
    for path, (role, floor_sql, count_sql) in PAGES.items():
        client = clients[role]
        status = client.get(path).status_code
        with app.app_context():
            page_ms, floor_ms = measure(
                client, path, db.engine(), floor_sql, count_sql, options.runs
            )
        size = len(client.get(path).data)
        (a50, a95), (f50, f95) = percentiles(page_ms), percentiles(floor_ms)
        print(
            f"{path:24} {a50:7.1f}ms {a95:7.1f}ms {f50:8.1f}ms {f95:8.1f}ms  "
            f"{size / 1024:.0f} KB{'' if status == 200 else f' (status {status})'}"
        )
    export_quarter(app, max(3, options.runs // 5))


def export_quarter(app, runs: int) -> None:
    """An export of the children's answers for the last complete quarter (built and written as
    CSV, as the export job does) beside the bare SELECT of the same responses and answers."""
    from analysis import clock
    from analysis.clock import today
    from analysis.quarters import Quarter
    from feedback_app.services import exports
    from feedback_app.surveys_registry import all_definitions

    quarter = Quarter.containing(today()).previous()
    window = clock.days_range(quarter.start, quarter.end)
    floor_sql = (
        "SELECT r.id, r.submitted_at, a.question_id, a.value_text, a.value_choice "
        "FROM response r JOIN survey s ON s.id = r.survey_id "
        "JOIN answer a ON a.response_id = r.id "
        "WHERE s.slug = 'working-with-us' AND r.submitted_at >= :start AND r.submitted_at < :end"
    )
    with app.app_context():
        definition = all_definitions()["working-with-us"]
        session = db.session()

        def made() -> None:
            built = exports.build(session, definition, quarter.start, quarter.end, "wide", True)
            exports.as_csv(built)
            session.rollback()

        def floor() -> None:
            with db.engine().connect() as connection:
                bounds = {"start": window.start, "end": window.end}
                connection.execute(text(floor_sql), bounds).all()

        rows = exports.count(session, definition, quarter.start, quarter.end)
        (m50, _m95), (f50, _f95) = percentiles(timed(made, runs)), percentiles(timed(floor, runs))
    print(
        f"export of {quarter} (children, {rows:,} responses): {m50 / 1000:.2f} s, "
        f"floor {f50 / 1000:.2f} s, ratio {m50 / max(f50, 0.001):.1f}x"
    )


if __name__ == "__main__":
    main()
