"""Real-browser fixtures: the app on a live local server, driven by Debian's headless Chromium.

Pages are discovered from the app's URL map, so a new page is checked without editing a test.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass

import pytest

from analysis.clock import today
from analysis.quarters import Quarter
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
NOT_PAGES = {
    "static",
    "public.health",
    "public.qr_image_png",
    "public.qr_image_svg",
    "public.board_qr",
    "staff.action_summary_xlsx",
    "staff.response_rates_template_csv",  # the upload template, a file
    "staff.response_rates_template_xlsx",
    "staff.report_download",
    "staff.export_file",  # a finished export's file, a download
    "staff.report_pdf",  # a PDF file, checked by its own test
    "report_plotly",  # plotly.js, served as a cached file
    "identity.stylesheet",  # the service's colours, a stylesheet every page loads
    "identity.favicon",
    "staff.job_status",  # JSON for the job page's script
}
# Pages that need a choice in the query string: the quarter the seeded records fall in.
QUERIES = {"staff.report_view": lambda: f"quarter={Quarter.containing(today())}"}


@dataclass(frozen=True)
class PageToCheck:
    """A page found in the URL map: fixed arguments now, record ids once data is seeded."""

    endpoint: str
    rule: str
    fixed: tuple[tuple[str, str], ...]
    id_arguments: tuple[str, ...]
    role: str | None  # the role to sign in with, for staff pages

    @property
    def label(self) -> str:
        path = self.rule
        for name, value in self.fixed:
            path = path.replace(f"<{name}>", value)
        return path

    def path(self, app, seeded: dict) -> str:
        from flask import url_for

        with app.test_request_context():
            values = dict(self.fixed) | {name: seeded[name] for name in self.id_arguments}
            url = url_for(self.endpoint, **values)
        return f"{url}?{QUERIES[self.endpoint]()}" if self.endpoint in QUERIES else url


def discover_pages() -> list[PageToCheck]:
    """Every GET page in the URL map; staff pages are visited signed in with a role they allow."""
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
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint in NOT_PAGES or "GET" not in (rule.methods or ()):
            continue
        roles = getattr(app.view_functions[rule.endpoint], "required_roles", None)
        role = None if roles is None else (sorted(roles)[0] if roles else "admin")
        fixed_names = sorted(a for a in rule.arguments if a in arguments)
        id_names = tuple(sorted(a for a in rule.arguments if a not in arguments))
        combos: list[dict] = [{}]
        for name in fixed_names:
            combos = [{**c, name: value} for c in combos for value in arguments[name]]
        for values in combos:
            pages.append(
                PageToCheck(rule.endpoint, rule.rule, tuple(sorted(values.items())), id_names, role)
            )
    return pages


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "page_to_check" in metafunc.fixturenames:
        pages = discover_pages()
        metafunc.parametrize("page_to_check", pages, ids=[p.label for p in pages])
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
def seeded(app) -> dict:
    """Data the discovered pages need: a QR source with a known code, a user for each role,
    a Tell us complaint with a safeguarding flag, and a paper form typed in."""
    from tests.staff_helpers import seed_staff_records

    with app.app_context():
        with db.transaction() as session:
            version = current_version(session, all_definitions()["working-with-us"])
            create_source(
                session,
                version.survey,
                "Poster in the Shrewsbury office",
                team=team_by_slug(session, "shropshire"),
                office="Shrewsbury",
                code=SEED_SOURCE_CODE,
            )
        users, ids = seed_staff_records()
        return {"users": {role: user.email for role, user in users.items()}, **ids}


@pytest.fixture
def new_page(browser, live_server):
    """Open pages in fresh browser contexts; every request made is recorded on the page."""
    contexts = []

    def opener(viewport=VIEWPORTS["phone"], sign_in_as: str | None = None, **options):
        context = browser.new_context(viewport=viewport, base_url=live_server, **options)
        contexts.append(context)
        page = context.new_page()
        if sign_in_as:
            # Sign in through the context's own HTTP client: its cookies are the page's.
            import re

            from tests.staff_helpers import PASSWORD

            form = context.request.get("/staff/login").text()
            token = re.search(r'name="csrf_token" value="([^"]+)"', form)[1]
            signed_in = context.request.post(
                "/staff/login",
                form={"csrf_token": token, "email": sign_in_as, "password": PASSWORD},
                max_redirects=0,
            )
            assert signed_in.status == 302, f"could not sign in as {sign_in_as}"
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
