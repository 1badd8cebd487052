"""Why an answer scored as it did, and a lead's correction of its sentiment or themes.

A correction is stored once per answer, audited, kept over every re-score (the stored signal
takes the corrected label and themes), and exported for the next training run of the model.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from analysis.clock import utc_now
from analysis.redaction import redact
from analysis.sentiment import RULE_SAYS
from analysis.text_signals import SCORER_VERSION, THEMES, sentiment_label
from feedback_app.models import (
    Answer,
    LabelCorrection,
    Response,
    SafeguardingFlag,
    StaffUser,
    Survey,
    TextSignal,
    TextTheme,
    core_table,
)
from feedback_app.services import audit

SENTIMENTS = {"positive": "Positive", "neutral": "Neutral", "negative": "Negative"}
# The polarity a corrected answer is stored with when the correction changes its side.
CORRECTED_POLARITY = {"positive": 0.5, "neutral": 0.0, "negative": -0.5}
DISCLOSURE = "a possible disclosure of harm, which is never read as neutral or positive"


@dataclass(frozen=True)
class Why:
    """What a staff member reads beside a scored answer."""

    answer_id: int
    polarity: float
    label: str
    themes: tuple[str, ...]
    model_words: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()  # in plain words
    lexicon_words: tuple[tuple[str, float], ...] = ()
    theme_words: dict[str, str] = field(default_factory=dict)
    corrected_by: str | None = None
    note: str | None = None

    @property
    def theme_names(self) -> list[str]:
        return [THEMES.get(t, t) for t in self.themes]


def whys(db: Session, answer_ids: Iterable[int]) -> dict[int, Why]:
    """Answer id -> why it scored as it did, for the answers that have a stored signal."""
    ids = sorted(set(answer_ids))
    if not ids:
        return {}
    themes: dict[int, list[str]] = {}
    for answer_id, theme in db.execute(
        select(TextTheme.answer_id, TextTheme.theme).where(TextTheme.answer_id.in_(ids))
    ):
        themes.setdefault(answer_id, []).append(theme)
    corrections = {
        c.answer_id: c
        for c in db.scalars(select(LabelCorrection).where(LabelCorrection.answer_id.in_(ids)))
    }
    found = {}
    for answer_id, polarity, raw in db.execute(
        select(TextSignal.answer_id, TextSignal.polarity, TextSignal.why).where(
            TextSignal.answer_id.in_(ids)
        )
    ):
        why = json.loads(raw) if raw else {}
        correction = corrections.get(answer_id)
        found[answer_id] = Why(
            answer_id=answer_id,
            polarity=polarity,
            label=sentiment_label(polarity),
            themes=tuple(sorted(themes.get(answer_id, []))),
            model_words=tuple(why.get("model_words", ())),
            rules=tuple(RULE_SAYS.get(r, r) for r in why.get("rules", ()))
            + ((DISCLOSURE,) if why.get("disclosure") else ()),
            lexicon_words=tuple((w, p) for w, p in why.get("lexicon_words", ())),
            theme_words=dict(why.get("themes", {})),
            corrected_by=correction.corrected_by.name
            if correction and correction.corrected_by
            else ("a lead" if correction else None),
            note=correction.note if correction else None,
        )
    return found


class CorrectionError(ValueError):
    """A correction that cannot be stored, with a message saying what to do."""


def correct(
    db: Session,
    actor: StaffUser,
    answer_id: int,
    sentiment: str,
    themes: Iterable[str],
    note: str | None = None,
) -> LabelCorrection:
    """Store a lead's labels for one scored answer, apply them to its signal, and audit it."""
    if sentiment not in SENTIMENTS:
        raise CorrectionError("Choose positive, neutral or negative")
    chosen = sorted(set(themes))
    unknown = [t for t in chosen if t not in THEMES]
    if unknown:
        raise CorrectionError("Choose themes from the list")
    signal = db.get(TextSignal, answer_id)
    if signal is None:
        raise CorrectionError("This answer has not been scored yet")
    scored_themes = sorted(
        db.scalars(select(TextTheme.theme).where(TextTheme.answer_id == answer_id))
    )
    row = db.scalar(select(LabelCorrection).where(LabelCorrection.answer_id == answer_id))
    before = None
    if row is None:
        row = LabelCorrection(
            answer_id=answer_id,
            scored_sentiment=sentiment_label(signal.polarity),
            scored_themes=";".join(scored_themes),
            scorer_version=signal.scorer_version,
        )
        db.add(row)
    else:
        before = audit.snapshot(row, ("sentiment", "themes", "note"))
    row.sentiment, row.themes = sentiment, ";".join(chosen)
    row.note = (note or "").strip() or None
    row.corrected_by_id, row.corrected_at = actor.id, utc_now()
    db.flush()
    apply_corrections(db, [answer_id])
    after = audit.snapshot(row, ("sentiment", "themes", "note"))
    audit.record(db, actor, "correct_label", "label_correction", answer_id, before, after)
    return row


def apply_corrections(db: Session, answer_ids: list[int]) -> int:
    """Give the stored signals of these answers their leads' labels; return how many."""
    if not answer_ids:
        return 0
    rows = list(
        db.scalars(select(LabelCorrection).where(LabelCorrection.answer_id.in_(answer_ids)))
    )
    for row in rows:
        signal = db.get(TextSignal, row.answer_id)
        if signal is None:
            continue
        flagged = db.scalar(
            select(SafeguardingFlag.id).where(SafeguardingFlag.answer_id == row.answer_id)
        )
        if sentiment_label(signal.polarity) != row.sentiment and flagged is None:
            signal.polarity = CORRECTED_POLARITY[row.sentiment]  # a disclosure stays negative
        db.execute(delete(TextTheme).where(TextTheme.answer_id == row.answer_id))
        themes = [t for t in row.themes.split(";") if t]
        if themes:
            response = db.get(Response, signal.response_id)
            assert response is not None  # a signal's response outlives it
            copies = {
                "submitted_at": response.submitted_at,
                "survey_id": response.survey_id,
                "team_id": response.team_id,
                "polarity": signal.polarity,
            }
            db.execute(
                insert(core_table(TextTheme)),
                [{"answer_id": row.answer_id, "theme": t, **copies} for t in themes],
            )
    db.flush()
    return len(rows)


def training_rows(db: Session) -> list[dict[str, str]]:
    """Corrected answers as rows for `python -m analysis.train_sentiment --corrections`."""
    query = (
        select(Answer.value_text, Survey.audience, LabelCorrection.sentiment)
        .join(LabelCorrection, LabelCorrection.answer_id == Answer.id)
        .join(Response, Response.id == Answer.response_id)
        .join(Survey, Survey.id == Response.survey_id)
        .order_by(LabelCorrection.id)
    )
    return [
        {"text": text, "audience": audience, "sentiment": sentiment, "scorer": SCORER_VERSION}
        for text, audience, sentiment in db.execute(query)
        if text and text.strip()
    ]


def quotable_text(db: Session, answer_id: int) -> str | None:
    """The answer's text, redacted, or None when there is none or it is flagged for
    safeguarding (flagged text is read only in the safeguarding queue)."""
    text = db.scalar(select(Answer.value_text).where(Answer.id == answer_id))
    flagged = db.scalar(select(SafeguardingFlag.id).where(SafeguardingFlag.answer_id == answer_id))
    if not text or flagged is not None:
        return None
    return redact(" ".join(text.split()))
