"""The database tables, as typed SQLAlchemy 2.0 models. Schema changes go through migrations."""

from __future__ import annotations

import secrets
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
    false,
    inspect,
    select,
    update,
)
from sqlalchemy import text as sql_text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship

from analysis.clock import utc_now
from analysis.participation import LUNDY_ELEMENTS

CHANNELS = ("qr", "link", "paper", "phone", "email", "import", "website", "in_person", "letter")
# The ways a Tell us message reaches staff other than a form, recorded at /staff/tell-us/new.
INTAKE_CHANNELS = ("phone", "email", "website", "in_person", "letter")
SOURCE_CHANNELS = ("qr", "link")


# On SQLite a deleted row's id is handed out again unless the table says AUTOINCREMENT: for the
# tables holding what respondents told us, so an audit entry never points at someone else.
# (PostgreSQL never reuses a sequence's numbers.)
NEVER_REUSE_IDS = {"sqlite_autoincrement": True}


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


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


def core_table(model: type[Base]) -> Table:
    """A model's Core table, for bulk inserts that skip the ORM's per-row work."""
    table = model.__table__
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not mapped to one table")
    return table


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
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)

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
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    retired_at: Mapped[datetime | None] = mapped_column(DateTime)

    survey: Mapped[Survey] = relationship()
    team: Mapped[Team | None] = relationship()

    @property
    def active(self) -> bool:
        return self.retired_at is None


