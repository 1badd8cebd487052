"""What feedback is saying: emerging themes by audience and team, redacted examples, the
evidence behind an action, and whether feedback on its themes improved after it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from analysis import clock
from analysis.before_after import BeforeAfter, before_after
from analysis.clock import local_date, today
from analysis.quarters import Quarter
from analysis.redaction import redact
from feedback_app.models import (
    Action,
    Answer,
    Response,
    SafeguardingFlag,
    Survey,
    Team,
    TextSignal,
    TextTheme,
)

MIN_SENTIMENT = 5  # a mean of fewer answers is not shown


@dataclass(frozen=True)
class Period:
    key: str
    label: str
    start: date
    end: date  # inclusive

    def previous(self) -> Period:
        length = self.end - self.start + timedelta(days=1)
        return Period(self.key, "previous", self.start - length, self.start - timedelta(days=1))


def periods(on: date | None = None) -> dict[str, Period]:
    """The last 30 days, and the last complete quarter."""
    on = on or today()
    last_quarter = Quarter.containing(on).previous()
    return {
        "30d": Period("30d", "the last 30 days", on - timedelta(days=29), on),
        "quarter": Period(
            "quarter", f"last quarter ({last_quarter})", last_quarter.start, last_quarter.end
        ),
    }


def _between(start: date, end: date):
    """Responses sent on the days `start` to `end` in England."""
    return clock.within(Response.submitted_at, clock.days_range(start, end))


@dataclass
class ThemeRow:
    theme: str
    audience: str
    answers: int
    mean: float | None
    previous_answers: int
    previous_mean: float | None

    @property
    def change(self) -> int:
        return self.answers - self.previous_answers

    @property
    def rising(self) -> bool:
        """Clearly more than before: at least 5 more answers, and half as many again."""
        return self.change >= 5 and self.answers >= 1.5 * self.previous_answers

    @property
    def sentiment_change(self) -> float | None:
        if self.mean is None or self.previous_mean is None:
            return None
        return self.mean - self.previous_mean


def _theme_counts(db: Session, period: Period, team_slug: str | None, audience: str | None):
    """Answers and mean sentiment by (theme, audience), in the period (True) and the one before
    (False), from the theme rows' own copies of their response's date, survey and team and
    their answer's polarity: one index, no joins. A query per period, grouped by survey id, so
    PostgreSQL hashes the few groups instead of sorting every answer."""
    slugs = dict(db.execute(select(Survey.id, Survey.slug)).all())
    found: dict[bool, dict] = {True: {}, False: {}}
    for inside, days in ((True, period), (False, period.previous())):
        query = (
            select(TextTheme.theme, TextTheme.survey_id, func.count(), func.avg(TextTheme.polarity))
            .where(clock.within(TextTheme.submitted_at, clock.days_range(days.start, days.end)))
            .group_by(TextTheme.theme, TextTheme.survey_id)
        )  # count(*), not of a column: SQLite then reads the index alone
        if team_slug:
            query = query.where(
                TextTheme.team_id.in_(select(Team.id).where(Team.slug == team_slug))
            )
        if audience:
            query = query.where(
                TextTheme.survey_id.in_(select(Survey.id).where(Survey.slug == audience))
            )
        for theme, survey_id, n, m in db.execute(query):
            found[inside][(theme, slugs[survey_id])] = (n, float(m))
    return found


def emerging_themes(
    db: Session, period: Period, team_slug: str | None = None, audience: str | None = None
) -> list[ThemeRow]:
    """Themes in the period by audience, busiest first, with the period before for change."""
    counts = _theme_counts(db, period, team_slug, audience)
    now, before = counts[True], counts[False]
    rows = []
    for key in now.keys() | before.keys():
        n, m = now.get(key, (0, 0.0))
        pn, pm = before.get(key, (0, 0.0))
        rows.append(
            ThemeRow(
                key[0],
                key[1],
                n,
                m if n >= MIN_SENTIMENT else None,
                pn,
                pm if pn >= MIN_SENTIMENT else None,
            )
        )
    return sorted(rows, key=lambda r: (not r.rising, -r.answers, -r.change, r.theme, r.audience))


@dataclass(frozen=True)
class Example:
    response_id: int
    audience: str
    given_on: date
    polarity: float
    quote: str
    answer_id: int = 0


def examples(
    db: Session,
    theme: str,
    period: Period,
    team_slug: str | None = None,
    audience: str | None = None,
    limit: int = 20,
) -> list[Example]:
    """Recent answers on a theme, redacted; answers flagged for safeguarding are left out."""
    query = (
        select(Answer.response_id, Survey.slug, Response.submitted_at, TextSignal.polarity)
        .add_columns(Answer.value_text, Answer.id)
        .join(TextTheme, and_(TextTheme.answer_id == Answer.id, TextTheme.theme == theme))
        .join(TextSignal, TextSignal.answer_id == Answer.id)
        .join(Response, Response.id == Answer.response_id)
        .join(Survey, Survey.id == Response.survey_id)
        .outerjoin(SafeguardingFlag, SafeguardingFlag.answer_id == Answer.id)
        .where(_between(period.start, period.end), SafeguardingFlag.id.is_(None))
        .order_by(Response.submitted_at.desc(), Answer.id.desc())
        .limit(limit)
    )
    if team_slug:
        query = query.join(Team, Team.id == Response.team_id).where(Team.slug == team_slug)
    if audience:
        query = query.where(Survey.slug == audience)
    return [
        Example(rid, slug, local_date(at), polarity, redact(" ".join((text or "").split())), aid)
        for rid, slug, at, polarity, text, aid in db.execute(query)
    ]


@dataclass(frozen=True)
class Evidence:
    response_id: int
    audience: str
    given_on: date
    quotes: list[str]


def evidence(db: Session, ids: list[int]) -> list[Evidence]:
    """Feedback by response id: when it was given, and its free text redacted (text flagged
    for safeguarding left out)."""
    if not ids:
        return []
    rows = db.execute(
        select(Response.id, Survey.slug, Response.submitted_at, Answer.value_text)
        .join(Survey, Survey.id == Response.survey_id)
        .outerjoin(Answer, and_(Answer.response_id == Response.id, Answer.value_text.is_not(None)))
        .outerjoin(SafeguardingFlag, SafeguardingFlag.answer_id == Answer.id)
        .where(Response.id.in_(ids), SafeguardingFlag.id.is_(None))
        .order_by(Response.submitted_at, Answer.id)
    )
    found: dict[int, Evidence] = {}
    for rid, slug, at, text in rows:
        item = found.setdefault(rid, Evidence(rid, slug, local_date(at), []))
        if text and text.strip():
            item.quotes.append(redact(" ".join(text.split())))
    return list(found.values())


def action_day(action: Action) -> date:
    """When the change was made, or else when it was raised."""
    return action.done_on or local_date(action.created_at)


def theme_trends(
    db: Session, action: Action, window_days: int = 90, on: date | None = None
) -> list[BeforeAfter]:
    """For each linked theme: feedback before the action against feedback since, in the
    action's team when it has one."""
    day = action_day(action)
    if not action.themes:
        return []
    query = (
        select(TextTheme.theme, Response.submitted_at, TextSignal.polarity)
        .join(TextSignal, TextSignal.answer_id == TextTheme.answer_id)
        .join(Response, Response.id == TextSignal.response_id)
        .where(
            TextTheme.theme.in_(action.themes),
            _between(day - timedelta(days=window_days), day + timedelta(days=window_days)),
        )
    )
    if action.team_id is not None:
        query = query.where(Response.team_id == action.team_id)
    by_theme: dict[str, list[tuple[date, float]]] = {theme: [] for theme in action.themes}
    for theme, at, polarity in db.execute(query):
        by_theme[theme].append((local_date(at), polarity))
    return [
        before_after(theme, day, rows, on or today(), window_days)
        for theme, rows in by_theme.items()
    ]
