"""How the quarterly report's time grows with the data, next to a bare read of the same rows.

    python bench/report_scaling.py [--sizes 10000 100000 1000000]
    scripts/with-postgres python bench/report_scaling.py

For each size: a fresh database, demo-data (scored as it is stored), then the report for the last
complete quarter (built, rendered and written, no PDF), timed against a bare SELECT of the
responses and answers in its window (the floor); then the in-app view of the stored copy.
Prints seconds, the ratio to the floor, seconds per 100,000 responses, and the stored view's
time and page size.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402

from analysis import clock  # noqa: E402
from analysis.quarters import Quarter  # noqa: E402
from analysis.report import build_report, write_files  # noqa: E402
from surveys import load_surveys  # noqa: E402


def flask(env: dict, *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "feedback_app", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def reset(url: str) -> None:
    if url.startswith("postgresql"):
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="feedback-report-bench-"))
    quarter = Quarter.containing(date.today()).previous()
    definitions = load_surveys()
    base_url = os.environ.get("DATABASE_URL")
    print(f"{'PostgreSQL' if base_url else 'SQLite'}: report for {quarter}", flush=True)
    print(
        f"{'responses':>10} {'floor s':>8} {'report s':>9} {'ratio':>6} {'s per 100k':>11} "
        f"{'view s':>7} {'view KB':>8}",
        flush=True,
    )
    for size in args.sizes:
        url = base_url or f"sqlite:///{workdir / f'bench-{size}.db'}"
        reset(url)
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "FEEDBACK_ENV": "development",
            "PYTHONPATH": str(ROOT),
        }
        flask(env, "init-db")
        flask(env, "demo-data", "--responses", str(size), "--seed", "1")
        engine = create_engine(url)
        # The report's five quarters, as the report reads them: UK days in UTC.
        window = clock.days_range(
            quarter.previous().previous().previous().previous().start, quarter.end
        )
        began = time.perf_counter()
        with engine.connect() as connection:
            for statement in (
                "SELECT * FROM response WHERE submitted_at >= :s AND submitted_at < :e",
                "SELECT a.* FROM answer a JOIN response r ON r.id = a.response_id "
                "WHERE r.submitted_at >= :s AND r.submitted_at < :e",
            ):
                connection.execute(text(statement), {"s": window.start, "e": window.end}).all()
        floor = time.perf_counter() - began
        began = time.perf_counter()
        write_files(build_report(engine, definitions, quarter), workdir / f"report-{size}")
        report = time.perf_counter() - began
        engine.dispose()
        view, size_kb = stored_view(url, quarter)
        print(
            f"{size:>10,} {floor:>8.2f} {report:>9.2f} {report / floor:>6.1f} "
            f"{report / size * 100_000:>11.2f} {view:>7.3f} {size_kb:>8.0f}",
            flush=True,
        )


def stored_view(url: str, quarter: Quarter) -> tuple[float, float]:
    """Build the stored copy once, then time leadership's view of it (best of three)."""
    from feedback_app import create_app, db
    from feedback_app.services import accounts, report_snapshots

    app = create_app(
        {
            "DATABASE_URL": url,
            "FEEDBACK_ENV": "development",
            "SECRET_KEY": "bench",
            "REPORT_PDF": False,
            "REPORT_BACKGROUND": False,
            "RATELIMIT_ENABLED": False,
            "WTF_CSRF_ENABLED": False,
        }
    )
    with app.app_context():
        with db.transaction() as session:
            user = accounts.create_user(
                session, "bench-lead@example.org", "Bench", "bench-password-long", {"leadership"}
            )
            snapshot_id = report_snapshots.request(session, user, quarter, None).id
        report_snapshots.build(snapshot_id)
    client = app.test_client()
    client.post(
        "/staff/login", data={"email": "bench-lead@example.org", "password": "bench-password-long"}
    )
    times = []
    for _ in range(3):
        began = time.perf_counter()
        page = client.get(f"/staff/reports/view?quarter={quarter}")
        times.append(time.perf_counter() - began)
        assert page.status_code == 200, page.status_code
    return min(times), len(page.data) / 1024


if __name__ == "__main__":
    main()