class Response(Base):
    """One completed questionnaire. No IP address or other identifier is stored."""

    __tablename__ = "response"
    __table_args__ = (
        Index("ix_response_survey_submitted", "survey_id", "submitted_at"),
        Index("ix_response_transcribed_by", "transcribed_by_id", "id"),
        UniqueConstraint("survey_id", "paper_reference", name="uq_response_paper_reference"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"))
    survey_version_id: Mapped[int] = mapped_column(ForeignKey("survey_version.id"))
    submitted_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now, index=True)
    channel: Mapped[str] = mapped_column(String(16))
    source_id: Mapped[int | None] = mapped_column(ForeignKey("source.id"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    completed_with: Mapped[str | None] = mapped_column(String(32))
    paper_reference: Mapped[str | None] = mapped_column(String(64))
    paper_date: Mapped[date | None] = mapped_column(Date)
    transcribed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    # When staff typed it in (a paper form, a phone call); `submitted_at` is when it was given.
    transcribed_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Made when the form is opened; a resubmission with the same token is not stored twice.
    submission_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    # The wording the person read: a language code, and whether they chose Easy Read.
    language: Mapped[str | None] = mapped_column(String(16))
    easy_read: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    answers: Mapped[list[Answer]] = relationship(
        back_populates="response", cascade="all, delete-orphan", order_by="Answer.id"
    )
    version: Mapped[SurveyVersion] = relationship()
    source: Mapped[Source | None] = relationship()
    team: Mapped[Team | None] = relationship()
    transcribed_by: Mapped[StaffUser | None] = relationship()


class Answer(Base):
    """One answer in long format: a multi-choice question gives one row per option chosen."""

    __tablename__ = "answer"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[str] = mapped_column(String(64), index=True)
    value_text: Mapped[str | None] = mapped_column(Text)
    value_choice: Mapped[str | None] = mapped_column(String(64))
    value_number: Mapped[float | None] = mapped_column(Float)

    response: Mapped[Response] = relationship(back_populates="answers")


# -- Staff, roles and the audit log ------------------------------------------------------------

ROLES = {
    "admin": "Manage staff accounts and see the audit log",
    "leadership": "Read reports, compliments and comments",
    "champion": "Turn feedback into You Said, We Did actions",
    "practitioner": "Type in paper forms and manage posters",
    "complaints_lead": "Handle complaints on time",
    "safeguarding_lead": "Review possible disclosures of harm the same working day",
}


class StaffUser(Base):
    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)
    # What the session cookie names the user by. Signing out, a new password or switching the
    # account off replace it, so a copied cookie stops working at once.
    session_token: Mapped[str] = mapped_column(
        String(64), unique=True, default=lambda: new_session_token()
    )

    role_rows: Mapped[list[StaffRole]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="StaffRole.role"
    )

    @property
    def roles(self) -> set[str]:
        return {row.role for row in self.role_rows}

    def has_any_role(self, *roles: str) -> bool:
        return bool(self.roles & set(roles))

    # What Flask-Login asks of a user (written here so models need no Flask import).
    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return self.session_token

    def end_sessions(self) -> None:
        """Sign this account out everywhere: every cookie naming the old token is refused."""
        self.session_token = new_session_token()


class StaffRole(Base):
    __tablename__ = "staff_role"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("staff_user.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(32), primary_key=True)


class AuditEvent(Base):
    """Who changed what, when, with the values before and after."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utc_now, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), index=True)
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str | None] = mapped_column(String(64))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    user: Mapped[StaffUser | None] = relationship()


class ServiceClosure(Base):
    """A day the service is closed besides weekends and bank holidays (not a working day)."""

    __tablename__ = "service_closure"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    reason: Mapped[str] = mapped_column(String(200))


# -- Tell us cases -------------------------------------------------------------------------------


class TellUsCase(Base):
    """A Tell us item; complaints follow the complaints procedure's stages and due dates."""

    # Worked out for the page that lists it (services/cases.py), never stored.
    overdue = False
    safeguarding_flagged = False

    __tablename__ = "tell_us_case"
    # The inbox and case lists: one kind, newest first by the day it arrived.
    __table_args__ = (
        Index("ix_tell_us_case_kind_received", "kind", "received_on", "id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id"), unique=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    respondent: Mapped[str | None] = mapped_column(String(32))
    reply_wanted: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="new", index=True)
    stage: Mapped[int] = mapped_column(Integer, default=1)
    received_on: Mapped[date] = mapped_column(Date)
    stage_started_on: Mapped[date] = mapped_column(Date)
    acknowledge_by: Mapped[date | None] = mapped_column(Date)
    respond_by: Mapped[date | None] = mapped_column(Date, index=True)
    acknowledged_on: Mapped[date | None] = mapped_column(Date)
    responded_on: Mapped[date | None] = mapped_column(Date)
    extension_days: Mapped[int] = mapped_column(Integer, default=0)
    extension_reason: Mapped[str | None] = mapped_column(Text)
    stage1_handler_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    outcome: Mapped[str | None] = mapped_column(Text)
    # Recorded when a complaint closes: upheld, partly upheld, not upheld or withdrawn.
    decision: Mapped[str | None] = mapped_column(String(16))
    learning: Mapped[str | None] = mapped_column(Text)
    closed_on: Mapped[date | None] = mapped_column(Date)
    right_to_review_sent_on: Mapped[date | None] = mapped_column(Date)

    response: Mapped[Response] = relationship()
    assignee: Mapped[StaffUser | None] = relationship(foreign_keys=[assignee_id])
    notes: Mapped[list[CaseNote]] = relationship(
        cascade="all, delete-orphan", order_by="CaseNote.at", back_populates="case"
    )

    @property
    def is_complaint(self) -> bool:
        return self.kind == "complaint"

    @property
    def reference(self) -> str:
        """The short reference a person is given after sending, and quotes if they call."""
        return f"TU-{self.id:05d}"

    @property
    def from_victim(self) -> bool:
        return self.respondent == "victim"


class CaseNote(Base):
    __tablename__ = "case_note"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("tell_us_case.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    text: Mapped[str] = mapped_column(Text)

    case: Mapped[TellUsCase] = relationship(back_populates="notes")
    author: Mapped[StaffUser | None] = relationship()


# -- Safeguarding ----------------------------------------------------------------------------------


class SafeguardingFlag(Base):
    """A free-text answer that may disclose harm; a safeguarding lead must acknowledge it."""

    __tablename__ = "safeguarding_flag"
    # The queue: flags not yet acknowledged, oldest first (few of many, once a service is old);
    # with the tier and found_late, it counts them from the index alone.
    __table_args__ = (
        Index(
            "ix_safeguarding_flag_waiting",
            "flagged_at",
            "id",
            "tier",
            "found_late",
            sqlite_where=sql_text("acknowledged_at IS NULL"),
            postgresql_where=sql_text("acknowledged_at IS NULL"),
        ),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answer.id", ondelete="CASCADE"), unique=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), index=True
    )
    categories: Mapped[str] = mapped_column(String(200))
    matches: Mapped[str] = mapped_column(Text)
    flagged_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now, index=True)
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    action_taken: Mapped[str | None] = mapped_column(Text)
    # "disclosure" (same working day) or "worth_a_look" (the lead's own list, 2 working days).
    tier: Mapped[str] = mapped_column(String(20), default="disclosure", index=True)
    families: Mapped[str] = mapped_column(String(300), default="")  # concept families, ", "
    reasons: Mapped[str] = mapped_column(Text, default="")  # JSON: [[start, end, why], ...]
    score: Mapped[float | None] = mapped_column(Float)  # the classifier's probability
    detector_version: Mapped[str | None] = mapped_column(String(32))
    found_late: Mapped[bool] = mapped_column(Boolean, default=False)  # by a re-scan, not on save

    answer: Mapped[Answer] = relationship()
    response: Mapped[Response] = relationship()
    acknowledged_by: Mapped[StaffUser | None] = relationship()


# -- Text signals ----------------------------------------------------------------------------------


class TextSignal(Base):
    """Sentiment and key phrases of one free-text answer, scored once when it is saved."""

    __tablename__ = "text_signal"

    answer_id: Mapped[int] = mapped_column(
        ForeignKey("answer.id", ondelete="CASCADE"), primary_key=True
    )
    response_id: Mapped[int] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), index=True
    )
    polarity: Mapped[float] = mapped_column(Float)
    subjectivity: Mapped[float] = mapped_column(Float)
    key_phrases: Mapped[str] = mapped_column(Text, default="")
    scorer_version: Mapped[str] = mapped_column(String(16))
    scored_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    # Why this score, as JSON: the words, rules and lexicon that drove it and what found each
    # theme (analysis.text_signals.score). Shown to staff beside the answer.
    why: Mapped[str | None] = mapped_column(Text)


class TextTheme(Base):
    """A theme found in a free-text answer: one row per theme, so reports count in SQL."""

    __tablename__ = "text_theme"
    # The workspace counts a quarter's themes from this index alone: no join of a million
    # responses' answers to their signals and responses.
    __table_args__ = (
        Index("ix_text_theme_counted", "submitted_at", "team_id", "survey_id", "theme", "polarity"),
    )

    answer_id: Mapped[int] = mapped_column(
        ForeignKey("answer.id", ondelete="CASCADE"), primary_key=True
    )
    theme: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
    # Copies of the response's and the signal's, kept equal by store_signals,
    # apply_corrections and themes_follow below.
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    survey_id: Mapped[int | None] = mapped_column(Integer)
    team_id: Mapped[int | None] = mapped_column(Integer)
    polarity: Mapped[float | None] = mapped_column(Float)


def copied_to_themes(where: Any) -> Any:
    """An UPDATE giving the themes matching `where` their response's and signal's values."""

    def of_theme(column: Any) -> Any:
        return (
            select(column)
            .select_from(TextSignal)
            .join(Response, Response.id == TextSignal.response_id)
            .where(TextSignal.answer_id == TextTheme.answer_id)
            .scalar_subquery()
        )

    return (
        update(TextTheme)
        .where(where)
        .values(
            submitted_at=of_theme(Response.submitted_at),
            survey_id=of_theme(Response.survey_id),
            team_id=of_theme(Response.team_id),
            polarity=of_theme(TextSignal.polarity),
        )
    )


@event.listens_for(Session, "after_flush")
def themes_follow(session: Session, _context: Any) -> None:
    """A response's new date, team or survey, or a signal's new polarity, reaches its themes
    (a paper form's corrected date, a re-scored or corrected answer)."""
    moved = [
        row.id
        for row in session.dirty
        if isinstance(row, Response)
        and any(
            inspect(row).attrs[name].history.has_changes()
            for name in ("submitted_at", "team_id", "survey_id")
        )
    ]
    rescored = [
        row.answer_id
        for row in session.dirty
        if isinstance(row, TextSignal) and inspect(row).attrs.polarity.history.has_changes()
    ]
    if moved:
        answers = select(Answer.id).where(Answer.response_id.in_(moved))
        session.connection().execute(copied_to_themes(TextTheme.answer_id.in_(answers)))
    if rescored:
        session.connection().execute(copied_to_themes(TextTheme.answer_id.in_(rescored)))


class LabelCorrection(Base):
    """A lead's correction of an answer's sentiment or themes: kept over every re-score, and
    read by the next training run (never added to the blind evaluation set)."""

    __tablename__ = "label_correction"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    answer_id: Mapped[int] = mapped_column(
        ForeignKey("answer.id", ondelete="CASCADE"), unique=True, index=True
    )
    sentiment: Mapped[str] = mapped_column(String(16))  # positive, neutral or negative
    themes: Mapped[str] = mapped_column(Text, default="")  # theme ids joined by ";"
    note: Mapped[str | None] = mapped_column(Text)
    scored_sentiment: Mapped[str] = mapped_column(String(16))  # what the scorer said
    scored_themes: Mapped[str] = mapped_column(Text, default="")
    scorer_version: Mapped[str] = mapped_column(String(16))
    corrected_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    corrected_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)

    corrected_by: Mapped[StaffUser | None] = relationship()


