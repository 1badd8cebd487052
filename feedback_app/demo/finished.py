"""Demo numbers of who finished with each team in each past quarter, as an admin would upload
them from the case system, worked back from the demo feedback so the report's response rates
tell a story: about 38% of children give feedback, girls and Black children less often."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from analysis import clock
from feedback_app.importing.finished import FinishedRow
from feedback_app.models import Answer, FinishedCount, Response, Survey, Team
from feedback_app.services import finished_counts
from feedback_app.services.accounts import user_by_email

# Share of those who finished who give feedback, by who they are.
RATES = {"children": 0.38, "parents": 0.25, "victims": 0.5}
SURVEYS = {
    "working-with-us": "children",
    "parent-carer": "parents",
    "victim-satisfaction": "victims",
}
# Groups the demo makes under-heard: they give feedback at this share of the usual rate.
QUIETER = {("gender", "girl"): 0.55, ("ethnicity", "black"): 0.6}
GROUPS = ("gender", "ethnicity", "care_status", "send")
VICTIMS_TEAM = "restorative-justice-and-victims"


def demo_finished_counts(db: Session) -> int:
    """One upload per past quarter with demo feedback; made once. Returns the quarters made."""
    admin = user_by_email(db, "admin@example.org")
    if admin is None or db.scalar(select(FinishedCount.id).limit(1)) is not None:
        return 0
    received: Counter = Counter()
    group_of: dict[int, tuple] = {}
    rows = db.execute(
        select(Response.id, Survey.slug, Team.slug, Response.submitted_at)
        .join(Survey, Survey.id == Response.survey_id)
        .outerjoin(Team, Team.id == Response.team_id)
        .where(Survey.slug.in_(SURVEYS))
    ).all()
    for response_id, slug, team, at in rows:
        if team is None:
            if slug != "victim-satisfaction":
                continue  # "Not sure" of the team: the case system knows it, we do not
            team = VICTIMS_TEAM  # the victims' form asks no team; this team supports them
        group_of[response_id] = (clock.quarter_of(clock.stored_time(at)), team, SURVEYS[slug])
        received[group_of[response_id] + (None, None)] += 1
    for response_id, question, value in db.execute(
        select(Answer.response_id, Answer.question_id, Answer.value_choice).where(
            Answer.question_id.in_(GROUPS), Answer.value_choice != "prefer_not"
        )
    ):
        if response_id in group_of and group_of[response_id][2] == "children":
            received[group_of[response_id] + (question, value)] += 1
    current = clock.quarter_of(clock.utc_now())
    made = 0
    for quarter in sorted({key[0] for key in received if key[0] < current}):
        finished = _finished(received, quarter)
        if finished:
            finished_counts.replace_quarter(db, admin, quarter, finished, "demo-case-system.csv")
            made += 1
    return made


def _finished(received: Counter, quarter) -> list[FinishedRow]:
    rows: list[FinishedRow] = []
    totals = {}
    for (q, team, audience, question, _value), n in sorted(received.items(), key=str):
        if q == quarter and question is None:
            totals[(team, audience)] = round(n / RATES[audience])
            rows.append(FinishedRow(0, team, audience, None, None, totals[(team, audience)]))
    by_group: dict[tuple, list[FinishedRow]] = {}
    for (q, team, audience, question, value), n in sorted(received.items(), key=str):
        if q == quarter and question is not None and (team, audience) in totals:
            rate = RATES[audience] * QUIETER.get((question, value), 1.0)
            row = FinishedRow(0, team, audience, question, value, round(n / rate))
            by_group.setdefault((team, question), []).append(row)
    for (team, _question), found in by_group.items():
        # The case system counts everyone; the form only those who said. Never more than all.
        if sum(r.finished for r in found) <= totals[(team, "children")]:
            rows.extend(found)
    return rows
