"""Read what the report needs in a few bulk queries (never one query per response)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Connection, text

from analysis import clock
from analysis.participation import LUNDY_ELEMENTS
from analysis.quarters import Quarter


@dataclass
class ReportData:
    """Plain rows for the quarters the report looks at, oldest first."""

    quarters: list[Quarter]
    # response id -> (survey slug, quarter, channel, team slug or None, completed_with, wording)
    # where wording is a language code, "easy" for Easy Read, or None for standard English
    responses: dict[int, tuple[str, Quarter, str, str | None, str | None]] = field(
        default_factory=dict
    )
    # (response id, question id, choice, number)
    choices: list[tuple[int, str, str | None, float | None]] = field(default_factory=list)
    # (response id, question id, polarity, theme or None, text, flagged)
    texts: list[tuple[int, str, float, str | None, str, bool]] = field(default_factory=list)
    # (kind, stage, status, respond_by, responded_on, respondent, right to review sent)
    cases: list[tuple] = field(default_factory=list)
    actions: list[ActionRow] = field(default_factory=list)
    team_names: dict[str, str] = field(default_factory=dict)  # slug -> name
    participation: list[ActivityRow] = field(default_factory=list)


@dataclass(frozen=True)
class ActionRow:
    """A You Said, We Did action raised, done or published in the report's quarter."""

    id: int
    you_said: str
    we_did: str
    status: str
    raised: date
    done: date | None
    published: date | None
    team: str | None
    themes: tuple[str, ...]


@dataclass(frozen=True)
class ActivityRow:
    """A participation activity held in the report's quarter, with the actions it led to."""

    id: int
    held_on: date
    kind: str
    teams: tuple[str, ...]  # team slugs; empty for the whole service
    children: int
    parents_carers: int
    lundy: tuple[str, ...]
    changed: str
    we_did: tuple[str, ...]  # what the linked You Said, We Did actions did


def load(connection: Connection, quarter: Quarter, team: str | None = None) -> ReportData:
    """This quarter, the three before it and the same quarter last year."""
    quarters = [quarter]
    for _ in range(4):
        quarters.insert(0, quarters[0].previous())
    start, end = clock.days_range(quarters[0].start, quarter.end)
    by_start = {(q.start.year, q.start.month): q for q in quarters}
    data = ReportData(quarters=quarters)
    data.team_names = dict(connection.execute(text("SELECT slug, name FROM team")).all())
    params = {"start": start, "end": end, "team": team}
    team_filter = "AND t.slug = :team" if team else ""

    rows = connection.execute(
        text(
            f"""
            SELECT r.id, s.slug, r.submitted_at, r.channel, t.slug, r.completed_with,
                   r.language, r.easy_read
            FROM response r JOIN survey s ON s.id = r.survey_id
            LEFT JOIN team t ON t.id = r.team_id
            WHERE r.submitted_at >= :start AND r.submitted_at < :end {team_filter}
            """  # noqa: S608  (only the fixed filter above is interpolated)
        ),
        params,
    )
    for response_id, slug, submitted_at, channel, team_slug, completed_with, lang, easy in rows:
        q = clock.quarter_of(clock.stored_time(submitted_at))
        if (q.start.year, q.start.month) in by_start:
            wording = "easy" if easy else lang
            data.responses[response_id] = (slug, q, channel, team_slug, completed_with, wording)

    window = f"""
        FROM answer a JOIN response r ON r.id = a.response_id
        LEFT JOIN team t ON t.id = r.team_id
        WHERE r.submitted_at >= :start AND r.submitted_at < :end {team_filter}
    """
    data.choices = [
        tuple(row)
        for row in connection.execute(
            text(
                "SELECT a.response_id, a.question_id, a.value_choice, a.value_number "
                + window
                + " AND a.value_choice IS NOT NULL"
            ),
            params,
        )
    ]
    data.texts = [
        (row[0], row[1], row[2], row[3], row[4], bool(row[5]))
        for row in connection.execute(
            text(
                """
                SELECT a.response_id, a.question_id, ts.polarity, th.theme, a.value_text,
                       CASE WHEN sf.id IS NULL THEN 0 ELSE 1 END
                """
                + window.replace(
                    "LEFT JOIN team t",
                    "JOIN text_signal ts ON ts.answer_id = a.id "
                    "LEFT JOIN text_theme th ON th.answer_id = a.id "
                    "LEFT JOIN safeguarding_flag sf ON sf.answer_id = a.id "
                    "LEFT JOIN team t",
                )
            ),
            params,
        )
    ]
    data.cases = [
        tuple(row)
        for row in connection.execute(
            text(
                f"""
                SELECT c.kind, c.stage, c.status, c.respond_by, c.responded_on, c.respondent,
                       c.right_to_review_sent_on
                FROM tell_us_case c JOIN response r ON r.id = c.response_id
                LEFT JOIN team t ON t.id = r.team_id
                WHERE c.received_on BETWEEN :qstart AND :qend {team_filter}
                """  # noqa: S608
            ),
            {**params, "qstart": quarter.start, "qend": quarter.end},
        )
    ]
    data.actions = _actions(connection, quarter, team)
    data.participation = _participation(connection, quarter, team)
    return data


