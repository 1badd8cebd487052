"""A child completes the Working with us form in a real browser: by keyboard only, with
JavaScript off, and is taken straight to what to fix when something is missing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from feedback_app.models import Response

pytestmark = pytest.mark.browser

CHOICES = {
    "team": "Shropshire",
    "listened": "Yes",
    "explained": "Sort of",
    "had_a_say": "Yes",
    "respect": "Yes",
    "helped": "No",
    "overall": "Good",
    "completed_with": "With my worker",
}
TEXTS = {"best_thing": "we went fishing and my worker was safe", "do_better": "less meetings"}
FORM_ORDER = [
    "team",
    "listened",
    "explained",
    "had_a_say",
    "respect",
    "helped",
    "best_thing",
    "do_better",
    "overall",
    "completed_with",
]


def newest_response(session) -> Response:
    session.rollback()
    return session.scalars(select(Response).order_by(Response.id.desc()).limit(1)).one()


def stored(session) -> dict:
    response = newest_response(session)
    return {a.question_id: a.value_choice or a.value_text for a in response.answers}


def focused_name(page) -> str:
    return page.evaluate("() => document.activeElement && document.activeElement.name") or ""


def tab_to(page, name: str, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused_name(page) == name:
            return
    raise AssertionError(f"could not reach '{name}' with the Tab key")


def choose_by_keyboard(page, name: str, label: str) -> None:
    """In a radio group the arrow keys move the choice; stop on the wanted label."""
    for _ in range(12):
        current = page.evaluate("() => document.activeElement.labels[0].innerText.trim()")
        if current.endswith(label):
            page.keyboard.press("Space")
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"no option '{label}' in '{name}'")


def test_child_completes_the_form_by_keyboard_only(new_page, session):
    page = new_page()
    page.goto("/forms/working-with-us")
    for name in FORM_ORDER:
        tab_to(page, name)
        if name in TEXTS:
            page.keyboard.type(TEXTS[name])
        else:
            choose_by_keyboard(page, name, CHOICES[name])
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "submit":
            break
    page.keyboard.press("Enter")
    page.wait_for_url("**/forms/working-with-us/thanks")
    answers = stored(session)
    assert answers["listened"] == "yes" and answers["explained"] == "sort_of"
    assert answers["helped"] == "no" and answers["overall"] == "4"
    assert answers["best_thing"] == TEXTS["best_thing"]
    assert answers["completed_with"] == "with_worker"


def test_child_completes_the_form_with_javascript_off(new_page, session):
    page = new_page(java_script_enabled=False)
    page.goto("/s/browser-poster")
    assert "Shropshire" in page.inner_text("main")
    for name, label in CHOICES.items():
        if name == "team":
            continue  # the poster's code already says which team
        group = page.locator(f"fieldset:has(input[name={name}])")
        # Face-scale labels start with a drawn face hidden from screen readers.
        group.get_by_label(label, exact=True).check()
    for name, text in TEXTS.items():
        page.fill(f"#{name}", text)
    page.click("#submit")
    page.wait_for_url("**/forms/working-with-us/thanks")
    assert "Childline" in page.inner_text("main")
    response = newest_response(session)
    assert response.version.survey.slug == "working-with-us"
    assert response.channel == "qr" and response.team.slug == "shropshire"


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_error_summary_receives_focus_and_links_to_the_question(new_page, javascript):
    # Every question on the children's form may be skipped: a victim's form has needed ones.
    page = new_page(java_script_enabled=javascript)
    page.goto("/forms/victim-satisfaction")
    page.fill("#anything_else", "it was ok")
    page.click("#submit")
    page.wait_for_selector(".error-summary")
    # The browser applies autofocus at its next rendering step, which on a machine running
    # both databases' suites at once can be seconds away: wait for it (10 s at most), asking
    # every 100 ms rather than at each animation frame, which a busy headless page may skip.
    page.wait_for_function(
        "() => document.activeElement.classList.contains('error-summary')",
        timeout=10_000,
        polling=100,
    )
    assert page.input_value("#anything_else") == "it was ok"
    page.click(".error-summary a >> nth=0")
    assert page.evaluate("() => location.hash") == "#overall"


def test_a_childs_form_sent_empty_points_to_the_first_question(new_page):
    page = new_page(java_script_enabled=False)
    page.goto("/forms/working-with-us")
    page.click("#submit")
    page.wait_for_selector(".error-summary")
    assert "Answer at least one question" in page.inner_text(".error-summary")
    page.click(".error-summary a >> nth=0")
    assert page.evaluate("() => location.hash") == "#team"
