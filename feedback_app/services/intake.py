"""What happens to every new response, however it arrived (form, paper, import)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from feedback_app.services.cases import open_case
from feedback_app.services.safeguarding_queue import flag_answers
from surveys import SurveyDefinition


def process_new_response(
    db: Session,
    definition: SurveyDefinition,
    response_id: int,
    answers: dict,
    received_on: date | None = None,
) -> None:
    """Scan free text for possible harm, and open a case for a Tell us message."""
    texts = {
        q.id: answers[q.id]
        for q in definition.questions
        if q.type == "text" and isinstance(answers.get(q.id), str)
    }
    flag_answers(db, response_id, texts)
    open_case(db, definition, response_id, answers, received_on)
