"""Victims: the three KPIs of the service's plan this quarter, year to date and against last
year's results (results, not targets; a target shows only when the service sets one), split by
pathway and team where numbers allow, restorative justice (restorative.py), and "kept informed"."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import NamedTuple

from analysis.quarters import Quarter
from analysis.report import restorative
from analysis.report.data import ReportData
from analysis.report.model import CellValue, KeyMessage, Section, Share, Table, count
from surveys import SurveyDefinition

SURVEY = "victim-satisfaction"
# Each KPI counts one answer as positive out of everyone who answered (Not sure included).
KPIS = {
    "kpi_very_satisfied": ("5", "very satisfied"),
    "kpi_heard": ("yes", "felt heard and listened to"),
    "kpi_safe": ("yes", "felt safe and supported"),
}
NO_PATHWAY = "Not recorded"


class KpiRow(NamedTuple):
    kpi: str  # a role in KPIS
    name: str
    quarter: Share
    year_to_date: Share
    last_year: float | None  # last year's published result, a percentage
    target: float | None  # set by the service, or None


class Settings(NamedTuple):
    """From the [victim_results] and [victim_targets] sections of the settings file."""

    last_year_label: str
    last_year: dict[str, float]
    targets: dict[str, float]


def read_settings(results: dict, targets: dict) -> Settings:
    def percents(section: dict) -> dict[str, float]:
        return {role: float(section[role]) for role in KPIS if role in section}

    return Settings(str(results.get("year", "last year")), percents(results), percents(targets))


def _kpi_answers(data: ReportData, definition: SurveyDefinition):
    """(response, role, positive?) for every KPI answer in the report's quarters."""
    roles = {q.id: q.role for q in definition.questions if q.role in KPIS}
    for choice in data.choices_for(SURVEY):
        response = data.responses.get(choice.response)
        role = roles.get(choice.question)
        if response is None or response.survey != SURVEY or role is None:
            continue
        yield response, role, choice.value == KPIS[role][0]


def section(
    data: ReportData, definitions: dict[str, SurveyDefinition], settings: Settings
) -> Section:
    quarter = data.quarter
    definition = definitions.get(SURVEY)
    if definition is None:
        return Section("victims", "Victims", [])
    year_quarters = {
        q for q in data.quarters if q.start_year == quarter.start_year and q <= quarter
    }
    pathway_question = definition.question_with_role("pathway")
    pathway_of: dict[int, str] = {}
    if pathway_question is not None:
        labels = {o.value: o.label for o in pathway_question.options}
        pathway_of = {
            c.response: labels.get(c.value, c.value)
            for c in data.choices_for(SURVEY)
            if c.question == pathway_question.id
        }
    tallies: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for response, role, positive in _kpi_answers(data, definition):
        keys = [(role, "quarter", response.quarter)]
        if response.quarter == quarter:
            keys.append((role, "pathway", pathway_of.get(response.id, NO_PATHWAY)))
            keys.append((role, "team", response.team))
        if response.quarter in year_quarters:
            keys.append((role, "ytd", None))
        for key in keys:
            tallies[key][0] += positive
            tallies[key][1] += 1

    def kpi_share(role: str, kind: str, key) -> Share:
        yes, n = tallies.get((role, kind, key), (0, 0))
        return Share(yes, n)

    rows = [
        KpiRow(
            role,
            name,
            kpi_share(role, "quarter", quarter),
            kpi_share(role, "ytd", None),
            settings.last_year.get(role),
            settings.targets.get(role),
        )
        for role, (_value, name) in KPIS.items()
    ]
    columns = [
        "KPI",
        f"This quarter ({quarter})",
        f"Year to date ({quarter.start_year}-{(quarter.start_year + 1) % 100:02d})",
        f"Last year's result ({settings.last_year_label})",
    ]
    if settings.targets:
        columns.append("Target")
    main = Table(
        "victim_kpis",
        f"Victim KPIs, {quarter}: this quarter, year to date and last year's result",
        columns,
        note="Each KPI is the share of everyone who answered the question (Not sure included). "
        f"The last column is what the service achieved in {settings.last_year_label}: a result, "
        "not a target." + (" Targets are the service's own settings." if settings.targets else ""),
    )
    for row in rows:
        cells: list[CellValue] = [
            f"% {row.name}",
            row.quarter,
            row.year_to_date,
            _percent(row.last_year),
        ]
        if settings.targets:
            cells.append(_percent(row.target))
        main.rows.append(cells)

    trend = Table(
        "victim_kpis_by_quarter",
        "Victim KPIs by quarter",
        ["Quarter", *[f"% {name}" for _v, name in KPIS.values()]],
    )
    for q in data.quarters[-4:]:
        trend.rows.append([str(q), *[kpi_share(role, "quarter", q) for role in KPIS]])

    pathways = (
        [*(o.label for o in pathway_question.options), NO_PATHWAY] if pathway_question else []
    )
    by_pathway = Table(
        "victim_kpis_by_pathway",
        f"Victim KPIs by pathway, {quarter}",
        ["Pathway", "Answers", *[f"% {name}" for _v, name in KPIS.values()]],
    )
    for pathway in pathways:
        n = tallies.get(("kpi_very_satisfied", "pathway", pathway), (0, 0))[1]
        if n:
            by_pathway.rows.append(
                [pathway, count(n), *[kpi_share(role, "pathway", pathway) for role in KPIS]]
            )
    by_team = Table(
        "victim_kpis_by_team",
        f"Victim KPIs by team, {quarter} (where the response has a team)",
        ["Team", "Answers", *[f"% {name}" for _v, name in KPIS.values()]],
        note="Only responses that came with a team (from the QR code or the paper form).",
    )
    teams = sorted({key for (role, kind, key) in tallies if kind == "team" and key})
    for team in teams:
        n = tallies[("kpi_very_satisfied", "team", team)][1]
        by_team.rows.append(
            [data.team_names.get(team, team), count(n), *[kpi_share(r, "team", team) for r in KPIS]]
        )
    restorative_table, restorative_opening, restorative_messages = restorative.outcomes(
        data, definition
    )
    tables = [main, trend, by_pathway, by_team]
    tables += [restorative_table] if restorative_table else []
    informed = definition.question("kept_informed") if _has(definition, "kept_informed") else None
    if informed is not None:
        tables.append(_kept_informed(data, informed, quarter))
    messages = _messages(rows, settings)
    from analysis.report.charts import victims_chart

    return Section(
        "victims",
        "Victims",
        tables,
        [m.text for m in messages] + restorative_opening,
        chart=victims_chart(trend),
        messages=messages + restorative_messages,
    )


