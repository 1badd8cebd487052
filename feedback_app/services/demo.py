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

from analysis.quarters import Quarter
from feedback_app.models import Answer, Response, Source, SurveyVersion, Team
from feedback_app.services.demo_text import TEXTS
from feedback_app.services.responses import answer_values
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
}
CHANNEL_WEIGHTS = {
    "working-with-us": {"qr": 60, "link": 25, "paper": 15},
    "parent-carer": {"paper": 65, "link": 20, "qr": 10, "phone": 5},
    "victim-satisfaction": {"link": 45, "paper": 25, "phone": 20, "email": 10},
    "tell-us": {"link": 60, "qr": 20, "email": 10, "phone": 10},
    "service-feedback": {"link": 85, "email": 15},
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
    quarters: int = 5,
    progress=None,
) -> DemoResult:
    """Insert `responses` demo responses spread over the last `quarters` quarters."""
    if responses < 0:
        raise ValueError("the number of responses cannot be negative")
    rng = random.Random(seed)
    today = today or date.today()
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
            answer_count += _flush(db, response_rows, answer_rows)
            if progress:
                progress(index + 1, responses)
    answer_count += _flush(db, response_rows, answer_rows)
    if progress:
        progress(responses, responses)
    _reset_sequence(db)
    return DemoResult(responses, answer_count, spans[0][0], spans[-1][1])


def _flush(db: Session, response_rows: list[dict], answer_rows: list[dict]) -> int:
    count = len(answer_rows)
    # Core inserts (not ORM bulk) let the driver batch many rows into each statement.
    if response_rows:
        db.execute(insert(Response.__table__), response_rows)
    if answer_rows:
        db.execute(insert(Answer.__table__), answer_rows)
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
        kind = rng.choices(["comment", "compliment", "complaint"], [40, 35, 25])[0]
        mood = {"compliment": "positive", "complaint": "negative"}.get(kind, mood)

    answers = dict(_answers(rng, definition, mood, team, kind, TEXTS.get(slug, {})))
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
        "team_id": None if answers.get("team") == TEAM_NOT_SURE else team.id,
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
) -> Iterator[tuple[str, object]]:
    reply = None
    for question in definition.questions:
        if question.role in HELP_ROLES:
            continue  # an offer to help is never stored with the feedback
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
        elif question.type == "text":
            bank = texts.get(question.id, {})
            choices = bank.get(kind) if question.role == "feedback_text" and kind in bank else None
            choices = choices or bank.get(mood)
            if choices and (question.required or rng.random() < TEXT_ANSWER_RATE[mood]):
                yield question.id, rng.choice(choices)
        elif question.type in {"choice", "scale"}:
            if question.role == "demographic":
                if rng.random() < 0.75:
                    yield question.id, _demographic(rng, question)
            elif question.required or rng.random() < 0.85:
                yield question.id, _rated_choice(rng, question, mood)
        elif question.type == "multi":
            options = [o.value for o in question.options if not o.exclusive]
            exclusive = [o.value for o in question.options if o.exclusive]
            if exclusive and rng.random() < 0.2:
                yield question.id, [rng.choice(exclusive)]
            elif options:
                yield question.id, rng.sample(options, rng.randint(1, min(3, len(options))))


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
    "send": {"yes": 45, "no": 38, "not_sure": 10, "prefer_not": 7},
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
    # Mostly daytime and evenings, when people fill in forms; never later than now.
    moment = datetime.combine(day, time(rng.randint(8, 21), rng.randint(0, 59), rng.randint(0, 59)))
    now = datetime.now()
    if moment > now:  # later today: earlier today instead, so the quarter stays the same
        moment = max(datetime.combine(day, time.min), now - timedelta(minutes=rng.randint(1, 600)))
    return moment


