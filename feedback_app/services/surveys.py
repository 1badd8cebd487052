"""Keep the survey and survey_version tables in step with the definitions in surveys/."""

from __future__ import annotations

from typing import NamedTuple

from flask import current_app, has_app_context
from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from feedback_app.models import QuestionInfo, Survey, SurveyVersion, core_table
from surveys import SurveyDefinition


def current_version(db: Session, definition: SurveyDefinition) -> SurveyVersion:
    """The stored version matching this definition, created (with the next number) if new.

    Safe when several workers see a changed definition at once: the unique constraints let
    one insert win and the others read what it wrote.
    """
    content_hash = definition.content_hash
    found = _find_version(db, definition.slug, content_hash)
    if found is not None:
        return found
    for _attempt in range(3):
        try:
            with db.begin_nested():
                survey = _survey_row(db, definition)
                number = (
                    db.scalar(
                        select(func.max(SurveyVersion.number)).where(
                            SurveyVersion.survey_id == survey.id
                        )
                    )
                    or 0
                ) + 1
                version = SurveyVersion(
                    survey=survey,
                    number=number,
                    content_hash=content_hash,
                    definition=definition.raw,
                )
                db.add(version)
            return version
        except IntegrityError:
            found = _find_version(db, definition.slug, content_hash)
            if found is not None:
                return found
    raise RuntimeError(f"could not record a version of survey {definition.slug}")


class VersionIds(NamedTuple):
    id: int
    survey_id: int


_versions, _surveys = core_table(SurveyVersion), core_table(Survey)
_VERSION_IDS = (  # built once: building it cost more than running it
    select(_versions.c.id, _versions.c.survey_id)
    .join(_surveys, _surveys.c.id == _versions.c.survey_id)
    .where(_surveys.c.slug == bindparam("slug"))
    .where(_versions.c.content_hash == bindparam("content_hash"))
)


def current_version_ids(db: Session, definition: SurveyDefinition) -> VersionIds:
    """The ids of `current_version`, read without loading the row: a form sent needs only
    these. A version, once stored, is never changed or removed, so its ids are kept per
    process (`version_ids`) once read; one made in this transaction is not, until read."""
    key = (definition.slug, definition.content_hash)
    kept = _kept_ids()
    if key in kept:
        return kept[key]
    found = db.execute(
        _VERSION_IDS, {"slug": definition.slug, "content_hash": definition.content_hash}
    ).first()
    if found is not None:
        kept[key] = VersionIds(*found)
        return kept[key]
    version = current_version(db, definition)
    db.flush()
    return VersionIds(version.id, version.survey_id)


def _kept_ids() -> dict[tuple[str, str], VersionIds]:
    """This app's kept version ids (a throwaway dict outside an app, e.g. a script)."""
    if not has_app_context():
        return {}
    return current_app.extensions.setdefault("version_ids", {})


def sync_definitions(db: Session, definitions: dict[str, SurveyDefinition]) -> list[str]:
    """Record a version for every definition; return the slugs that got a new version."""
    changed = []
    for definition in definitions.values():
        if _find_version(db, definition.slug, definition.content_hash) is None:
            current_version(db, definition)
            changed.append(definition.slug)
    refresh_question_info(db, definitions)
    return changed


def refresh_question_info(db: Session, definitions: dict[str, SurveyDefinition]) -> None:
    """Write each survey's questions as they are now, for the reporting views."""
    for definition in definitions.values():
        survey = _survey_row(db, definition)
        db.execute(delete(QuestionInfo).where(QuestionInfo.survey_id == survey.id))
        db.add_all(
            QuestionInfo(
                survey_id=survey.id,
                question_id=q.id,
                position=position,
                type=q.type,
                role=q.role,
                label=q.label,
            )
            for position, q in enumerate(definition.questions, start=1)
        )
    db.flush()


def survey_by_slug(db: Session, slug: str) -> Survey | None:
    return db.scalar(select(Survey).where(Survey.slug == slug))


def _find_version(db: Session, slug: str, content_hash: str) -> SurveyVersion | None:
    return db.scalar(
        select(SurveyVersion)
        .join(Survey)
        .where(Survey.slug == slug, SurveyVersion.content_hash == content_hash)
    )


def _survey_row(db: Session, definition: SurveyDefinition) -> Survey:
    survey = survey_by_slug(db, definition.slug)
    if survey is None:
        survey = Survey(slug=definition.slug, title=definition.title, audience=definition.audience)
        db.add(survey)
        db.flush()
    else:
        survey.title = definition.title
        survey.audience = definition.audience
    return survey
