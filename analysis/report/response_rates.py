"""Response rates: the feedback received over the number who finished working with each team
(uploaded from the case system), by team, and for children by group, with small numbers
hidden. A group is named under-heard only when its rate is below the other groups' beyond
noise (Newcombe's 95% interval), as the Disproportionality Strategy needs."""

from __future__ import annotations

from collections import Counter, defaultdict

from analysis.report.data import FinishedCountRow, ReportData
from analysis.report.equality import GROUP_NAMES
from analysis.report.model import Change, KeyMessage, Section, Share, Table
from analysis.report.openings import of
from analysis.suppression import count_cell, suppress_table
from surveys import SurveyDefinition

WHO = {"children": "Children", "parents": "Parents and carers", "victims": "Victims"}
SURVEYS = {
    "children": "working-with-us",
    "parents": "parent-carer",
    "victims": "victim-satisfaction",
}
CHILDREN_SURVEY = "working-with-us"
GROUP_TITLES = {"gender": "gender", "ethnicity": "ethnicity", "care_status": "care status"}
MORE_THAN_FINISHED = "more than finished"
TEAM_NOTE = (
    "Feedback received in the quarter over the number the case system says finished working "
    "with the team. Counts of 1-4 read 'fewer than 5', a rate needs 10 who finished, and "
    "further cells are hidden where a small group could be worked out from the totals. "
    "Someone may give feedback before they finish, or twice, so a rate can pass 100%. "
    "All teams counts the feedback that named no team too; the victims' form asks no team, "
    "so victims are rated for the whole service only."
)


def _rates(
    names: list[str], received: list[int], finished: list[int]
) -> tuple[list[list], list[Share | str]]:
    """Rows of [name, finished, received, rate] with secondary suppression, and the shares.
    A row where more gave feedback than finished is shown as it is, and never tested."""
    clamped = [[min(r, f), f - min(r, f)] for r, f in zip(received, finished, strict=True)]
    safe = suppress_table(clamped)
    rows, shares = [], []
    for i, name in enumerate(names):
        if received[i] > finished[i]:
            share: Share | str = MORE_THAN_FINISHED
            rows.append([name, count_cell(finished[i]), count_cell(received[i]), share])
        else:
            hidden = not all(c.shown for c in (*safe.cells[i], safe.row_totals[i]))
            share = Share(received[i], finished[i], hidden=hidden)
            rows.append([name, safe.row_totals[i], safe.cells[i][0], share])
        shares.append(share)
    return rows, shares


def section(data: ReportData, definitions: dict[str, SurveyDefinition]) -> Section:
    quarter = data.quarter
    now = Counter((r.source, r.team) for r in data.this_quarter)
    totals = [f for f in data.finished if f.question is None]
    table = Table(
        "response_rates",
        f"Response rates by team, {quarter}",
        ["Team", "Who", "Finished", "Gave feedback", "Response rate"],
        note=TEAM_NOTE,
    )
    findings: list[str] = []
    for audience, who in WHO.items():
        mine = [f for f in totals if f.audience == audience]
        survey = definitions.get(SURVEYS[audience])
        by_team = survey is not None and any(q.type == "team" for q in survey.questions)
        if not mine or (data.team and not by_team):
            continue  # a form that asks no team is rated for the whole service only
        names = [data.team_names.get(f.team, f.team) for f in mine]
        received = [now[(audience, f.team)] for f in mine]
        finished = [f.finished for f in mine]
        rows, _ = _rates(names, received, finished) if by_team else ([], [])
        # The whole: every response of the quarter, those that named no team too.
        everyone = (
            sum(n for (source, _team), n in now.items() if source == audience)
            if not data.team
            else sum(received)
        )
        whole, (share,) = _rates(["All teams"], [everyone], [sum(finished)])
        if len(mine) > 1 or not by_team:
            rows.append(whole[0])
        table.rows.extend([row[0], who, *row[1:]] for row in rows)
        findings.append(_whole_rate(who, share, sum(finished)))
    if findings:
        listed = findings[0] if len(findings) == 1 else ", ".join(findings[:-1])
        listed += f" and {findings[-1]}" if len(findings) > 1 else ""
        findings = [f"Of those who finished with the service this quarter, {listed}."]
    messages: list[KeyMessage] = []
    tables = [table]
    tested: list[str] = []
    untested: list[str] = []
    definition = definitions.get(CHILDREN_SURVEY)
    if definition is not None:
        for question in (q for q in definition.questions if q.role == "demographic"):
            group_table, found = _by_group(data, question)
            if group_table is not None:
                tables.append(group_table)
                messages.extend(found)
                title = GROUP_TITLES.get(question.id, question.id.upper())
                testable = any(isinstance(row[-1], Change) for row in group_table.rows)
                (tested if testable else untested).append(title)
    if not data.finished:
        findings = [
            f"No numbers of who finished in {quarter} have been uploaded yet: an admin uploads "
            "them from the case system on the Response rates page."
        ]
    elif definition is not None and len(tables) > 1:
        findings.extend(m.text for m in messages)
        if not messages and tested:
            findings.append(f"No group of children is under-heard beyond noise by {_or(tested)}.")
        if untested:
            findings.append(
                f"By {_or(untested)} some groups are too small to show, so no group could be "
                "tested against the others."
            )
    return Section(
        "response_rates",
        "Response rates: who gave feedback of those who finished",
        tables,
        findings,
        messages=messages,
    )


