"""Easy Read, other languages and Listen buttons on the forms; answers stored by question id so
every wording is reported together."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from sqlalchemy import select

from feedback_app.compile_translations import compiled
from feedback_app.languages import TRANSLATIONS
from feedback_app.models import Response
from feedback_app.services.responses import stored_answers
from surveys import SurveyDefinitionError
from surveys.translations import EASY_READ, load_languages, reworded
from tests.answers import VALID_ANSWERS
from tests.conftest import definitions, form_tokens, page, submit_form, text_of

CHILD = VALID_ANSWERS["working-with-us"]


def test_every_translation_matches_its_survey():
    languages = load_languages(definitions())
    polish = languages["pl"]
    assert polish.needs_review and polish.english_name == "Polish"
    for slug in ("working-with-us", "parent-carer"):
        definition = definitions()[slug]
        words = polish.surveys[slug]
        # Complete: every question, and every option of every question, is translated.
        for question in definition.questions:
            assert question.id in words.questions, (slug, question.id)
            translated = reworded(definition, words).question(question.id)
            assert translated.label != question.label or question.label == "", question.id
            for option, english in zip(translated.options, question.options, strict=True):
                assert option.value == english.value
                assert option.label != english.label or option.label in ("OK",), option
    easy = languages[EASY_READ].surveys["working-with-us"]
    assert easy.symbols["listened"].file == "listen.svg" and easy.symbols["listened"].alt


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('[questions.nope]\nlabel = "x"\n', "is not a question of this survey"),
        ('[questions.listened.options]\nmaybe = "Może"\n', "option 'maybe' does not exist"),
        ('[questions.listened]\nsymbol = "unicorn"\nsymbol_alt = "x"\n', "unicorn.svg is not"),
        ('[questions.listened]\nsymbol = "listen"\n', "needs 'symbol_alt'"),
        ('colour = "red"\n', "unknown setting colour"),
        ('[per_item."x_{id}"]\nlabel = "x {label}"\n', "per_item 'x_{id}' matches no question"),
    ],
)
def test_a_broken_translation_is_refused_with_the_file_and_question(tmp_path: Path, text, problem):
    folder = tmp_path / "xx"
    folder.mkdir()
    (folder / "language.toml").write_text('name = "X"\nenglish_name = "X"\n')
    (folder / "working-with-us.toml").write_text(text)
    with pytest.raises(SurveyDefinitionError, match=problem):
        load_languages(definitions(), tmp_path)


def test_the_compiled_interface_words_match_their_source():
    def messages(data: bytes) -> dict:
        return {m.id: m.string for m in read_mo(io.BytesIO(data)) if m.id}

    found = list(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))
    assert found
    for po_path in found:
        built = messages(po_path.with_suffix(".mo").read_bytes())
        assert built == messages(compiled(po_path)), f"{po_path} changed: run make translations"
        assert all(built.values()), "every message has a translation"


def test_polish_form_has_polish_words_and_the_right_lang(client):
    soup = page(client.get("/forms/working-with-us?lang=pl"))
    assert soup.html["lang"] == "pl"
    text = text_of(soup)
    assert "Czy cię słuchaliśmy?" in text and "Potrzebujesz pomocy teraz?" in text
    assert "nie zostało jeszcze sprawdzone" in text  # marked as needing review
    # The named activities: the per-item words are written once, with each item's Polish name.
    assert "Jak było: Gogle VR?" in text and "How was it" not in text
    english = soup.find("a", hreflang="en")
    assert english is not None and english["lang"] == "en"
    assert soup.select_one("input[name=lang]")["value"] == "pl"


def test_an_unknown_language_falls_back_to_english(client):
    soup = page(client.get("/forms/working-with-us?lang=xx"))
    assert soup.html["lang"] == "en" and "Did we listen to you?" in text_of(soup)


def test_polish_errors_are_in_polish_and_the_choice_is_kept(client):
    sent = submit_form(client, "/forms/working-with-us?lang=pl", {})
    assert sent.status_code == 400
    soup = page(sent)
    assert soup.html["lang"] == "pl"
    assert "Odpowiedz na co najmniej jedno pytanie" in text_of(soup)


def test_a_polish_and_an_english_form_are_stored_alike(client, session):
    for url in ("/forms/working-with-us?lang=pl", "/forms/working-with-us"):
        sent = submit_form(client, url, CHILD)
        assert sent.status_code == 303
    polish_thanks = client.get(sent.headers["Location"])
    assert polish_thanks.status_code == 200
    rows = session.scalars(select(Response).order_by(Response.id)).all()
    assert [r.language for r in rows] == ["pl", None]
    answers = [stored_answers(definitions()["working-with-us"], r) for r in rows]
    assert answers[0] == answers[1]


def test_thank_you_page_follows_the_language(client):
    sent = submit_form(client, "/forms/working-with-us?lang=pl", CHILD)
    assert "lang=pl" in sent.headers["Location"]
    thanks = page(client.get(sent.headers["Location"]))
    assert thanks.html["lang"] == "pl" and "Dziękujemy" in text_of(thanks)


def test_easy_read_shows_pictures_with_words_and_is_remembered(client, session):
    soup = page(client.get("/forms/working-with-us?easy=1"))
    assert "Did you help choose what we did?" in text_of(soup)
    pictures = soup.select("img.symbol")
    assert pictures and all(img["alt"].strip() for img in pictures)
    assert soup.select_one("input[name=easy]")["value"] == "1"
    # Faces always come with words.
    for option in soup.select(".options--faces .option__label"):
        assert option.select_one("svg.face") and option.get_text(strip=True)
    unfinished = submit_form(client, "/forms/working-with-us?easy=1", {})
    assert "Answer at least one question" in text_of(page(unfinished))
    sent = submit_form(client, "/forms/working-with-us?easy=1", CHILD)
    assert sent.status_code == 303
    assert session.scalars(select(Response.easy_read)).one() is True


def test_easy_read_link_is_offered_only_where_it_exists(client):
    child = page(client.get("/forms/working-with-us"))
    assert child.select_one("a.wording__easy")["href"].endswith("easy=1")
    assert page(client.get("/forms/service-feedback")).select_one("a.wording__easy") is None


def test_listen_buttons_are_in_the_page_but_hidden_until_speech_works(client):
    soup = page(client.get("/forms/working-with-us"))
    buttons = soup.select("button.listen")
    assert buttons and all(b.has_attr("hidden") for b in buttons)
    question = soup.find(id="listened").find_parent("fieldset").select_one("button.listen")
    assert (
        "Did we listen to you?" in question["data-listen"] and "Sort of" in question["data-listen"]
    )
    assert soup.find("script", src="/static/js/form.js")
    assert form_tokens(client.get("/forms/working-with-us"))["form_token"]


@pytest.mark.parametrize("query", ["", "?lang=pl", "?easy=1"])
def test_the_thank_you_page_clears_the_answers_kept_for_its_own_form(client, query):
    form = page(client.get(f"/forms/working-with-us{query}")).select_one("form[data-draft]")
    sent = submit_form(client, f"/forms/working-with-us{query}", CHILD)
    thanks = page(client.get(sent.headers["Location"]))
    assert thanks.select_one("[data-draft-sent]")["data-draft-sent"] == form["data-draft"]
