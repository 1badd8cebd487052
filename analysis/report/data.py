"""Read what the report needs in a few bulk queries (never one query per response), as typed
rows the sections read by name."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import NamedTuple

from sqlalchemy import Connection, text

from analysis import clock
from analysis.quarters import Quarter
from analysis.report.sources import SOURCES, source_of

FILTERED = "{team_filter}"


class ResponseRow(NamedTuple):
    id: int
    survey: str
    source: str | None  # a key of SOURCES, or None for a survey the report does not rate
    quarter: Quarter
    channel: str
    team: str | None  # team slug
    completed_with: str | None
    wording: str | None  # a language code, "easy" for Easy Read, None for standard English


class ChoiceRow(NamedTuple):
    response: int
    question: str
    value: str


class ChoiceCount(NamedTuple):
    """How many responses of a survey and source gave one option to one question in a
    quarter: what the measures count, read as counts and never as rows."""

    survey: str
    source: str | None
    quarter: Quarter
    question: str
    value: str
    n: int


class TextRow(NamedTuple):
    answer: int
    response: int
    question: str
    polarity: float
    themes: tuple[str, ...]
    text: str
    flagged: bool


class ToneCount(NamedTuple):
    """How many written answers of a source in a quarter were scored at one polarity: the
    tone of a quarter whose answers load() did not read as rows."""

    source: str | None
    quarter: Quarter
    polarity: float
    n: int


class ThemeCount(NamedTuple):
    """How many written answers of a source in a quarter were coded to one theme."""

    source: str | None
    quarter: Quarter
    theme: str
    n: int


class CaseRow(NamedTuple):
    kind: str
    stage: int
    status: str
    respondent: str | None
    team: str | None
    received_on: date
    acknowledge_by: date | None
    acknowledged_on: date | None
    respond_by: date | None
    responded_on: date | None
    decision: str | None
    learning: str | None
    right_to_review_sent_on: date | None
    actions: tuple[str, ...]  # "we did" (or "you said") of actions made from this complaint


class ActionRow(NamedTuple):
    """A You Said, We Did action, with the dates that place it in a quarter."""

    id: int
    you_said: str
    we_did: str
    status: str
    raised: date
    done: date | None
    published: date | None
    team: str | None
    themes: tuple[str, ...]


class ActivityRow(NamedTuple):
    """A participation activity held in the report's quarter, with the actions it led to."""

    id: int
    held_on: date
    kind: str
    teams: tuple[str, ...]  # team slugs; empty for the whole service
    children: int
    parents_carers: int
    victims: int
    lundy: tuple[str, ...]
    changed: str
    we_did: tuple[str, ...]


class FinishedCountRow(NamedTuple):
    """How many finished with a team in the report's quarter (from the case system), in all
    (`question` None) or in one group of the children's "about you" questions."""

    team: str  # team slug
    audience: str  # children, parents or victims (keys of SOURCES)
    question: str | None
    value: str | None
    finished: int


class StaffSurveyRow(NamedTuple):
    """One rating of the annual staff survey for a year and group, read from v_staff_survey
    (which holds only groups of 10 or more answers), never from the answers themselves."""

    year: int
    group: str  # "whole_service" or a team slug
    responses: int
    question: str
    answers: int
    percent_agree: float


