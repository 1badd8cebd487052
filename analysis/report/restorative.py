"""Restorative justice outcomes (the plan's "increase in restorative justice outcomes"), from
what the victim form records: which restorative options each victim was offered (a meeting,
a letter, shuttle messages, reparation), who chose not to take part and who says none was
offered; this quarter, last quarter, the same quarter last year and the year to date, as
shares of the victims who answered, with a change named only beyond noise. The form does not
ask what happened in the end, and no case records it, so nothing here claims a meeting held."""

from __future__ import annotations

from analysis.quarters import Quarter
from analysis.report.data import ReportData
from analysis.report.model import Change, KeyMessage, Share, Table, count
from analysis.report.openings import of, since
from surveys import SurveyDefinition

SURVEY = "victim-satisfaction"
QUESTION = "restorative_options"
NONE_OFFERED, CHOSE_NOT = "none", "chose_not"
OFFERED = "Offered a restorative option (or chose not to take part)"
NOTE = (
    "Of the victims who answered 'Which restorative options were offered to you?' at the end "
    "of their support. Choosing not to take part counts as offered. A victim may tick several "
    "options, so the options add up to more than the first row. A share needs 10 answers and "
    "at least 5 either way. The form asks what was offered, not what happened in the end."
)


def _answers(data: ReportData) -> dict[int, set[str]]:
    """Each victim's ticked options, by response."""
    ticked: dict[int, set[str]] = {}
    for choice in data.choices_for(SURVEY):
        if choice.question == QUESTION:
            ticked.setdefault(choice.response, set()).add(choice.value)
    return ticked


def outcomes(
    data: ReportData, definition: SurveyDefinition
) -> tuple[Table | None, list[str], list[KeyMessage]]:
    """The table, the sentences that open it and any key message (a real change in the share
    offered a restorative option)."""
    if not any(q.id == QUESTION for q in definition.questions):
        return None, [], []
    quarter = data.quarter
    last, year_ago = quarter.previous(), quarter.same_quarter_last_year()
    year = [q for q in data.quarters if q.start_year == quarter.start_year and q <= quarter]
    ticked = _answers(data)

    def answered(quarters: list[Quarter]) -> list[set[str]]:
        return [
            options
            for rid, options in ticked.items()
            if (r := data.responses.get(rid)) is not None and r.quarter in quarters
        ]

    periods = {
        "now": answered([quarter]),
        "last": answered([last]),
        "year_ago": answered([year_ago]),
        "ytd": answered(year),
    }
    labels = {o.value: o.label for o in definition.question(QUESTION).options}
    rows: list[tuple[str, str | None]] = [(OFFERED, None)]
    rows += [(labels[v], v) for v in labels if v not in (NONE_OFFERED, CHOSE_NOT)]
    rows += [("Chose not to take part", CHOSE_NOT), ("Said none was offered", NONE_OFFERED)]
    table = Table(
        "victim_restorative_options",
        f"Restorative justice: what victims were offered, {quarter}",
        [
            "Offered",
            f"This quarter ({quarter})",
            f"Last quarter ({last})",
            f"Same quarter last year ({year_ago})",
            f"Year to date ({quarter.start_year}-{str(quarter.start_year + 1)[2:]})",
            "Change on last quarter",
            "Change on last year",
        ],
        note=NOTE,
    )
    shares: dict[str, dict[str | None, Share]] = {}
    for period, victims in periods.items():
        shares[period] = {
            value: Share(
                sum((value in o) if value else bool(o - {NONE_OFFERED}) for o in victims),
                len(victims),
            )
            for _label, value in rows
        }
    for label, value in rows:
        now = shares["now"][value]
        table.rows.append(
            [
                label,
                now,
                shares["last"][value],
                shares["year_ago"][value],
                shares["ytd"][value],
                Change(now, shares["last"][value]),
                Change(now, shares["year_ago"][value]),
            ]
        )
    return table, _opening(shares, periods, rows), _messages(shares)


def _opening(shares, periods, rows) -> list[str]:
    victims = len(periods["now"])
    if not victims:
        return ["No victim said this quarter which restorative options they were offered."]
    offered = shares["now"][None]
    if not offered.shown and victims >= 10 and victims - offered.count < 5:
        # The share would show the few who were not offered one: say it in words instead.
        said = (
            f"All but fewer than 5 of the {victims:,} victims who answered were offered a "
            "restorative option or chose not to take part"
        )
    elif not offered.shown:
        return [
            f"{count(victims)} victims said which restorative options they were offered this "
            "quarter: too few answers to tell what share were offered one."
        ]
    else:
        said = (
            f"{offered.percent:.0f}% of the {victims:,} victims who answered were offered a "
            "restorative option or chose not to take part"
            + since(offered, shares["last"][None], "last quarter")
        )
    options = [
        (label, share)
        for label, v in rows[1:-2]
        if (share := shares["now"][v]).shown and share.count
    ]
    if options:
        label, share = max(options, key=lambda item: item[1].count)
        short = label.split(" (", 1)[0]
        said += f". Offered most: {short[0].lower() + short[1:]} ({of(share)})"
    declined = shares["now"][CHOSE_NOT].count
    who = "no one" if not declined else str(count(declined))
    found = [f"{said}; {who} chose not to take part."]
    changed = [
        (label.split(" (", 1)[0], change)
        for label, v in rows[1:-2]  # the options themselves
        if (change := Change(shares["now"][v], shares["last"][v])).real
    ]
    for way, name in ((1, "larger"), (-1, "smaller")):
        these = [
            f"{label[0].lower() + label[1:]} ({change.now.percent:.0f}% against "
            f"{change.then.percent:.0f}%)"
            for label, change in changed
            if change.real_points * way > 0
        ]
        if these:
            found.append(
                f"Compared with last quarter, a {name} share of victims said they were offered "
                + (these[0] if len(these) == 1 else ", ".join(these[:-1]) + " and " + these[-1])
                + "."
            )
    return found


def _messages(shares) -> list[KeyMessage]:
    """A key message when the share offered a restorative option changed beyond noise, since
    last quarter or, failing that, since the same quarter last year."""
    now = shares["now"][None]
    for period, when in (("last", "last quarter"), ("year_ago", "the same quarter last year")):
        change = Change(now, shares[period][None])
        if change.real:
            way = "rose" if change.real_points > 0 else "fell"
            return [
                KeyMessage(
                    f"Victims offered a restorative option {way} from "
                    f"{change.then.percent:.0f}% to {now.percent:.0f}% since {when} "
                    f"({now.base:,} answered this quarter).",
                    "victims",
                    abs(change.real_points) + 10,
                    "change",
                )
            ]
    return []
