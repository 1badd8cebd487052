"""How the quarterly report's time grows with the data, next to a bare read of the same rows.

    python bench/report_scaling.py [--db sqlite|postgresql] [--sizes 10000 100000 1000000]
        [--spread dense|years]

For each size: `bench/fill.py`'s database of that many demo responses (made once, kept in /tmp
between runs), then the report for the last complete quarter (built, rendered and written, no
PDF), timed against a bare SELECT of the responses and answers in its window (the floor); then
the in-app view of the stored copy. Prints seconds, the ratio to the floor, seconds per 100,000
responses, and the stored view's time and page size.
"""

from __future__ import annotations

import argparse
import secrets
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
from bench import fill  # noqa: E402
from surveys import load_surveys  # noqa: E402

# A new account each run: the filled databases are kept between runs.
EMAIL, PASSWORD = f"bench-lead-{secrets.token_hex(3)}@example.org", secrets.token_urlsafe(16)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--spread", choices=tuple(fill.SPREAD_DAYS), default="dense")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="feedback-report-bench-"))
    quarter = Quarter.containing(date.today()).previous()
    definitions = load_surveys()
    print(f"{args.db} ({args.spread} above 100,000): report for {quarter}", flush=True)
    print(
        f"{'responses':>10} {'floor s':>8} {'report s':>9} {'ratio':>6} {'s per 100k':>11} "
        f"{'view s':>7} {'view KB':>8}",
        flush=True,
    )
    for size in args.sizes:
        url = fill.database(args.db, size, args.spread)
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
            user = accounts.create_user(session, EMAIL, "Bench", PASSWORD, {"leadership"})
            snapshot_id = report_snapshots.request(session, user, quarter, None).id
        report_snapshots.build(snapshot_id)
    client = app.test_client()
    client.post("/staff/login", data={"email": EMAIL, "password": PASSWORD})
    times = []
    for _ in range(3):
        began = time.perf_counter()
        page = client.get(f"/staff/reports/view?quarter={quarter}")
        times.append(time.perf_counter() - began)
        assert page.status_code == 200, page.status_code
    return min(times), len(page.data) / 1024


if __name__ == "__main__":
    main()