def _has(definition: SurveyDefinition, question_id: str) -> bool:
    return any(q.id == question_id for q in definition.questions)


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}%"


def _messages(rows: list[KpiRow], settings: Settings) -> list[KeyMessage]:
    shown = [r for r in rows if r.quarter.shown]
    if not shown:
        n = rows[0].quarter.base if rows else 0
        return [
            KeyMessage(
                f"Victim KPIs: too few answers to tell this quarter ({n} answered).",
                "victims",
                5,
            )
        ]
    parts = []
    for row in rows:
        if row.quarter.shown:
            part = f"{row.quarter.percent:.0f}% {row.name}"
        elif row.quarter.base >= 10 and row.quarter.base - row.quarter.count < 5:
            # The share would show the few who did not: say it in words instead.
            part = f"nearly all {row.name} (all but fewer than 5"
        else:
            continue
        if row.last_year is not None:
            part += (
                "; " if part.endswith("5") else " ("
            ) + f"last year's result {row.last_year:.0f}%"
        part += ")" if "(" in part else ""
        parts.append(part)
    n = max(r.quarter.base for r in shown)
    text = f"Victims this quarter ({n} answered): " + "; ".join(parts) + "."
    below = [
        r
        for r in shown
        if r.target is not None and r.quarter.percent is not None and r.quarter.percent < r.target
    ]
    if below:
        text += " Below the service's target: " + ", ".join(r.name for r in below) + "."
    return [KeyMessage(text, "victims", 50)]


def _kept_informed(data: ReportData, question, quarter: Quarter) -> Table:
    answers = Counter(
        c.value
        for c in data.choices_for(SURVEY)
        if c.question == question.id
        and (r := data.responses.get(c.response)) is not None
        and r.survey == SURVEY
        and r.quarter == quarter
    )
    base = sum(answers.values())
    table = Table(
        "victim_kept_informed",
        f"{question.label} ({quarter})",
        ["Answer", "Victims", "Share"],
    )
    for option in question.options:
        table.rows.append(
            [option.label, count(answers[option.value]), Share(answers[option.value], base)]
        )
    return table
