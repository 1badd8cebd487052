"""Store text signals (sentiment, themes, key phrases) so reports never re-score text."""

from __future__ import annotations

import gc
import json
import logging
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import delete, insert, or_, select, tuple_
from sqlalchemy.orm import Session

from analysis.clock import utc_now
from analysis.safeguarding_detector import DISCLOSURE, detect, load_model
from analysis.text_signals import NEGATIVE_BELOW, SCORER_VERSION, load_lexicon, score
from feedback_app.models import (
    Answer,
    Response,
    SafeguardingFlag,
    Survey,
    TextSignal,
    TextTheme,
    core_table,
)
from feedback_app.safe_logging import log_error
from feedback_app.services import prepared_text
from feedback_app.services.label_corrections import apply_corrections
from feedback_app.services.prepared_text import PreparedText
from feedback_app.services.report_snapshots import mark_new_data
from feedback_app.services.safeguarding_queue import rescan
from surveys import SurveyDefinition

BATCH = 2000
logger = logging.getLogger(__name__)
# A possible disclosure (the detector's upper tier) is never neutral or positive, whatever its
# words ("i wanna sleep forever lol" scores happy): it is stored at most this polarity. "Worth a
# look" is the lead's own list of answers to read, not a disclosure: on the released first blind
# set most of its positive answers were praise ("they came quick when i needed them"), so it
# keeps the scorer's direction.
DISCLOSURE_POLARITY = round(NEGATIVE_BELOW - 0.2, 2)


class Backfilled(NamedTuple):
    scored: int
    found_late: int  # answers newly flagged for safeguarding by this run


def never_positive(polarity: float, text: str, flagged: bool | None = None) -> float:
    """The sentiment rule of the safeguarding issue; apply it wherever polarity is stored.
    `flagged`: whether the text's stored flag is a possible disclosure, when known; else the
    text is scanned. A failed scan is logged (the flag step logs it too) and must not lose the
    answers."""
    if flagged is not None:
        return min(polarity, DISCLOSURE_POLARITY) if flagged else polarity
    try:
        flagged = (prepared_text.detection(text) or detect(text)).flagged
    except Exception as error:
        log_error(logger, "Safeguarding scan failed while storing a sentiment", error)
        return polarity
    return min(polarity, DISCLOSURE_POLARITY) if flagged else polarity


def free_texts(
    definition: SurveyDefinition, answers: dict, only: set[str] | None = None
) -> dict[str, str]:
    """The free-text answers given (question id -> text) that are scored and scanned."""
    return {
        q.id: answers[q.id]
        for q in definition.questions
        if q.type == "text"
        and isinstance(answers.get(q.id), str)
        and answers[q.id]
        and (only is None or q.id in only)
    }


def prepare(
    definition: SurveyDefinition,
    answer_sets: Iterable[dict],
    prepared: PreparedText | None = None,
    scan_only: bool = False,
) -> PreparedText:
    """Score and scan these responses' free texts now, before a transaction stores them (see
    prepared_text); `scan_only` for texts scored later (score_soon). A text whose scoring
    fails is left out: storing it scores it again, and logs or raises as it always has."""
    prepared = prepared or PreparedText()
    _models_loaded()
    for answers in answer_sets:
        for text in free_texts(definition, answers).values():
            key = (text, definition.audience)
            try:
                if not scan_only and key not in prepared.signals:
                    prepared.signals[key] = score(text, definition.audience)
                if text not in prepared.detections:
                    prepared.detections[text] = detect(text)
            except Exception:  # noqa: S112  (scored again, and logged, when stored)
                continue
    return prepared


@lru_cache(maxsize=1)
def _models_loaded() -> None:
    """Load the scorer's and the detector's models (TextBlob, NLTK and SciPy: seconds, once per
    process), then freeze everything alive: a full garbage collection no longer walks those
    millions of long-lived objects. Such a collection stops the whole process, and one that fell
    while a transaction held SQLite's single write lock kept every form waiting for it."""
    load_lexicon()
    score("warming up", "children")
    load_model()
    gc.freeze()


