"""Settings, read from the environment; see the README's configuration section."""

from __future__ import annotations

import os
import re
import secrets
from datetime import timedelta
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    """The app cannot start safely with the settings it was given."""


ENVIRONMENT_SETTINGS = {
    "FEEDBACK_ENV": str,
    "SECRET_KEY": str,
    "DATABASE_URL": str,
    "PUBLIC_BASE_URL": str,
    "SURVEYS_DIR": str,
    # memory:// counts per process; with several workers use redis:// or memcached://.
    "RATELIMIT_STORAGE_URI": str,
    "PUBLIC_SUBMIT_LIMIT": str,
    "LOGIN_LIMIT": str,
    "LOGIN_ACCOUNT_LIMIT": str,
    "TRUSTED_PROXY_COUNT": int,
    # Empty: a SQLite queue in instance/ and a worker thread in the web process.
    "JOBS_BROKER": str,
    "JOBS_WORKER": str,
    "TEXT_SCORING_DELAY": float,
}
# Written by `make run` into instance/, so the README's `flask --app feedback_app ...` commands
# work in a development checkout with no variables set. Read only by create_app() called with
# no settings (the CLI, a server), never by tests, which pass their own.
INSTANCE_CONFIG = "config.py"


def settings_from_environment() -> dict:
    """The settings given as environment variables: they win over the instance file."""
    return {
        name: kind(os.environ[name])
        for name, kind in ENVIRONMENT_SETTINGS.items()
        if name in os.environ
    }


def write_development_config(instance_path: Path, base_url: str) -> Path:
    """Write instance/config.py for a development checkout: a random SECRET_KEY that stays,
    development mode, and the address the local server is reached at, brought up to date on
    each `make run` (so `make run PORT=5001` makes `list-sources` print links to port 5001)."""
    path = instance_path / INSTANCE_CONFIG
    address = f"PUBLIC_BASE_URL = {base_url.rstrip('/')!r}"
    if path.exists():
        text = path.read_text(encoding="utf-8")
        updated, found = re.subn(r"^PUBLIC_BASE_URL = .*$", lambda _: address, text, flags=re.M)
        if not found:
            updated = text.rstrip("\n") + "\n" + address + "\n"
        if updated != text:
            path.write_text(updated, encoding="utf-8")
        return path
    instance_path.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "# Written by `make run` for this development checkout. Never use it in production:\n"
        "# there, set SECRET_KEY and the other settings as environment variables.\n"
        'FEEDBACK_ENV = "development"\n'
        f'SECRET_KEY = "{secrets.token_hex(32)}"\n'
        f"{address}\n",
        encoding="utf-8",
    )
    path.chmod(0o600)
    return path


DEFAULTS: dict = {
    "FEEDBACK_ENV": "production",
    "SECRET_KEY": None,
    "DATABASE_URL": None,
    "PUBLIC_BASE_URL": "http://127.0.0.1:5000",
    "SURVEYS_DIR": str(PROJECT_ROOT / "surveys"),
    "RATELIMIT_STORAGE_URI": "memory://",
    "PUBLIC_SUBMIT_LIMIT": "30 per minute;300 per hour",
    "LOGIN_LIMIT": "10 per minute;50 per hour",
    "LOGIN_ACCOUNT_LIMIT": "5 per 15 minutes",
    "TRUSTED_PROXY_COUNT": 0,
    "JOBS_BROKER": "",
    "JOBS_WORKER": "",
    # A public form's sentiment and themes are scored by a job, for all the forms of this many
    # seconds at once (jobs/text_scoring); 0 queues one job per form.
    "TEXT_SCORING_DELAY": 1.0,
    # A child may take a long time over the form: keep the CSRF token valid for the session.
    "WTF_CSRF_TIME_LIMIT": None,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
    "IMPORT_MAX_BYTES": 25 * 1024 * 1024,  # an uploaded export may be this large
    # An export of more responses than this is made by a background job, not in the request.
    "EXPORT_INLINE_RESPONSES": 5000,
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
                "`python3 -c 'import secrets; print(secrets.token_hex(32))'`); on a "
                "development machine run `make run` once, or set FEEDBACK_ENV=development."
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


def main() -> None:
    """`make run`: python -c 'from feedback_app.config import main; main()' http://127.0.0.1:5000
    (not `python -m`, which would run this module a second time after the package imported it)."""
    import sys

    written = write_development_config(PROJECT_ROOT / "instance", sys.argv[1])
    print(f"Development settings: {written.relative_to(PROJECT_ROOT)}")
