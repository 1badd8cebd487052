"""Participation: activities where children and families shaped the service, by type and team,
how they met the Lundy model, and what changed as a result."""

from __future__ import annotations

from analysis.participation import (
    LUNDY_ELEMENTS,
    LUNDY_MEANINGS,
    TYPES,
    lundy_counts,
    weakest_sentence,
)
from analysis.quarters import Quarter
from analysis.report.data import ActivityRow, ReportData
from analysis.report.model import Section, Table


def _team_name(slug: str | None, names: dict[str, str]) -> str:
    return "Whole service" if slug is None else names.get(slug, slug)


PEOPLE_NOTE = (
    "Numbers of children, parents and carers, and victims who took part are shown in full: they "
    "say nothing about anyone's answers or circumstances. A person at two activities counts "
    "twice."
)


def _people(activities: list[ActivityRow]) -> list[int]:
    return [
        sum(a.children for a in activities),
        sum(a.parents_carers for a in activities),
        sum(a.victims for a in activities),
    ]


def _activity_table(key: str, title: str, first: str, groups: dict[str, list[ActivityRow]]):
    table = Table(key, title, [first, "Activities", "Children", "Parents and carers", "Victims"])
    for name, activities in groups.items():
        table.rows.append([name, len(activities), *_people(activities)])
    return table


def participation(data: ReportData, quarter: Quarter) -> Section:
    """Activities where children and families shaped the service, by type and team, how they
    met the Lundy model, and what changed as a result."""
    found = data.participation
    by_type = {name: [a for a in found if a.kind == key] for key, name in TYPES.items()}
    type_table = _activity_table(
        "participation_by_type", f"Participation activities by type, {quarter}", "Type", by_type
    )
    type_table.rows.append(["All activities", len(found), *_people(found)])
    type_table.note = PEOPLE_NOTE
    by_team: dict[str, list[ActivityRow]] = {}
    for activity in found:
        for slug in activity.teams or (None,):
            by_team.setdefault(_team_name(slug, data.team_names), []).append(activity)
    whole = _team_name(None, data.team_names)
    ordered = sorted(by_team, key=lambda name: (name != whole, name))
    team_table = _activity_table(
        "participation_by_team",
        f"Participation activities by team, {quarter}",
        "Team",
        {name: by_team[name] for name in ordered},
    )
    team_table.note = "An activity for several teams is counted under each of them."

    lundy = lundy_counts(a.lundy for a in found)
    lundy_table = Table(
        "participation_lundy",
        f"Activities meeting each element of the Lundy model, {quarter}",
        ["Element", "What it means", "Activities", "Share of activities"],
    )
    for key, name in LUNDY_ELEMENTS.items():
        share = f"{100 * lundy[key] / len(found):.0f}%" if found else "–"
        lundy_table.rows.append([name, LUNDY_MEANINGS[key].capitalize(), lundy[key], share])

    changes = Table(
        "participation_changes",
        f"What changed because of participation, {quarter}",
        ["Date", "Type", "Team", "What changed", "We did (linked You Said, We Did actions)"],
        note="'We did' lists the linked You Said, We Did actions that are done.",
    )
    for a in found:
        if a.changed or a.we_did:
            teams = ", ".join(_team_name(t, data.team_names) for t in a.teams) or whole
            kind = TYPES.get(a.kind, a.kind)
            changes.rows.append([a.held_on, kind, teams, a.changed, " | ".join(a.we_did)])

    findings = ["No participation activities were logged this quarter."]
    if found:
        children, families, victims = _people(found)
        with_victims = f", {families} parents and carers and {victims} victims"
        findings = [
            f"{len(found)} participation activities, with {children} children"
            + (with_victims if victims else f" and {families} parents and carers")
            + " taking part.",
            weakest_sentence(lundy, len(found)),
            f"{len(changes.rows)} of {len(found)} activities led to a recorded change.",
        ]
    return Section(
        "participation",
        "Participation this quarter",
        [type_table, team_table, lundy_table, changes],
        findings,
    )