def warm_up() -> None:
    """Load the models now, as a server starts (gunicorn.conf.py), so no form waits for them."""
    _models_loaded()


def record_signals(
    db: Session,
    response_id: int,
    texts: dict[str, str],
    answer_ids: dict[str, int],
    audience: str,
    corrections: bool = True,
) -> int:
    """Score the free-text answers of one response (its survey's audience); return how many
    were stored. `corrections=False` for answers stored just now, which no lead has labelled."""
    rows = [
        (answer_ids[qid], response_id, text, audience)
        for qid, text in texts.items()
        if qid in answer_ids
    ]
    return store_signals(db, rows, corrections)


def free_text_questions(definitions: dict[str, SurveyDefinition]) -> list[tuple[str, str]]:
    """(survey slug, question id) of every free-text question: never contact details."""
    return [
        (slug, q.id)
        for slug, definition in definitions.items()
        for q in definition.questions
        if q.type == "text"
    ]


def backfill(
    db: Session,
    definitions: dict[str, SurveyDefinition],
    rescore: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Backfilled:
    """Score every free-text answer without a current signal (every one with `rescore`), in
    batches, and flag for safeguarding, marked found late, any the current detector catches
    that has no flag yet."""
    pairs = free_text_questions(definitions)
    if not pairs:
        return Backfilled(0, 0)
    query = (
        select(Answer.id, Answer.response_id, Answer.value_text, Survey.audience)
        .join(Response, Response.id == Answer.response_id)
        .join(Survey, Survey.id == Response.survey_id)
        .outerjoin(TextSignal, TextSignal.answer_id == Answer.id)
        .where(tuple_(Survey.slug, Answer.question_id).in_(pairs), Answer.value_text.is_not(None))
        .order_by(Answer.id)
    )
    if not rescore:
        query = query.where(
            or_(TextSignal.answer_id.is_(None), TextSignal.scorer_version != SCORER_VERSION)
        )
    rows = db.execute(query).all()
    done = found = 0
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        ids = [row[0] for row in batch]
        db.execute(delete(TextTheme).where(TextTheme.answer_id.in_(ids)))
        db.execute(delete(TextSignal).where(TextSignal.answer_id.in_(ids)))
        texts = [(a, r, text, audience) for a, r, text, audience in batch if text is not None]
        done += store_signals(db, texts)
        found += rescan(db, [(a, r, text) for a, r, text, _audience in texts])
        if progress:
            progress(done, len(rows))
    return Backfilled(done, found)


def store_signals(
    db: Session,
    rows: Iterable[tuple[int, int, str, str | None]],
    corrections: bool = True,
    facts: dict[int, dict[str, Any]] | None = None,
    disclosures: set[int] | None = None,
) -> int:
    """Score (answer id, response id, text, survey audience) rows and store their signals and
    themes; a lead's correction of an answer outlasts every re-score. `facts`: each response's
    submitted_at, survey_id and team_id, when the caller has them (else they are read);
    `disclosures`: the answers whose stored flag is a possible disclosure, when the caller
    read them (else each text is scanned)."""
    signals: list[dict[str, Any]] = []
    themes: list[dict[str, Any]] = []
    now = utc_now()
    for answer_id, response_id, text, audience in rows:
        signal = prepared_text.signal(text, audience) or score(text, audience)
        flagged = None if disclosures is None else answer_id in disclosures
        polarity, why = never_positive(signal.polarity, text, flagged), signal.why
        if polarity != signal.polarity:
            why = {**why, "label": "negative", "disclosure": True}
        signals.append(
            {
                "answer_id": answer_id,
                "response_id": response_id,
                "polarity": polarity,
                "subjectivity": signal.subjectivity,
                "key_phrases": " | ".join(signal.key_phrases),
                "scorer_version": SCORER_VERSION,
                "scored_at": now,
                "why": json.dumps(why, ensure_ascii=False),
            }
        )
        themes.extend(
            {
                "answer_id": answer_id,
                "theme": theme,
                "response_id": response_id,
                "polarity": polarity,
            }
            for theme in signal.themes
        )  # the response's date, survey and team are added below, for all at once
    if signals:
        db.execute(insert(core_table(TextSignal)), signals)
    if themes:
        ids = {row["response_id"] for row in themes}
        if facts is None or not ids <= facts.keys():
            facts = {
                rid: {"submitted_at": at, "survey_id": survey, "team_id": team}
                for rid, at, survey, team in db.execute(
                    select(
                        Response.id, Response.submitted_at, Response.survey_id, Response.team_id
                    ).where(Response.id.in_(ids))
                )
            }
        for row in themes:
            row.update(facts[row.pop("response_id")])
        db.execute(insert(core_table(TextTheme)), themes)
    if corrections:
        apply_corrections(db, [row["answer_id"] for row in signals])
    return len(signals)


def _unscored(db: Session, ids: list[int]):
    """Those of these answers with text and no signal, with what storing their signals needs."""
    return db.execute(
        select(
            Answer.id,
            Answer.response_id,
            Answer.value_text,
            Survey.audience,
            Response.submitted_at,
            Response.survey_id,
            Response.team_id,
            SafeguardingFlag.tier,
        )
        .join(Response, Response.id == Answer.response_id)
        .join(Survey, Survey.id == Response.survey_id)
        .outerjoin(TextSignal, TextSignal.answer_id == Answer.id)
        .outerjoin(SafeguardingFlag, SafeguardingFlag.answer_id == Answer.id)
        .where(Answer.id.in_(ids), TextSignal.answer_id.is_(None), Answer.value_text.is_not(None))
        .order_by(Answer.id)
    ).all()


def unscored_texts(db: Session, answer_ids: list[int]) -> list[tuple[str, str | None]]:
    """(text, survey audience) of those of these answers not scored yet: what score_stored
    will score, to score before its transaction opens (prepared_text)."""
    return [(row[2], row[3]) for row in _unscored(db, answer_ids) if row[2]]


def score_stored(db: Session, answer_ids: Iterable[int]) -> int:
    """Score these stored free-text answers, those not scored yet (a public form's, see
    jobs/text_scoring): running twice stores nothing twice. Their safeguarding flags were
    made as they were stored, so the disclosure rule reads the flags instead of scanning
    again. Returns how many were scored."""
    ids = sorted(set(answer_ids))
    done = 0
    for start in range(0, len(ids), BATCH):
        found = _unscored(db, ids[start : start + BATCH])
        rows = [(a, r, text, audience) for a, r, text, audience, *_ in found if text]
        facts = {
            r: {"submitted_at": at, "survey_id": survey, "team_id": team}
            for _a, r, _t, _au, at, survey, team, _tier in found
        }
        disclosures = {a for a, *_, tier in found if tier == DISCLOSURE}
        done += store_signals(db, rows, facts=facts, disclosures=disclosures)
        # The form left the marking of stored reports to now: they read these signals.
        mark_new_data(db, {fact["submitted_at"] for fact in facts.values()})
    return done


def unscored_since(db: Session, definitions: dict[str, SurveyDefinition], since) -> list[int]:
    """Free-text answers of responses submitted since `since` that have no signal: those a
    stopped server had not yet passed to a job (see jobs/text_scoring)."""
    pairs = free_text_questions(definitions)
    if not pairs:
        return []
    return list(
        db.scalars(
            select(Answer.id)
            .join(Response, Response.id == Answer.response_id)
            .join(Survey, Survey.id == Response.survey_id)
            .outerjoin(TextSignal, TextSignal.answer_id == Answer.id)
            .where(
                Response.submitted_at >= since,
                tuple_(Survey.slug, Answer.question_id).in_(pairs),
                Answer.value_text.is_not(None),
                TextSignal.answer_id.is_(None),
            )
        )
    )
