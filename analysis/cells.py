"""Cells for the spreadsheets and CSV files we write, so no answer typed into a public form can
run as a formula on a staff member's machine (OWASP's CSV-injection advice), and the importer's
way back. Every writer passes its cells through `csv_cell` or `xlsx_cell`; nothing else."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

# What makes Excel, LibreOffice or Google Sheets treat a cell as a formula (the full-width
# forms too: some locales' spreadsheets read them as the ASCII ones).
FORMULA_STARTS = frozenset("=+-@\t\r\n＝＋－＠")
PREFIX = "'"
# A plain number written as text ("-5", "1,234.5"): a spreadsheet reads it as that number.
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
# Characters an XLSX file cannot hold (openpyxl refuses the whole workbook over one).
# Tab, CR and LF are left out: each one starts a formula itself, so stripping must stop there.
_LEADING_NOISE = "".join(c for c in map(chr, range(0x21)) if c not in "\t\r\n") + "\x7f\u00a0"
_NOT_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _looks_like_formula(text: str) -> bool:
    if _PLAIN_NUMBER.match(text):
        return False
    # Spaces and control characters before an "=" do not stop every spreadsheet reading it.
    return text[:1] in FORMULA_STARTS or text.lstrip(_LEADING_NOISE)[:1] in FORMULA_STARTS


def _escaped(text: str) -> str:
    # Text that already starts with the prefix is prefixed again if stripping it would leave a
    # formula, so `imported_text` gives back exactly what was typed.
    return PREFIX + text if _looks_like_formula(text.lstrip(PREFIX)) else text


def first_sheet(book: Workbook, title: str) -> Worksheet:
    """A new workbook's own sheet (openpyxl always makes one), named `title` (31 characters at
    most, as Excel allows)."""
    from openpyxl.worksheet.worksheet import Worksheet

    sheet = book.active
    if not isinstance(sheet, Worksheet):
        raise TypeError("a new workbook starts with a worksheet")
    sheet.title = title[:31]
    return sheet


def csv_cell(value: object) -> object:
    """A value for `csv.writer`: numbers as they are, None as empty, text made inert."""
    if value is None:
        return ""
    if isinstance(value, str):
        return _escaped(value)
    return value


def xlsx_cell(value: object) -> object:
    """A value for an openpyxl cell: numbers, dates and None as they are, text made inert
    (never a formula) and cleared of characters a workbook cannot hold."""
    if value is None or isinstance(value, (bool, int, float, Decimal, date, datetime, time)):
        return value
    return _escaped(_NOT_IN_XLSX.sub("", str(value)))


def imported_text(value: object) -> object:
    """A cell read back from one of our files (or any export): the inert prefix removed, so an
    answer imports as it was typed. Anything that is not text is left alone."""
    if isinstance(value, str) and value.startswith(PREFIX):
        rest = value[len(PREFIX) :]
        if _looks_like_formula(rest.lstrip(PREFIX)):
            return rest
    return value
