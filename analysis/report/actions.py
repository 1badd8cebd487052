"""You Said, We Did, counted one way everywhere (this report, the Board summary page and the
workspace): as things stood at the end of the quarter, so an action finished or published
after the quarter closed does not count as done in it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Generic, NamedTuple, TypeVar

from analysis.labels import ACTION_STATUSES
from analysis.quarters import Quarter
from analysis.report.data import ReportData
from analysis.report.model import KeyMessage, Section, Table

T = TypeVar("T")


class ActionDates(NamedTuple):
    raised: date
    done: date | None
    published: date | None
    status: str  # the status now


def status_at(dates: ActionDates, day: date) -> str:
    """The status as it stood at the end of `day`, as far as the action's dates tell."""
    if dates.done is not None and dates.done <= day:
        return dates.status
    if dates.status == "not_possible" and dates.done is None:
        return "not_possible"  # recorded with no date: taken as it stands
    return "in_progress" if dates.status == "in_progress" else "open"


@dataclass
class Standing(Generic[T]):
    """A quarter's actions: raised, done and published in it, and open at its end."""

    quarter: Quarter
    raised: list[T]
    done: list[T]
    published: list[T]
    still_open: list[T]
    dates: Callable[[T], ActionDates]

    def status(self, action: T) -> str:
        return status_at(self.dates(action), self.quarter.end)

    @property
    def all(self) -> list[T]:
        """Every action raised, done or published in the quarter, in the order given."""
        chosen = {id(a) for a in self.raised + self.done + self.published}
        return [a for a in self._given if id(a) in chosen]

    _given: Sequence[T] = ()

    def sentence(self) -> str:
        actions = "action" if len(self.raised) == 1 else "actions"
        return (
            f"{len(self.raised)} {actions} raised, {len(self.done)} done and "
            f"{len(self.published)} published on the You Said, We Did board this quarter; "
            f"{len(self.still_open)} still open at {self.quarter.end:%d %B %Y}."
        )


def standing(
    actions: Sequence[T], quarter: Quarter, dates: Callable[[T], ActionDates]
) -> Standing[T]:
    def within(day: date | None) -> bool:
        return day is not None and quarter.start <= day <= quarter.end

    known = [(a, dates(a)) for a in actions if dates(a).raised <= quarter.end]
    found = Standing(
        quarter,
        raised=[a for a, d in known if within(d.raised)],
        done=[a for a, d in known if within(d.done) and d.status == "done"],
        published=[a for a, d in known if within(d.published)],
        still_open=[a for a, d in known if status_at(d, quarter.end) in ("open", "in_progress")],
        dates=dates,
    )
    found._given = [a for a, _d in known]
    return found


def section(data: ReportData, themes: dict[str, str]) -> Section:
    quarter = data.quarter
    found = standing(
        data.actions, quarter, lambda a: ActionDates(a.raised, a.done, a.published, a.status)
    )
    table = Table(
        "you_said_we_did",
        f"You Said, We Did actions raised, done or published in {quarter}",
        [
            "You said",
            "We did",
            f"Status at {quarter.end:%d %B %Y}",
            "Themes",
            "Team",
            "Raised",
            "Done",
            "Published",
        ],
    )
    for a in found.all:
        done = a.done if a.done and a.done <= quarter.end else None
        published = a.published if a.published and a.published <= quarter.end else None
        table.rows.append(
            [
                a.you_said,
                a.we_did if done else "",
                ACTION_STATUSES.get(found.status(a), found.status(a)),
                ", ".join(sorted(themes.get(t, t) for t in a.themes)),
                data.team_names.get(a.team, a.team) if a.team else "Whole service",
                a.raised,
                done,
                published,
            ]
        )
    findings = [found.sentence()]
    by_theme = Counter(t for a in found.all for t in a.themes)
    if by_theme:
        findings.append(
            "Themes of these actions: "
            + ", ".join(
                f"{name} ({n})"
                for name, n in sorted((themes.get(t, t), n) for t, n in by_theme.items())
            )
            + "."
        )
    message = KeyMessage(
        "You Said, We Did: " + found.sentence()[0].lower() + found.sentence()[1:],
        "you_said_we_did",
        20,
    )
    return Section("you_said_we_did", "You Said, We Did", [table], findings, messages=[message])