# -- You Said, We Did ---------------------------------------------------------------------------


class Action(Base):
    """A change made because of feedback: "You said" in children's words, then "We did"."""

    __tablename__ = "action"
    __table_args__ = (Index("ix_action_status_created", "status", "created_at", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    you_said: Mapped[str] = mapped_column(Text)
    we_did: Mapped[str | None] = mapped_column(Text)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    due_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    # Said honestly when a change is not possible, and shown on the board.
    not_possible_reason: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now, index=True)
    done_on: Mapped[date | None] = mapped_column(Date)
    published_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))

    team: Mapped[Team | None] = relationship()
    owner: Mapped[StaffUser | None] = relationship(foreign_keys=[owner_id])
    created_by: Mapped[StaffUser | None] = relationship(foreign_keys=[created_by_id])
    published_by: Mapped[StaffUser | None] = relationship(foreign_keys=[published_by_id])
    theme_rows: Mapped[list[ActionTheme]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ActionTheme.theme"
    )
    response_rows: Mapped[list[ActionResponse]] = relationship(
        cascade="all, delete-orphan", order_by="ActionResponse.response_id"
    )

    @property
    def themes(self) -> list[str]:
        return [row.theme for row in self.theme_rows]

    @property
    def published(self) -> bool:
        return self.published_at is not None


