"""Rate limits and proxy trust: keep the public forms open to people and closed to floods."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import cast

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface
from flask.typing import RouteCallable
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from itsdangerous import URLSafeTimedSerializer
from limits.storage import MemoryStorage
from werkzeug.middleware.proxy_fix import ProxyFix

# Endpoint -> setting that holds its limit. A whole class on school wifi shares one address,
# so public limits are generous; they stop floods, not people.
RATE_LIMITED_ENDPOINTS = {
    "public.survey_form": "PUBLIC_SUBMIT_LIMIT",
    "staff.login": "LOGIN_LIMIT",
}


class KeptSerializerSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, with the signing serializer made once per key rather
    than on every request (every form opened and sent reads the session)."""

    def __init__(self) -> None:
        self._kept: tuple[tuple, URLSafeTimedSerializer | None] | None = None

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        kept = self._kept
        if kept is None or kept[0] != keys:
            kept = self._kept = (keys, super().get_signing_serializer(app))
        return kept[1]


class QuietMemoryStorage(MemoryStorage):
    """limits' in-process counts, clearing old entries at most once a second. The original
    starts a new thread 10 ms after every hit to clear them, which under load is a thread
    started for nearly every form sent. Counting is unchanged: a hit reads entries' expiry
    times itself, so clearing them is only about memory."""

    STORAGE_SCHEME = ["feedback-memory"]
    EVERY = 1.0  # seconds between clearings

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: str):
        self._next_clearing = 0.0
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    def _MemoryStorage__schedule_expiry(self) -> None:  # the base class's private hook
        now = time.monotonic()
        if now < self._next_clearing or self.timer.is_alive():
            return
        self._next_clearing = now + self.EVERY
        clear = getattr(self, "_MemoryStorage__expire_events")  # noqa: B009  (private to limits)
        self.timer = threading.Timer(self.EVERY, clear)
        self.timer.daemon = True
        self.timer.start()


def _storage_uri(app: Flask) -> str:
    uri = app.config["RATELIMIT_STORAGE_URI"]
    return "feedback-memory://" if uri.startswith("memory://") else uri


def init_app(app: Flask) -> None:
    app.session_interface = KeptSerializerSessions()
    proxies = int(app.config.get("TRUSTED_PROXY_COUNT", 0))
    if proxies:
        # Behind a load balancer the client's address is in X-Forwarded-For.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]  # Flask's documented way
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies
        )

    limiter = Limiter(
        get_remote_address,
        app=app,
        storage_uri=_storage_uri(app),
        default_limits=[],
        strategy="moving-window",
    )
    app.extensions["rate_limiter"] = limiter
    # Every limit here is on one view's POST (below), none on the app as a whole: the
    # limiter's pass before every request would resolve, for each page and file, that
    # there is nothing to count. Taken out while no app-wide limit is set (RATELIMIT_DEFAULT,
    # RATELIMIT_APPLICATION, RATELIMIT_META, an in-memory fallback); the views' own checks
    # count as before.
    if limiter.enabled and not _app_wide_limits(limiter):
        app.before_request_funcs[None].remove(limiter._check_request_limit)
    for endpoint, setting in RATE_LIMITED_ENDPOINTS.items():
        app.view_functions[endpoint] = _wrapped(
            limiter.limit(_setting(app, setting), methods=["POST"]), app.view_functions[endpoint]
        )
    # Wrong passwords for one account from one address: slowed, whether the account exists or
    # not, and only from that address, so a stranger's guesses never lock the owner out.
    app.view_functions["staff.login"] = _wrapped(
        limiter.limit(
            _setting(app, "LOGIN_ACCOUNT_LIMIT"),
            key_func=_account_and_address,
            methods=["POST"],
            deduct_when=lambda response: response.status_code != 302,
        ),
        app.view_functions["staff.login"],
    )


def _account_and_address() -> str:
    email = " ".join(str(request.form.get("email", "")).split()).lower()
    return f"login:{email}|{get_remote_address()}"


def _setting(app: Flask, name: str) -> Callable[[], str]:
    """The limit as the app's setting says at each request (tests change it)."""
    return lambda: app.config[name]


def _app_wide_limits(limiter: Limiter) -> bool:
    manager = limiter.limit_manager
    return bool(
        manager.default_limits
        or manager.application_limits
        or limiter._meta_limits  # the limiter's own settings, read once at init_app
        or limiter._in_memory_fallback_enabled
    )


def _wrapped(limit: Callable, view: RouteCallable) -> RouteCallable:
    # The limiter wraps a plain view in a plain view; its annotations also allow async ones.
    return cast(RouteCallable, limit(view))
