"""Filled databases for the staff-side benches, made once and kept in /tmp between runs.

    python bench/fill.py --db sqlite --responses 1000000
    python bench/fill.py --db postgresql --responses 1000000 [--spread years]
    python bench/fill.py --stop-postgres

Up to 100,000 responses a database is filled the normal way: `flask demo-data --seed 19`, every
answer scored, flagged and turned into cases as it is stored. Making a million like that takes
over an hour per database on the development machine, so a larger size is that 100,000 copied
in SQL, `--responses / 100,000` times in all: copy k (1, 2, ...) of every response with its
answers, text signals and themes, safeguarding flags, Tell us cases and case notes gets new ids
(id + k x the largest id) and every date and time moved k days earlier, so the copies fill the
same quarters (`--spread dense`: a regional or national service, ten times the demo's responses
a quarter), or k x 456 days earlier (`--spread years`: one service's 12 years, each copy the
15 months before the last, as many a quarter as the demo); tokens and paper references get
a "~k" suffix to stay unique. Actions, participation, staff and the audit log are the
service's, not the responses', and are not copied. PostgreSQL gets the SQLite 100,000 copied
in by COPY (same ids), then the same SQL, then VACUUM ANALYZE, as autovacuum would do.
PostgreSQL runs from its own folder (fsync off, as in `scripts/with-postgres`) and stays up
between runs; `--stop-postgres` stops it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import Date, DateTime, Integer, create_engine, select, text  # noqa: E402

from feedback_app.models import Base  # noqa: E402

FOLDER = Path(os.environ.get("FEEDBACK_BENCH_DIR", "/tmp/board-bench"))  # noqa: S108
BASE = 100_000  # the largest size made by demo-data
PORT = int(os.environ.get("FEEDBACK_BENCH_PGPORT", "55470"))
# The response rows and what hangs off them, parents first.
COPIED = (
    "response",
    "answer",
    "text_signal",
    "text_theme",
    "safeguarding_flag",
    "tell_us_case",
    "case_note",
    "label_correction",
)
UNIQUE_TEXT = {("response", "submission_token"), ("response", "paper_reference")}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def flask_command(url: str, *args: str) -> dict:
    """How to run a `flask` command on the database at `url`: subprocess keywords."""
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "FEEDBACK_ENV": "development",
        "PYTHONPATH": str(ROOT),
    }
    command = [sys.executable, "-m", "flask", "--app", "feedback_app", *args]
    return {"args": command, "cwd": ROOT, "env": env, "text": True}


def flask(url: str, *args: str) -> str:
    """Run a `flask` command on the database at `url`; its output."""
    done = subprocess.run(**flask_command(url, *args), capture_output=True)
    if done.returncode:
        raise SystemExit(f"flask {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout + done.stderr


SPREAD_DAYS = {"dense": 1, "years": 456}  # how far each copy is moved back, per copy


def database(kind: str, size: int, spread: str = "dense") -> str:
    """The URL of a database of `kind` ("sqlite" or "postgresql") holding `size` demo responses,
    filled now if it is not there yet, and migrated to the latest schema."""
    FOLDER.mkdir(parents=True, exist_ok=True)
    name = f"{size}" if size <= BASE or spread == "dense" else f"{size}_{spread}"
    url = sqlite(size, name, spread) if kind == "sqlite" else postgresql(size, name, spread)
    flask(url, "init-db")  # a fill kept from before a new migration is brought up to date
    return url


def sqlite(size: int, name: str | None = None, spread: str = "dense") -> str:
    name = name or str(size)
    path = FOLDER / f"sqlite-{name}.db"
    url = f"sqlite:///{path}"
    done = path.with_suffix(".done")
    if done.exists():
        return url
    for stale in FOLDER.glob(f"sqlite-{name}.db*"):
        stale.unlink()
    started = time.perf_counter()
    if size <= BASE:
        flask(url, "init-db")
        flask(url, "demo-data", "--responses", str(size), "--seed", "19")
    else:
        sqlite(BASE)
        shutil.copyfile(FOLDER / f"sqlite-{BASE}.db", path)
        multiply(url, size // BASE, SPREAD_DAYS[spread])
    done.write_text(f"{size} responses, filled in {time.perf_counter() - started:.0f} s\n")
    log(f"SQLite {size:,}: {done.read_text().strip()}")
    return url


def postgresql(size: int, name: str, spread: str) -> str:
    start_postgres()
    name = f"feedback_{name}"
    url = f"postgresql+psycopg://postgres@127.0.0.1:{PORT}/{name}"
    admin = create_engine(
        f"postgresql+psycopg://postgres@127.0.0.1:{PORT}/postgres", isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as connection:
        exists = connection.scalar(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
        )
        if exists:
            engine = create_engine(url)
            with engine.connect() as db:
                marked = db.scalar(text("SELECT to_regclass('bench_fill') IS NOT NULL"))
            engine.dispose()
            if marked:
                return url
            connection.execute(text(f'DROP DATABASE "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    started = time.perf_counter()
    flask(url, "init-db")
    copy_from_sqlite(sqlite(min(size, BASE)), url)
    if size > BASE:
        multiply(url, size // BASE, SPREAD_DAYS[spread])
    engine = create_engine(url)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))  # what autovacuum does after a bulk load
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE bench_fill (note text)"))
        note = f"{size} responses, filled in {time.perf_counter() - started:.0f} s"
        connection.execute(text("INSERT INTO bench_fill VALUES (:n)"), {"n": note})
    engine.dispose()
    log(f"PostgreSQL {size:,}: {note}")
    return url


def copy_from_sqlite(source_url: str, url: str) -> None:
    """Every table of the SQLite fill into the freshly migrated PostgreSQL, ids kept."""
    source, target = create_engine(source_url), create_engine(url)
    tables = Base.metadata.sorted_tables
    with target.begin() as out:
        names = ", ".join(f'"{table.name}"' for table in tables)
        out.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        cursor = out.connection.driver_connection.cursor()
        with source.connect() as into:
            for table in tables:
                columns = ", ".join(f'"{column.name}"' for column in table.columns)
                with cursor.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy:
                    for row in into.execute(select(table)):
                        copy.write_row([as_json(value) for value in row])
        reset_sequences(out)
    source.dispose()
    target.dispose()


def as_json(value):
    from psycopg.types.json import Json

    return Json(value) if isinstance(value, (dict, list)) else value


def reset_sequences(connection) -> None:
    for table in Base.metadata.sorted_tables:
        if "id" in table.columns and isinstance(table.columns["id"].type, Integer):
            connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "  # noqa: S608
                    f'COALESCE((SELECT MAX(id) FROM "{table.name}"), 1))'
                )
            )


def multiply(url: str, times: int, step: int = 1) -> None:
    """Add `times - 1` copies of every response and what hangs off it (see the module's note)."""
    engine = create_engine(url)
    postgres = engine.dialect.name == "postgresql"
    with engine.begin() as connection:
        if postgres:  # the copies are consistent by construction: skip the FK triggers
            connection.execute(text("SET LOCAL session_replication_role = replica"))
        else:
            connection.exec_driver_sql("PRAGMA synchronous=OFF")
        offsets = {
            name: connection.scalar(text(f"SELECT COALESCE(MAX(id), 0) FROM {name}"))  # noqa: S608
            for name in COPIED
            if "id" in Base.metadata.tables[name].columns
        }
        for k in range(1, times):
            began = time.perf_counter()
            for name in COPIED:
                table = Base.metadata.tables[name]
                values = [
                    shifted(table, column, k, step, offsets, postgres) for column in table.columns
                ]
                columns = ", ".join(column.name for column in table.columns)
                connection.execute(
                    text(
                        f"INSERT INTO {name} ({columns}) SELECT {', '.join(values)} "  # noqa: S608
                        f"FROM {name} WHERE {original(table, offsets)}"
                    )
                )
            log(f"  copy {k} of {times - 1} in {time.perf_counter() - began:.0f} s")
        if postgres:
            reset_sequences(connection)
    engine.dispose()


def original(table, offsets: dict[str, int]) -> str:
    """Rows of the first 100,000 only (the copies are copied from them, not from each other)."""
    key = "id" if "id" in table.columns else "answer_id"
    owner = table.name if key == "id" else "answer"
    return f"{key} <= {offsets[owner]}"


def shifted(table, column, k: int, step: int, offsets: dict[str, int], postgres: bool) -> str:
    days = k * step
    name = column.name
    targets = {key.column.table.name for key in column.foreign_keys}
    owner = table.name if column.primary_key and name == "id" else next(iter(targets), None)
    if owner in offsets:
        return f"{name} + {k * offsets[owner]}"
    if (table.name, name) in UNIQUE_TEXT:
        return f"{name} || '~{k}'"
    if isinstance(column.type, DateTime):
        if postgres:
            return f"{name} - interval '{days} days'"
        return f"datetime({name}, '-{days} days') || substr({name}, 20)"
    if isinstance(column.type, Date):
        return f"{name} - {days}" if postgres else f"date({name}, '-{days} days')"
    return name


def start_postgres() -> None:
    """Start the bench's own PostgreSQL (made on first use) unless it is running already."""
    data = FOLDER / "pg" / "data"
    binaries = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
    root = os.getuid() == 0
    if (data / "postmaster.pid").exists():
        status = [str(binaries / "pg_ctl"), "-D", str(data), "status"]
        if root:
            status = ["su", "postgres", "-c", " ".join(f"'{part}'" for part in status)]
        if subprocess.run(status, stdout=subprocess.DEVNULL, check=False).returncode == 0:
            return  # running; a file left by a server that was killed is not

    def run(*command: str) -> None:
        line = " ".join(f"'{part}'" for part in command)
        subprocess.run(["su", "postgres", "-c", line] if root else list(command), check=True)

    if not (data / "PG_VERSION").exists():
        for sub in ("data", "sock", "log"):
            (FOLDER / "pg" / sub).mkdir(parents=True, exist_ok=True)
            if root:
                shutil.chown(FOLDER / "pg" / sub, "postgres", "postgres")
        run(str(binaries / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust")
    options = f"-c listen_addresses=127.0.0.1 -p {PORT} -k {FOLDER / 'pg' / 'sock'} -c fsync=off"
    log_file = str(FOLDER / "pg" / "log" / "server.log")
    run(str(binaries / "pg_ctl"), "-D", str(data), "-l", log_file, "-o", options, "-w", "start")
    log(f"PostgreSQL for the benches on 127.0.0.1:{PORT} ({options})")


def stop_postgres() -> None:
    data = FOLDER / "pg" / "data"
    binaries = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
    command = [str(binaries / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"]
    if os.getuid() == 0:
        command = ["su", "postgres", "-c", " ".join(command)]
    subprocess.run(command, check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--responses", type=int, default=BASE)
    parser.add_argument("--spread", choices=tuple(SPREAD_DAYS), default="dense")
    parser.add_argument("--stop-postgres", action="store_true")
    options = parser.parse_args()
    if options.stop_postgres:
        stop_postgres()
        return
    if options.responses > BASE and options.responses % BASE:
        parser.error(f"above {BASE:,}, --responses must be a multiple of {BASE:,}")
    print(database(options.db, options.responses, options.spread))


if __name__ == "__main__":
    main()