class ActionTheme(Base):
    __tablename__ = "action_theme"

    action_id: Mapped[int] = mapped_column(
        ForeignKey("action.id", ondelete="CASCADE"), primary_key=True
    )
    theme: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)


class ActionResponse(Base):
    """A piece of feedback an action answers: its evidence."""

    __tablename__ = "action_response"

    action_id: Mapped[int] = mapped_column(
        ForeignKey("action.id", ondelete="CASCADE"), primary_key=True
    )
    response_id: Mapped[int] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), primary_key=True, index=True
    )

    response: Mapped[Response] = relationship()


# -- Imports, and question facts for reporting views -----------------------------------------


class ImportBatch(Base):
    """One uploaded export, stored as one batch so it can be undone as a whole."""

    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"))
    filename: Mapped[str] = mapped_column(String(255))
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    mapping: Mapped[dict[str, Any]] = mapped_column(JSON)
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    rows_stored: Mapped[int] = mapped_column(Integer, default=0)
    rows_already_stored: Mapped[int] = mapped_column(Integer, default=0)
    rows_with_problems: Mapped[int] = mapped_column(Integer, default=0)
    undone_at: Mapped[datetime | None] = mapped_column(DateTime)
    undone_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))

    survey: Mapped[Survey] = relationship()
    imported_by: Mapped[StaffUser | None] = relationship(foreign_keys=[imported_by_id])


