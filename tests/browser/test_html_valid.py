"""Every page the browser tests visit is valid HTML: html-validate's `standard` preset (the npm
package pinned in package.json, installed by `npm ci`) over the pages as the server sends them,
plus the states a page only reaches after a post (a form showing its errors, a thank-you page).

The pages are fetched with the test client (the HTML is the server's, not the browser's repaired
DOM) and checked in one run of the validator, so the check costs seconds, not a node per page."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.answers import VALID_ANSWERS
from tests.browser.conftest import discover_pages
from tests.staff_helpers import csrf_for, login

pytestmark = pytest.mark.pages

ROOT = Path(__file__).resolve().parents[2]
VALIDATOR = ROOT / "node_modules" / ".bin" / "html-validate"


def _validator() -> str:
    found = VALIDATOR if VALIDATOR.exists() else shutil.which("html-validate")
    if not found:
        pytest.skip("html-validate is not installed: run `npm ci` (make test does)")
    return str(found)


def _fetch_every_page(app, seeded) -> dict[str, str]:
    """The HTML of each discovered page, signed in with a role the page allows."""
    pages: dict[str, str] = {}
    clients: dict[str | None, object] = {}
    for page in discover_pages():
        if page.role not in clients:
            clients[page.role] = client = app.test_client()
            if page.role:
                login(client, seeded["users"][page.role])
        response = clients[page.role].get(page.path(app, seeded), follow_redirects=True)
        assert response.status_code == 200, f"{page.label}: {response.status_code}"
        if response.mimetype == "text/html":
            pages[page.label] = response.get_data(as_text=True)
    return pages


def _after_a_post(app) -> dict[str, str]:
    client = app.test_client()
    url = "/forms/working-with-us"
    errors = client.post(url, data={"csrf_token": csrf_for(client, url)})
    thanks = client.post(
        url,
        data={"csrf_token": csrf_for(client, url), **VALID_ANSWERS["working-with-us"]},
        follow_redirects=True,
    )
    assert b"error-summary" in errors.data and thanks.status_code == 200
    states = {
        "form showing errors": errors.get_data(as_text=True),
        "thank-you page": thanks.get_data(as_text=True),
    }
    for slug in ("working-with-us", "panel-feedback", "parent-carer", "victim-satisfaction"):
        for path in (f"/forms/{slug}?easy=1", f"/forms/{slug}/thanks?easy=1"):
            shown = client.get(path)
            assert shown.status_code == 200, path
            states[f"Easy Read {path}"] = shown.get_data(as_text=True)
    return states


def _problems(validator: str, pages: dict[str, str], folder: Path) -> list[str]:
    files = {}
    for number, (label, html) in enumerate(sorted(pages.items())):
        path = folder / f"page-{number:03}.html"
        path.write_text(html, encoding="utf-8")
        files[str(path)] = label
    result = subprocess.run(
        [validator, "--config", str(ROOT / ".htmlvalidate.json"), "--formatter", "json", *files],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )
    if result.returncode not in (0, 1) or not result.stdout.strip():
        pytest.fail(f"html-validate did not run: {result.stderr[-2000:]}")
    return [
        f"{files[report['filePath']]}:{message['line']}: {message['message']} ({message['ruleId']})"
        for report in json.loads(result.stdout)
        for message in report["messages"]
    ]


def test_every_page_is_valid_html(app, seeded, tmp_path):
    validator = _validator()
    pages = _fetch_every_page(app, seeded) | _after_a_post(app)
    assert len(pages) > 40, "the page discovery found too few pages"
    assert _problems(validator, pages, tmp_path) == []


def test_the_validator_reports_a_real_problem(tmp_path):
    """The check can fail: a form with an empty action and a duplicate id is reported."""
    broken = (
        '<!doctype html><html lang="en"><head><title>t</title></head><body>'
        '<form action="" method="post"><p id="a">x</p><p id="a">y</p></form></body></html>'
    )
    problems = _problems(_validator(), {"broken": broken}, tmp_path)
    assert any("no-dup-id" in p for p in problems)
    assert any("action" in p for p in problems)
