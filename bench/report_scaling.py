"""How the quarterly report's time grows with the data, next to a bare read of the same rows.

    python bench/report_scaling.py [--sizes 10000 100000 1000000]
    scripts/with-postgres python bench/report_scaling.py

For each size: a fresh database, demo-data, backfill-signals, then the report for the last
complete quarter, timed against a bare SELECT of the responses and answers in its window
(the floor). Prints seconds, the ratio to the floor and seconds per 100,000 responses.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402

from analysis.quarters import Quarter  # noqa: E402
from analysis.report import build_report  # noqa: E402
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
        f"{'responses':>10} {'floor s':>8} {'report s':>9} {'ratio':>6} {'s per 100k':>11}",
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
        flask(env, "backfill-signals")
        engine = create_engine(url)
        start = datetime.combine(
            quarter.previous().previous().previous().previous().start, clock.min
        )
        end = datetime.combine(quarter.end, clock.max)
        began = time.perf_counter()
        with engine.connect() as connection:
            for statement in (
                "SELECT * FROM response WHERE submitted_at BETWEEN :s AND :e",
                "SELECT a.* FROM answer a JOIN response r ON r.id = a.response_id "
                "WHERE r.submitted_at BETWEEN :s AND :e",
            ):
                connection.execute(text(statement), {"s": start, "e": end}).all()
        floor = time.perf_counter() - began
        began = time.perf_counter()
        build_report(engine, definitions, quarter, workdir / f"report-{size}")
        report = time.perf_counter() - began
        engine.dispose()
        print(
            f"{size:>10,} {floor:>8.2f} {report:>9.2f} {report / floor:>6.1f} "
            f"{report / size * 100_000:>11.2f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
