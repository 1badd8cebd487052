"""A champion, in a real browser, goes from a theme to a published action, the board and a
poster; the warning about identifying text is accessible."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from analysis.clock import today
from tests.answers import VALID_ANSWERS
from tests.browser.conftest import VIEWPORTS
from tests.browser.test_accessibility import axe_violations, sideways_overflow
from tests.staff_helpers import save_response

pytestmark = pytest.mark.browser


@pytest.fixture
def children_feedback(app):
    noon = datetime.combine(today(), datetime.min.time()).replace(hour=12)
    with app.app_context():
        for n in range(6):
            answers = {
                **VALID_ANSWERS["working-with-us"],
                "best_thing": f"waited ages in the court waiting room, so boring {n}",
            }
            save_response("working-with-us", answers, submitted_at=noon - timedelta(days=n))


def test_champion_goes_from_a_theme_to_the_board_and_a_poster(new_page, seeded, children_feedback):
    page = new_page(viewport=VIEWPORTS["desktop"], sign_in_as=seeded["users"]["champion"])
    page.goto("/staff/you-said-we-did")
    page.get_by_role("link", name="Waiting and timeliness").first.click()
    page.get_by_label("waited ages in the court waiting room, so boring 0").check()
    page.get_by_label("waited ages in the court waiting room, so boring 1").check()
    page.get_by_role("button", name="Create an action from these").click()

    page.get_by_label("You said").fill("You said waiting at court was long and boring.")
    page.get_by_label("Done").check()
    page.get_by_label("We did").fill("Every worker now brings games and snacks to court.")
    page.get_by_role("button", name="Save action").click()
    page.wait_for_selector("text=Action saved.")
    assert page.locator(".timeline li").count() >= 3  # two pieces of feedback, then raised

    page.get_by_role("button", name="Publish on the You Said, We Did board").click()
    page.wait_for_selector("text=Published on the You Said, We Did board.")
    page.get_by_role("link", name="Print it as a poster").click()
    assert "Every worker now brings games and snacks to court." in page.inner_text("main")
    assert page.locator("img.poster__qr").evaluate("img => img.naturalWidth") > 0

    child = new_page(viewport=VIEWPORTS["phone"], java_script_enabled=False)
    child.goto("/you-said-we-did")
    board = child.inner_text("main")
    assert "You said waiting at court was long and boring." in board
    assert "Every worker now brings games and snacks to court." in board
    assert sideways_overflow(child) <= 0


def test_identifying_warning_is_accessible(new_page, seeded, viewport):
    page = new_page(viewport=viewport, sign_in_as=seeded["users"]["champion"])
    page.goto("/staff/actions/new")
    page.get_by_label("You said").fill("You said Jayden from Leominster felt ignored.")
    page.get_by_role("button", name="Save action").click()
    warning = page.locator("#identifying-warning")
    assert "Jayden" in warning.inner_text() and "Leominster" in warning.inner_text()
    assert page.locator(".error-summary").is_visible()
    assert axe_violations(page) == []
