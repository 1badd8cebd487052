"""Demo staff accounts, and the work they have done on the demo responses: Tell us cases, You
Said, We Did actions, participation activities and offers to help."""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from analysis.clock import today, utc_now
from surveys import SurveyDefinition

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


def demo_cases(db: Session, response_ids: range, days: int = 45) -> int:
    """The cases the demo messages opened (as every Tell us message does) of the last `days`
    stay open; older ones were handled, mostly on time, and are closed, so the quarterly
    report has complaints and timescales to show. Returns how many cases there are."""
    from feedback_app.models import TellUsCase
    from feedback_app.services.calendar import service_calendar

    cases = db.scalars(
        select(TellUsCase)
        .where(TellUsCase.response_id.between(response_ids.start, response_ids.stop - 1))
        .order_by(TellUsCase.response_id)
    ).all()
    rng = random.Random(7)
    calendar = service_calendar(db)
    since = today() - timedelta(days=days)
    for case in cases:
        received = case.received_on
        if received >= since:
            continue
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
        if case.kind == "complaint":
            # Each decision appears, a few complaints went to stage 2, and most teach something.
            case.decision = rng.choices(list(DECISION_WEIGHTS), list(DECISION_WEIGHTS.values()))[0]
            case.stage = 2 if rng.random() < 0.12 else 1
            if case.decision in ("upheld", "partly_upheld"):
                case.learning = rng.choice(COMPLAINT_LEARNING)
    return len(cases)


DECISION_WEIGHTS = {"upheld": 25, "partly_upheld": 30, "not_upheld": 35, "withdrawn": 10}
COMPLAINT_LEARNING = (
    "Workers now ring parents back within two working days, and the rota shows who covers.",
    "Letters about appointments are now sent a week ahead, in plain words.",
    "Panel dates are now agreed with the family before they are fixed.",
    "Victims are now told the outcome by their victim worker, not by letter.",
)


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
        action.created_at = utc_now() - timedelta(days=raised)
        action.done_on = today() - timedelta(days=done) if done is not None else None
        if status in actions.PUBLISHABLE:
            actions.publish(db, champion, action)
    return len(DEMO_ACTIONS)


# (days ago, type, teams, children, parents and carers, victims, asked, said, changed, Lundy
#  elements, words from the You Said of each demo action it led to)
DEMO_ACTIVITIES = (
    (
        35,
        "co_design",
        (),
        25,
        0,
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
        0,
        "Where would you like to meet your worker?",
        "Nearer home, and somewhere that does not feel like trouble.",
        None,
        ("space", "voice"),
        ("costs too much",),
    ),
    (
        28,
        "evaluation",
        ("restorative-justice-and-victims",),
        0,
        0,
        5,
        "How did the restorative meeting feel, and what would make it easier?",
        "Being told what to expect beforehand mattered most; the room felt too formal.",
        "Victims now get a short note on what happens at a meeting, sent before it.",
        ("space", "voice", "audience", "influence"),
        (),
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
    from feedback_app.services.teams import team_by_slug

    champion = user_by_email(db, "lead@example.org")
    if champion is None or db.scalar(select(ParticipationActivity.id).limit(1)) is not None:
        return 0
    actions = list(db.scalars(select(Action)))
    # The same kinds of activity every quarter, so each quarter's report has some to show.
    made = 0
    for quarters_ago in range(6):  # as demo-data's quarters: last year's too
        for (
            days,
            kind,
            teams,
            children,
            parents,
            victims,
            asked,
            said,
            changed,
            lundy,
            led_to,
        ) in DEMO_ACTIVITIES:
            linked = (
                [a.id for a in actions if any(w in a.you_said.lower() for w in led_to)]
                if quarters_ago == 0
                else []
            )
            participation.create(
                db,
                champion,
                participation.ActivityFields(
                    held_on=today() - timedelta(days=days + 91 * quarters_ago),
                    kind=kind,
                    asked=asked,
                    said=said,
                    children=children,
                    parents_carers=parents,
                    victims=victims,
                    changed=changed,
                    lundy=lundy,
                    team_ids=tuple(team.id for slug in teams if (team := team_by_slug(db, slug))),
                    action_ids=tuple(linked),
                ),
            )
            made += 1
    for slug, contact in DEMO_HELP_OFFERS:
        if slug in definitions:
            help_offers.record_offer(db, definitions[slug], contact)
    return made
