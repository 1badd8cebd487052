"""Keep the survey and survey_version tables in step with the definitions in surveys/."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from feedback_app.models import Survey, SurveyVersion
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


def sync_definitions(db: Session, definitions: dict[str, SurveyDefinition]) -> list[str]:
    """Record a version for every definition; return the slugs that got a new version."""
    changed = []
    for definition in definitions.values():
        if _find_version(db, definition.slug, definition.content_hash) is None:
            current_version(db, definition)
            changed.append(definition.slug)
    return changed


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
