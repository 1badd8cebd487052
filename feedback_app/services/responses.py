"""Store a completed questionnaire as one response and its answers in long format (called by
`intake.submit()`, which also does what follows from a new response)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import Integer, String, bindparam, delete, func, insert, select
from sqlalchemy.orm import Session

from analysis.clock import utc_now
from feedback_app.models import (
    CHANNELS,
    Answer,
    Response,
    Source,
    SurveyVersion,
    Team,
    core_table,
)
from feedback_app.services.surveys import VersionIds
from feedback_app.services.teams import team_by_slug
from surveys import HELP_ROLES, TEAM_NOT_SURE, Question, SurveyDefinition

AnswerValue = str | list[str] | date | None


@dataclass(frozen=True)
class Submission:
    """What arrives with a response besides the answers: where and how it was given."""

    channel: str = "link"
    source: Source | None = None
    token: str | None = None
    paper_reference: str | None = None
    paper_date: date | None = None
    transcribed_by_id: int | None = None
    submitted_at: datetime | None = None
    language: str | None = None  # the language of the form, when not English
    easy_read: bool = False
    team_id: int | None = None  # the team, when the channel knows it and no source says
    # When the service received it (a day, or a stored UTC time); starts a complaint's clock.
    # None: today.
    received_at: date | datetime | None = None
    import_batch_id: int | None = None
    import_row_id: str | None = None  # the row's ID in the imported file
    # A public form's sentiment and themes follow in a job (text_signals.score_soon); its
    # safeguarding scan never does.
    score_later: bool = False


class Recorded(NamedTuple):
    response_id: int
    created: bool  # False when the token was seen before: nothing new was stored
    text_answer_ids: dict[str, int]  # question id -> answer id of each free-text answer stored


def store_response(
    db: Session,
    definition: SurveyDefinition,
    version: SurveyVersion | VersionIds,
    answers: dict[str, AnswerValue],
    submission: Submission,
) -> Recorded:
    """Store the response unless its token was seen before.

    One INSERT that skips a duplicate token, so a double-click racing the first click needs
    no savepoint or retry (the chosen team's id is looked up inside it), then the answers in
    one batch that gives back the free-text answers' ids for scoring and the safeguarding scan.
    """
    if submission.channel not in CHANNELS:
        raise ValueError(f"unknown channel '{submission.channel}'")
    submitted_at = submission.submitted_at or utc_now()
    team = _team(definition, answers, submission.source, submission.team_id)
    row = {
        "survey_id": version.survey_id,
        "survey_version_id": version.id,
        "submitted_at": submitted_at,
        "channel": submission.channel,
        "source_id": submission.source.id if submission.source else None,
        "completed_with": _completed_with(definition, answers),
        "paper_reference": submission.paper_reference,
        "paper_date": submission.paper_date,
        "transcribed_by_id": submission.transcribed_by_id,
        "transcribed_at": utc_now() if submission.transcribed_by_id else None,
        "submission_token": submission.token,
        "language": submission.language,
        "easy_read": submission.easy_read,
        "given_team_id": None if isinstance(team, str) else team,
        "team_slug": team if isinstance(team, str) else None,
    }
    response_id = db.execute(_response_insert(db.get_bind().dialect.name), row).scalar()
    if response_id is None:
        earlier = db.scalars(
            select(Response.id).where(Response.submission_token == submission.token)
        ).one()  # the token was seen: its response is there
        return Recorded(earlier, False, {})
    rows = [
        {"response_id": response_id, "question_id": question_id, **fields}
        for question_id, fields in answer_values(definition, answers)
    ]
    text_ids: dict[str, int] = {}
    if rows:
        texts = {q.id for q in definition.questions if q.type == "text"}
        if texts & {r["question_id"] for r in rows}:
            stored = db.execute(_ANSWERS_RETURNING_IDS, rows)
            text_ids = {qid: answer_id for answer_id, qid in stored if qid in texts}
        else:
            db.execute(insert(core_table(Answer)), rows)
    # An import marks the reports once, for its batch; the job that scores a public form's
    # text marks them once the signals the reports read are stored (jobs/text_scoring).
    if submission.channel != "import" and not (submission.score_later and text_ids):
        from feedback_app.services.report_snapshots import mark_new_data

        mark_new_data(db, [submitted_at])
    return Recorded(response_id, True, text_ids)


# Built once: building a statement costs several times more than running it (a form sent runs
# these two, so they take their values as parameters).
_ANSWERS_RETURNING_IDS = insert(core_table(Answer)).returning(
    core_table(Answer).c.id, core_table(Answer).c.question_id
)
_RESPONSE_INSERTS: dict[str, Any] = {}


def _response_insert(dialect: str):
    """INSERT a response unless its token was seen; the team is the one given (a source's or
    the channel's) or the one whose slug was chosen (none if no team has that slug)."""
    statement = _RESPONSE_INSERTS.get(dialect)
    if statement is None:
        teams = core_table(Team)
        chosen = select(teams.c.id).where(teams.c.slug == bindparam("team_slug", type_=String))
        team = func.coalesce(bindparam("given_team_id", type_=Integer), chosen.scalar_subquery())
        statement = _RESPONSE_INSERTS[dialect] = (
            _insert_skipping_seen_tokens(dialect)
            .values(team_id=team)
            .returning(core_table(Response).c.id)
        )
    return statement


def _insert_skipping_seen_tokens(dialect: str):
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(core_table(Response)).on_conflict_do_nothing(
            index_elements=["submission_token"]
        )
    if dialect == "sqlite":
        from sqlalchemy.dialects import sqlite

        return sqlite.insert(core_table(Response)).on_conflict_do_nothing(
            index_elements=["submission_token"]
        )
    raise RuntimeError(f"unsupported database {dialect}")  # only SQLite and PostgreSQL


def answer_values(
    definition: SurveyDefinition, answers: dict[str, AnswerValue]
) -> list[tuple[str, dict[str, Any]]]:
    """(question id, stored columns) for every answer given, in question order.

    An offer to help and its contact details are never stored with the feedback, whatever
    path the answers came by: they would tie the feedback to a person.
    """
    found: list[tuple[str, dict[str, Any]]] = []
    for question in definition.questions:
        value = answers.get(question.id)
        if value is None or value == "" or value == [] or question.role in HELP_ROLES:
            continue
        found.extend((question.id, fields) for fields in answer_fields(question, value))
    return found


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


def replace_answers(
    db: Session, definition: SurveyDefinition, response: Response, answers: dict[str, AnswerValue]
) -> set[str]:
    """Correct a stored response to `answers`; return the ids of the questions that changed.

    Only changed answers are replaced, so an unchanged free text keeps its safeguarding flag
    (and its acknowledgement) and its text signal.
    """
    before = stored_answers(definition, response)
    changed = {
        qid
        for qid in set(before) | {k for k, v in answers.items() if v not in (None, "", [])}
        if _comparable(before.get(qid)) != _comparable(answers.get(qid))
    }
    if not changed:
        return changed
    db.execute(
        delete(Answer).where(Answer.response_id == response.id, Answer.question_id.in_(changed))
    )
    rows = [
        {"response_id": response.id, "question_id": question_id, **fields}
        for question_id, fields in answer_values(definition, answers)
        if question_id in changed
    ]
    if rows:
        db.execute(insert(core_table(Answer)), rows)
    response.team_id = _team_id(db, definition, answers, response.source)
    response.completed_with = _completed_with(definition, answers)
    db.expire(response, ["answers"])
    from feedback_app.services.report_snapshots import mark_new_data

    mark_new_data(db, [response.submitted_at])
    return changed


def _comparable(value: AnswerValue) -> object:
    if value in (None, "", []):
        return None
    return sorted(value) if isinstance(value, list) else value


def stored_answers(definition: SurveyDefinition, response: Response) -> dict[str, AnswerValue]:
    """A response's answers as the form gives them (lists for multi-choice questions)."""
    values: dict[str, AnswerValue] = {}
    types = {q.id: q.type for q in definition.questions}
    for answer in response.answers:
        value = answer.value_choice if answer.value_choice is not None else answer.value_text
        if types.get(answer.question_id) == "multi":
            chosen = values.setdefault(answer.question_id, [])
            if isinstance(chosen, list) and value is not None:
                chosen.append(value)
        else:
            values[answer.question_id] = value
    return values


def _team_id(
    db: Session,
    definition: SurveyDefinition,
    answers: dict[str, AnswerValue],
    source: Source | None,
) -> int | None:
    team = _team(definition, answers, source)
    if isinstance(team, str):
        found = team_by_slug(db, team)
        return found.id if found else None
    return team


def _team(
    definition: SurveyDefinition,
    answers: dict[str, AnswerValue],
    source: Source | None,
    given: int | None = None,
) -> int | str | None:
    """The source's team, else the team the channel gave, else the slug of the team chosen in
    the form (an unknown slug is no team)."""
    if source is not None and source.team_id is not None:
        return source.team_id
    if given is not None:
        return given
    question = definition.question_with_role("team")
    chosen = answers.get(question.id) if question else None
    if isinstance(chosen, str) and chosen and chosen != TEAM_NOT_SURE:
        return chosen
    return None


def _completed_with(definition: SurveyDefinition, answers: dict[str, AnswerValue]) -> str | None:
    question = definition.question_with_role("completed_with")
    value = answers.get(question.id) if question else None
    return value if isinstance(value, str) and value else None
