"""One clock: times are stored in UTC and counted by the day in England. A form sent at 00:30 on
1 July in the UK is stored as 23:30 UTC on 30 June, and belongs to Q2 everywhere (report,
You Said, We Did workspace, exports); in winter 23:30 UTC on 31 December is still 31 December
in the UK, so Q3. A boundary test at 22:00 UTC cannot tell the two clocks apart; these can."""

from __future__ import annotations

import csv
from datetime import date, datetime

import pytest
from sqlalchemy import select

from analysis import clock
from analysis.quarters import Quarter
from feedback_app import db
from feedback_app.models import Action, Response, TextTheme
from feedback_app.services import actions, exports, themes
from tests.answers import VALID_ANSWERS
from tests.conftest import definitions
from tests.staff_helpers import make_action, make_user, save_response

BST_EDGE = datetime(2026, 6, 30, 23, 30)  # 00:30 on 1 July in the UK: Q2
GMT_EDGE = datetime(2026, 12, 31, 23, 30)  # 23:30 on 31 December in the UK: Q3
Q1, Q2, Q3, Q4 = (Quarter(2026, n) for n in (1, 2, 3, 4))
CHILD = {
    **VALID_ANSWERS["working-with-us"],
    "best_thing": "my worker listened to me and explained what would happen at court",
}


def test_the_clock_counts_days_and_quarters_in_england():
    assert clock.local_date(BST_EDGE) == date(2026, 7, 1)
    assert clock.quarter_of(BST_EDGE) == Q2
    assert clock.local_date(GMT_EDGE) == date(2026, 12, 31)
    assert clock.quarter_of(GMT_EDGE) == Q3
    summer = clock.quarter_range(Q2)
    assert summer == (datetime(2026, 6, 30, 23, 0), datetime(2026, 9, 30, 23, 0))  # BST midnights
    assert summer.holds(BST_EDGE) and not clock.quarter_range(Q1).holds(BST_EDGE)
    winter = clock.quarter_range(Q3)
    assert winter == (datetime(2026, 9, 30, 23, 0), datetime(2027, 1, 1))
    assert winter.holds(GMT_EDGE) and not clock.quarter_range(Q4).holds(GMT_EDGE)
    assert clock.to_utc(datetime(2026, 7, 1, 0, 30)) == BST_EDGE
    assert clock.local_time(BST_EDGE) == datetime(2026, 7, 1, 0, 30)


@pytest.fixture
def at_the_edges(app):
    """Six children's answers at each edge: enough to be counted, not hidden as a small number."""
    with app.app_context():
        for _ in range(6):
            save_response("working-with-us", CHILD, submitted_at=BST_EDGE)
            save_response("working-with-us", CHILD, submitted_at=GMT_EDGE)


