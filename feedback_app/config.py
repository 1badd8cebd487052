"""Settings, read from the environment; see the README's configuration section."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    """The app cannot start safely with the settings it was given."""


def settings_from_environment() -> dict:
    env = os.environ
    return {
        "FEEDBACK_ENV": env.get("FEEDBACK_ENV", "production"),
        "SECRET_KEY": env.get("SECRET_KEY"),
        "DATABASE_URL": env.get("DATABASE_URL"),
        "PUBLIC_BASE_URL": env.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000"),
        "SURVEYS_DIR": env.get("SURVEYS_DIR", str(PROJECT_ROOT / "surveys")),
        # memory:// counts per process; with several workers use redis:// or memcached://.
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI", "memory://"),
        "PUBLIC_SUBMIT_LIMIT": env.get("PUBLIC_SUBMIT_LIMIT", "30 per minute;300 per hour"),
        "LOGIN_LIMIT": env.get("LOGIN_LIMIT", "10 per minute;50 per hour"),
        "LOGIN_ACCOUNT_LIMIT": env.get("LOGIN_ACCOUNT_LIMIT", "5 per 15 minutes"),
        "TRUSTED_PROXY_COUNT": int(env.get("TRUSTED_PROXY_COUNT", "0")),
        # Empty: a SQLite queue in instance/ and a worker thread in the web process.
        "JOBS_BROKER": env.get("JOBS_BROKER", ""),
        "JOBS_WORKER": env.get("JOBS_WORKER", ""),
    }


DEFAULTS: dict = {
    # A child may take a long time over the form: keep the CSRF token valid for the session.
    "WTF_CSRF_TIME_LIMIT": None,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
    "IMPORT_MAX_BYTES": 25 * 1024 * 1024,  # an uploaded export may be this large
    "SQL_ECHO": False,
    # The Board PDF needs Debian's chromium and pango; tests switch it off but for one test.
    "REPORT_PDF": True,
    # Build a stored report off the request thread; tests build it in the request instead.
    "REPORT_BACKGROUND": True,
    # Shown to victims who complain; check the addresses with your police force and the CPS.
    "VICTIMS_INFORMATION": {
        "victims_code": "https://www.gov.uk/government/publications/the-code-of-practice-for-victims-of-crime",
        "cps_right_to_review": "https://www.cps.gov.uk/victims-right-review-scheme",
        "police_right_to_review": "https://www.police.uk/",
        "phso": "https://www.ombudsman.org.uk/",
        "lgsco": "https://www.lgo.org.uk/",
    },
    "SESSION_COOKIE_NAME": "feedback_session",
    "REMEMBER_COOKIE_DURATION": 0,
    # A staff session ends after a working day; public visitors' sessions end with the browser.
    "PERMANENT_SESSION_LIFETIME": timedelta(hours=9),
}


def finalise(config: dict, instance_path: Path, debug: bool) -> None:
    """Fill derived settings and refuse unsafe ones (mutates `config`)."""
    environment = config.get("FEEDBACK_ENV", "production")
    development = environment in {"development", "testing"} or debug or config.get("TESTING")
    if not config.get("DATABASE_URL"):
        instance_path.mkdir(parents=True, exist_ok=True)
        config["DATABASE_URL"] = f"sqlite:///{instance_path / 'feedback.db'}"
    config["DATABASE_URL"] = _normalise_database_url(config["DATABASE_URL"])
    if not config.get("SECRET_KEY"):
        if not development:
            raise ConfigError(
                "SECRET_KEY is not set. Set it to a long random value (for example "
                "`python -c 'import secrets; print(secrets.token_hex(32))'`), or set "
                "FEEDBACK_ENV=development on a development machine."
            )
        config["SECRET_KEY"] = _development_secret(instance_path)
    config["PUBLIC_BASE_URL"] = config["PUBLIC_BASE_URL"].rstrip("/")
    config["SESSION_COOKIE_SECURE"] = config["PUBLIC_BASE_URL"].startswith("https://")


def _normalise_database_url(url: str) -> str:
    # Hosting platforms hand out postgres:// URLs; SQLAlchemy wants the driver named.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _development_secret(instance_path: Path) -> str:
    """A random key kept in the instance folder so development sessions survive restarts."""
    instance_path.mkdir(parents=True, exist_ok=True)
    key_file = instance_path / "dev_secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()
