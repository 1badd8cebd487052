"""Which wording a public page is shown in: the language (Flask-Babel for the page's own words,
surveys/translations/ for the questions) and Easy Read."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app, g, request
from flask_babel import Babel

from feedback_app.config import PROJECT_ROOT
from surveys import SurveyDefinition
from surveys.translations import EASY_READ, Language, Wording, load_languages, reworded

ENGLISH = "en"
TRANSLATIONS = PROJECT_ROOT / "feedback_app" / "translations"  # the pages' own words


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", ENGLISH)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(TRANSLATIONS)
    Babel(app, locale_selector=lambda: g.get("language", ENGLISH))
    # Checked at start-up, like the definitions: a broken translation stops the app, not a form.
    app.extensions["reworded"] = {}
    app.extensions["languages"] = load_languages(
        app.extensions["surveys"], Path(app.config["SURVEYS_DIR"]) / "translations"
    )


@dataclass(frozen=True)
class Choice:
    """The wording chosen for one survey form."""

    language: str  # "en" or a translation's code
    easy_read: bool
    definition: SurveyDefinition  # in the chosen words; ids and options unchanged
    offered: list[Language]  # the other languages this survey can be read in
    easy_available: bool
    needs_review: bool
    symbols: dict

    @property
    def key(self) -> str:
        return f"{self.language}{'-easy' if self.easy_read else ''}"

    @property
    def stored_language(self) -> str | None:
        return None if self.language == ENGLISH else self.language


def choose(definition: SurveyDefinition) -> Choice:
    """The wording asked for in the query string or the form (?lang=pl, ?easy=1), and set as
    the page's language. Easy Read is English only."""
    languages: dict[str, Language] = current_app.extensions["languages"]
    offered = [
        lang
        for code, lang in languages.items()
        if code != EASY_READ and definition.slug in lang.surveys
    ]
    asked = request.values.get("lang", ENGLISH)
    language = asked if asked in {lang.code for lang in offered} else ENGLISH
    easy_layer = languages.get(EASY_READ)
    easy_wording: Wording | None = easy_layer.surveys.get(definition.slug) if easy_layer else None
    easy = language == ENGLISH and easy_wording is not None and request.values.get("easy") == "1"
    wording = (
        easy_wording
        if easy
        else (languages[language].surveys[definition.slug] if language != ENGLISH else None)
    )
    g.language = language
    return Choice(
        language=language,
        easy_read=easy,
        definition=_reworded(definition, wording),
        offered=offered,
        easy_available=easy_wording is not None and language == ENGLISH,
        needs_review=language != ENGLISH and languages[language].needs_review,
        symbols=easy_wording.symbols if easy and easy_wording else {},
    )


def _reworded(definition: SurveyDefinition, wording: Wording | None) -> SurveyDefinition:
    """The reworded definition, made once per survey and wording rather than on every request
    (a new copy would also hash its content again to find its form class)."""
    if wording is None:
        return definition
    made = current_app.extensions["reworded"]
    key = (definition.slug, definition.content_hash, wording.code)
    if key not in made:
        made[key] = reworded(definition, wording)
    return made[key]
