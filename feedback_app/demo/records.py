"""Realistic, varied demo responses across every survey, team, channel and recent quarter.

Built for speed (bulk inserts of plain rows, no ORM objects per answer) because benchmarks and
the report work use tens of thousands of responses.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from analysis import clock
from analysis.quarters import Quarter
from feedback_app.demo.texts import TEXTS
from feedback_app.demo.voices_texts import VOICES_TEXTS
from feedback_app.demo.writer_texts import WRITER_TEXTS, WRITER_WEIGHTS
from feedback_app.models import Answer, Response, Source, SurveyVersion, Team, core_table
from feedback_app.services.intake import process_stored
from feedback_app.services.responses import AnswerValue, answer_values
from feedback_app.services.sources import create_source
from feedback_app.services.surveys import current_version
from feedback_app.services.teams import active_teams
from surveys import HELP_ROLES, TEAM_NOT_SURE, Question, SurveyDefinition

SURVEY_WEIGHTS = {
    "working-with-us": 40,
    "parent-carer": 20,
    "victim-satisfaction": 12,
    "tell-us": 15,
    "service-feedback": 13,
    "panel-feedback": 6,
    "panel-member-feedback": 4,
    "training-feedback": 6,
    "staff-survey": 3,
}
CHANNEL_WEIGHTS = {
    "working-with-us": {"qr": 60, "link": 25, "paper": 15},
    "parent-carer": {"paper": 65, "link": 20, "qr": 10, "phone": 5},
    "victim-satisfaction": {"link": 45, "paper": 25, "phone": 20, "email": 10},
    "tell-us": {"link": 60, "qr": 20, "email": 10, "phone": 10},
    "service-feedback": {"link": 85, "email": 15},
    "panel-feedback": {"qr": 55, "paper": 45},
    "panel-member-feedback": {"link": 70, "paper": 30},
    "training-feedback": {"link": 60, "qr": 40},
    "staff-survey": {"link": 100},
}
MOODS = ("positive", "mixed", "negative")
# Teams differ a little, so reports have something to compare.
TEAM_MOOD = {
    "herefordshire": (72, 20, 8),
    "worcestershire": (64, 24, 12),
    "shropshire": (70, 21, 9),
    "telford-and-wrekin": (58, 27, 15),
    "prevention-and-diversion": (76, 18, 6),
    "restorative-justice-and-victims": (74, 19, 7),
}
DEFAULT_MOOD = (68, 22, 10)
TEXT_ANSWER_RATE = {"positive": 0.55, "mixed": 0.7, "negative": 0.8}
CHUNK = 5000


@dataclass
class DemoResult:
    responses: int
    answers: int
    first_day: date
    last_day: date
    response_ids: range


def quarters_back(today: date, count: int) -> list[Quarter]:
    """The quarter containing `today` and the `count - 1` before it, oldest first."""
    quarter = Quarter.containing(today)
    found = [quarter]
    for _ in range(count - 1):
        quarter = quarter.previous()
        found.append(quarter)
    return list(reversed(found))


def generate(
    db: Session,
    definitions: dict[str, SurveyDefinition],
    responses: int,
    seed: int = 1,
    today: date | None = None,
    quarters: int = 6,
    progress=None,
) -> DemoResult:
    """Insert `responses` demo responses spread over the last `quarters` quarters."""
    if responses < 0:
        raise ValueError("the number of responses cannot be negative")
    rng = random.Random(seed)
    today = today or clock.today()
    spans = [(q.start, min(q.end, today)) for q in quarters_back(today, quarters)]
    teams = active_teams(db)
    if not teams:
        raise RuntimeError("there are no teams: run `flask --app feedback_app init-db` first")
    slugs = [s for s in SURVEY_WEIGHTS if s in definitions]
    versions = {slug: current_version(db, definitions[slug]) for slug in slugs}
    sources = _demo_sources(db, definitions, versions, teams)
    next_id = (db.scalar(select(func.max(Response.id))) or 0) + 1

    # The first responses visit every survey in every quarter, so small runs cover them all.
    plan = [(slug, span) for slug in slugs for span in spans]
    rng.shuffle(plan)
    weights = [SURVEY_WEIGHTS[s] for s in slugs]

    answer_count = 0
    response_rows: list[dict] = []
    answer_rows: list[dict] = []
    for index in range(responses):
        if index < len(plan):
            slug, span = plan[index]
        else:
            slug, span = rng.choices(slugs, weights)[0], rng.choice(spans)
        row, answers = _response(
            rng, definitions[slug], versions[slug], span, teams, sources, next_id + index
        )
        response_rows.append(row)
        answer_rows.extend(answers)
        if len(response_rows) >= CHUNK:
            answer_count += _flush(db, definitions, response_rows, answer_rows)
            if progress:
                progress(index + 1, responses)
    answer_count += _flush(db, definitions, response_rows, answer_rows)
    if progress:
        progress(responses, responses)
    _reset_sequence(db)
    ids = range(next_id, next_id + responses)
    return DemoResult(responses, answer_count, spans[0][0], spans[-1][1], ids)


def _flush(
    db: Session,
    definitions: dict[str, SurveyDefinition],
    response_rows: list[dict],
    answer_rows: list[dict],
) -> int:
    """Insert a chunk, then do for it what submit() does for one response: the same scored
    text, safeguarding flags and Tell us cases."""
    count = len(answer_rows)
    # Core inserts (not ORM bulk) let the driver batch many rows into each statement.
    if response_rows:
        db.execute(insert(core_table(Response)), response_rows)
    if answer_rows:
        db.execute(insert(core_table(Answer)), answer_rows)
    process_stored(db, definitions, [row["id"] for row in response_rows])
    response_rows.clear()
    answer_rows.clear()
    return count


def _reset_sequence(db: Session) -> None:
    """Explicit ids leave PostgreSQL's sequence behind; move it past them."""
    if db.get_bind().dialect.name == "postgresql":
        db.execute(
            text(
                "SELECT setval(pg_get_serial_sequence('response', 'id'), "
                "COALESCE((SELECT MAX(id) FROM response), 1))"
            )
        )


