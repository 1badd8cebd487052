"""Text signals are stored when free text is saved and by backfill-signals, never re-scored by
reports; contact details are never scored."""

from __future__ import annotations

from sqlalchemy import func, select

from feedback_app.models import Answer, TextSignal, TextTheme
from tests.answers import VALID_ANSWERS
from tests.conftest import submit_form


def signals_by_question(session) -> dict[str, TextSignal]:
    session.rollback()
    rows = session.execute(
        select(Answer.question_id, TextSignal).join(TextSignal, TextSignal.answer_id == Answer.id)
    ).all()
    return dict(rows)


def test_free_text_is_scored_when_saved(client, session):
    answers = {
        **VALID_ANSWERS["working-with-us"],
        "best_thing": "that was sick, my worker actually listened to me",
        "do_better": "the panel meeting was long",
    }
    assert submit_form(client, "/forms/working-with-us", answers).status_code == 303
    signals = signals_by_question(session)
    assert set(signals) == {"best_thing", "do_better"}
    assert signals["best_thing"].polarity > 0
    assert signals["do_better"].polarity < 0
    themes = set(session.scalars(select(TextTheme.theme)))
    assert themes  # at least one theme found in these clear texts


def test_contact_details_are_never_scored(client, session):
    submit_form(client, "/forms/tell-us", VALID_ANSWERS["tell-us"])
    assert set(signals_by_question(session)) == {"message"}


def test_backfill_scores_old_answers_once(runner, session):
    runner.invoke(args=["demo-data", "--responses", "200", "--seed", "5"])
    # Demo data arrives without signals, like years of imported history.
    free_text = session.scalar(
        select(func.count(Answer.id)).where(
            Answer.value_text.is_not(None), Answer.question_id != "contact"
        )
    )
    # Recent Tell us messages were scored when demo-data opened their cases.
    scored_already = session.scalar(select(func.count(TextSignal.answer_id)))
    first = runner.invoke(args=["backfill-signals"])
    assert first.exit_code == 0, first.output
    session.rollback()
    stored = session.scalar(select(func.count(TextSignal.answer_id)))
    assert stored == free_text > 0
    assert f"Scored {stored - scored_already:,} free-text answers" in first.output
    again = runner.invoke(args=["backfill-signals"])
    assert "Scored 0 free-text answers" in again.output
    everything = runner.invoke(args=["backfill-signals", "--rescore"])
    assert f"Scored {stored:,} free-text answers" in everything.output
    session.rollback()
    assert session.scalar(select(func.count(TextSignal.answer_id))) == stored
