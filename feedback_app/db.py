"""The database engine and a request-scoped session, bound to the app in the factory."""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import cast
from weakref import WeakSet

from flask import Flask, current_app
from flask.ctx import AppContext
from flask.globals import app_ctx
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, scoped_session, sessionmaker
from werkzeug.local import LocalProxy


def init_app(app: Flask) -> None:
    url = app.config["DATABASE_URL"]
    # Parameters are what people typed: never in a log or an error message.
    options: dict = {
        "echo": app.config.get("SQL_ECHO", False),
        "future": True,
        "hide_parameters": True,
    }
    busy_timeout = float(app.config.get("DATABASE_BUSY_TIMEOUT", 30))
    if url.startswith("sqlite"):
        options["connect_args"] = {"timeout": busy_timeout}
    else:
        # A connection broken by a database restart is replaced before use, not handed out.
        options["pool_pre_ping"] = True
    engine = create_engine(url, **options)
    _ENGINES.add(engine)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas(busy_timeout))
        if engine.url.database and engine.url.database != ":memory:":
            app.extensions["db_write_queue"] = WriteQueue(engine.url.database, busy_timeout)
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    app.extensions["db_engine"] = engine
    # One session per app context (each request, command or test block gets its own).
    app.extensions["db_session"] = scoped_session(factory, scopefunc=_app_context_id)

    @app.teardown_appcontext
    def remove_session(_exc: BaseException | None) -> None:
        app.extensions["db_session"].remove()


_ENGINES: WeakSet[Engine] = WeakSet()  # the engines this process made, for after_fork()


def after_fork() -> None:
    """In a process forked from one that had already connected (gunicorn's preload): drop the
    inherited connections without closing them, which would close the parent's too."""
    for engine in _ENGINES:
        engine.dispose(close=False)


def _app_context_id() -> int:
    return id(cast("LocalProxy[AppContext]", app_ctx)._get_current_object())


def _sqlite_pragmas(busy_timeout: float):
    def on_connect(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        # WAL lets readers work while one worker writes; busy_timeout waits, then fails.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        cursor.close()

    return on_connect


def engine() -> Engine:
    return current_app.extensions["db_engine"]


def session() -> Session:
    return current_app.extensions["db_session"]()


@contextmanager
def transaction() -> Iterator[Session]:
    """Commit on success, roll back on any error: the one place writes are committed."""
    db = session()
    queue: WriteQueue | None = current_app.extensions.get("db_write_queue")  # SQLite's only
    with queue.held() if queue else nullcontext():
        try:
            yield db
            db.commit()
        except BaseException:
            db.rollback()
            raise


class WriteQueue:
    """SQLite lets one transaction write at a time, and one that finds the database locked
    sleeps and asks again, every 100 ms once it has waited a while: the database stood free
    while every waiter slept, and under load forms queued behind sleeping writers.
    Transactions take this lock file first instead (each thread and each process in turn),
    asking every millisecond, so the next one starts as soon as the last has committed.
    By hand: an flock is two system calls, where the filelock library took 0.2 ms each time.
    """

    def __init__(self, database: str, timeout: float) -> None:
        self.path = f"{database}.write-lock"
        self.timeout = timeout
        self._mine = threading.local()  # this thread's file, opened in this process, and depth

    @contextmanager
    def held(self) -> Iterator[None]:
        mine = self._mine
        if getattr(mine, "pid", None) != os.getpid():  # first use here, or forked since
            if getattr(mine, "file", None) is not None:
                mine.file.close()  # the parent's copy: its lock stays the parent's
            mine.pid, mine.file, mine.depth = os.getpid(), open(self.path, "ab"), 0  # noqa: SIM115
        if mine.depth == 0:
            self._take(mine.file.fileno())
        mine.depth += 1
        try:
            yield
        finally:
            mine.depth -= 1
            if mine.depth == 0:
                fcntl.flock(mine.file.fileno(), fcntl.LOCK_UN)

    def _take(self, fd: int) -> None:
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() > deadline:  # as SQLite's own wait ends: "try again"
                    raise OperationalError(
                        "BEGIN", None, TimeoutError("database is locked")
                    ) from None
                time.sleep(0.001)


class PublicWrites:
    """Forms being stored right now in this process, so background work here can step aside.

    SQLite lets one transaction write at a time, and a waiting form only asks again every
    100 ms or so; an import between chunks (in the same process, as under `make run`, whose
    job worker is a thread) waits until the forms it can see are stored, for a while at most.
    """

    def __init__(self) -> None:
        self._count = 0
        self._changed = threading.Condition()

    @contextmanager
    def storing(self) -> Iterator[None]:
        with self._changed:
            self._count += 1
        try:
            yield
        finally:
            with self._changed:
                self._count -= 1
                self._changed.notify_all()

    def wait_until_stored(self, at_most: float) -> None:
        with self._changed:
            self._changed.wait_for(lambda: self._count == 0, timeout=at_most)


public_writes = PublicWrites()
