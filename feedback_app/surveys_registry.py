"""The survey definitions loaded at start-up, shared by every part of the app."""

from __future__ import annotations

from flask import Flask, abort, current_app

from surveys import SurveyDefinition, load_surveys


def init_app(app: Flask) -> None:
    app.extensions["surveys"] = load_surveys(app.config["SURVEYS_DIR"])


def all_definitions() -> dict[str, SurveyDefinition]:
    return current_app.extensions["surveys"]


def definition_or_404(slug: str) -> SurveyDefinition:
    definition = all_definitions().get(slug)
    if definition is None:
        abort(404)
    return definition
