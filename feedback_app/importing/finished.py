"""Read the case system's numbers of children, parents and carers, and victims who finished
working with each team in a quarter: the template's columns, checked row by row.

The case system's own layout is not known, so the service copies its figures into our
template (Team, Who, Group, Answer, Finished). Every problem is reported with its row and
column; a file with any problem stores nothing."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from feedback_app.importing.reader import Table
from surveys import Question

COLUMNS = ("Team", "Who", "Group", "Answer", "Finished")
REQUIRED = ("Team", "Who", "Finished")
# Who finished, as the report's sources name them, and the words a case system may use.
WHO = {
    "children": ("children", "child", "young people", "children and young people"),
    "parents": ("parents and carers", "parents", "parent", "carers", "parent or carer"),
    "victims": ("victims", "victim"),
}
WHO_NAMES = {"children": "children", "parents": "parents and carers", "victims": "victims"}
# The children's optional "about you" questions, by the words a file may use for them.
GROUP_WORDS = {
    "gender": ("gender", "sex"),
    "ethnicity": ("ethnicity", "ethnic group"),
    "care_status": ("care status", "care", "looked after", "in care"),
    "send": ("send", "sen", "special educational needs"),
}
GROUP_NAMES = {"gender": "gender", "ethnicity": "ethnicity", "care_status": "care status"}
TOTAL_WORDS = ("", "all", "total", "everyone")
NOT_A_GROUP = "prefer_not"  # a case system records no "Prefer not to say"
MAX_PROBLEMS = 50


@dataclass(frozen=True)
class FinishedRow:
    number: int  # the row as Excel shows it
    team: str  # team slug
    audience: str  # a key of WHO
    question: str | None  # a key of GROUP_WORDS, None for the total
    value: str | None  # an option value of that question
    finished: int


@dataclass
class Reading:
    rows: list[FinishedRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    left_blank: int = 0  # rows with no number in Finished: left out


class _Bad(ValueError):
    """One problem with one cell."""


def norm(text: object) -> str:
    return re.sub(r"[\s_\-]+", " ", str(text or "").casefold()).strip()


def group_name(question: str) -> str:
    return GROUP_NAMES.get(question, question.upper())


def read_finished(table: Table, teams: dict[str, str], groups: dict[str, Question]) -> Reading:
    """Check every row of `table` against the template. `teams` maps slug to name; `groups`
    holds the children's form's "about you" questions by id."""
    reading = Reading()
    headings = {norm(h): h for h in table.headings}
    for heading in table.headings:
        if norm(heading) not in {norm(c) for c in COLUMNS}:
            reading.problems.append(
                f"Column '{heading}' is not in the template. The columns are "
                f"{', '.join(COLUMNS[:-1])} and {COLUMNS[-1]}: delete or rename it."
            )
    for column in REQUIRED:
        if norm(column) not in headings:
            reading.problems.append(
                f"The file has no '{column}' column. Download the template from this page: its "
                f"columns are {', '.join(COLUMNS[:-1])} and {COLUMNS[-1]}."
            )
    if reading.problems:
        return reading
    if not table.rows:
        reading.problems.append("The file has headings but no rows under them.")
        return reading
    team_words = {norm(slug): slug for slug in teams} | {norm(n): s for s, n in teams.items()}
    team_list = ", ".join(teams.values())

    def cell(row, column: str) -> object:
        heading = headings.get(norm(column))
        return row.values.get(heading) if heading else None

    seen: dict[tuple, int] = {}
    for row in table.rows:
        where = f"Row {row.number}"
        try:
            finished = _finished(cell(row, "Finished"))
            if finished is None:
                reading.left_blank += 1
                continue
            team = team_words.get(norm(cell(row, "Team")))
            if team is None:
                raise _Bad(
                    "Team",
                    f"'{_shown(cell(row, 'Team'))}' is not one of our teams. "
                    f"Write one of: {team_list}.",
                )
            audience = next(
                (k for k, words in WHO.items() if norm(cell(row, "Who")) in words), None
            )
            if audience is None:
                raise _Bad(
                    "Who",
                    f"'{_shown(cell(row, 'Who'))}' is not children, parents and carers, "
                    "or victims.",
                )
            question, value = _group(cell(row, "Group"), cell(row, "Answer"), audience, groups)
        except _Bad as bad:
            column, reason = bad.args
            reading.problems.append(f"{where}, column {column}: {reason}")
            continue
        key = (team, audience, question, value)
        if key in seen:
            reading.problems.append(
                f"{where} repeats row {seen[key]} ({teams[team]}, {WHO_NAMES[audience]}"
                f"{', ' + group_name(question) if question else ', total'}): keep one of them."
            )
            continue
        seen[key] = row.number
        reading.rows.append(FinishedRow(row.number, team, audience, question, value, finished))
    reading.problems.extend(_totals_problems(reading.rows, teams))
    if not reading.problems and not reading.rows:
        reading.problems.append(
            "No row has a number in the Finished column: fill in how many finished, then upload "
            "the file again."
        )
    return reading


def _shown(value: object) -> str:
    return "" if value is None else str(value)


def _finished(value: object) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise _Bad("Finished", f"'{value}' is not a number.")
    if isinstance(value, float):
        if not value.is_integer():
            raise _Bad("Finished", f"'{value:g}' is not a whole number of people.")
        value = int(value)
    if isinstance(value, str):
        text = value.strip().replace(",", "")
        if not re.fullmatch(r"-?\d+", text):
            raise _Bad("Finished", f"'{value.strip()}' is not a whole number of people.")
        value = int(text)
    if not isinstance(value, int):
        raise _Bad("Finished", f"'{value}' is not a whole number of people.")
    if value < 0:
        raise _Bad("Finished", f"{value} is less than 0.")
    if value > 1_000_000:
        raise _Bad("Finished", f"{value:,} is more people than the service works with.")
    return value


def _group(
    group: object, answer: object, audience: str, groups: dict[str, Question]
) -> tuple[str | None, str | None]:
    words = norm(group)
    if words in TOTAL_WORDS:
        if norm(answer) not in TOTAL_WORDS:
            raise _Bad(
                "Answer",
                f"'{_shown(answer)}' is filled in but Group is empty: write which group it is "
                "(gender, ethnicity, care status or SEND), or clear it for the total.",
            )
        return None, None
    question_id = next((q for q, names in GROUP_WORDS.items() if words in names), None)
    if question_id is None or question_id not in groups:
        raise _Bad(
            "Group",
            f"'{_shown(group)}' is not gender, ethnicity, care status or SEND "
            "(leave it empty for the total).",
        )
    if audience != "children":
        raise _Bad(
            "Group",
            "only children's numbers are split by group: the parents' and victims' forms do "
            "not ask these questions. Give their total only.",
        )
    question = groups[question_id]
    options = [o for o in question.options if o.value != NOT_A_GROUP]
    wanted = norm(answer)
    option = next((o for o in options if wanted in (norm(o.value), norm(o.label))), None)
    if option is None:
        labels = "; ".join(o.label for o in options)
        said = f"'{_shown(answer)}' is not" if wanted else "Enter"
        raise _Bad(
            "Answer",
            f"{said} an answer for {group_name(question_id)}: write one of {labels}.",
        )
    return question_id, option.value


def _totals_problems(rows: list[FinishedRow], teams: dict[str, str]) -> list[str]:
    """Each team's groups need its total, and may not add up to more than it."""
    problems: list[str] = []
    totals = {(r.team, r.audience): r for r in rows if r.question is None}
    by_group: dict[tuple, list[FinishedRow]] = defaultdict(list)
    for r in rows:
        if r.question is not None:
            by_group[(r.team, r.audience, r.question)].append(r)
    for (team, audience, question), found in by_group.items():
        who = f"{teams[team]} {WHO_NAMES[audience]}"
        total = totals.get((team, audience))
        numbers = ", ".join(str(r.number) for r in found)
        if total is None:
            problems.append(
                f"Row {found[0].number}: {who} have numbers by {group_name(question)} but no "
                "total: add a row with Group empty and the number who finished."
            )
            continue
        added = sum(r.finished for r in found)
        if added > total.finished:
            problems.append(
                f"Rows {numbers}: the numbers by {group_name(question)} for {who} add up to "
                f"{added}, more than the total of {total.finished} on row {total.number}."
            )
    return problems
