"""Requests come first in a web process that also runs jobs (the in-process worker).

Python runs one thread at a time in a process: while the job thread scores a text, a child's
form waiting in the same process waits for it too. So the job waits for a quiet moment, no
request in flight and none for SETTLE seconds, before each piece of its work; under a long
rush it waits at most LONGEST each time, so its work still moves, and catches up when the
rush ends. One job waits JOB_BUDGET seconds in all at most, then works on without waiting:
the same thread runs every job of the process, and an import or a report queued behind it
should not wait minutes.
A separate worker process (`flask worker`) serves no requests: it never waits.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from flask import Flask, current_app, has_request_context

SETTLE = 0.02
LONGEST = 2.0
JOB_BUDGET = 30.0


class Foreground:
    """The requests one process is serving, counted where they enter the app. The job thread
    looks every `settle` seconds rather than being woken by each request's end, so a busy
    process pays nothing per request but a counter."""

    def __init__(self, settle: float = SETTLE, longest: float = LONGEST):
        self.settle, self.longest = settle, longest
        self._lock = threading.Lock()
        self._serving = 0
        self._last_seen = 0.0  # monotonic time a request last started or ended

    def wrap(self, wsgi_app: WSGIApplication) -> WSGIApplication:
        def counted(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
            self._count(+1)
            try:
                return wsgi_app(environ, start_response)
            finally:
                self._count(-1)

        return counted

    def _count(self, change: int) -> None:
        with self._lock:
            self._serving += change
            self._last_seen = time.monotonic()

    @property
    def serving(self) -> int:
        return self._serving

    def is_quiet(self) -> bool:
        with self._lock:
            return self._serving == 0 and time.monotonic() - self._last_seen >= self.settle

    def wait_for_quiet(self, at_most: float | None = None) -> bool:
        """Block until the process has been quiet for `settle` seconds, or `longest` (or
        `at_most`, if shorter) passed. True if it is quiet."""
        longest = self.longest if at_most is None else min(at_most, self.longest)
        deadline = time.monotonic() + longest
        while not self.is_quiet():
            if time.monotonic() >= deadline:
                return False
            time.sleep(self.settle)
        return True


def init_app(app: Flask) -> None:
    foreground = Foreground()
    app.wsgi_app = foreground.wrap(app.wsgi_app)  # type: ignore[method-assign,assignment]
    app.extensions["jobs_foreground"] = foreground


class Budget:
    """The waiting one job may still do, in seconds."""

    def __init__(self) -> None:
        self.left = JOB_BUDGET


def make_way(budget: Budget) -> None:
    """In a job: let this process's requests go first (see the module's docstring), while
    the job's budget lasts. Work done inside a request never waits: it would wait for itself."""
    foreground: Foreground | None = current_app.extensions.get("jobs_foreground")
    if foreground is None or has_request_context() or budget.left <= 0:
        return
    started = time.monotonic()
    foreground.wait_for_quiet(budget.left)
    budget.left -= time.monotonic() - started
