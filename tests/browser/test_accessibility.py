"""Every page, at phone and desktop sizes, in a real browser: axe-core finds no WCAG 2.2 A/AA
violation, nothing is requested from a third party, and the content security policy holds."""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python
import pytest

pytestmark = pytest.mark.browser

AXE_SCRIPT = Path(axe_playwright_python.__file__).parent / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:3])
        for v in result["violations"]
    ]


def test_axe_finds_no_violations(new_page, page_to_check, viewport):
    # bypass_csp only lets the test inject axe; the CSP itself is checked below.
    page = new_page(viewport=viewport, bypass_csp=True)
    page.goto(page_to_check.path)
    assert axe_violations(page) == []


def test_axe_finds_no_violations_on_a_form_showing_errors(new_page, viewport):
    page = new_page(viewport=viewport, bypass_csp=True)
    page.goto("/forms/working-with-us")
    page.click("#submit")
    page.wait_for_selector(".error-summary")
    assert axe_violations(page) == []


def test_no_third_party_requests_and_no_policy_violations(new_page, live_server, page_to_check):
    page = new_page()
    page.goto(page_to_check.path)
    page.wait_for_load_state("networkidle")
    outside = [url for url in page.requests if not url.startswith((live_server, "data:"))]
    assert outside == []
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []


def test_pages_fit_a_320_pixel_screen_with_text_at_200_percent(new_page, page_to_check):
    page = new_page(viewport={"width": 320, "height": 640}, bypass_csp=True)
    page.goto(page_to_check.path)
    page.add_style_tag(content="html { font-size: 200% !important; }")
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"page scrolls sideways by {overflow}px"
