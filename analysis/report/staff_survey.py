"""The annual staff and volunteer survey (the plan's "annual staff survey results"), year on
year: each statement's % who agree, for the whole service and each team, read only from the
aggregate view v_staff_survey, which holds no group under 10 answers. A change between years
is called real only beyond noise (Newcombe's 95% interval)."""

from __future__ import annotations

from analysis.report.data import ReportData, StaffSurveyRow
from analysis.report.model import CellValue, Change, KeyMessage, Section, Share, Table, count
from analysis.report.openings import of, spread
from surveys import SurveyDefinition

WHOLE_SERVICE = "whole_service"
NOT_SHOWN = Share(0, 0, hidden=True)  # a group the view did not show that year
NOTE = (
    "From the anonymous annual survey, by the calendar year it ran. A group (the whole service "
    "or a team) is shown only when 10 or more answered, and a team only when the answers "
    "outside the teams shown are none or 10 or more. Agree means agree or strongly agree; a "
    "share is hidden when fewer than 5 agreed or did not."
)


def _share(row: StaffSurveyRow | None) -> Share | None:
    if row is None:
        return None
    return Share(round(row.percent_agree * row.answers / 100), row.answers)


def section(data: ReportData, definitions: dict[str, SurveyDefinition]) -> Section:
    definition = definitions.get("staff-survey")
    statements = (
        {q.id: q.label for q in definition.questions if q.type == "scale"} if definition else {}
    )
    rows = [r for r in data.staff_survey if r.question in statements]
    years = sorted({r.year for r in rows})
    latest = years[-1] if years else None
    before = years[-2] if len(years) > 1 else None
    table = Table(
        "staff_survey",
        "Staff and volunteer survey: who agree, year on year",
        ["Group", "Statement", "Answered", f"Agree {latest or ''}".strip()]
        + ([f"Agree {before}", "Change"] if before else []),
        note=NOTE,
    )
    if latest is None:
        return Section(
            "staff_survey",
            "Staff and volunteer survey",
            [table],
            [
                "No staff survey results to show: the survey has not run yet, or fewer than 10 "
                "answered."
            ],
        )
    found = {(r.year, r.group, r.question): r for r in rows}
    groups = sorted(
        {r.group for r in rows if r.year == latest},
        key=lambda g: (g != WHOLE_SERVICE, data.team_names.get(g, g)),
    )
    messages: list[KeyMessage] = []
    for group in groups:
        name = "Whole service" if group == WHOLE_SERVICE else data.team_names.get(group, group)
        for question, label in statements.items():
            now = found.get((latest, group, question))
            if now is None:
                continue
            share = Share(round(now.percent_agree * now.answers / 100), now.answers)
            row: list[CellValue] = [name, label, count(now.answers), share]
            then = _share(found.get((before, group, question))) if before else None
            if before and then is None:  # no answers to it that year: nothing to compare
                row += [NOT_SHOWN, Change(share, Share(0, 0, hidden=True))]
            elif before and then is not None:
                change = Change(share, then)
                row += [then, change]
                if change.real and group == WHOLE_SERVICE:
                    messages.append(_message(label, change, before, latest))
            table.rows.append(row)
    findings = _opening(rows, statements, latest, before) + [m.text for m in messages]
    compared = [
        r
        for r in table.rows
        if r[0] == "Whole service" and isinstance(r[-1], Change) and r[-1].points is not None
    ]
    if compared and not messages:
        findings.append(
            f"No statement changed beyond noise since {before} ({len(compared)} compared)."
        )
    return Section(
        "staff_survey", "Staff and volunteer survey", [table], findings, messages=messages
    )


def _opening(
    rows: list[StaffSurveyRow], statements: dict[str, str], latest: int, before: int | None
) -> list[str]:
    """How many answered, the statements most and least agreed with (whether they differ
    beyond noise), and whether last year's survey can be set beside this one."""
    whole = {
        (r.year, r.question): r
        for r in rows
        if r.group == WHOLE_SERVICE and r.question in statements
    }
    answered = next((r.responses for (year, _), r in whole.items() if year == latest), 0)
    if not answered:
        return [
            f"Fewer than 10 staff and volunteers answered in {latest}, so only teams' results "
            "could be shown, and none are."
        ]
    agreed = [
        (f"'{statements[q].rstrip('.')}'", _share(r) or NOT_SHOWN)
        for (year, q), r in whole.items()
        if year == latest
    ]
    said = f"{answered:,} staff and volunteers answered the {latest} survey."
    most = spread(agreed, "Most agreed:", "least:")
    findings = [f"{said} {most}" if most else said]
    if before is not None:
        then = [_share(r) for (year, _), r in whole.items() if year == before]
        if not then:
            findings.append(f"Fewer than 10 answered in {before}, so there is no year to compare.")
        elif not any(share and share.shown for share in then):
            size = next(r.responses for (year, _), r in whole.items() if year == before)
            findings.append(
                f"The {before} survey ({size:,} answered) cannot be compared: too few agreed, "
                "or did not, to show its shares."
            )
    return findings


def _message(label: str, change: Change, before: int, latest: int) -> KeyMessage:
    way = "rose" if change.real_points > 0 else "fell"
    return KeyMessage(
        f"Staff and volunteers agreeing that '{label.rstrip('.')}' {way} from "
        f"{of(change.then)} in {before} to {of(change.now)} in {latest}.",
        "staff_survey",
        abs(change.real_points),
        "change",
    )