@dataclass
class ReportData:
    """Plain rows for the quarters the report looks at (this one, the three before it and the
    same quarter last year), oldest first."""

    quarters: list[Quarter]
    team: str | None = None  # the team a team's report is for
    # As rows, load() reads the report quarter's responses and answers, and every quarter's
    # only for the surveys named in _ROWS_OF; the rest are counted by the database:
    # responses in response_counts, answers in choice_counts, written answers in
    # tones_before and themes_before. Data made by hand may hold every quarter as rows.
    responses: dict[int, ResponseRow] = field(default_factory=dict)
    counted_responses: Counter[tuple[str | None, Quarter]] | None = None
    choices: list[ChoiceRow] = field(default_factory=list)
    counted: list[ChoiceCount] | None = None  # every quarter's, counted by the database
    texts: list[TextRow] = field(default_factory=list)
    tones_before: list[ToneCount] = field(default_factory=list)  # quarters not in `texts`
    themes_before: list[ThemeCount] = field(default_factory=list)  # quarters not in `texts`
    cases: list[CaseRow] = field(default_factory=list)
    actions: list[ActionRow] = field(default_factory=list)
    participation: list[ActivityRow] = field(default_factory=list)
    finished: list[FinishedCountRow] = field(default_factory=list)
    staff_survey: list[StaffSurveyRow] = field(default_factory=list)
    team_names: dict[str, str] = field(default_factory=dict)

    @property
    def quarter(self) -> Quarter:
        return self.quarters[-1]

    @cached_property
    def _choices_by_survey(self) -> dict[str, list[ChoiceRow]]:
        found: dict[str, list[ChoiceRow]] = {}
        for choice in self.choices:
            response = self.responses.get(choice.response)
            if response is not None:
                found.setdefault(response.survey, []).append(choice)
        return found

    @property
    def choice_counts(self) -> list[ChoiceCount]:
        """Answers per survey, source, quarter, question and option: from the database when
        load() read them, else counted from `choices` (data made by hand)."""
        if self.counted is None:
            found: Counter[tuple[str, str | None, Quarter, str, str]] = Counter()
            for choice in self.choices:
                r = self.responses.get(choice.response)
                if r is not None:
                    found[(r.survey, r.source, r.quarter, choice.question, choice.value)] += 1
            self.counted = [ChoiceCount(*key, n=n) for key, n in found.items()]
        return self.counted

    @property
    def response_counts(self) -> Counter[tuple[str | None, Quarter]]:
        """Responses per source and quarter, every survey's (source None for a survey the
        report does not rate): from the database when load() counted them."""
        if self.counted_responses is None:
            self.counted_responses = Counter((r.source, r.quarter) for r in self.responses.values())
        return self.counted_responses

    @cached_property
    def this_quarter(self) -> list[ResponseRow]:
        """The report quarter's responses."""
        return [r for r in self.responses.values() if r.quarter == self.quarter]

    @cached_property
    def _texts_on_themes(self) -> dict[Quarter, dict[tuple[str, str], list[TextRow]]]:
        found: dict[Quarter, dict[tuple[str, str], list[TextRow]]] = {}
        for row in self.texts:
            response = self.responses[row.response]
            if response.source is None:
                continue
            cells = found.setdefault(response.quarter, {})
            for theme in row.themes:
                cells.setdefault((theme, response.source), []).append(row)
        return found

    def texts_on_themes(self, quarter: Quarter) -> dict[tuple[str, str], list[TextRow]]:
        """A quarter's written answers by (theme, source), for sources the report names: one
        pass over the answers for every table that reads them."""
        return self._texts_on_themes.get(quarter, {})

    def choices_for(self, survey: str) -> list[ChoiceRow]:
        """One survey's answers: a section reads its own, not every answer of every survey
        (at 100,000 responses each pass over them all cost a fifth of a second)."""
        return self._choices_by_survey.get(survey, [])


def window(first: Quarter, last: Quarter) -> clock.UtcRange:
    """The stored (UTC) times from the start of `first` to the end of `last`, in England."""
    return clock.days_range(first.start, last.end)


def _day(value) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _given_day(value) -> date:
    """A day from a column that is never empty (NOT NULL)."""
    day = _day(value)
    if day is None:
        raise ValueError("a required date is missing")
    return day


def _local_day(value) -> date | None:
    """The day in England of a stored UTC time."""
    return None if value is None else clock.local_date(clock.stored_time(value))


def _local_given_day(value) -> date:
    """The day in England of a stored UTC time that is never empty (NOT NULL)."""
    return clock.local_date(clock.stored_time(value))


