"""The report reads only its own quarter's written answers and responses as rows and has the
database count the quarters before it. What it shows for those quarters must be what a count
of the stored rows gives: tone by source and quarter, last quarter's answers per theme, and
responses by source, for the whole service and for one team, staff and volunteers apart."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime
from statistics import mean

import pytest
from sqlalchemy import text

from analysis import clock
from analysis.quarters import Quarter
from analysis.report.build import build_report
from analysis.report.sources import source_of
from analysis.text_signals import THEMES
from feedback_app import db
from feedback_app.surveys_registry import all_definitions
from tests.answers import VALID_ANSWERS
from tests.staff_helpers import save_response

NOW = Quarter.containing(datetime(2026, 8, 1).date())
# One day in each of the report's five quarters, oldest first.
DAYS = [datetime(2025, 8, 10, 12), datetime(2025, 11, 10, 12), datetime(2026, 2, 10, 12),
        datetime(2026, 5, 10, 12), datetime(2026, 8, 10, 12)]  # fmt: skip
CHILD_SAYS = [
    "My worker listened to me and helped me with court, it was really good",
    "The waiting room was cold and boring and nobody told me what was happening",
    "I hated waiting so long, the appointments kept changing",
    "Boxing was great and my worker was kind and fair",
    "It was ok i guess",
    "They explained the court order properly and i felt respected",
]
STAFF_SAYS = [
    "Reports arrive on time and the team is very helpful",
    "Too much paperwork and the referrals are slow and confusing",
    "Good joint working with the police and the schools",
]


@pytest.fixture
def written(app):
    """Children in two teams and staff and volunteers writing in every quarter, a different
    mix of words and a different number each quarter, so no two quarters' tone is alike."""
    with app.app_context():
        for age, day in enumerate(DAYS):
            for i in range(7 + 3 * age):
                said = CHILD_SAYS[(i + age) % len(CHILD_SAYS)]
                team = ("shropshire", "herefordshire")[i % 2]
                answers = {**VALID_ANSWERS["working-with-us"], "team": team, "best_thing": said}
                save_response("working-with-us", answers, submitted_at=day)
            for i in range(10 + age):
                answers = {
                    **VALID_ANSWERS["service-feedback"],
                    "role": ("staff", "volunteer")[i % 2],
                    "team": ("shropshire", "herefordshire")[i % 2],
                    "works_well": STAFF_SAYS[(i * age) % len(STAFF_SAYS)],
                }
                save_response("service-feedback", answers, submitted_at=day)
    return app


def _stored(team: str | None):
    """Every stored written answer's source, quarter, tone and themes, and every response's
    source and quarter, read plainly from the tables."""
    role_of = dict(
        db.session()
        .execute(text("SELECT response_id, value_choice FROM answer WHERE question_id = 'role'"))
        .all()
    )
    responses = {}
    for rid, slug, at, team_slug in db.session().execute(
        text(
            "SELECT r.id, s.slug, r.submitted_at, t.slug FROM response r "
            "JOIN survey s ON s.id = r.survey_id LEFT JOIN team t ON t.id = r.team_id"
        )
    ):
        if team is None or team_slug == team:
            quarter = Quarter.containing(clock.local_date(clock.stored_time(at)))
            responses[rid] = (source_of(slug, role_of.get(rid)), quarter)
    tones: dict[tuple, list[float]] = defaultdict(list)
    for rid, polarity in db.session().execute(
        text("SELECT response_id, polarity FROM text_signal")
    ):
        if rid in responses:
            tones[responses[rid]].append(polarity)
    themes: Counter[tuple] = Counter()
    for rid, theme in db.session().execute(
        text(
            "SELECT a.response_id, th.theme FROM text_theme th JOIN answer a ON a.id = th.answer_id"
        )
    ):
        if rid in responses and responses[rid][0] is not None:
            themes[(responses[rid][1], theme)] += 1
    return tones, themes, Counter(responses.values())


def _n(cell) -> int:
    """A count as the table shows it: a number, or a cell holding one."""
    return getattr(cell, "value", cell)


def _table(report, key):
    return next(t for s in report.sections for t in s.tables if t.key == key)


@pytest.mark.parametrize("team", [None, "shropshire"])
def test_earlier_quarters_counted_in_the_database_match_a_count_of_the_rows(written, team):
    with written.app_context():
        report = build_report(db.engine(), all_definitions(), NOW, team=team)
        tones, themes, responses = _stored(team)
    assert len({q for _s, q in tones}) == 5 and len(tones) >= 10  # the fixture wrote enough

    sentiment = _table(report, "sentiment")
    quarters = [Quarter.parse(c) for c in sentiment.columns[1:]]
    assert quarters == [NOW.previous().previous().previous(), *quarters[1:3], NOW]
    names = {"Children": "children", "Staff": "staff", "Volunteers": "volunteers"}
    checked = 0
    for row in sentiment.rows:
        source = next((key for name, key in names.items() if row[0] == name), None)
        if source is None:
            continue
        for quarter, shown in zip(quarters, row[1:], strict=True):
            values = tones[(source, quarter)]
            assert shown == (round(mean(values), 2) if len(values) >= 5 else "not shown"), (
                source,
                quarter,
            )
            checked += shown != "not shown"
    assert checked >= 8  # children and staff in every quarter, volunteers too in all

    table = _table(report, "themes")
    last = table.columns.index(f"Answers {NOW.previous()}")
    names_of = {name: key for key, name in THEMES.items()}
    seen = 0
    for row in table.rows:
        theme = names_of[str(row[0]).split(" (")[0]]
        assert _n(row[last]) == themes[(NOW.previous(), theme)], theme
        seen += themes[(NOW.previous(), theme)] > 0
    assert seen >= 2

    headline = _table(report, "headline")
    for source, name in (("children", "Children"), ("staff", "Staff")):
        (row,) = [row for row in headline.rows if row[0] == name]
        quarters = (NOW, NOW.previous(), NOW.same_quarter_last_year())
        assert [_n(cell) for cell in row[1:4]] == [responses[(source, q)] for q in quarters]
