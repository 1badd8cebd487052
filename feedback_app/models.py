"""The database tables, as typed SQLAlchemy 2.0 models. Schema changes go through migrations."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

CHANNELS = ("qr", "link", "paper", "phone", "email", "import")
SOURCE_CHANNELS = ("qr", "link")


def utcnow() -> datetime:
    """Naive UTC: the same value on SQLite and PostgreSQL."""
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


class Team(Base):
    __tablename__ = "team"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Survey(Base):
    __tablename__ = "survey"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    audience: Mapped[str] = mapped_column(String(32))

    versions: Mapped[list[SurveyVersion]] = relationship(
        back_populates="survey", order_by="SurveyVersion.number"
    )


class SurveyVersion(Base):
    """A frozen copy of a definition; every response records the version it answered."""

    __tablename__ = "survey_version"
    __table_args__ = (
        UniqueConstraint("survey_id", "number", name="uq_survey_version_number"),
        UniqueConstraint("survey_id", "content_hash", name="uq_survey_version_hash"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"))
    number: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    # Deferred: the frozen definition is large and rarely needed when saving a response.
    definition: Mapped[dict[str, Any]] = mapped_column(JSON, deferred=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    survey: Mapped[Survey] = relationship(back_populates="versions")


class Source(Base):
    """A QR code or link printed on a poster or card: which survey, team, office and channel."""

    __tablename__ = "source"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"))
    office: Mapped[str | None] = mapped_column(String(200))
    label: Mapped[str] = mapped_column(String(200))
    channel: Mapped[str] = mapped_column(String(16), default="qr")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    retired_at: Mapped[datetime | None] = mapped_column(DateTime)

    survey: Mapped[Survey] = relationship()
    team: Mapped[Team | None] = relationship()

    @property
    def active(self) -> bool:
        return self.retired_at is None


class Response(Base):
    """One completed questionnaire. No IP address or other identifier is stored."""

    __tablename__ = "response"
    __table_args__ = (Index("ix_response_survey_submitted", "survey_id", "submitted_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"))
    survey_version_id: Mapped[int] = mapped_column(ForeignKey("survey_version.id"))
    submitted_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    channel: Mapped[str] = mapped_column(String(16))
    source_id: Mapped[int | None] = mapped_column(ForeignKey("source.id"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    completed_with: Mapped[str | None] = mapped_column(String(32))
    paper_reference: Mapped[str | None] = mapped_column(String(64))
    # Made when the form is opened; a resubmission with the same token is not stored twice.
    submission_token: Mapped[str | None] = mapped_column(String(64), unique=True)

    answers: Mapped[list[Answer]] = relationship(
        back_populates="response", cascade="all, delete-orphan", order_by="Answer.id"
    )
    version: Mapped[SurveyVersion] = relationship()
    source: Mapped[Source | None] = relationship()
    team: Mapped[Team | None] = relationship()


class Answer(Base):
    """One answer in long format: a multi-choice question gives one row per option chosen."""

    __tablename__ = "answer"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[str] = mapped_column(String(64), index=True)
    value_text: Mapped[str | None] = mapped_column(Text)
    value_choice: Mapped[str | None] = mapped_column(String(64))
    value_number: Mapped[float | None] = mapped_column(Float)

    response: Mapped[Response] = relationship(back_populates="answers")
