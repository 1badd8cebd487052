"""Fixtures: an app on a real, migrated database (SQLite, or PostgreSQL via DATABASE_URL)."""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, delete, text
from sqlalchemy.orm import Session
from werkzeug.serving import make_server

from feedback_app import create_app, db, migrate
from feedback_app.models import Base
from feedback_app.services import accounts
from feedback_app.services.teams import seed_teams
from surveys import load_surveys

# An obviously wrong public address: anything that leaks it into the outside world fails loudly.
PUBLIC_BASE_URL = "https://feedback.test.invalid"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    if url.startswith(("postgres://", "postgresql://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


@pytest.fixture(scope="session")
def migrated_database(database_url: str) -> str:
    """Build the test schema by running the migrations, from an empty database."""
    engine = create_engine(database_url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    migrate.upgrade(engine)
    engine.dispose()
    return database_url


@pytest.fixture(scope="session")
def make_app(migrated_database: str, tmp_path_factory: pytest.TempPathFactory):
    """Build an app on the test database; keyword arguments override settings."""

    def factory(**overrides) -> Flask:
        config = {
            "TESTING": True,
            "FEEDBACK_ENV": "testing",
            "SECRET_KEY": "test-secret-key-not-for-production",
            "DATABASE_URL": migrated_database,
            "PUBLIC_BASE_URL": PUBLIC_BASE_URL,
            "RATELIMIT_ENABLED": False,
            "JOBS_BROKER": "immediate",  # a job runs as it is queued, in the test's thread
            "REPORT_PDF": False,
            "REPORT_BACKGROUND": False,
            **overrides,
        }
        return create_app(config)

    return factory


@pytest.fixture(scope="session")
def app(make_app) -> Flask:
    return make_app()


@pytest.fixture(autouse=True)
def clean_database(app: Flask) -> Iterator[None]:
    """Every test starts with only the service's teams in the database."""
    with app.app_context():
        _empty_tables(app)
        with db.transaction() as session:
            seed_teams(session)
    yield
    with app.app_context():
        db.session().rollback()
        _empty_tables(app)


def _empty_tables(app: Flask) -> None:
    with db.engine().begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(delete(table))
    # The app keeps survey version ids read once (versions are never removed, but here).
    app.extensions.pop("version_ids", None)


@pytest.fixture(autouse=True)
def fast_password_hashes(request, monkeypatch) -> None:
    """Staff passwords made in tests are hashed with one round of PBKDF2, not the production
    scrypt (0.15 s of CPU per hash and per sign-in, hundreds of times a run). Checking reads
    the method from the stored hash, so sign-in works the same; a test of the hashing itself
    is marked `real_password_hash` and keeps the production one."""
    if request.node.get_closest_marker("real_password_hash") is None:
        monkeypatch.setattr(accounts, "HASH_METHOD", "pbkdf2:sha256:1")


@pytest.fixture(autouse=True)
def staff_survey_open(monkeypatch) -> None:
    """Tests run on any day: the staff survey's window counts today as inside it, unless a
    test about the window sets the day itself."""
    from feedback_app.services import survey_windows

    window = survey_windows.survey_window(definitions()["staff-survey"])
    monkeypatch.setattr(survey_windows, "today", lambda: window.opens_on)


@pytest.fixture(scope="session")
def live_server(app: Flask) -> Iterator[str]:
    """The test app served on a free local port, in a thread, for browsers and load."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def signed_in(app: Flask, client: FlaskClient):
    """`signed_in("champion")` makes a staff user with that role (or roles), signs the test's
    `client` in as them and returns the user."""
    from tests.staff_helpers import login, make_user

    def sign_in(role_or_roles, email: str | None = None):
        with app.app_context():
            user = make_user(role_or_roles, email)
        assert login(client, user.email).status_code == 302
        return user

    return sign_in


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


@pytest.fixture
def session(app: Flask) -> Iterator[Session]:
    """A database session of the test's own, outside any app context, so each request the
    test makes runs in its own context exactly as in production."""
    with app.app_context():
        engine = db.engine()
    with Session(engine, expire_on_commit=False) as own:
        yield own
        own.rollback()


def definitions():
    """The survey definitions, without needing an app context."""
    if not _definitions:
        _definitions.update(load_surveys())
    return _definitions


_definitions: dict = {}


def page(response) -> BeautifulSoup:
    """Parse a page and check the markup every page must get right."""
    assert response.mimetype == "text/html"
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    h1s = soup.find_all("h1")
    assert len(h1s) == 1, f"expected one h1, found {len(h1s)}"
    title = soup.title.get_text(strip=True).removeprefix("Error: ").removeprefix("Błąd: ")
    heading = " ".join(h1s[0].get_text().split())
    assert title.startswith(heading), f"title '{title}' does not start with h1 '{heading}'"
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)), (
        f"duplicate ids: {sorted({i for i in ids if ids.count(i) > 1})}"
    )
    for field in soup.find_all(["input", "textarea", "select"]):
        if field.get("type") in {"hidden", "submit"}:
            continue
        assert field.get("id") and soup.find("label", attrs={"for": field["id"]}), (
            f"field {field.get('name')} has no label"
        )
    return soup


def form_tokens(response) -> dict[str, str]:
    """The hidden fields of the form on a page (CSRF token, form token, source)."""
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    return {
        tag["name"]: tag.get("value", "")
        for tag in soup.select("form input[type=hidden]")
        if tag.get("name")
    }


def submit_form(client: FlaskClient, url: str, answers: dict, follow: bool = False):
    """Open the form like a person would, then send it with `answers`."""
    opened = client.get(url)
    assert opened.status_code == 200, opened.status_code
    post_url = BeautifulSoup(opened.get_data(as_text=True), "html.parser").form["action"]
    data = {**form_tokens(opened), **answers}
    return client.post(post_url, data=data, follow_redirects=follow)


def text_of(soup: BeautifulSoup) -> str:
    return re.sub(r"\s+", " ", soup.get_text(" "))


TEST_SURVEYS_DIR = Path(__file__).resolve().parent.parent / "surveys"


# -- In CI nothing may be skipped quietly: a missing browser or server is a failure. ----------
_skipped: list[str] = []


def pytest_runtest_logreport(report) -> None:
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus) -> None:
    if os.environ.get("REQUIRE_ALL_TESTS") == "1" and _skipped:
        print(f"\nREQUIRE_ALL_TESTS=1 but {len(_skipped)} test(s) were skipped:")
        for nodeid in _skipped:
            print(f"  {nodeid}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_collection_modifyitems(config, items) -> None:
    """Tests marked postgres_only run in the PostgreSQL pass only, and sqlite_only in the
    SQLite pass only: deselected elsewhere (not skipped, so REQUIRE_ALL_TESTS=1 still holds)."""
    on_postgres = os.environ.get("DATABASE_URL", "").startswith(("postgres", "postgresql"))
    other = "sqlite_only" if on_postgres else "postgres_only"
    chosen = [item for item in items if other not in item.keywords]
    if len(chosen) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if other in i.keywords])
        items[:] = chosen