def load(connection: Connection, quarter: Quarter, team: str | None = None) -> ReportData:
    quarters = [quarter]
    for _ in range(4):
        quarters.insert(0, quarters[0].previous())
    start, end = window(quarters[0], quarter)
    data = ReportData(quarters=quarters, team=team)
    data.team_names = dict(connection.execute(text("SELECT slug, name FROM team")).all())
    params = {"start": start, "end": end, "team": team}
    team_filter = "AND t.slug = :team" if team else ""

    def run(sql: str, extra: dict | None = None):
        return connection.execute(
            text(sql.replace(FILTERED, team_filter)), {**params, **(extra or {})}
        )

    # The five quarters' bounds in stored (UTC) time: a response's quarter by one bisect
    # rather than a time-zone conversion per response.
    bounds = [clock.day_start(q.start) for q in quarters] + [end]
    rows_of = {"qstart": bounds[-2]}
    # Results are fetched whole (.all()): psycopg checks its result on every fetchone, which
    # at a million responses cost more than the queries themselves.
    survey_of: dict[int, tuple] = {}
    for row in run(
        """
        SELECT r.id, s.slug, r.submitted_at, r.channel, t.slug, r.completed_with,
               r.language, r.easy_read
        FROM response r JOIN survey s ON s.id = r.survey_id
        LEFT JOIN team t ON t.id = r.team_id
        WHERE r.submitted_at >= :start AND r.submitted_at < :end {team_filter}
        """  # noqa: S608  (only the fixed _ROWS_OF is added)
        + _ROWS_OF,
        rows_of,
    ).all():
        at = bisect_right(bounds, clock.stored_time(row[2])) - 1
        if 0 <= at < len(quarters):
            q = quarters[at]
            survey_of[row[0]] = (row[1], q, row[3], row[4], row[5], "easy" if row[7] else row[6])

    answers_from = """
        FROM answer a JOIN response r ON r.id = a.response_id
        LEFT JOIN team t ON t.id = r.team_id
        WHERE r.submitted_at >= :start AND r.submitted_at < :end {team_filter}
    """
    respondent = dict(
        run(
            "SELECT a.response_id, a.value_choice "
            + answers_from
            + f" AND a.question_id IN ({_RESPONDENT_IN}) AND a.value_choice IS NOT NULL"
            + _ROWS_OF,
            rows_of,
        ).all()
    )
    # At 1M responses reading every quarter's answers as rows took most of a build.
    data.choices = [
        ChoiceRow(*row)
        for row in run(
            "SELECT a.response_id, a.question_id, a.value_choice "
            + answers_from
            + " AND a.value_choice IS NOT NULL"
            + _ROWS_OF,
            rows_of,
        ).all()
        if row[0] in survey_of
    ]
    for response_id, (slug, q, channel, team_slug, completed_with, wording) in survey_of.items():
        data.responses[response_id] = ResponseRow(
            response_id,
            slug,
            source_of(slug, respondent.get(response_id)),
            q,
            channel,
            team_slug,
            completed_with,
            wording,
        )
    quarter_of = " ".join(f"WHEN r.submitted_at < :b{i} THEN {i - 1}" for i in range(1, 5))
    inner = {f"b{i}": bounds[i] for i in range(1, 5)}
    said = (
        f"LEFT JOIN answer ra ON ra.response_id = r.id AND ra.question_id IN ({_RESPONDENT_IN})"
        " AND ra.value_choice IS NOT NULL"
    )
    data.counted_responses = Counter()
    for slug, role, at, n in run(
        f"""
        SELECT s.slug, ra.value_choice, CASE {quarter_of} ELSE 4 END AS q, COUNT(*)
        FROM response r JOIN survey s ON s.id = r.survey_id
        LEFT JOIN team t ON t.id = r.team_id {said}
        WHERE r.submitted_at >= :start AND r.submitted_at < :end {{team_filter}}
        GROUP BY s.slug, ra.value_choice, q
        """,  # noqa: S608  (only fixed names and placeholders are interpolated)
        inner,
    ).all():
        data.counted_responses[(source_of(slug, role), quarters[at])] += int(n)
    data.counted = [
        ChoiceCount(slug, source_of(slug, role), quarters[at], question, value, int(n))
        for slug, role, at, question, value, n in run(
            f"""
            SELECT s.slug, ra.value_choice, CASE {quarter_of} ELSE 4 END AS q,
                   a.question_id, a.value_choice, COUNT(*)
            FROM answer a JOIN response r ON r.id = a.response_id
            JOIN survey s ON s.id = r.survey_id
            LEFT JOIN team t ON t.id = r.team_id {said}
            WHERE r.submitted_at >= :start AND r.submitted_at < :end {{team_filter}}
                AND a.value_choice IS NOT NULL
            GROUP BY s.slug, ra.value_choice, q, a.question_id, a.value_choice
            """,  # noqa: S608  (only fixed names and placeholders are interpolated)
            inner,
        ).all()
    ]
    # Written answers: the report quarter's as rows (themes, quotes, this quarter's tone);
    # the three quarters before it counted (tone over the last four, themes against last
    # quarter). No section reads last year's quarter's.
    before = {"since": bounds[1], "qstart": bounds[-2], **inner}
    data.tones_before = [
        ToneCount(source_of(slug, role), quarters[at], float(polarity), int(n))
        for slug, role, at, polarity, n in run(
            f"""
            SELECT s.slug, ra.value_choice, CASE {quarter_of} ELSE 4 END AS q, ts.polarity,
                   COUNT(*)
            FROM text_signal ts JOIN response r ON r.id = ts.response_id
            JOIN survey s ON s.id = r.survey_id
            LEFT JOIN team t ON t.id = r.team_id {said}
            WHERE r.submitted_at >= :since AND r.submitted_at < :qstart {{team_filter}}
            GROUP BY s.slug, ra.value_choice, q, ts.polarity
            """,  # noqa: S608  (only fixed names and placeholders are interpolated)
            before,
        ).all()
    ]
    last = {"last": bounds[-3], "qstart": bounds[-2]}
    data.themes_before = [
        ThemeCount(source_of(slug, role), quarters[-2], theme, int(n))
        for slug, role, theme, n in run(
            f"""
            SELECT s.slug, ra.value_choice, th.theme, COUNT(*)
            FROM text_theme th JOIN answer a ON a.id = th.answer_id
            JOIN response r ON r.id = a.response_id
            JOIN survey s ON s.id = r.survey_id
            LEFT JOIN team t ON t.id = r.team_id {said}
            WHERE r.submitted_at >= :last AND r.submitted_at < :qstart {{team_filter}}
            GROUP BY s.slug, ra.value_choice, th.theme
            """,  # noqa: S608  (only fixed names and placeholders are interpolated)
            last,
        ).all()
    ]
    themes: dict[int, list[str]] = {}
    for answer_id, theme in run(
        "SELECT th.answer_id, th.theme FROM text_theme th JOIN answer a ON a.id = th.answer_id "
        "JOIN response r ON r.id = a.response_id LEFT JOIN team t ON t.id = r.team_id "
        "WHERE r.submitted_at >= :qstart AND r.submitted_at < :end {team_filter} "
        "ORDER BY th.theme",
        rows_of,
    ).all():
        themes.setdefault(answer_id, []).append(theme)
    data.texts = [
        TextRow(
            row[0],
            row[1],
            row[2],
            row[3],
            tuple(themes.get(row[0], ())),
            row[4] or "",
            bool(row[5]),
        )
        for row in run(
            """
            SELECT a.id, a.response_id, a.question_id, ts.polarity, a.value_text,
                   CASE WHEN sf.id IS NULL THEN 0 ELSE 1 END
            FROM answer a JOIN response r ON r.id = a.response_id
            JOIN text_signal ts ON ts.answer_id = a.id
            LEFT JOIN safeguarding_flag sf ON sf.answer_id = a.id
            LEFT JOIN team t ON t.id = r.team_id
            WHERE r.submitted_at >= :qstart AND r.submitted_at < :end {team_filter}
            """,
            rows_of,
        ).all()
        if row[1] in data.responses
    ]
    # In the order they were written: which quote a section picks, and which of two equal
    # themes comes first, must not change with the order PostgreSQL happens to return rows.
    data.texts.sort(key=lambda row: row.answer)
    data.cases = _cases(run, quarter)
    data.actions = _actions(connection, quarter, team)
    data.participation = _participation(connection, quarter, team)
    data.staff_survey = [
        StaffSurveyRow(int(r[0]), r[1], int(r[2]), r[3], int(r[4]), float(r[5]))
        for r in connection.execute(
            text(
                "SELECT survey_year, team_group, responses, question_id, answers, percent_agree "
                "FROM v_staff_survey WHERE survey_year <= :year"
                + (" AND team_group IN ('whole_service', :team)" if team else "")
                + " ORDER BY survey_year, team_group, question_id"
            ),
            {"year": quarter.end.year, "team": team},
        )
    ]
    data.finished = [
        FinishedCountRow(*row)
        for row in run(
            "SELECT t.slug, f.audience, f.group_question, f.group_value, f.finished "
            "FROM finished_count f JOIN team t ON t.id = f.team_id "
            "WHERE f.quarter = :quarter {team_filter} ORDER BY t.id, f.id",
            {"quarter": str(quarter)},
        )
    ]
    return data


