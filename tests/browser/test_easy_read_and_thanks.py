"""Easy Read on every form a child, parent or victim fills, and the thank-you pages they reach, on
a 320 px phone with JavaScript off: nothing scrolls sideways, every picture loads with its alt
text, and axe-core finds no WCAG 2.2 A/AA violation (checked in a page with JavaScript, which
axe needs)."""

from __future__ import annotations

import pytest

from tests.browser.test_accessibility import axe_violations, sideways_overflow

pytestmark = pytest.mark.browser
EASY_READ_FORMS = ("working-with-us", "panel-feedback", "parent-carer", "victim-satisfaction")


def looks_right_on_a_phone(new_page, page) -> None:
    assert sideways_overflow(page) <= 0
    pictures = page.locator("main img")
    for index in range(pictures.count()):
        picture = pictures.nth(index)
        assert picture.get_attribute("alt"), picture.get_attribute("src")
        assert picture.evaluate("img => img.complete && img.naturalWidth > 0")
    with_script = new_page()
    with_script.goto(page.url)
    assert axe_violations(with_script) == []
    # Every Listen button is as wide as its word, beside a picture or not (a grid once
    # stretched the ones before a text box across the page).
    widths = with_script.eval_on_selector_all(
        "button.listen:not([hidden])", "buttons => buttons.map(b => Math.round(b.offsetWidth))"
    )
    assert len(set(widths) - {0}) <= 1, widths  # 0: inside a question not shown yet


@pytest.mark.parametrize("slug", [*EASY_READ_FORMS, "tell-us"])
def test_each_easy_read_form_on_a_phone_without_javascript(new_page, slug):
    page = new_page(java_script_enabled=False)
    page.goto(f"/forms/{slug}?easy=1")
    assert page.locator("main img.symbol").count() >= 3  # pictures beside the questions
    assert page.get_by_role("link", name="Switch back to the usual words").is_visible()
    looks_right_on_a_phone(new_page, page)


def test_a_victims_easy_read_thank_you_page_names_victim_support(new_page):
    page = new_page(java_script_enabled=False)
    page.goto("/forms/victim-satisfaction/thanks?easy=1")
    words = page.inner_text("main")
    assert "Victim Support" in words and "999" in words
    assert words.count("Thank you") == 1
    looks_right_on_a_phone(new_page, page)


def test_a_complaint_sent_without_javascript_gets_its_reference_on_a_phone(new_page):
    page = new_page(java_script_enabled=False)
    page.goto("/forms/tell-us?easy=1")
    for name, value in [("kind", "complaint"), ("who", "victim"), ("reply", "yes")]:
        page.check(f'input[name="{name}"][value="{value}"]')
    page.fill("textarea[name=message]", "Nobody told me when the meeting was.")
    page.fill("[name=contact]", "me@example.org")
    page.click("#submit")
    page.wait_for_url("**/forms/tell-us/thanks**")
    words = page.inner_text("main")
    assert "Your number: TU-" in words and "We will write back by" in words  # in Easy Read
    assert words.count("Thank you") == 1
    looks_right_on_a_phone(new_page, page)
