"""Load and fault run: the app under gunicorn against a bare Flask + SQLAlchemy floor.

    python bench/load.py                       # SQLite (a temporary file)
    scripts/with-postgres python bench/load.py --fault   # PostgreSQL, restarted mid-run
    python bench/load.py --in-process          # CPU per open+send, in process (form_cycle)

Sends --forms Tell us forms from --clients people at once (each opens the form, then sends
it), to the real app and then to the floor app, both with --workers gunicorn workers on the
same database; prints forms per second and p50/p95/p99 latency of sending, and the ratio of
app to floor. With --fault (PostgreSQL started by scripts/with-postgres) the database is
restarted halfway and every form is checked to be stored exactly once. Loopback only; every
loop is bounded by count and by --max-seconds.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.load_client import Person  # noqa: E402  (the repository root is added just above)

ANSWERS = {"kind": "comment", "who": "child", "team": "not_sure", "reply": "no"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(
    target: str, workers: int, env: dict, pidfile: Path
) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--pid",
            str(pidfile),
            "--log-level",
            "warning",
            "--backlog",
            "512",
            target,
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/forms/tell-us", timeout=2).read()
            return process, base
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit(f"gunicorn did not start for {target}")


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def person_batch(
    args: tuple[str, int, int, str, float],
) -> list[tuple[str, bool, bool, float, int]]:
    """One client process: `threads` people sharing `count` forms."""
    base, threads, count, tag, max_seconds = args
    deadline = time.monotonic() + max_seconds
    lock = threading.Lock()
    remaining = list(range(count))
    results = []

    def worker():
        person = Person(base, timeout=30)
        while time.monotonic() < deadline:
            with lock:
                if not remaining:
                    break
                n = remaining.pop()
            message = f"{tag}-{n} the worker listened and explained things"
            started = time.perf_counter()
            outcome = person.send_form("tell-us", {**ANSWERS, "message": message}, "message")
            elapsed = time.perf_counter() - started
            results.append(
                (message, outcome.stored, outcome.answers_kept, elapsed, len(outcome.refusals))
            )
        person.close()

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return results


def run_load(
    base: str, forms: int, clients: int, processes: int, tag: str, max_seconds: float, during=None
) -> dict:
    per_process = [
        clients // processes + (1 if i < clients % processes else 0) for i in range(processes)
    ]
    shares = [forms * p // clients for p in per_process]
    shares[0] += forms - sum(shares)
    started = time.perf_counter()
    fault_thread = None
    if during is not None:
        fault_thread = threading.Thread(target=during)
        fault_thread.start()
    with ProcessPoolExecutor(processes) as pool:
        batches = list(
            pool.map(
                person_batch,
                [
                    (base, p, s, f"{tag}{i}", max_seconds)
                    for i, (p, s) in enumerate(zip(per_process, shares, strict=True))
                ],
            )
        )
    seconds = time.perf_counter() - started
    if fault_thread is not None:
        fault_thread.join()
    results = [r for batch in batches for r in batch]
    latencies = sorted(r[3] for r in results if r[1])
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 2 else [0.0] * 99
    return {
        "forms": len(results),
        "stored": sum(1 for r in results if r[1]),
        "kept": all(r[2] for r in results),
        "retried": sum(1 for r in results if r[4]),
        "messages": [r[0] for r in results if r[1]],
        "seconds": seconds,
        "rate": len(latencies) / seconds if seconds else 0.0,
        "p50": quantiles[49] * 1000,
        "p95": quantiles[94] * 1000,
        "p99": quantiles[98] * 1000,
    }


def count_stored(database_url: str, messages: list[str]) -> tuple[int, int]:
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT value_text, COUNT(*) FROM answer WHERE question_id = 'message' "
                "GROUP BY value_text"
            )
        ).all()
    engine.dispose()
    stored = dict(rows)
    missing = sum(1 for m in messages if m not in stored)
    doubled = sum(1 for count in stored.values() if count > 1)
    return missing, doubled


def wait_scored(database_url: str, messages: list[str], longest: float) -> tuple[int, float]:
    """Wait for the job that scores the forms' texts (sentiment and themes follow a public
    form in a job): how many of these messages have their signal, and the seconds it took."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    wanted = set(messages)
    started = time.perf_counter()
    scored = 0
    while True:
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT answer.value_text FROM answer JOIN text_signal "
                    "ON text_signal.answer_id = answer.id WHERE answer.question_id = 'message'"
                )
            ).scalars()
            scored = len(wanted.intersection(rows))
        waited = time.perf_counter() - started
        if scored >= len(wanted) or waited > longest:
            engine.dispose()
            return scored, waited
        time.sleep(0.25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--forms", type=int, default=10000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--client-processes", type=int, default=2)
    parser.add_argument("--max-seconds", type=float, default=600)
    parser.add_argument("--fault", action="store_true", help="restart PostgreSQL halfway")
    parser.add_argument(
        "--in-process", action="store_true", help="only the CPU cost per form (bench/form_cycle)"
    )
    args = parser.parse_args()
    if args.in_process:
        from bench import form_cycle

        forms = min(args.forms, 400)
        form_cycle.report(form_cycle.run(forms), forms)
        return
    sys.stdout.reconfigure(line_buffering=True)  # client processes fork: print before, once

    workdir = Path(tempfile.mkdtemp(prefix="feedback-bench-"))
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{workdir / 'bench.db'}"
    kind = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_hex(32),
        "FEEDBACK_ENV": "production",
        "PUBLIC_SUBMIT_LIMIT": "1000000 per minute",
        "PYTHONPATH": str(ROOT),
    }
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "feedback_app", "init-db"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )

    from sqlalchemy import create_engine

    from bench.floor_app import metadata

    engine = create_engine(database_url)
    metadata.create_all(engine)
    engine.dispose()

    print(f"{kind}: {args.forms:,} forms from {args.clients} people, gunicorn x{args.workers}")
    figures = {}
    for name, target in (
        ("floor", "bench.floor_app:create_app()"),
        ("app", "feedback_app:create_app()"),
    ):
        process, base = start_gunicorn(target, args.workers, env, workdir / f"{name}.pid")
        try:
            during = None
            if name == "app" and args.fault:
                restart = os.environ.get("FEEDBACK_TEST_PG_RESTART")
                if not restart:
                    raise SystemExit(
                        "--fault needs scripts/with-postgres (FEEDBACK_TEST_PG_RESTART)"
                    )

                def during(restart=restart):
                    time.sleep(3)
                    subprocess.run(  # noqa: S602  (the command scripts/with-postgres gave)
                        restart,
                        shell=True,
                        check=True,
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL,
                    )

            figures[name] = run_load(
                base,
                args.forms,
                args.clients,
                args.client_processes,
                f"{name}-",
                args.max_seconds,
                during,
            )
            if name == "app":
                figures["scored"] = wait_scored(
                    database_url, figures["app"]["messages"], args.max_seconds
                )
        finally:
            stop(process)
        f = figures[name]
        print(
            f"  {name:5}  {f['rate']:7.1f} forms/s   p50 {f['p50']:6.1f} ms"
            f"   p95 {f['p95']:6.1f} ms   p99 {f['p99']:6.1f} ms"
            f"   ({f['stored']:,} of {f['forms']:,} sent in {f['seconds']:.1f} s)"
        )
    ratio = figures["app"]["rate"] / figures["floor"]["rate"] if figures["floor"]["rate"] else 0
    print(f"  app throughput is {ratio:.0%} of the floor")
    scored, waited = figures["scored"]
    print(
        f"  texts scored by the job (sentiment, themes): {scored:,} of "
        f"{figures['app']['stored']:,}, all {waited:.1f} s after the last form was sent"
    )
    missing, doubled = count_stored(database_url, figures["app"]["messages"])
    print(
        f"  people asked to try again: {figures['app']['retried']}, answers kept on every "
        f"retry page: {figures['app']['kept']}; lost: {missing}; doubled: {doubled}"
    )
    if missing or doubled or not figures["app"]["kept"] or scored < figures["app"]["stored"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