def _demo_sources(
    db: Session,
    definitions: dict[str, SurveyDefinition],
    versions: dict[str, SurveyVersion],
    teams: list[Team],
) -> dict[tuple[str, int], int]:
    """One QR poster per survey and team, made once, so QR responses have a real source."""
    existing = {
        (survey_id, team_id): source_id
        for source_id, survey_id, team_id in db.execute(
            select(Source.id, Source.survey_id, Source.team_id).where(Source.retired_at.is_(None))
        )
    }
    found: dict[tuple[str, int], int] = {}
    for slug, version in versions.items():
        for team in teams:
            key = (version.survey_id, team.id)
            if key not in existing:
                source = create_source(
                    db,
                    version.survey,
                    label=f"Demo poster: {definitions[slug].title}, {team.name} office",
                    team=team,
                    office=f"{team.name} office",
                    channel="qr",
                )
                existing[key] = source.id
            found[(slug, team.id)] = existing[key]
    return found


def _response(
    rng: random.Random,
    definition: SurveyDefinition,
    version: SurveyVersion,
    span: tuple[date, date],
    teams: list[Team],
    sources: dict[tuple[str, int], int],
    response_id: int,
) -> tuple[dict, list[dict]]:
    slug = definition.slug
    team = _team_for(rng, slug, teams)
    mood = rng.choices(MOODS, TEAM_MOOD.get(team.slug, DEFAULT_MOOD))[0]
    channels = CHANNEL_WEIGHTS[slug]
    channel = rng.choices(list(channels), list(channels.values()))[0]
    kind = ""
    if definition.question_with_role("kind") is not None:
        # Complaints are a small share of what people tell us.
        kind = rng.choices(["comment", "compliment", "complaint"], [48, 40, 12])[0]
        mood = {"compliment": "positive", "complaint": "negative"}.get(kind, mood)

    answers = dict(_answers(rng, definition, mood, team, kind, texts_for(slug)))
    completed_with = answers.get("completed_with")
    if channel == "paper" and "completed_with" in answers:
        completed_with = rng.choice(["alone", "with_worker", "with_someone_else"])
        answers["completed_with"] = completed_with
    row = {
        "id": response_id,
        "survey_id": version.survey_id,
        "survey_version_id": version.id,
        "submitted_at": _moment(rng, span),
        "channel": channel,
        "source_id": sources.get((slug, team.id)) if channel == "qr" else None,
        # A form that asks no team has one only from its QR code (victims mostly have none).
        "team_id": None
        if answers.get("team") == TEAM_NOT_SURE
        or (definition.question_with_role("team") is None and channel != "qr")
        else team.id,
        "completed_with": completed_with,
        "paper_reference": f"P{response_id:07d}" if channel == "paper" else None,
        "submission_token": None,
    }
    answer_list = [
        {"response_id": response_id, "question_id": question_id, **fields}
        for question_id, fields in answer_values(definition, answers)
    ]
    return row, answer_list


def _team_for(rng: random.Random, slug: str, teams: list[Team]) -> Team:
    by_slug = {t.slug: t for t in teams}
    victims_team = by_slug.get("restorative-justice-and-victims")
    if slug == "victim-satisfaction" and victims_team and rng.random() < 0.8:
        return victims_team
    return rng.choice(teams)


