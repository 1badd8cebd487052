"""Read an Excel (.xlsx) or CSV export of old feedback into headings and numbered rows."""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import islice
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from analysis.cells import imported_text

# The columns Microsoft Forms puts before (and sometimes after) the questions.
METADATA_COLUMNS = {
    "id": "ID",
    "start_time": "Start time",
    "completion_time": "Completion time",
    "email": "Email",
    "name": "Name",
    "last_modified_time": "Last modified time",
    "total_points": "Total points",
    "quiz_feedback": "Quiz feedback",
}
# A Microsoft Forms export has a column per question and a few more: far fewer than this.
MAX_COLUMNS = 250
SPACES = re.compile(r"\s+")  # \s includes the non-breaking space in str patterns


class ImportFileError(ValueError):
    """The file cannot be imported; the message tells staff why, in plain English."""


@dataclass(frozen=True)
class SheetRow:
    number: int  # as a person sees it in Excel: 1 is the top row of the sheet
    values: dict[str, object]  # heading -> cell value, None when blank


@dataclass
class Table:
    headings: list[str]
    rows: list[SheetRow]


def read_table(path_or_bytes: str | os.PathLike[str] | bytes, filename: str) -> Table:
    """Read the first sheet of an .xlsx file, or a .csv file; `filename` gives the type."""
    suffix = Path(filename).suffix.lower()
    if suffix not in {".xlsx", ".csv"}:
        older = " (an old Excel format: open it in Excel and save it as .xlsx)"
        raise ImportFileError(
            f"'{filename}' is not a file we can read{older if suffix == '.xls' else ''}. "
            "Upload an Excel workbook (.xlsx) or a CSV file (.csv)."
        )
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else Path(path_or_bytes).read_bytes()
    grid = _xlsx_rows(data, filename) if suffix == ".xlsx" else _csv_rows(data, filename)
    return _table(_within_width(grid, filename), filename)


def _within_width(grid: list[list[object]], filename: str) -> list[list[object]]:
    """Rows without their trailing blank cells; a sheet with anything past MAX_COLUMNS is
    refused (one stray cell in column XFD would make every later step work on 16,384)."""
    trimmed = []
    for number, row in enumerate(grid, start=1):
        end = len(row)
        while end and _blank(row[end - 1]):
            end -= 1
        if end > MAX_COLUMNS:
            raise ImportFileError(
                f"'{filename}' has something in column {get_column_letter(end)} of row {number}. "
                f"We read up to {MAX_COLUMNS} columns "
                f"(to column {get_column_letter(MAX_COLUMNS)}). "
                "Delete the columns after the last question, save the file and upload it again."
            )
        trimmed.append(row[:end])
    return trimmed


def table_to_data(table: Table) -> dict:
    """The parsed file as JSON-ready data, kept with the upload so it is parsed once."""
    return {
        "headings": table.headings,
        "rows": [[row.number, {h: _plain(v) for h, v in row.values.items()}] for row in table.rows],
    }


def table_from_data(data: dict) -> Table:
    rows = [SheetRow(n, {h: _typed(v) for h, v in values.items()}) for n, values in data["rows"]]
    return Table(list(data["headings"]), rows)


# Cell values JSON has no type for, tagged so they come back as they were read.
_TAGGED = {"datetime": datetime, "date": date, "time": time}


def _plain(value: object) -> object:
    if isinstance(value, timedelta):
        return {"timedelta": value.total_seconds()}
    for tag, kind in _TAGGED.items():
        if type(value) is kind:
            return {tag: value.isoformat()}  # type: ignore[attr-defined]
    return value


def _typed(value: object) -> object:
    if not isinstance(value, dict):
        return value
    ((tag, text),) = value.items()
    if tag == "timedelta":
        return timedelta(seconds=text)
    return _TAGGED[tag].fromisoformat(text)  # type: ignore[attr-defined]


def metadata_columns(headings: Sequence[str]) -> dict[str, str | None]:
    """Which heading holds each Microsoft Forms column (ID, Start time, ...), or None."""
    return {
        key: next((h for h in headings if _same(h, name)), None)
        for key, name in METADATA_COLUMNS.items()
    }


def clean_heading(value: object) -> str:
    return SPACES.sub(" ", str(imported_text(value))).strip() if value is not None else ""


def _same(heading: object, name: str) -> bool:
    return clean_heading(heading).casefold() == name.casefold()


def _xlsx_rows(data: bytes, filename: str) -> list[list[object]]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(
            f"'{filename}' could not be opened as an Excel workbook. "
            "Open it in Excel, save it again as .xlsx, and try again."
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # exporters often write a wrong size; read every cell there is
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _csv_rows(data: bytes, filename: str) -> list[list[object]]:
    not_text = f"'{filename}' is not a CSV text file. Save it from Excel as 'CSV UTF-8'."
    if b"\x00" in data[:4096]:  # a workbook or other binary file with a .csv name
        raise ImportFileError(not_text)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError(not_text)
    try:
        rows = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        return [list(row) for row in rows]
    except csv.Error as exc:
        raise ImportFileError(f"'{filename}' is not a CSV file we can read ({exc}).") from exc


def _delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever splits the most rows into the same number of cells."""

    def fit(delimiter: str) -> tuple[int, int]:
        rows = csv.reader(io.StringIO(text[:65536], newline=""), delimiter=delimiter)
        try:
            widths = Counter(len(row) for row in islice(rows, 100) if len(row) > 1)
        except csv.Error:
            return 0, 0
        width, count = max(widths.items(), key=lambda wc: (wc[1], wc[0]), default=(0, 0))
        return count, width

    return max(",;\t", key=fit)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _table(grid: list[list[object]], filename: str) -> Table:
    """Find the header row, name every column uniquely, and keep the non-blank rows below it."""
    filled = [
        (number, row) for number, row in enumerate(grid, start=1) if not all(map(_blank, row))
    ]
    header_at = next(
        (i for i, (_, row) in enumerate(filled) if any(_same(c, "ID") for c in row)),
        None,
    )
    if header_at is None:
        header_at = next(
            (i for i, (_, row) in enumerate(filled) if sum(not _blank(c) for c in row) >= 2), None
        )
    if header_at is None:
        raise ImportFileError(
            f"'{filename}' has no row of column headings. "
            "The first rows should name the columns, such as ID, Start time and the questions."
        )
    header = [clean_heading(c) for c in filled[header_at][1]]
    body = filled[header_at + 1 :]
    width = max(len(row) for _, row in filled[header_at:])
    header += [""] * (width - len(header))

    columns: list[tuple[int, str]] = []  # (position, unique heading)
    taken: set[str] = set()
    named = ""
    for i, heading in enumerate(header):
        if not heading:
            if all(i >= len(row) or _blank(row[i]) for _, row in body):
                named = ""
                continue  # an empty column, trailing or between others
            # An unnamed column with data sits under a merged heading cell just to its left.
            heading = named or f"Column {get_column_letter(i + 1)}"
        named = heading
        columns.append((i, _unique(heading, taken)))
    rows = [
        SheetRow(
            number,
            {
                # Our own exports make formula-like text inert with a prefix: take it off.
                h: None if i >= len(row) or _blank(row[i]) else imported_text(row[i])
                for i, h in columns
            },
        )
        for number, row in body
    ]
    return Table([h for _, h in columns], rows)


def _unique(heading: str, taken: set[str]) -> str:
    name, n = heading, 1
    while name.casefold() in taken:
        n += 1
        name = f"{heading} ({n})"
    taken.add(name.casefold())
    return name