# The question a service-feedback response says its giver's role in (see sources.py).
_RESPONDENT_QUESTIONS = {spec.respondent_question for spec in SOURCES if spec.respondent_question}
_RESPONDENT_IN = ", ".join(f"'{q}'" for q in sorted(_RESPONDENT_QUESTIONS))
# The answers read as rows: the report's quarter's, and every quarter's of the surveys whose
# sections look back at rows (victims' year to date and restorative outcomes; training
# against last quarter). Every other look back is a count (ReportData.choice_counts).
_ROWS_OF = (
    " AND (r.submitted_at >= :qstart OR r.survey_id IN (SELECT id FROM survey"
    " WHERE slug IN ('victim-satisfaction', 'training-feedback')))"
)


def _cases(run, quarter: Quarter) -> list[CaseRow]:
    made_from: dict[int, list[str]] = {}
    rows = run(
        """
        SELECT c.id, c.kind, c.stage, c.status, c.respondent, t.slug, c.received_on,
               c.acknowledge_by, c.acknowledged_on, c.respond_by, c.responded_on,
               c.decision, c.learning, c.right_to_review_sent_on
        FROM tell_us_case c JOIN response r ON r.id = c.response_id
        LEFT JOIN team t ON t.id = r.team_id
        WHERE c.received_on BETWEEN :qstart AND :qend {team_filter}
        ORDER BY c.id
        """,
        {"qstart": quarter.start, "qend": quarter.end},
    ).all()
    if rows:
        for case_id, did in run(
            """
            SELECT c.id, COALESCE(ac.we_did, ac.you_said)
            FROM tell_us_case c JOIN action_response ar ON ar.response_id = c.response_id
            JOIN action ac ON ac.id = ar.action_id
            WHERE c.received_on BETWEEN :qstart AND :qend ORDER BY ac.id
            """,
            {"qstart": quarter.start, "qend": quarter.end},
        ):
            made_from.setdefault(case_id, []).append(did)
    return [
        CaseRow(
            r[1],
            int(r[2]),
            r[3],
            r[4],
            r[5],
            _given_day(r[6]),
            _day(r[7]),
            _day(r[8]),
            _day(r[9]),
            _day(r[10]),
            r[11],
            r[12],
            _day(r[13]),
            tuple(made_from.get(r[0], ())),
        )
        for r in rows
    ]


