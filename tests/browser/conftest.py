"""Real-browser fixtures: the app on a live local server, driven by Debian's headless Chromium.

Pages are discovered from the app's URL map, so a new page is checked without editing a test.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass

import pytest

from feedback_app import create_app, db
from feedback_app.services.sources import create_source
from feedback_app.services.surveys import current_version
from feedback_app.services.teams import team_by_slug
from feedback_app.surveys_registry import all_definitions

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORTS = {"phone": {"width": 320, "height": 640}, "desktop": {"width": 1280, "height": 800}}
SEED_SOURCE_CODE = "browser-poster"
# Values for route arguments, so every page that takes one is still visited.
SEED_ARGUMENTS = {"code": [SEED_SOURCE_CODE]}
NOT_PAGES = {"static", "public.health", "public.qr_image_png", "public.qr_image_svg"}


@dataclass(frozen=True)
class PageToCheck:
    endpoint: str
    path: str

    def __str__(self) -> str:
        return self.path


def discover_pages() -> list[PageToCheck]:
    """Every GET page in the URL map, with route arguments filled from seeded data."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "DATABASE_URL": "sqlite://",
            "RATELIMIT_ENABLED": False,
        }
    )
    arguments = {**SEED_ARGUMENTS, "slug": sorted(app.extensions["surveys"])}
    pages = []
    with app.test_request_context():
        from flask import url_for

        for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
            if rule.endpoint in NOT_PAGES or "GET" not in (rule.methods or ()):
                continue
            combos: list[dict] = [{}]
            for name in sorted(rule.arguments):
                combos = [{**c, name: value} for c in combos for value in arguments[name]]
            for values in combos:
                pages.append(PageToCheck(rule.endpoint, url_for(rule.endpoint, **values)))
    return pages


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "page_to_check" in metafunc.fixturenames:
        pages = discover_pages()
        metafunc.parametrize("page_to_check", pages, ids=[p.path for p in pages])
    if "viewport" in metafunc.fixturenames:
        metafunc.parametrize("viewport", list(VIEWPORTS.values()), ids=list(VIEWPORTS))


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture(autouse=True)
def seeded(app) -> None:
    """Data the discovered pages need: a QR source with a known code."""
    with app.app_context(), db.transaction() as session:
        version = current_version(session, all_definitions()["working-with-us"])
        create_source(
            session,
            version.survey,
            "Poster in the Shrewsbury office",
            team=team_by_slug(session, "shropshire"),
            office="Shrewsbury",
            code=SEED_SOURCE_CODE,
        )


@pytest.fixture
def new_page(browser, live_server):
    """Open pages in fresh browser contexts; every request made is recorded on the page."""
    contexts = []

    def opener(viewport=VIEWPORTS["phone"], **options):
        context = browser.new_context(viewport=viewport, base_url=live_server, **options)
        contexts.append(context)
        page = context.new_page()
        page.requests = []
        page.console_errors = []
        page.on("request", lambda request: page.requests.append(request.url))
        page.on(
            "console",
            lambda message: (
                page.console_errors.append(message.text) if message.type == "error" else None
            ),
        )
        return page

    yield opener
    for context in contexts:
        context.close()
