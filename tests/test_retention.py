"""Retention removes exactly what is past its date and nothing else, after a dry run."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from feedback_app import db
from feedback_app.models import Answer, AuditEvent, Response, SafeguardingFlag, TellUsCase
from feedback_app.services import retention
from feedback_app.services.retention import months_before
from tests.answers import VALID_ANSWERS
from tests.conftest import definitions
from tests.staff_helpers import save_response

TODAY = date(2026, 11, 30)  # --on: schedule worked out as if today were this day
CHILD = VALID_ANSWERS["working-with-us"]
# Children's answers: free text kept 24 months, whole responses 72 (surveys/settings/).
TEXT_CUTOFF = datetime(2024, 11, 30)  # UK midnight = UTC midnight in November
WHOLE_CUTOFF = datetime(2020, 11, 30)


def child(at: datetime, text: str) -> int:
    return save_response("working-with-us", {**CHILD, "best_thing": text}, submitted_at=at)


@pytest.fixture
def dataset(app):
    with app.app_context():
        ids = {
            "new": child(datetime(2025, 6, 1), "new and kept"),
            "text_edge_kept": child(TEXT_CUTOFF, "given on the cut-off day, kept"),
            "text_old": child(datetime(2024, 11, 29, 23, 59), "a day too old, blanked"),
            "whole_old": child(datetime(2020, 11, 29, 12), "six years old, deleted"),
            "whole_edge_kept": child(WHOLE_CUTOFF, "six years to the day, text blanked"),
            "flag_unread": child(datetime(2019, 1, 1), "he hits me at home"),
        }
        old_complaint = save_response(
            "tell-us",
            {**VALID_ANSWERS["tell-us"], "message": "Nobody called me back in 2019."},
            submitted_at=datetime(2019, 2, 1),
        )
        ids["complaint_open"] = old_complaint
    return ids


def rows(session) -> dict[int, str | None]:
    session.rollback()
    found = session.execute(
        select(Response.id, Answer.value_text).outerjoin(
            Answer, (Answer.response_id == Response.id) & (Answer.question_id == "best_thing")
        )
    ).all()
    return dict(found)


def run(runner, *extra):
    return runner.invoke(args=["apply-retention", "--on", TODAY.isoformat(), *extra])


def test_dry_run_shows_the_plan_and_changes_nothing(dataset, runner, session):
    before = rows(session)
    result = run(runner)
    assert result.exit_code == 0, result.output
    assert "Dry run: nothing was changed" in result.output
    lines = {line.split()[0]: line for line in result.output.splitlines()[1:-1]}
    children, tell_us = lines["working-with-us"], lines["tell-us"]
    assert "2 to blank" in children and "1 to delete" in children
    assert "1 kept for an open case or unread safeguarding flag" in children
    assert "0 to delete; 1 kept for an open case" in tell_us
    assert rows(session) == before


def test_confirm_removes_exactly_what_is_past_its_date(dataset, runner, session):
    disclosures = select(func.count(SafeguardingFlag.id)).where(
        SafeguardingFlag.tier == "disclosure"
    )
    assert session.scalar(disclosures) == 1
    result = run(runner, "--confirm")
    assert result.exit_code == 0, result.output
    assert "2 free-text answers blanked and 1 responses deleted" in result.output
    after = rows(session)
    assert after[dataset["new"]] == "new and kept"
    assert after[dataset["text_edge_kept"]] == "given on the cut-off day, kept"
    assert after[dataset["text_old"]] is None
    assert after[dataset["whole_edge_kept"]] is None
    assert dataset["whole_old"] not in after
    # Held back: an unread safeguarding flag, and a complaint whose case is still open.
    assert after[dataset["flag_unread"]] == "he hits me at home"
    assert dataset["complaint_open"] in after
    # The ratings of a blanked response are still there for the reports.
    overall = session.scalar(
        select(Answer.value_choice).where(
            Answer.response_id == dataset["text_old"], Answer.question_id == "overall"
        )
    )
    assert overall == CHILD["overall"]
    event = session.scalars(select(AuditEvent).where(AuditEvent.action == "retention")).one()
    assert event.entity_id == "working-with-us"
    assert (event.after["texts_blanked"], event.after["responses_deleted"]) == (2, 1)
    again = run(runner, "--confirm")
    assert "Nothing is past its date." in again.output


def test_closed_cases_go_with_their_response(dataset, app, runner, session):
    with app.app_context(), db.transaction() as s:
        case = s.scalars(select(TellUsCase)).one()
        case.status = "closed"
        flag = s.scalars(
            select(SafeguardingFlag).where(SafeguardingFlag.response_id == dataset["flag_unread"])
        ).one()
        flag.acknowledged_at = datetime(2019, 1, 2)
    assert run(runner, "--confirm").exit_code == 0
    after = rows(session)
    assert dataset["complaint_open"] not in after and dataset["flag_unread"] not in after
    assert session.scalar(select(func.count(TellUsCase.id))) == 0


def test_months_before_handles_month_ends():
    assert months_before(date(2026, 11, 30), 24) == date(2024, 11, 30)
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2028, 3, 31), 1) == date(2028, 2, 29)
    assert months_before(date(2026, 1, 15), 1) == date(2025, 12, 15)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[tell-us]\nfree_text_months = 1\n", "needs a [default] section"),
        ("[default]\nfree_text_months = 24\nresponses_months = 12\n", "cannot be kept longer"),
        ("[default]\nfree_text_months = 0\nresponses_months = 12\n", "whole number of months"),
        (
            "[default]\nfree_text_months = 1\nresponses_months = 2\n[narnia]\n",
            "no survey called narnia",
        ),
    ],
)
def test_a_bad_schedule_is_refused_with_the_reason(tmp_path: Path, text, message):
    path = tmp_path / "retention.toml"
    path.write_text(text)
    with pytest.raises(retention.RetentionError, match=re.escape(message)):
        retention.load_policies(sorted(definitions()), path)


def test_the_shipped_schedule_covers_every_survey():
    policies = retention.load_policies(sorted(definitions()))
    assert set(policies) == set(definitions()) | {retention.OFFERS}
    assert policies[retention.OFFERS].free_text_months == 6
    assert policies["tell-us"].free_text_months == 72


def test_offers_to_help_nobody_followed_up_lose_their_contact_details(app, runner, session):
    from feedback_app.models import HelpOffer

    with app.app_context(), db.transaction() as s:
        s.add(HelpOffer(audience="children", contact="07700 900111", offered_on=date(2026, 5, 1)))
        s.add(HelpOffer(audience="children", contact="07700 900222", offered_on=date(2026, 6, 1)))
    dry = run(runner)
    assert "offers to help" in dry.output and "1 to remove" in dry.output
    assert run(runner, "--confirm").exit_code == 0
    session.rollback()
    kept = {o.offered_on: o.contact for o in session.scalars(select(HelpOffer))}
    assert kept == {date(2026, 5, 1): None, date(2026, 6, 1): "07700 900222"}