def _whole_rate(who: str, share: Share | str, finished: int) -> str:
    """ "141 of 342 children gave feedback (41%)", in words when the rate is not shown."""
    name = who.lower()
    if isinstance(share, Share) and share.shown:
        return f"{share.count:,} of {share.base:,} {name} gave feedback ({share.percent:.0f}%)"
    if share == MORE_THAN_FINISHED:
        return f"more {name} gave feedback than the {finished:,} who finished"
    return f"too few {name} to show a rate"


def _or(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _by_group(data: ReportData, question) -> tuple[Table | None, list[KeyMessage]]:
    rows: list[FinishedCountRow] = [
        f for f in data.finished if f.audience == "children" and f.question == question.id
    ]
    if not rows:
        return None, []
    teams = {f.team for f in rows}
    finished: dict[str, int] = defaultdict(int)
    for f in rows:
        if f.value is not None:  # a team's total has no group
            finished[f.value] += f.finished
    options = [o for o in question.options if o.value in finished]
    answered: dict[int, str] = {
        c.response: c.value
        for c in data.choices_for(SURVEYS["children"])
        if c.question == question.id
    }
    children = [r for r in data.this_quarter if r.source == "children" and r.team in teams]
    said = Counter(answered.get(r.id) for r in children)
    received = {o.value: said[o.value] for o in options}
    unsaid = sum(n for value, n in said.items() if (value or "") not in finished)
    title = GROUP_TITLES.get(question.id, question.id.upper())
    table = Table(
        f"response_rates_{question.id}",
        f"Children: response rates by {title}, {data.quarter}",
        ["Group", "Finished", "Gave feedback", "Response rate", "Against other groups"],
        note=(
            f"Teams that gave numbers by {title}. {unsaid:,} children who gave feedback there "
            "did not say, or preferred not to say, so every rate may be a little low; the gap "
            "between groups is what is tested (95%)."
            if unsaid >= 5 or unsaid == 0
            else f"Teams that gave numbers by {title}. Fewer than 5 children who gave feedback "
            "there did not say which group they are in; the gap between groups is tested (95%)."
        ),
    )
    base, shares = _rates(
        [o.label for o in options],
        [received[o.value] for o in options],
        [finished[o.value] for o in options],
    )
    messages: list[KeyMessage] = []
    for index, option in enumerate(options):
        share = shares[index]
        rest = [s for i, s in enumerate(shares) if i != index]
        shown = [s for s in rest if isinstance(s, Share) and s.shown]
        gap: Change | None = None
        # Tested only against groups that are shown, so the others' rate hides nothing.
        if isinstance(share, Share) and share.shown and rest and len(shown) == len(rest):
            others = Share(sum(s.count for s in shown), sum(s.base for s in shown))
            gap = Change(share, others)
        table.rows.append([*base[index], gap if gap else "not tested"])
        if gap is not None and gap.real and gap.real_points < 0:
            name = GROUP_NAMES.get(
                (question.id, option.value), f"children answering {option.label}"
            )
            messages.append(
                KeyMessage(
                    f"{name[0].upper() + name[1:]} are under-heard: {of(gap.now)} who finished "
                    f"gave feedback, against {of(gap.then)} other children (by {title}).",
                    "response_rates",
                    abs(gap.real_points) + 5,
                    "gap",
                )
            )
    return table, messages
