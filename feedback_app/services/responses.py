"""Store a completed questionnaire as one response and its answers in long format."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from feedback_app.models import CHANNELS, Answer, Response, Source, SurveyVersion, utcnow
from feedback_app.services.teams import team_by_slug
from surveys import TEAM_NOT_SURE, Question, SurveyDefinition

AnswerValue = str | list[str] | date | None


@dataclass(frozen=True)
class Submission:
    """What arrives with a response besides the answers: where and how it was given."""

    channel: str = "link"
    source: Source | None = None
    token: str | None = None
    paper_reference: str | None = None
    submitted_at: datetime | None = None


def record_response(
    db: Session,
    definition: SurveyDefinition,
    version: SurveyVersion,
    answers: dict[str, AnswerValue],
    submission: Submission,
) -> tuple[Response, bool]:
    """Store the response unless its token was seen before; return it and whether it is new."""
    if submission.channel not in CHANNELS:
        raise ValueError(f"unknown channel '{submission.channel}'")
    if submission.token:
        earlier = _by_token(db, submission.token)
        if earlier is not None:
            return earlier, False

    response = Response(
        survey_id=version.survey_id,
        survey_version_id=version.id,
        submitted_at=submission.submitted_at or utcnow(),
        channel=submission.channel,
        source=submission.source,
        team_id=_team_id(db, definition, answers, submission.source),
        completed_with=_completed_with(definition, answers),
        paper_reference=submission.paper_reference,
        submission_token=submission.token,
    )
    response.answers = answer_rows(definition, answers)
    try:
        with db.begin_nested():
            db.add(response)
    except IntegrityError:
        # A double-click raced us to the same token: the other request stored it.
        earlier = _by_token(db, submission.token) if submission.token else None
        if earlier is None:
            raise
        return earlier, False
    return response, True


def answer_rows(definition: SurveyDefinition, answers: dict[str, AnswerValue]) -> list[Answer]:
    rows: list[Answer] = []
    for question in definition.questions:
        value = answers.get(question.id)
        if value is None or value == "" or value == []:
            continue
        for fields in answer_fields(question, value):
            rows.append(Answer(question_id=question.id, **fields))
    return rows


def answer_fields(question: Question, value: Any) -> list[dict[str, Any]]:
    """The stored columns for one answer (a list, as a multi-choice gives a row per option)."""
    if question.type == "multi":
        return [_row(choice=v) for v in value]
    if question.type in {"choice", "scale"}:
        option = question.option(value)
        return [_row(choice=value, number=option.score if option else None)]
    if question.type == "team":
        return [_row(choice=value)]
    if question.type == "date":
        return [_row(text=value.isoformat())]
    return [_row(text=str(value))]


def _row(
    text: str | None = None, choice: str | None = None, number: float | None = None
) -> dict[str, Any]:
    return {"value_text": text, "value_choice": choice, "value_number": number}


def _team_id(
    db: Session,
    definition: SurveyDefinition,
    answers: dict[str, AnswerValue],
    source: Source | None,
) -> int | None:
    if source is not None and source.team_id is not None:
        return source.team_id
    question = definition.question_with_role("team")
    chosen = answers.get(question.id) if question else None
    if isinstance(chosen, str) and chosen and chosen != TEAM_NOT_SURE:
        team = team_by_slug(db, chosen)
        return team.id if team else None
    return None


def _completed_with(definition: SurveyDefinition, answers: dict[str, AnswerValue]) -> str | None:
    question = definition.question_with_role("completed_with")
    value = answers.get(question.id) if question else None
    return value if isinstance(value, str) and value else None


def _by_token(db: Session, token: str) -> Response | None:
    return db.scalar(select(Response).where(Response.submission_token == token))
