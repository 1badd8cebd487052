"""What happens to every new response, however it arrived (form, paper, import)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from feedback_app.models import Answer
from feedback_app.services.cases import open_case
from feedback_app.services.safeguarding_queue import flag_answers
from feedback_app.services.text_signals import record_signals
from surveys import SurveyDefinition


def process_new_response(
    db: Session,
    definition: SurveyDefinition,
    response_id: int,
    answers: dict,
    received_on: date | None = None,
) -> None:
    """Score free text and scan it for possible harm; open a case for a Tell us message."""
    process_new_text(db, definition, response_id, answers)
    open_case(db, definition, response_id, answers, received_on)


def process_new_text(
    db: Session,
    definition: SurveyDefinition,
    response_id: int,
    answers: dict,
    only: set[str] | None = None,
) -> None:
    """Score and scan the free-text answers (or just those in `only`, after a correction)."""
    texts = {
        q.id: answers[q.id]
        for q in definition.questions
        if q.type == "text"
        and isinstance(answers.get(q.id), str)
        and answers[q.id]
        and (only is None or q.id in only)
    }
    if texts:
        answer_ids = dict(
            db.execute(
                select(Answer.question_id, Answer.id).where(
                    Answer.response_id == response_id, Answer.question_id.in_(texts)
                )
            ).all()
        )
        record_signals(db, response_id, texts, answer_ids)
        flag_answers(db, response_id, texts, answer_ids)
