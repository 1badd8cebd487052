"""The workspace counts themes from each theme row's copies of its response's date, survey and
team and its answer's polarity: the copies follow every change, so the counts are the ones the
join of themes to signals to responses gives."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select

from analysis.clock import today
from feedback_app.models import Answer, Response, Team, TextSignal, TextTheme
from feedback_app.services import label_corrections, themes
from tests.answers import VALID_ANSWERS
from tests.staff_helpers import make_user, save_response

NOON = datetime.combine(today(), datetime.min.time()).replace(hour=12)


def children_say(text: str, days_ago: int, team: str = "shropshire") -> int:
    answers = {**VALID_ANSWERS["working-with-us"], "team": team, "best_thing": text}
    return save_response("working-with-us", answers, submitted_at=NOON - timedelta(days=days_ago))


def joined(session) -> list[tuple]:
    """Each theme row beside the values its response and signal hold now."""
    return list(
        session.execute(
            select(
                TextTheme.answer_id,
                TextTheme.theme,
                TextTheme.submitted_at,
                TextTheme.survey_id,
                TextTheme.team_id,
                TextTheme.polarity,
                Response.submitted_at,
                Response.survey_id,
                Response.team_id,
                TextSignal.polarity,
            )
            .join(TextSignal, TextSignal.answer_id == TextTheme.answer_id)
            .join(Response, Response.id == TextSignal.response_id)
        )
    )


def assert_copies_hold(session) -> None:
    rows = joined(session)
    assert rows, "no themes were found"
    for row in rows:
        assert row[2:6] == row[6:10], f"theme {row[1]} of answer {row[0]} has stale copies"


def listened(session, period: str = "30d", team: str | None = None) -> tuple[int, int]:
    """Answers on being listened to (children) in the period and in the one before."""
    rows = themes.emerging_themes(session, themes.periods()[period], team)
    for row in rows:
        if (row.theme, row.audience) == ("being_listened_to", "working-with-us"):
            return row.answers, row.previous_answers
    return 0, 0


def test_counts_follow_a_new_date_a_new_team_and_a_lead_s_correction(app, session):
    with app.app_context():
        moved, *_rest = [
            children_say(f"my worker actually listened to me {n}", n) for n in (1, 2, 3)
        ]
        children_say("my worker listened to me properly", 40)
        corrected = children_say("my worker listened to me and it was brilliant", 5)
        lead = make_user("champion")
    session.rollback()
    assert_copies_hold(session)
    assert listened(session) == (4, 1)
    assert listened(session, team="shropshire") == (4, 1)

    # A paper form's corrected date (45 days back) and a new team, set as the staff pages set them.
    other = session.scalar(select(Team).where(Team.slug != "shropshire", Team.active))
    response = session.get(Response, moved)
    response.submitted_at = NOON - timedelta(days=45)
    response.team_id = other.id
    session.commit()
    assert_copies_hold(session)
    assert listened(session) == (3, 2)
    assert listened(session, team="shropshire") == (3, 1)
    assert listened(session, team=other.slug) == (0, 1)

    # A lead says an answer is negative and about something else.
    answer = session.scalar(
        select(Answer.id).where(Answer.response_id == corrected, Answer.question_id == "best_thing")
    )
    label_corrections.correct(
        session, lead, answer, "negative", ["timeliness", "being_listened_to"]
    )
    session.commit()
    assert_copies_hold(session)
    assert (
        session.scalar(
            select(func.count()).where(TextTheme.answer_id == answer, TextTheme.polarity < 0)
        )
        == 2
    )
    assert listened(session) == (3, 2)
    timely = [
        r
        for r in themes.emerging_themes(session, themes.periods()["30d"])
        if r.theme == "timeliness"
    ]
    assert [r.answers for r in timely] == [1]
