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
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

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
        "SELECT * FROM tell_us_case WHERE kind = 'complaint'",
        None,
    ),
    "/staff/safeguarding": ("safeguarding_lead", "SELECT * FROM safeguarding_flag", None),
}


def flask(env: dict, *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "feedback_app", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


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


if __name__ == "__main__":
    main()