def children_in_report(runner, tmp_path, quarter: str) -> list[str]:
    result = runner.invoke(args=["report", "--quarter", quarter, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    path = tmp_path / f"triangulation-{quarter}-headline.csv"
    with path.open(encoding="utf-8") as fh:
        return next(row for row in csv.reader(fh) if row[0] == "Children")


def test_the_report_counts_each_edge_in_its_uk_quarter(at_the_edges, runner, tmp_path):
    # Before the one clock, the summer six were counted in Q1 (local midnight read as UTC).
    q2 = children_in_report(runner, tmp_path / "q2", "2026-27-Q2")
    assert q2[1] == "6"
    q1 = children_in_report(runner, tmp_path / "q1", "2026-27-Q1")
    assert q1[1] != "6" and q1[2] != "6"
    q3 = children_in_report(runner, tmp_path / "q3", "2026-27-Q3")
    assert q3[1:3] == ["6", "6"]  # this quarter's six, and Q2's six as last quarter
    q4 = children_in_report(runner, tmp_path / "q4", "2026-27-Q4")
    assert q4[1] != "6" and q4[2] == "6"


def _theme_answers(session, period: themes.Period) -> int:
    rows = themes.emerging_themes(session, period, audience="working-with-us")
    return sum(row.answers for row in rows)


def test_the_workspace_counts_each_edge_in_its_uk_quarter(at_the_edges, app, session):
    assert session.scalar(select(TextTheme.theme).limit(1)), "the answer was given no theme"
    last_quarter = themes.periods(on=date(2026, 7, 15))["quarter"]  # Q1
    assert (last_quarter.start, last_quarter.end) == (Q1.start, Q1.end)
    themes_per_answer = _theme_answers(session, themes.periods(on=date(2026, 10, 15))["quarter"])
    assert themes_per_answer > 0 and themes_per_answer % 6 == 0
    assert _theme_answers(session, last_quarter) == 0
    assert _theme_answers(session, themes.periods(on=date(2027, 1, 15))["quarter"]) == (
        themes_per_answer
    )
    assert _theme_answers(session, themes.periods(on=date(2027, 4, 15))["quarter"]) == 0
    examples = themes.examples(
        session,
        session.scalar(select(TextTheme.theme)),
        themes.periods(date(2026, 10, 1))["quarter"],
    )
    assert {e.given_on for e in examples} == {date(2026, 7, 1)}


def test_an_action_raised_just_after_uk_midnight_opens_in_the_new_quarter(app, session):
    with app.app_context():
        champion = make_user("champion")
        made = make_action(champion)
        with db.transaction() as tx:
            tx.get(Action, made.id).created_at = BST_EDGE
    session.rollback()
    assert [a.id for a in actions.in_quarter(session, Q2).raised] == [made.id]
    assert actions.in_quarter(session, Q1).raised == []


def _exported(session, start: date, end: date) -> list[str]:
    made = exports.build(session, definitions()["working-with-us"], start, end)
    return [row[made.columns.index("Completion time")] for row in made.rows]


def test_exports_take_uk_dates(at_the_edges, session):
    summer = _exported(session, date(2026, 7, 1), date(2026, 7, 1))
    assert summer == ["2026-07-01 00:30:00"] * 6
    assert _exported(session, date(2026, 6, 1), date(2026, 6, 30)) == []
    winter = _exported(session, date(2026, 12, 31), date(2026, 12, 31))
    assert winter == ["2026-12-31 23:30:00"] * 6
    assert _exported(session, date(2027, 1, 1), date(2027, 1, 31)) == []


def test_there_is_one_clock_for_stored_times():
    from feedback_app import models

    assert not hasattr(models, "utcnow")  # analysis.clock.utc_now is the one "now"
    assert models.Response.__table__.c.submitted_at.default.arg.__name__ == "utc_now"


def test_pages_show_a_stored_time_as_the_day_in_england(app, client, session, signed_in):
    """A paper form typed in at 00:30 on 1 July (UK) is listed on 1 July; an action published
    then was not yet published when Q1 ended on 30 June."""
    worker = signed_in(["practitioner", "champion"])
    with app.app_context():
        save_response(
            "working-with-us",
            CHILD,
            channel="paper",
            paper_reference="P-EDGE",
            transcribed_by_id=worker.id,
            submitted_at=BST_EDGE,
        )
        action = make_action(worker, published=True)
        with db.transaction() as s:
            typed = s.scalars(select(Response).where(Response.paper_reference == "P-EDGE")).one()
            typed.transcribed_at = BST_EDGE
            stored = s.get(Action, action.id)
            stored.created_at, stored.done_on = datetime(2026, 6, 1, 9, 0), date(2026, 6, 20)
            stored.published_at = BST_EDGE
    listed = client.get("/staff/transcriptions").get_data(as_text=True)
    assert "01 Jul 2026" in listed and "30 Jun 2026" not in listed
    summary = client.get(f"/staff/actions/summary?quarter={Q1}").get_data(as_text=True)
    assert "You said waiting rooms were boring" in summary
    assert ", published" not in summary
    assert ", published" in client.get(f"/staff/actions/summary?quarter={Q2}").get_data(
        as_text=True
    )