class ImportUpload(Base):
    """A file uploaded for import, kept in the database (not on one server's disk) between the
    mapping, the dry run and the confirmation; removed when imported or abandoned."""

    __tablename__ = "import_upload"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"))
    filename: Mapped[str] = mapped_column(String(255))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    # The file as read once at upload (headings and rows), so the mapping page never reads the
    # file again; None for an upload made before this was kept.
    parsed: Mapped[dict[str, Any] | None] = mapped_column(JSON, deferred=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now, index=True)

    survey: Mapped[Survey] = relationship()


class SavedMapping(Base):
    """The column mapping last confirmed for a survey, suggested again for the next file."""

    __tablename__ = "saved_mapping"

    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"), primary_key=True)
    mapping: Mapped[dict[str, Any]] = mapped_column(JSON)
    saved_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    saved_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class ImportedResponse(Base):
    """Which batch brought a response in (kept apart so responses need no import column)."""

    __tablename__ = "imported_response"

    response_id: Mapped[int] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), primary_key=True
    )
    batch_id: Mapped[int] = mapped_column(
        ForeignKey("import_batch.id", ondelete="CASCADE"), index=True
    )
    source_row_id: Mapped[str] = mapped_column(String(128))


class QuestionInfo(Base):
    """Each question of each survey as it is now: lets SQL users and the reporting views read
    labels, types and roles without parsing the stored definitions."""

    __tablename__ = "question_info"

    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"), primary_key=True)
    question_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(32))
    role: Mapped[str | None] = mapped_column(String(32))
    label: Mapped[str] = mapped_column(Text)


# -- Participation -------------------------------------------------------------------------------