DEMO_PASSWORD = "demo-password-change-me"  # noqa: S105  (demo data only, printed to the user)
DEMO_STAFF = (
    ("admin@example.org", "Alex Admin", {"admin"}),
    ("lead@example.org", "Lee Leadership", {"leadership", "champion"}),
    ("complaints@example.org", "Cam Complaints", {"complaints_lead"}),
    ("safeguarding@example.org", "Sam Safeguarding", {"safeguarding_lead"}),
    ("worker@example.org", "Pat Practitioner", {"practitioner"}),
)


def demo_staff(db: Session) -> list[str]:
    """Staff accounts for trying the staff area; made once. Returns the emails made."""
    from feedback_app.services.accounts import create_user, user_by_email

    made = []
    for email, name, roles in DEMO_STAFF:
        if user_by_email(db, email) is None:
            create_user(db, email, name, DEMO_PASSWORD, roles)
            made.append(email)
    return made


def demo_cases(db: Session, definitions: dict[str, SurveyDefinition], days: int = 45) -> int:
    """A Tell us case for every demo message. Those of the last `days` are open and checked for
    possible harm, as new ones are; older ones were handled, mostly on time, and are closed, so
    the quarterly report has complaints and timescales to show."""
    from feedback_app.models import Survey, TellUsCase
    from feedback_app.services.calendar import local_date, service_calendar
    from feedback_app.services.cases import open_case
    from feedback_app.services.intake import process_new_response
    from feedback_app.services.responses import stored_answers

    definition = definitions.get("tell-us")
    if definition is None:
        return 0
    since = datetime.now() - timedelta(days=days)
    responses = db.scalars(
        select(Response)
        .join(Survey)
        .outerjoin(TellUsCase, TellUsCase.response_id == Response.id)
        .where(Survey.slug == "tell-us", TellUsCase.id.is_(None))
        .order_by(Response.id)
    ).all()
    rng = random.Random(7)
    calendar = service_calendar(db)
    for response in responses:
        answers = stored_answers(definition, response)
        received = local_date(response.submitted_at)
        if response.submitted_at >= since:
            process_new_response(db, definition, response.id, answers, received_on=received)
            continue
        case = open_case(db, definition, response.id, answers, received, calendar)
        late = rng.random() < 0.15  # about one in seven answered late
        case.acknowledged_on = calendar.add_working_days(received, rng.randint(1, 5))
        if case.respond_by is not None and late:
            case.responded_on = calendar.add_working_days(case.respond_by, 3)
        elif case.respond_by is not None:
            case.responded_on = calendar.add_working_days(case.acknowledged_on, rng.randint(1, 8))
        else:
            case.responded_on = case.acknowledged_on
        case.status, case.closed_on = "closed", case.responded_on
        case.outcome = "Demo: we explained what happened and what we will do differently."
    return len(responses)


DEMO_ACTIONS = (
    # (you said, we did or reason, status, team slug or None, themes, days ago raised, done)
    (
        "You felt dirty and tired after a night in custody.",
        "Every worker now takes a wellbeing pack to court: a toothbrush, clean socks and snacks.",
        "done",
        None,
        ("wellbeing", "court"),
        120,
        70,
    ),
    (
        "The letters we send are hard to understand.",
        "We rewrote our letters with children. They are shorter and use plain words.",
        "done",
        "shropshire",
        ("explaining_things", "communication"),
        100,
        40,
    ),
    (
        "It costs too much to get to appointments.",
        "We now pay for bus tickets, and workers can meet you nearer home.",
        "done",
        "herefordshire",
        ("travel", "practical_help"),
        90,
        30,
    ),
    (
        "You wanted appointments after school.",
        "Court times are set by the court, so we cannot move them. Your other meetings can "
        "now be after school.",
        "not_possible",
        None,
        ("timeliness",),
        60,
        20,
    ),
    (
        "Waiting for your panel meeting to start was boring.",
        None,
        "in_progress",
        "telford-and-wrekin",
        ("mir_panels", "timeliness"),
        15,
        None,
    ),
)


