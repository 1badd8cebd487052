"""Build the Board paper from the database: every section's figures, and the five to eight
key messages its first page leads with."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Engine

from analysis import clock
from analysis.quarters import Quarter
from analysis.report import (
    actions,
    complaints,
    equality,
    measures,
    participation,
    response_rates,
    staff_survey,
    themes,
    victims,
    voices,
    volumes,
)
from analysis.report.data import ReportData, load
from analysis.report.model import KeyMessage, Report
from surveys import SurveyDefinition

MAX_MESSAGES = 8
MIN_MESSAGES = 5
PER_KIND = 2
ALWAYS = ("victims", "complaints", "you_said_we_did")  # the Board asks about these every time


def build_report(
    source: Engine | Connection,
    definitions: dict[str, SurveyDefinition],
    quarter: Quarter,
    team: str | None = None,
    service_name: str = "Youth Justice Service",
    progress: Callable[[str], None] | None = None,
    settings: dict | None = None,
) -> Report:
    """The report's content, with nothing rendered or written: `render_html` and
    `write_files` take it from here. `settings` is the service's settings file."""
    from surveys.service_settings import load_service_settings

    say = progress or (lambda _message: None)
    settings = load_service_settings() if settings is None else settings
    say("Reading the data")
    if isinstance(source, Engine):
        with source.connect() as connection:
            data = load(connection, quarter, team)
    else:
        data = load(source, quarter, team)
    say(f"Read {sum(data.response_counts.values()):,} responses; building the sections")
    return report_from(data, definitions, team, service_name, settings)


def report_from(
    data: ReportData,
    definitions: dict[str, SurveyDefinition],
    team: str | None,
    service_name: str,
    settings: dict,
) -> Report:
    from analysis.text_signals import THEMES

    counts = measures.tally(data, definitions)
    victim_settings = victims.read_settings(
        settings.get("victim_results", {}), settings.get("victim_targets", {})
    )
    theme_section, quote_section = themes.section(data, THEMES)
    sections = [
        measures.section(data, definitions, counts),
        volumes.headline(data, definitions, _wording_names(definitions)),
        victims.section(data, definitions, victim_settings),
        theme_section,
        quote_section,
        themes.sentiment(data),
        complaints.section(data, definitions),
        actions.section(data, THEMES),
        participation.participation(data, data.quarter),
        voices.training(data, definitions),
        staff_survey.section(data, definitions),
        voices.interventions(data, definitions, THEMES),
        equality.section(data, definitions),
        response_rates.section(data, definitions),
        volumes.by_team(data, definitions),
    ]
    responses = len(data.this_quarter)
    return Report(
        quarter=data.quarter,
        team=team,
        team_name=data.team_names.get(team) if team else None,
        service_name=service_name,
        built_at=clock.local_time(clock.utc_now()),
        responses=responses,
        key_messages=key_messages([m for s in sections for m in s.messages], responses),
        sections=sections,
    )


def key_messages(found: list[KeyMessage], responses: int) -> list[KeyMessage]:
    """The Board's first page: the sections it asks about every time, then the largest real
    changes and gaps and the widest agreement between sources, five to eight in all."""
    always = [m for key in ALWAYS for m in found if m.section == key][: len(ALWAYS)]
    rest = sorted((m for m in found if m not in always), key=lambda m: -m.weight)
    chosen: list[KeyMessage] = []
    for message in rest:  # the largest first, at most two of a kind
        if (
            sum((m.kind or m.section) == (message.kind or message.section) for m in chosen)
            < PER_KIND
        ):
            chosen.append(message)
    chosen = chosen[: MAX_MESSAGES - len(always)]
    agreed = [m for m in rest if m.kind == "agreement"]
    if agreed and not any(m.kind == "agreement" for m in chosen):
        # Where sources agree matters to the Board as much as where they differ.
        chosen = chosen[: MAX_MESSAGES - len(always) - 1] + agreed[:1]
    if not any(m.section in ("measures", "themes", "equality", "by_team") for m in chosen):
        chosen.insert(
            0,
            KeyMessage(
                "No measure, theme or group differs between sources, or from last quarter, by "
                "more than noise.",
                "measures",
            ),
        )
    picked = chosen + always
    if len(picked) < MIN_MESSAGES:
        picked.insert(0, KeyMessage(f"{responses:,} responses this quarter.", "headline"))
    return picked[:MAX_MESSAGES]


def _wording_names(definitions: dict[str, SurveyDefinition]) -> dict[str | None, str]:
    from surveys.translations import EASY_READ, load_languages

    names: dict[str | None, str] = {None: "English", EASY_READ: "Easy Read (English)"}
    for code, language in load_languages(definitions).items():
        names.setdefault(code, language.english_name)
    return names
