"""The one way a response is stored, whatever channel it came by (a form, a paper form typed in,
a Tell us message taken by phone, email or in person, an import, the tests; demo data in bulk
through `process_stored`): `submit()` takes what varies with the channel and does what must
always happen.

Always: the offer to help is taken out of the answers first (it becomes a champion's task,
never an answer); the response is stored against the survey's current version, once per token;
free text is scored and scanned for possible harm; a Tell us message opens its case, whose
complaint clock starts on the day it was received.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from analysis.clock import local_date
from feedback_app.models import (
    Answer,
    ImportedResponse,
    Response,
    Survey,
    SurveyVersion,
    core_table,
)
from feedback_app.services import help_offers
from feedback_app.services.calendar import service_calendar
from feedback_app.services.cases import apply_corrected_answers, open_case
from feedback_app.services.responses import (
    AnswerValue,
    Submission,
    replace_answers,
    store_response,
    stored_answers,
)
from feedback_app.services.safeguarding_queue import detections, flag_answers, new_flag
from feedback_app.services.surveys import current_version_ids
from feedback_app.services.text_signals import free_texts, record_signals, store_signals
from surveys import SurveyDefinition

__all__ = ["Stored", "Submission", "correct", "process_new_text", "process_stored", "submit"]


@dataclass(frozen=True)
class Stored:
    response_id: int
    created: bool  # False when the token was seen before: nothing new was stored
    answers: dict[str, AnswerValue]  # as stored: without the offer to help
    offered_help: bool  # a yes with a way to reach them became a champion's task
    case_id: int | None = None  # the Tell us case it opened
    # Free-text answers left for text_signals.score_soon (Submission.score_later)
    texts_to_score: tuple[int, ...] = ()


def submit(
    db: Session,
    definition: SurveyDefinition,
    answers: dict[str, AnswerValue],
    submission: Submission | None = None,
    version: SurveyVersion | None = None,
) -> Stored:
    """Store one response and do everything that follows from it, in the caller's transaction.

    An import is history handled at the time: it opens no case and makes no task.
    """
    submission = submission or Submission()
    answers, contact = help_offers.separate(definition, answers)
    recorded = store_response(
        db, definition, version or current_version_ids(db, definition), answers, submission
    )
    response_id = recorded.response_id
    if not recorded.created:
        return Stored(response_id, False, answers, False)
    if submission.import_batch_id is not None:  # Core: an ORM row here was a flush per row
        db.execute(
            insert(core_table(ImportedResponse)),
            {
                "response_id": response_id,
                "batch_id": submission.import_batch_id,
                "source_row_id": (submission.import_row_id or "")[:128],
            },
        )
    to_score = process_new_text(
        db,
        definition,
        response_id,
        answers,
        answer_ids=recorded.text_answer_ids,
        score=not submission.score_later,
    )
    live = submission.channel != "import"
    case_id = None
    if live:
        case_id = open_case(db, definition, response_id, answers, received_day(submission))
        if contact:
            help_offers.record_offer(db, definition, contact)
    return Stored(
        response_id,
        True,
        answers,
        live and contact is not None,
        case_id,
        tuple(to_score),
    )


def correct(
    db: Session, definition: SurveyDefinition, response: Response, answers: dict[str, AnswerValue]
) -> set[str]:
    """A stored response's answers corrected (a paper form typed in wrongly): the changed text
    is scored and scanned again, and a Tell us case takes the corrected kind and due dates.
    Returns the ids of the questions whose answers changed."""
    changed = replace_answers(db, definition, response, answers)
    process_new_text(db, definition, response.id, answers, only=changed)
    apply_corrected_answers(db, definition, response.id, answers)
    return changed


def received_day(submission: Submission) -> date | None:
    """The day the service received it (None: today). A time is stored UTC, so it is read as
    a day in England."""
    received = submission.received_at
    if isinstance(received, datetime):
        return local_date(received)
    return received


def process_new_text(
    db: Session,
    definition: SurveyDefinition,
    response_id: int,
    answers: dict,
    only: set[str] | None = None,
    answer_ids: dict[str, int] | None = None,
    score: bool = True,
) -> list[int]:
    """Scan the free-text answers (or just those in `only`, after a correction) for possible
    harm, and score them unless `score` is False: then the ids of the answers still to score
    are returned. `answer_ids` are those of answers stored just now: no lead has corrected
    their labels."""
    texts = free_texts(definition, answers, only)
    if not texts:
        return []
    fresh = answer_ids is not None
    if answer_ids is None:
        answer_ids = dict(
            db.execute(
                select(Answer.question_id, Answer.id).where(
                    Answer.response_id == response_id, Answer.question_id.in_(texts)
                )
            ).all()
        )
    flag_answers(db, response_id, texts, answer_ids)
    if not score:
        return [answer_ids[qid] for qid in texts if qid in answer_ids]
    record_signals(db, response_id, texts, answer_ids, definition.audience, not fresh)
    return []


def process_stored(
    db: Session, definitions: dict[str, SurveyDefinition], response_ids: Iterable[int]
) -> None:
    """What submit() does after storing, for responses inserted in bulk (demo data): the same
    text signals, safeguarding flags and Tell us cases, received on the day they were sent."""
    ids = list(response_ids)
    if not ids:
        return
    text_questions = {
        (slug, q.id)
        for slug, definition in definitions.items()
        for q in definition.questions
        if q.type == "text"
    }
    found = db.execute(
        select(Answer.id, Answer.response_id, Answer.value_text, Survey.audience)
        .add_columns(Survey.slug, Answer.question_id)
        .join(Response, Response.id == Answer.response_id)
        .join(Survey, Survey.id == Response.survey_id)
        .where(Answer.response_id.in_(ids), Answer.value_text.is_not(None))
        .order_by(Answer.id)
    )
    rows = [
        (answer_id, response_id, text, audience)
        for answer_id, response_id, text, audience, slug, question_id in found
        if (slug, question_id) in text_questions and text
    ]
    store_signals(db, rows)
    flags = [
        new_flag(answer_id, response_id, found)
        for answer_id, response_id, text, _audience in rows
        for found in detections({"text": text}, response_id).values()
        if found.any_tier
    ]
    db.add_all(flags)
    _open_cases(db, definitions, ids)
    db.flush()


def _open_cases(db: Session, definitions: dict[str, SurveyDefinition], ids: list[int]) -> None:
    definition = definitions.get("tell-us")
    if definition is None:
        return
    calendar = service_calendar(db)
    responses = db.scalars(
        select(Response)
        .join(Survey)
        .where(Survey.slug == definition.slug, Response.id.in_(ids))
        .order_by(Response.id)
    )
    for response in responses:
        answers = stored_answers(definition, response)
        received = local_date(response.submitted_at)
        open_case(db, definition, response.id, answers, received, calendar)
