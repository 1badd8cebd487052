"""Reaching every child, in a real browser: Easy Read, Listen, a translated form, and a form
sent from a phone that lost its signal, stored exactly once."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from feedback_app.models import Response, Survey
from feedback_app.services.responses import stored_answers
from tests.browser.conftest import VIEWPORTS
from tests.browser.test_accessibility import axe_violations, sideways_overflow
from tests.conftest import definitions

pytestmark = pytest.mark.browser
FORM = "/forms/working-with-us"


def fill_child_form(page) -> None:
    for name, value in [
        ("listened", "yes"),
        ("explained", "sort_of"),
        ("had_a_say", "yes"),
        ("respect", "yes"),
        ("helped", "no"),
        ("overall", "4"),
    ]:
        page.check(f'input[name="{name}"][value="{value}"]')
    page.fill("textarea[name=best_thing]", "my worker came to court with me")


def responses(session) -> list[Response]:
    """Children's forms sent through the site (the seeded records are not)."""
    session.rollback()
    query = (
        select(Response)
        .join(Survey)
        .where(Survey.slug == "working-with-us", Response.channel == "link")
        .order_by(Response.id)
    )
    return list(session.scalars(query))


def test_easy_read_toggle_without_javascript(new_page, session, viewport):
    page = new_page(viewport=viewport, java_script_enabled=False)
    page.goto(FORM)
    page.get_by_role("link", name="Easy Read: short words and pictures").click()
    page.wait_for_url("**easy=1**")
    assert page.get_by_text("Did you help choose what we did?").is_visible()
    picture = page.locator("img.symbol").first
    assert picture.get_attribute("alt") and picture.evaluate("img => img.naturalWidth") > 0
    assert sideways_overflow(page) <= 0
    # axe needs JavaScript: check the same Easy Read page in a page that has it.
    checked = new_page(viewport=viewport)
    checked.goto(page.url)
    assert axe_violations(checked) == []
    fill_child_form(page)
    page.click("#submit")
    page.wait_for_url("**/thanks**")
    assert [r.easy_read for r in responses(session)] == [True]


def test_listen_buttons_appear_only_with_speech(new_page):
    page = new_page(viewport=VIEWPORTS["phone"])
    page.goto(FORM)
    listen = page.locator("fieldset button.listen").first
    has_speech = page.evaluate("() => 'speechSynthesis' in window")
    assert listen.is_visible() == has_speech
    if has_speech:
        assert axe_violations(page) == []

    no_speech = new_page(viewport=VIEWPORTS["phone"])
    no_speech.add_init_script(
        "delete window.speechSynthesis; delete window.SpeechSynthesisUtterance;"
    )
    no_speech.goto(FORM)
    assert not no_speech.locator("button.listen").first.is_visible()

    no_script = new_page(viewport=VIEWPORTS["phone"], java_script_enabled=False)
    no_script.goto(FORM)
    assert no_script.locator("button.listen").count() > 0
    assert not no_script.locator("button.listen").first.is_visible()


def test_listen_speaks_the_question_with_the_browsers_voice(new_page):
    page = new_page(viewport=VIEWPORTS["phone"])
    # Record what would be spoken (headless Chromium has no voices to play).
    page.add_init_script(
        """
        window.__spoken = [];
        Object.defineProperty(window, "speechSynthesis", { configurable: true, value: {
          cancel() {}, speak(u) { window.__spoken.push([u.text, u.lang]); }
        } });
        window.SpeechSynthesisUtterance = function (text) { this.text = text; };
        """
    )
    page.goto(FORM + "?lang=pl")
    fieldset = page.locator("#listened").locator("xpath=ancestor::fieldset")
    fieldset.locator("button.listen:not(.listen--option)").click()
    spoken = page.evaluate("() => window.__spoken")
    assert spoken[0][0].startswith("Czy cię słuchaliśmy?") and spoken[0][1] == "pl"


def test_a_polish_form_is_sent_and_counted_with_english_ones(new_page, session, viewport):
    page = new_page(viewport=viewport)
    page.goto(FORM)
    page.get_by_role("link", name="Polski").click()
    page.wait_for_url("**lang=pl**")
    assert page.locator("html").get_attribute("lang") == "pl"
    assert axe_violations(page) == []
    fill_child_form(page)
    page.click("#submit")
    page.wait_for_url("**/thanks**")
    assert page.locator("h1").inner_text() == "Dziękujemy"
    english = new_page(viewport=viewport)
    english.goto(FORM)
    fill_child_form(english)
    english.click("#submit")
    english.wait_for_url("**/thanks**")
    stored = responses(session)
    assert [r.language for r in stored] == ["pl", None]
    definition = definitions()["working-with-us"]
    assert stored_answers(definition, stored[0]) == stored_answers(definition, stored[1])


def test_a_lost_signal_loses_nothing_and_sends_once(new_page, session):
    page = new_page(viewport=VIEWPORTS["phone"])
    page.goto(FORM)
    fill_child_form(page)
    page.context.set_offline(True)
    page.click("#submit")
    status = page.locator("#offline-status")
    status.wait_for(state="visible")
    assert "saved on this phone" in status.inner_text()
    assert axe_violations(page) == []
    assert responses(session) == []

    page.context.set_offline(False)
    page.wait_for_url("**/thanks**")
    stored = responses(session)
    assert len(stored) == 1
    assert stored_answers(definitions()["working-with-us"], stored[0])["best_thing"] == (
        "my worker came to court with me"
    )
    # The answers kept on the phone are cleared once sent.
    assert page.evaluate("() => Object.keys(localStorage).length") == 0


def test_answers_come_back_after_the_page_is_closed_and_a_retry_is_stored_once(new_page, session):
    page = new_page(viewport=VIEWPORTS["phone"])
    page.goto(FORM)
    fill_child_form(page)
    token = page.input_value("input[name=form_token]")
    page.goto("/")  # the phone closes the tab, or the signal drops while sending
    page.goto(FORM)
    assert page.is_checked("input[name=listened][value=yes]")
    assert page.input_value("textarea[name=best_thing]") == "my worker came to court with me"
    assert page.input_value("input[name=form_token]") == token
    assert "brought back" in page.locator("#offline-status").inner_text()
    page.click("#submit")
    page.wait_for_url("**/thanks**")
    # Sending the same form again (a retry after a lost reply) is not stored twice.
    page.go_back()
    page.wait_for_load_state()
    page.evaluate(
        "token => { document.querySelector('input[name=form_token]').value = token; }", token
    )
    fill_child_form(page)
    page.click("#submit")
    page.wait_for_url("**/thanks**")
    assert len(responses(session)) == 1