def _day(value) -> date | None:
    """A stored date (a date, or text on SQLite)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _local_day(value) -> date | None:
    """The day in England of a stored UTC time."""
    return None if value is None else clock.local_date(clock.stored_time(value))


def _actions(connection: Connection, quarter: Quarter, team: str | None) -> list[ActionRow]:
    """Actions raised, done or published in the quarter; a team's report also shows the
    actions for the whole service."""
    start, end = clock.quarter_range(quarter)
    team_filter = "AND (t.slug = :team OR a.team_id IS NULL)" if team else ""
    rows = connection.execute(
        text(
            f"""
            SELECT a.id, a.you_said, COALESCE(a.we_did, a.not_possible_reason, ''), a.status,
                   a.created_at, a.done_on, a.published_at, t.slug
            FROM action a LEFT JOIN team t ON t.id = a.team_id
            WHERE ((a.created_at >= :start AND a.created_at < :end)
                   OR a.done_on BETWEEN :qstart AND :qend
                   OR (a.published_at >= :start AND a.published_at < :end)) {team_filter}
            ORDER BY a.id
            """  # noqa: S608  (only the fixed filter above is interpolated)
        ),
        {"start": start, "end": end, "qstart": quarter.start, "qend": quarter.end, "team": team},
    ).all()
    themes: dict[int, list[str]] = {}
    if rows:
        for action_id, theme in connection.execute(
            text("SELECT action_id, theme FROM action_theme ORDER BY theme")
        ):
            themes.setdefault(action_id, []).append(theme)
    return [
        ActionRow(
            r[0],
            r[1],
            r[2],
            r[3],
            _local_day(r[4]),
            _day(r[5]),
            _local_day(r[6]),
            r[7],
            tuple(themes.get(r[0], ())),
        )
        for r in rows
    ]


def _participation(connection: Connection, quarter: Quarter, team: str | None) -> list[ActivityRow]:
    """Activities held in the quarter; a team's report also shows whole-service activities."""
    team_filter = (
        """AND (NOT EXISTS (SELECT 1 FROM participation_team pt WHERE pt.activity_id = a.id)
                OR EXISTS (SELECT 1 FROM participation_team pt JOIN team t ON t.id = pt.team_id
                           WHERE pt.activity_id = a.id AND t.slug = :team))"""
        if team
        else ""
    )
    rows = connection.execute(
        text(
            f"""
            SELECT a.id, a.held_on, a.kind, a.children, a.parents_carers, a.lundy_space,
                   a.lundy_voice, a.lundy_audience, a.lundy_influence, COALESCE(a.changed, '')
            FROM participation_activity a
            WHERE a.held_on BETWEEN :qstart AND :qend {team_filter}
            ORDER BY a.held_on, a.id
            """  # noqa: S608  (only the fixed filter above is interpolated)
        ),
        {"qstart": quarter.start, "qend": quarter.end, "team": team},
    ).all()
    teams: dict[int, list[str]] = {}
    did: dict[int, list[str]] = {}
    if rows:
        for activity_id, slug in connection.execute(
            text(
                "SELECT pt.activity_id, t.slug FROM participation_team pt "
                "JOIN team t ON t.id = pt.team_id ORDER BY t.id"
            )
        ):
            teams.setdefault(activity_id, []).append(slug)
        for activity_id, we_did in connection.execute(
            text(
                "SELECT pa.activity_id, ac.we_did "
                "FROM participation_action pa JOIN action ac ON ac.id = pa.action_id "
                "WHERE ac.status = 'done' AND ac.we_did IS NOT NULL ORDER BY ac.id"
            )
        ):
            did.setdefault(activity_id, []).append(we_did)
    return [
        ActivityRow(
            r[0],
            _day(r[1]),
            r[2],
            tuple(teams.get(r[0], ())),
            int(r[3]),
            int(r[4]),
            tuple(e for e, met in zip(LUNDY_ELEMENTS, r[5:9], strict=True) if met),
            r[9],
            tuple(did.get(r[0], ())),
        )
        for r in rows
    ]