def _answers(
    rng: random.Random,
    definition: SurveyDefinition,
    mood: str,
    team: Team,
    kind: str,
    texts: dict,
) -> Iterator[tuple[str, AnswerValue]]:
    reply = None
    writer = None  # the answer to "who are you?", whose voice the free text is in
    by_writer = WRITER_TEXTS.get(definition.slug, {})
    given: dict[str, AnswerValue] = {}
    for question in definition.questions:
        if question.role in HELP_ROLES:
            continue  # an offer to help is never stored with the feedback
        if question.show_if and question.about:
            ticked = given.get(question.show_if.question)
            if not isinstance(ticked, list) or question.show_if.equals not in ticked:
                continue  # asked only about an activity the child ticked
        if question.role == "kind":
            yield question.id, kind
        elif question.type == "team":
            yield question.id, team.slug if rng.random() > 0.06 else TEAM_NOT_SURE
        elif question.id == "reply":
            reply = "yes" if rng.random() < (0.7 if kind == "complaint" else 0.3) else "no"
            yield question.id, reply
        elif question.type == "contact":
            if reply == "yes":
                yield question.id, _contact(rng)
        elif question.role == "respondent" and definition.slug in WRITER_WEIGHTS:
            weights = WRITER_WEIGHTS[definition.slug]
            writer = rng.choices(list(weights), list(weights.values()))[0]
            yield question.id, writer
        elif question.type == "text":
            bank = by_writer.get(question.id, {}).get(writer or "") or texts.get(question.id, {})
            choices = bank.get(kind) if question.role == "feedback_text" and kind in bank else None
            choices = choices or bank.get(mood)
            if choices and (question.required or rng.random() < TEXT_ANSWER_RATE[mood]):
                yield question.id, rng.choice(choices)
        elif question.type in {"choice", "scale"}:
            if question.role == "demographic":
                if rng.random() < 0.75:
                    yield question.id, _demographic(rng, question)
            elif question.role in VICTIM_KPI_WEIGHTS:
                weights = VICTIM_KPI_WEIGHTS[question.role]
                yield question.id, rng.choices(list(weights), list(weights.values()))[0]
            elif question.required or rng.random() < 0.85:
                yield question.id, _rated_choice(rng, question, mood)
        elif question.type == "multi":
            options = [o.value for o in question.options if not o.exclusive]
            exclusive = [o.value for o in question.options if o.exclusive]
            if exclusive and rng.random() < 0.2:
                yield question.id, [rng.choice(exclusive)]
            elif options:
                given[question.id] = rng.sample(options, rng.randint(1, min(3, len(options))))
                yield question.id, given[question.id]


def texts_for(slug: str) -> dict:
    """The demo's words for a survey's text questions: the general bank, then the voices'."""
    return {**TEXTS.get(slug, {}), **VOICES_TEXTS.get(slug, {})}


def _contact(rng: random.Random) -> str:
    # Ofcom's drama numbers and example.org: never a real person's details.
    if rng.random() < 0.5:
        return f"07700 900{rng.randint(0, 999):03d}"
    return f"person{rng.randint(1, 99999)}@example.org"


def _rated_choice(rng: random.Random, question: Question, mood: str) -> str:
    return rng.choices(question.options, _mood_weights(question, mood))[0].value


@lru_cache(maxsize=512)
def _mood_weights(question: Question, mood: str) -> tuple[float, ...]:
    """Weights that put a happy person near the top of the scale and an unhappy one low."""
    scored = [o.score for o in question.options if o.score is not None]
    if not scored:
        return tuple(1.0 for _ in question.options)
    bottom, spread = min(scored), (max(scored) - min(scored)) or 1.0
    target = {"positive": 0.9, "mixed": 0.55, "negative": 0.15}[mood]
    weights = []
    for option in question.options:
        if option.score is None:
            weights.append(0.4)
        else:
            position = (option.score - bottom) / spread
            weights.append(max(0.03, 1.0 - abs(position - target) * 1.6) ** 2)
    return tuple(weights)


# The victim KPIs near the plan's last results: 86% very satisfied, nearly all heard, safe
# and supported.
VICTIM_KPI_WEIGHTS = {
    "kpi_very_satisfied": {"5": 84, "4": 9, "3": 4, "2": 2, "1": 1},
    "kpi_heard": {"yes": 95, "not_sure": 3, "no": 2},
    "kpi_safe": {"yes": 96, "not_sure": 3, "no": 1},
}


DEMOGRAPHIC_WEIGHTS = {
    "gender": {"boy": 70, "girl": 24, "other_way": 2, "prefer_not": 4},
    "ethnicity": {
        "white": 76,
        "mixed": 8,
        "asian": 4,
        "black": 5,
        "gypsy_roma_traveller": 2,
        "other": 1,
        "prefer_not": 4,
    },
    "care_status": {"yes": 18, "no": 68, "not_sure": 6, "prefer_not": 8},
    # About one child in six with SEND, as the service's own figures show.
    "send": {"yes": 16, "no": 70, "not_sure": 8, "prefer_not": 6},
}


def _demographic(rng: random.Random, question: Question) -> str:
    weights = DEMOGRAPHIC_WEIGHTS.get(question.id)
    if not weights:
        return rng.choice(question.options).value
    values = [o.value for o in question.options]
    return rng.choices(values, [weights.get(v, 1) for v in values])[0]


def _moment(rng: random.Random, span: tuple[date, date]) -> datetime:
    days = (span[1] - span[0]).days
    day = span[0] + timedelta(days=rng.randint(0, max(days, 0)))
    # Mostly daytime and evenings in England, when people fill in forms; never later than now.
    moment = clock.to_utc(
        datetime.combine(day, time(rng.randint(8, 21), rng.randint(0, 59), rng.randint(0, 59)))
    )
    now = clock.utc_now()
    if moment > now:  # later today: earlier today instead, so the quarter stays the same
        moment = max(clock.day_start(day), now - timedelta(minutes=rng.randint(1, 600)))
    return moment