def demo_actions(db: Session) -> int:
    """A few You Said, We Did actions, most of them on the public board; made once."""
    from feedback_app.models import Action
    from feedback_app.services import actions
    from feedback_app.services.accounts import user_by_email
    from feedback_app.services.calendar import today
    from feedback_app.services.teams import team_by_slug

    champion = user_by_email(db, "lead@example.org")
    if champion is None or db.scalar(select(Action.id).limit(1)) is not None:
        return 0
    for said, did, status, team, themes, raised, done in DEMO_ACTIONS:
        team_row = team_by_slug(db, team) if team else None
        action = actions.create(
            db,
            champion,
            actions.ActionFields(
                you_said=said,
                we_did=did if status != "not_possible" else None,
                not_possible_reason=did if status == "not_possible" else None,
                status=status,
                team_id=team_row.id if team_row else None,
                owner_id=champion.id,
                themes=themes,
            ),
        )
        action.created_at = datetime.now() - timedelta(days=raised)
        action.done_on = today() - timedelta(days=done) if done is not None else None
        if status in actions.PUBLISHABLE:
            actions.publish(db, champion, action)
    return len(DEMO_ACTIONS)


# (days ago, type, teams, children, parents and carers, asked, said, changed, Lundy elements,
#  words from the You Said of each demo action it led to)
DEMO_ACTIVITIES = (
    (
        35,
        "co_design",
        (),
        25,
        0,
        "How should our feedback questionnaire look and sound?",
        "Fewer questions, short words, faces instead of numbers, and a 'sort of' answer.",
        "The new Working with us form has faces, plain words and 'Sort of' answers.",
        ("space", "voice", "audience", "influence"),
        ("letters we send",),
    ),
    (
        20,
        "board_voice",
        (),
        1,
        0,
        "What was it like waiting for your panel meeting?",
        "Waiting was boring, and nobody said how long it would take.",
        None,
        ("space", "voice", "audience"),
        ("waiting for your panel meeting",),
    ),
    (
        12,
        "recruitment",
        ("shropshire",),
        3,
        0,
        "What should we ask people who want to work with us?",
        "Ask if they will listen and not judge, and if they turn up on time.",
        "Two of the children's questions are now asked at every interview.",
        ("space", "voice", "audience", "influence"),
        (),
    ),
    (
        6,
        "consultation",
        ("herefordshire", "worcestershire"),
        6,
        4,
        "Where would you like to meet your worker?",
        "Nearer home, and somewhere that does not feel like trouble.",
        None,
        ("space", "voice"),
        ("costs too much",),
    ),
)
DEMO_HELP_OFFERS = (
    ("working-with-us", "07700 900456"),
    ("parent-carer", "Ask my son's worker first, please"),
)


def demo_participation(db: Session, definitions: dict[str, SurveyDefinition]) -> int:
    """A few participation activities linked to the demo actions, and two offers to help;
    made once."""
    from feedback_app.models import Action, ParticipationActivity
    from feedback_app.services import help_offers, participation
    from feedback_app.services.accounts import user_by_email
    from feedback_app.services.calendar import today
    from feedback_app.services.teams import team_by_slug

    champion = user_by_email(db, "lead@example.org")
    if champion is None or db.scalar(select(ParticipationActivity.id).limit(1)) is not None:
        return 0
    actions = list(db.scalars(select(Action)))
    for (
        days,
        kind,
        teams,
        children,
        parents,
        asked,
        said,
        changed,
        lundy,
        led_to,
    ) in DEMO_ACTIVITIES:
        linked = [a.id for a in actions if any(w in a.you_said.lower() for w in led_to)]
        participation.create(
            db,
            champion,
            participation.ActivityFields(
                held_on=today() - timedelta(days=days),
                kind=kind,
                asked=asked,
                said=said,
                children=children,
                parents_carers=parents,
                changed=changed,
                lundy=lundy,
                team_ids=tuple(team.id for slug in teams if (team := team_by_slug(db, slug))),
                action_ids=tuple(linked),
            ),
        )
    for slug, contact in DEMO_HELP_OFFERS:
        if slug in definitions:
            help_offers.record_offer(db, definitions[slug], contact)
    return len(DEMO_ACTIVITIES)
