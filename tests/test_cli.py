"""The commands staff scripts call: init-db, add-source, retire-source, demo-data."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from analysis.quarters import Quarter
from feedback_app.demo import quarters_back
from feedback_app.models import Answer, Response, Source, Survey, Team


def test_init_db_is_safe_to_run_twice(runner, session):
    first = runner.invoke(args=["init-db"])
    assert first.exit_code == 0, first.output
    assert "Surveys with a new version: panel-feedback" in first.output
    second = runner.invoke(args=["init-db"])
    assert second.exit_code == 0, second.output
    assert "Teams added: 0. Surveys with a new version: none." in second.output
    assert session.scalar(select(func.count(Team.id))) == 6
    assert session.scalar(select(func.count(Survey.id))) == 9


def test_add_source_prints_its_urls_and_stores_it(runner, session):
    result = runner.invoke(
        args=[
            "add-source",
            "--survey",
            "victim-satisfaction",
            "--team",
            "restorative-justice-and-victims",
            "--label",
            "Card in victim letters",
            "--channel",
            "link",
            "--code",
            "victim-card",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "https://feedback.test.invalid/s/victim-card" in result.output
    assert "https://feedback.test.invalid/qr/victim-card/poster" in result.output
    source = session.scalars(select(Source)).one()
    assert (source.channel, source.team.slug, source.survey.slug) == (
        "link",
        "restorative-justice-and-victims",
        "victim-satisfaction",
    )


def test_add_source_explains_bad_input(runner):
    unknown = runner.invoke(args=["add-source", "--survey", "nope", "--label", "x"])
    assert unknown.exit_code == 2
    assert "no survey 'nope'; choose from panel-feedback" in unknown.output
    bad_team = runner.invoke(
        args=["add-source", "--survey", "tell-us", "--label", "x", "--team", "narnia"]
    )
    assert bad_team.exit_code == 2
    assert "no team 'narnia'" in bad_team.output


def test_retire_source_then_list(runner, session):
    runner.invoke(args=["add-source", "--survey", "tell-us", "--label", "Old", "--code", "old-1"])
    assert runner.invoke(args=["retire-source", "old-1"]).exit_code == 0
    assert "old-1" not in runner.invoke(args=["list-sources"]).output
    assert "[retired]" in runner.invoke(args=["list-sources", "--all"]).output
    missing = runner.invoke(args=["retire-source", "nope"])
    assert missing.exit_code == 2 and "no source with code 'nope'" in missing.output


def test_demo_data_makes_the_responses_asked_for_in_every_survey_and_quarter(runner, session):
    result = runner.invoke(args=["demo-data", "--responses", "400", "--seed", "7"])
    assert result.exit_code == 0, result.output
    assert "Added 400 demo responses" in result.output
    assert session.scalar(select(func.count(Response.id))) == 400

    rows = session.execute(select(Survey.slug, Response.submitted_at).join(Survey)).all()
    quarters = quarters_back(date.today(), 6)
    # The last complete quarter (the report's default) has the same quarter last year too.
    assert quarters[0] == quarters[-2].same_quarter_last_year()
    seen = {(slug, Quarter.containing(when.date())) for slug, when in rows}
    for slug in (
        "working-with-us",
        "parent-carer",
        "victim-satisfaction",
        "tell-us",
        "service-feedback",
    ):
        for quarter in quarters:
            assert (slug, quarter) in seen, f"no {slug} response in {quarter}"
    assert all(when.date() <= date.today() for _, when in rows)

    channels = set(session.scalars(select(Response.channel).distinct()))
    assert {"qr", "link", "paper"} <= channels
    qr_without_source = session.scalar(
        select(func.count(Response.id)).where(
            Response.channel == "qr", Response.source_id.is_(None)
        )
    )
    assert qr_without_source == 0
    free_text = session.scalars(
        select(Answer.value_text).where(Answer.question_id == "best_thing")
    ).all()
    assert len(set(free_text)) > 10


def test_demo_data_is_repeatable_with_a_seed_and_adds_to_what_is_there(runner, session):
    runner.invoke(args=["demo-data", "--responses", "50", "--seed", "3"])
    first = session.scalars(select(Answer.value_text).order_by(Answer.id)).all()
    runner.invoke(args=["demo-data", "--responses", "50", "--seed", "3"])
    session.expire_all()
    assert session.scalar(select(func.count(Response.id))) == 100
    both = session.scalars(select(Answer.value_text).order_by(Answer.id)).all()
    assert both[: len(first)] == first == both[len(first) :]


def test_demo_data_then_a_real_submission_gets_a_fresh_id(runner, client, session):
    from tests.answers import VALID_ANSWERS
    from tests.conftest import submit_form

    runner.invoke(args=["demo-data", "--responses", "30"])
    sent = submit_form(client, "/forms/tell-us", VALID_ANSWERS["tell-us"])
    assert sent.status_code == 303
    assert session.scalar(select(func.count(Response.id))) == 31


def test_demo_contact_details_only_when_a_reply_was_asked_for(runner, session):
    runner.invoke(args=["demo-data", "--responses", "300"])
    replies = dict(
        session.execute(
            select(Answer.response_id, Answer.value_choice).where(Answer.question_id == "reply")
        ).all()
    )
    with_contact = session.scalars(
        select(Answer.response_id).where(Answer.question_id == "contact")
    ).all()
    assert with_contact
    assert all(replies[r] == "yes" for r in with_contact)
