"""Every page, at phone and desktop sizes, in a real browser: axe-core finds no WCAG 2.2 A/AA
violation, nothing is requested from a third party, the content security policy holds, and
at 320 px the page still fits with text at 200%."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import axe_playwright_python
import pytest

pytestmark = pytest.mark.browser

AXE_SCRIPT = Path(axe_playwright_python.__file__).parent / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@cache
def axe_source() -> str:
    return AXE_SCRIPT.read_text(encoding="utf-8")


def axe_violations(page) -> list[str]:
    # Evaluated through the DevTools protocol, so the page's own CSP stays in force.
    page.evaluate(axe_source())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:3])
        for v in result["violations"]
    ]


def sideways_overflow(page) -> int:
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_page_in_a_real_browser(new_page, app, seeded, live_server, page_to_check, viewport):
    role = page_to_check.role
    page = new_page(viewport=viewport, sign_in_as=seeded["users"][role] if role else None)
    response = page.goto(page_to_check.path(app, seeded))
    assert response.status == 200, f"{page_to_check.label}: {response.status}"
    page.wait_for_load_state("networkidle")

    outside = [url for url in page.requests if not url.startswith((live_server, "data:"))]
    assert outside == [], "requests to another site"
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []
    if viewport["width"] == 320:
        assert sideways_overflow(page) <= 0
        page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
        assert sideways_overflow(page) <= 0, "text at 200% makes the page scroll sideways"
        page.evaluate("() => { document.documentElement.style.fontSize = ''; }")
    assert axe_violations(page) == []


def test_axe_finds_no_violations_on_a_form_showing_errors(new_page, viewport):
    page = new_page(viewport=viewport)
    page.goto("/forms/working-with-us")
    page.click("#submit")
    page.wait_for_selector(".error-summary")
    assert axe_violations(page) == []
