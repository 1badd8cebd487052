"""Turn the rows of an export into answers for a survey, reporting every problem found."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from openpyxl.utils.datetime import from_excel

from feedback_app.importing.mapping import (
    CHOICE_LIKE,
    Mapping,
    answer_labels,
    cell_text,
    suggest_option_mapping,
)
from feedback_app.importing.reader import ImportFileError, SheetRow, Table, metadata_columns
from surveys import Question, SurveyDefinition

Answer = str | list[str] | date
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # as the web form strips
DATE_TEXT = re.compile(
    r"(\d{4}|\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})"
    r"(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([AaPp][Mm])?)?"
)
EXCEL_SERIAL_DAYS = (20000, 80000)  # a number in a date column is an Excel date from 1954 to 2119


@dataclass(frozen=True)
class ReadyRow:
    number: int
    source_id: str
    submitted_at: datetime  # the file's own clock time, as written (no time zone)
    answers: dict[str, Answer]
    notes: tuple[str, ...] = ()  # changes made on the way in, such as a long answer cut


@dataclass(frozen=True)
class RowProblem:
    number: int
    reason: str


@dataclass
class Conversion:
    ready: list[ReadyRow]
    problems: list[RowProblem]


class _Bad(ValueError):
    """One problem with one cell."""


def convert(
    table: Table,
    mapping: Mapping,
    definition: SurveyDefinition,
    team_values: dict[str, str] | None = None,
    day_first: bool = True,
) -> Conversion:
    """Answers for every row without a problem, and every problem in every row.

    `team_values` maps team names and slugs to slugs. `day_first` reads a date such as
    03/04/2025 as 3 April; it is used only when no date in the file has a day above 12.
    """
    meta = metadata_columns(table.headings)
    if meta["id"] is None:
        raise ImportFileError("The file has no 'ID' column, which Microsoft Forms exports have.")
    time_columns = [h for h in (meta["completion_time"], meta["start_time"]) if h]
    if not time_columns:
        raise ImportFileError("The file has no 'Completion time' or 'Start time' column.")
    columns = _mapped_columns(table, mapping, definition)
    day_first = _file_day_first(table, time_columns, day_first)
    anonymous = {meta["email"], meta["name"]}  # Forms writes 'anonymous' there

    ready: list[ReadyRow] = []
    problems: list[RowProblem] = []
    first_row: dict[str, int] = {}
    for row in table.rows:
        found: list[str] = []
        notes: list[str] = []
        source_id = cell_text(row.values.get(meta["id"]))
        if not source_id:
            found.append("no ID")
        elif source_id in first_row:
            found.append(f"the same ID as row {first_row[source_id]}")
        else:
            first_row[source_id] = row.number
        try:
            submitted_at = _submitted_at(row, time_columns, day_first)
        except _Bad as problem:
            found.append(str(problem))
        answers: dict[str, Answer] = {}
        for heading, question in columns:
            value = row.values.get(heading)
            if heading in anonymous and cell_text(value).casefold() == "anonymous":
                continue
            try:
                answer = _answer(question, heading, value, mapping, team_values, day_first, notes)
            except _Bad as problem:
                found.append(str(problem))
                continue
            if answer not in (None, "", []):
                answers[question.id] = answer
        if found:
            problems.extend(RowProblem(row.number, f"row {row.number}: {r}") for r in found)
        else:
            row_notes = tuple(f"row {row.number}: {n}" for n in notes)
            ready.append(ReadyRow(row.number, source_id, submitted_at, answers, row_notes))
    return Conversion(ready, problems)


def _mapped_columns(
    table: Table, mapping: Mapping, definition: SurveyDefinition
) -> list[tuple[str, Question]]:
    columns = []
    for heading in table.headings:
        qid = mapping.columns.get(heading)
        if qid is None:
            continue
        try:
            columns.append((heading, definition.question(qid)))
        except KeyError:
            raise ValueError(
                f"Column '{heading}' is matched to question '{qid}', "
                f"which the survey '{definition.title}' does not have."
            ) from None
    ids = [q.id for _, q in columns]
    twice = next((qid for qid in ids if ids.count(qid) > 1), None)
    if twice:
        raise ValueError(f"More than one column is matched to question '{twice}'.")
    return columns


def _answer(
    question: Question,
    heading: str,
    value: object,
    mapping: Mapping,
    team_values: dict[str, str] | None,
    day_first: bool,
    notes: list[str],
) -> Answer | None:
    if question.type in CHOICE_LIKE:
        known = mapping.options.get(question.id, {})
        labels = answer_labels(question, value)
        chosen = [
            known[label] if label in known else _suggested(question, label, team_values)
            for label in labels
        ]
        unknown = [f"'{label}'" for label, v in zip(labels, chosen, strict=True) if v is None]
        if unknown:
            among = "the teams" if question.type == "team" else "the options"
            if len(unknown) == 1:
                said = f"answer {unknown[0]} is not one of {among}"
            else:
                said = f"answers {', '.join(unknown)} are not among {among}"
            raise _Bad(f"'{heading}' {said}")
        if question.type == "multi":
            return [o.value for o in question.options if o.value in chosen]
        return chosen[0] if chosen else None
    if question.type == "date":
        return None if value is None else _when(heading, value, day_first).date()
    text = CONTROL_CHARACTERS.sub("", cell_text(value)).strip()
    if len(text) > question.max_length:
        notes.append(
            f"'{heading}' answer cut to {question.max_length:,} characters from {len(text):,}"
        )
        text = text[: question.max_length]
    return text


def _suggested(question: Question, label: str, team_values: dict[str, str] | None) -> str | None:
    return suggest_option_mapping(question, {label}, team_values)[label]


def _submitted_at(row: SheetRow, time_columns: list[str], day_first: bool) -> datetime:
    """The completion time, or the start time when there is none."""
    for heading in time_columns:
        if row.values.get(heading) is not None:
            return _when(heading, row.values[heading], day_first)
    raise _Bad("no date in " + " or ".join(f"'{h}'" for h in time_columns))


def _when(heading: str, value: object, day_first: bool) -> datetime:
    """A date and time from an Excel date, an Excel date number, or text in a usual layout."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, int | float) and EXCEL_SERIAL_DAYS[0] < value < EXCEL_SERIAL_DAYS[1]:
        return from_excel(value)
    match = DATE_TEXT.fullmatch(cell_text(value))
    try:
        if not match:
            raise ValueError
        a, b, c, hour, minute, second, half = match.groups()
        if len(a) == 4:
            year, month, day = int(a), int(b), int(c)
        else:
            # A number above 12 can only be the day; otherwise the layout decides.
            first = int(a) > 12 or (int(b) <= 12 and day_first)
            day, month = (int(a), int(b)) if first else (int(b), int(a))
            year = int(c) + 2000 if len(c) == 2 else int(c)
        hours = int(hour or 0)
        if half:
            hours = hours % 12 + (12 if half.lower() == "pm" else 0)
        return datetime(year, month, day, hours, int(minute or 0), int(second or 0))
    except ValueError:
        raise _Bad(f"'{heading}' is not a date: '{cell_text(value)}'") from None


def _file_day_first(table: Table, time_columns: list[str], default: bool) -> bool:
    """One file has one layout: a first number above 12 means day first, a second, month first."""
    layouts = set()
    for row in table.rows:
        for heading in time_columns:
            match = DATE_TEXT.fullmatch(cell_text(row.values.get(heading)))
            if match and len(match[1]) <= 2 and max(int(match[1]), int(match[2])) > 12:
                layouts.add(int(match[1]) > 12)
    return layouts.pop() if len(layouts) == 1 else default