def _actions(connection: Connection, quarter: Quarter, team: str | None) -> list[ActionRow]:
    """Actions raised by the quarter's end and not finished before it began: enough to say
    how things stood at the quarter's end. A team's report also shows whole-service actions."""
    _start, end = window(quarter, quarter)
    team_filter = "AND (t.slug = :team OR a.team_id IS NULL)" if team else ""
    rows = connection.execute(
        text(
            f"""
            SELECT a.id, a.you_said, COALESCE(a.we_did, a.not_possible_reason, ''), a.status,
                   a.created_at, a.done_on, a.published_at, t.slug
            FROM action a LEFT JOIN team t ON t.id = a.team_id
            WHERE a.created_at < :end {team_filter}
            ORDER BY a.id
            """  # noqa: S608  (only the fixed filter above is interpolated)
        ),
        {"end": end, "team": team},
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
            _local_given_day(r[4]),
            _day(r[5]),
            _local_day(r[6]),
            r[7],
            tuple(themes.get(r[0], ())),
        )
        for r in rows
    ]


def _participation(connection: Connection, quarter: Quarter, team: str | None) -> list[ActivityRow]:
    """Activities held in the quarter; a team's report also shows whole-service activities."""
    from analysis.participation import LUNDY_ELEMENTS

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
            SELECT a.id, a.held_on, a.kind, a.children, a.parents_carers, a.victims,
                   a.lundy_space, a.lundy_voice, a.lundy_audience, a.lundy_influence,
                   COALESCE(a.changed, '')
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
            _given_day(r[1]),
            r[2],
            tuple(teams.get(r[0], ())),
            int(r[3]),
            int(r[4]),
            int(r[5]),
            tuple(e for e, met in zip(LUNDY_ELEMENTS, r[6:10], strict=True) if met),
            r[10],
            tuple(did.get(r[0], ())),
        )
        for r in rows
    ]
