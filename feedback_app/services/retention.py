"""Retention: blank free text and delete responses once they pass the survey's schedule."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Select, delete, exists, func, select, update
from sqlalchemy.orm import Session

from analysis.clock import day_start
from feedback_app.models import (
    Answer,
    HelpOffer,
    Response,
    SafeguardingFlag,
    StaffUser,
    Survey,
    TellUsCase,
    TextSignal,
)
from feedback_app.services import audit
from feedback_app.services.cases import open_complaint
from feedback_app.services.forgetting import forget_responses
from feedback_app.services.safeguarding_queue import blocks_erasure

POLICY_FILE = Path(__file__).resolve().parents[2] / "surveys" / "settings" / "retention.toml"
KEYS = ("free_text_months", "responses_months")
OFFERS = "offers to help"  # contact details of offers nobody followed up


class RetentionError(ValueError):
    pass


@dataclass(frozen=True)
class Policy:
    free_text_months: int
    responses_months: int


def load_policies(slugs: list[str], path: Path = POLICY_FILE) -> dict[str, Policy]:
    """Each survey's schedule: its own section of the file, else [default]."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise RetentionError(f"{path.name}: cannot be read ({error})") from error
    if "default" not in data:
        raise RetentionError(f"{path.name}: needs a [default] section")
    unknown = set(data) - set(slugs) - {"default", "help_offers"}
    if unknown:
        raise RetentionError(f"{path.name}: no survey called {', '.join(sorted(unknown))}")
    policies = {}
    for slug in slugs:
        section = {**data["default"], **data.get(slug, {})}
        for key in KEYS:
            value = section.get(key)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise RetentionError(
                    f"{path.name} [{slug}]: {key} must be a whole number of months"
                )
        if section["free_text_months"] > section["responses_months"]:
            raise RetentionError(
                f"{path.name} [{slug}]: free text cannot be kept longer than the whole response"
            )
        policies[slug] = Policy(section["free_text_months"], section["responses_months"])
    months = data.get("help_offers", {}).get("contact_months", 6)
    if not isinstance(months, int) or isinstance(months, bool) or months < 1:
        raise RetentionError(f"{path.name} [help_offers]: contact_months must be whole months")
    policies[OFFERS] = Policy(months, months)
    return policies


def months_before(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    last = (date(year + month // 12, month % 12 + 1, 1) - date(year, month, 1)).days
    return date(year, month, min(day.day, last))


@dataclass
class Step:
    survey: str
    free_text_before: date
    responses_before: date
    texts: int = 0
    responses: int = 0
    held_back: int = 0  # responses past their date kept for an open case or unread flag


def _held() -> list:
    """Responses kept whatever their age: an open complaint or an unreviewed possible
    disclosure (a "worth a look" flag holds nothing back)."""
    open_case = exists().where(TellUsCase.response_id == Response.id, open_complaint())
    unread_flag = exists().where(SafeguardingFlag.response_id == Response.id, blocks_erasure())
    return [open_case, unread_flag]


def _past(survey_id: int, before: date) -> list:
    return [Response.survey_id == survey_id, Response.submitted_at < day_start(before)]


def _removable(survey_id: int, before: date) -> Select:
    open_case, unread_flag = _held()
    return select(Response.id).where(*_past(survey_id, before), ~open_case, ~unread_flag)


def _held_back(survey_id: int, before: date) -> Select:
    open_case, unread_flag = _held()
    return select(Response.id).where(*_past(survey_id, before), open_case | unread_flag)


def _texts(survey_id: int, before: date) -> Select:
    return select(Answer.id).where(
        Answer.response_id.in_(_removable(survey_id, before)),
        Answer.value_text.is_not(None),
        Answer.value_text != "",
    )


def plan(db: Session, policies: dict[str, Policy], on: date) -> list[Step]:
    steps = []
    surveys = dict(db.execute(select(Survey.slug, Survey.id)).all())
    for slug, policy in sorted(policies.items()):
        survey_id = surveys.get(slug)
        step = Step(
            slug,
            months_before(on, policy.free_text_months),
            months_before(on, policy.responses_months),
        )
        if slug == OFFERS:
            step.texts = _count(db, _old_offers(step.free_text_before))
        elif survey_id is not None:
            step.responses = _count(db, _removable(survey_id, step.responses_before))
            step.texts = _count(
                db,
                _texts(survey_id, step.free_text_before).where(
                    Answer.response_id.not_in(_removable(survey_id, step.responses_before))
                ),
            )
            step.held_back = _count(db, _held_back(survey_id, step.free_text_before))
        steps.append(step)
    return steps


def _old_offers(before: date) -> Select:
    return select(HelpOffer.id).where(HelpOffer.contact.is_not(None), HelpOffer.offered_on < before)


def _count(db: Session, query: Select) -> int:
    return db.scalar(select(func.count()).select_from(query.subquery())) or 0


def apply(
    db: Session, actor: StaffUser | None, policies: dict[str, Policy], on: date
) -> list[Step]:
    """Carry out the plan: delete responses past their date, then blank old free text."""
    steps = plan(db, policies, on)
    surveys = dict(db.execute(select(Survey.slug, Survey.id)).all())
    for step in steps:
        survey_id = surveys.get(step.survey)
        if step.survey == OFFERS and step.texts:
            db.execute(
                update(HelpOffer)
                .where(HelpOffer.id.in_(_old_offers(step.free_text_before)))
                .values(
                    contact=None,
                    status="done",
                    done_on=on,
                    note="Nobody followed this up in time: the contact details were removed.",
                )
            )
            audit.record(
                db,
                actor,
                "retention",
                "help_offer",
                None,
                None,
                {"offered_before": step.free_text_before, "contacts_removed": step.texts},
            )
            continue
        if survey_id is None or not (step.texts or step.responses):
            continue
        gone = _removable(survey_id, step.responses_before)
        blanked = _texts(survey_id, step.free_text_before)
        touched = select(Answer.response_id).where(Answer.id.in_(blanked))
        forget_responses(db, set(db.scalars(gone)) | set(db.scalars(touched)))
        db.execute(delete(TellUsCase).where(TellUsCase.response_id.in_(gone)))
        db.execute(delete(Response).where(Response.id.in_(gone)))
        db.execute(
            update(TextSignal).where(TextSignal.answer_id.in_(blanked)).values(key_phrases="")
        )
        db.execute(
            update(SafeguardingFlag)
            .where(SafeguardingFlag.answer_id.in_(blanked))
            .values(matches="")
        )
        db.execute(
            update(Answer)
            .where(Answer.id.in_(blanked))
            .values(value_text=None)
            .execution_options(synchronize_session=False)
        )
        audit.record(
            db,
            actor,
            "retention",
            "survey",
            step.survey,
            None,
            {
                "free_text_before": step.free_text_before,
                "responses_before": step.responses_before,
                "texts_blanked": step.texts,
                "responses_deleted": step.responses,
            },
        )
    db.flush()
    return steps