participation_team = Table(
    "participation_team",
    Base.metadata,
    Column(
        "activity_id",
        ForeignKey("participation_activity.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("team_id", ForeignKey("team.id"), primary_key=True, index=True),
)
participation_action = Table(
    "participation_action",
    Base.metadata,
    Column(
        "activity_id",
        ForeignKey("participation_activity.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("action_id", ForeignKey("action.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class ParticipationActivity(Base):
    """Something children or families did to shape the service: numbers only, never names."""

    __tablename__ = "participation_activity"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    held_on: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    children: Mapped[int] = mapped_column(Integer, default=0)
    parents_carers: Mapped[int] = mapped_column(Integer, default=0)
    victims: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    asked: Mapped[str] = mapped_column(Text)
    said: Mapped[str] = mapped_column(Text)
    changed: Mapped[str | None] = mapped_column(Text)
    lundy_space: Mapped[bool] = mapped_column(Boolean, default=False)
    lundy_voice: Mapped[bool] = mapped_column(Boolean, default=False)
    lundy_audience: Mapped[bool] = mapped_column(Boolean, default=False)
    lundy_influence: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)

    # No teams means the whole service.
    teams: Mapped[list[Team]] = relationship(
        secondary=participation_team, lazy="selectin", order_by=Team.id
    )
    actions: Mapped[list[Action]] = relationship(secondary=participation_action, order_by=Action.id)
    created_by: Mapped[StaffUser | None] = relationship()

    @property
    def lundy(self) -> list[str]:
        """The Lundy elements the activity met, in the model's order."""
        return [key for key in LUNDY_ELEMENTS if getattr(self, f"lundy_{key}")]


class HelpOffer(Base):
    """Someone who said on a form that they would like to help, and how to reach them.

    Kept apart from their feedback: no response id, no token, and only the day, so the
    offer cannot be matched back to what they said.
    """

    __tablename__ = "help_offer"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    audience: Mapped[str] = mapped_column(String(32))
    # Deleted when the task is done: it was given for this one follow-up.
    contact: Mapped[str | None] = mapped_column(String(200))
    offered_on: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    done_on: Mapped[date | None] = mapped_column(Date)
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    note: Mapped[str | None] = mapped_column(Text)

    done_by: Mapped[StaffUser | None] = relationship()


# -- Stored reports --------------------------------------------------------------------------------


class ReportSnapshot(Base):
    """A quarter's Board paper (for the service or one team) built once and stored, so the app
    serves it at once; `new_data_since` is set when data in its quarter changes after it."""

    __tablename__ = "report_snapshot"
    __table_args__ = (Index("ix_report_snapshot_quarter_team", "quarter", "team_slug"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    quarter: Mapped[str] = mapped_column(String(16))
    team_slug: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="building")  # building/ready/failed
    progress: Mapped[str | None] = mapped_column(String(200))
    error: Mapped[str | None] = mapped_column(Text)
    requested_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    built_at: Mapped[datetime | None] = mapped_column(DateTime)
    responses: Mapped[int | None] = mapped_column(Integer)
    built_from: Mapped[str | None] = mapped_column(Text)  # JSON: what the build read
    new_data_since: Mapped[datetime | None] = mapped_column(DateTime)
    body_html: Mapped[str | None] = mapped_column(Text)
    data_json: Mapped[str | None] = mapped_column(Text)
    quoted: Mapped[str | None] = mapped_column(Text)  # JSON: answer id -> quote as shown
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary)

    requested_by: Mapped[StaffUser | None] = relationship()


# -- Background jobs --------------------------------------------------------------------------

JOB_STATES = ("queued", "running", "done", "failed")


class Job(Base):
    """A long piece of work (an import, a report build, a retention run) done by a job worker,
    so no request waits for it. The row is the truth the staff page shows; the queue only
    carries the job's id."""

    __tablename__ = "job"
    __table_args__ = (Index("ix_job_started_by_created", "started_by_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(300))
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Two requests asking for the same work share one job while it is queued or running.
    dedupe_key: Mapped[str | None] = mapped_column(String(200), index=True)
    started_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_user.id", ondelete="SET NULL")
    )
    state: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    progress_done: Mapped[int] = mapped_column(Integer, default=0)
    progress_total: Mapped[int] = mapped_column(Integer, default=0)
    progress_note: Mapped[str | None] = mapped_column(String(300))
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now, index=True)
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)

    started_by: Mapped[StaffUser | None] = relationship()


class FinishedCount(Base):
    """How many people finished working with a team in a quarter, as the case system counts
    them (uploaded by an admin): the base of the report's response rates. Numbers only.

    `group_question` and `group_value` are empty for the team's total, or name one answer of
    the children's optional "about you" questions (gender "girl", say)."""

    __tablename__ = "finished_count"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    quarter: Mapped[str] = mapped_column(String(10), index=True)  # 2026-27-Q2
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"))
    audience: Mapped[str] = mapped_column(String(16))  # children, parents or victims
    group_question: Mapped[str | None] = mapped_column(String(32))
    group_value: Mapped[str | None] = mapped_column(String(64))
    finished: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String(255))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)

    team: Mapped[Team] = relationship()
    uploaded_by: Mapped[StaffUser | None] = relationship()


class ExportFile(Base):
    """An export made by a background job, kept in the database (any app server can hand it
    over) for its maker to download; deleted a day after it was made."""

    __tablename__ = "export_file"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), unique=True)
    made_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_user.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(255))
    mimetype: Mapped[str] = mapped_column(String(100))
    rows: Mapped[int] = mapped_column(Integer, default=0)
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now, index=True)
