"""Write a built report: the self-contained HTML, a CSV per table, one XLSX workbook and, when
asked, the Board PDF. Numbers stay numbers (a share is its count, base and share in three
cells) and every text cell goes through analysis.cells, so no answer runs as a formula."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from analysis.cells import csv_cell, first_sheet, xlsx_cell
from analysis.report.model import Report, Table, workbook_cells, workbook_columns
from analysis.report.render import render_html


@dataclass
class ReportFiles:
    html: Path
    workbook: Path
    csvs: list[Path]
    pdf: Path | None = None


def stem(report: Report) -> str:
    return f"triangulation-{report.quarter}" + (f"-{report.team}" if report.team else "")


def flat(table: Table) -> tuple[list[str], list[list]]:
    """The table as data: a share becomes count, base and share (0 to 1) columns."""
    columns: list[str] = []
    widths: list[int] = []
    for i, column in enumerate(table.columns):
        values = [row[i] for row in table.rows]
        model = max(values, key=_width, default=None)
        names = workbook_columns(column, model)
        columns += names
        widths.append(len(names))
    rows = []
    for row in table.rows:
        cells: list = []
        for value, width in zip(row, widths, strict=True):
            out = workbook_cells(value)
            cells += out + [None] * (width - len(out))
        rows.append(cells)
    return columns, rows


def _width(value) -> int:
    return len(workbook_cells(value))


class FlatTable(NamedTuple):
    key: str
    title: str
    columns: list[str]
    rows: list[list]
    note: str


def flat_tables(report: Report) -> list[FlatTable]:
    found = []
    for section in report.sections:
        for table in section.tables:
            columns, rows = flat(table)
            found.append(FlatTable(table.key, table.title, columns, rows, table.note))
    return found


def report_data(report: Report) -> dict:
    """Every table's figures as plain data: what a stored snapshot keeps beside its HTML, and
    all the workbook and the CSV files are made from."""
    return {
        "quarter": str(report.quarter),
        "team": report.team,
        "responses": report.responses,
        "stem": stem(report),
        "key_messages": [m.text for m in report.key_messages],
        "tables": [t._asdict() for t in flat_tables(report)],
    }


def data_json(report: Report) -> str:
    return json.dumps(report_data(report), default=str)


def workbook_bytes(data: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    first = first_sheet(book, "key_messages")
    first.append([xlsx_cell(f"Key messages: triangulation report {data['quarter']}")])
    first["A1"].font = Font(bold=True)
    for message in data["key_messages"]:
        first.append([xlsx_cell(message)])
    for table in (FlatTable(**t) for t in data["tables"]):
        sheet = book.create_sheet(table.key[:31])
        sheet.append([xlsx_cell(table.title)])
        sheet["A1"].font = Font(bold=True)
        sheet.append([xlsx_cell(c) for c in table.columns])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        shares = [i for i, c in enumerate(table.columns) if c.endswith(": share")]
        for row in table.rows:
            sheet.append([xlsx_cell(v) for v in row])
            for i in shares:
                if isinstance(row[i], float):
                    sheet.cell(sheet.max_row, i + 1).number_format = "0%"
        if table.note:
            sheet.append([])
            sheet.append([xlsx_cell(table.note)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_text(table: FlatTable) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(map(csv_cell, table.columns))
    writer.writerows(
        [csv_cell(round(v, 4) if isinstance(v, float) else v) for v in row] for row in table.rows
    )
    return buffer.getvalue()


def data_files(data: dict) -> dict[str, bytes]:
    """The workbook and a CSV per table, by file name."""
    files = {f"{data['stem']}.xlsx": workbook_bytes(data)}
    for table in data["tables"]:
        text = csv_text(FlatTable(**table))
        files[f"{data['stem']}-{table['key']}.csv"] = text.encode("utf-8")
    return files


def write_files(
    report: Report, out: Path, html: str | None = None, pdf: bytes | None = None
) -> ReportFiles:
    """Write the files into `out`. Pass `html` (and `pdf`) when they are already made, as a
    stored snapshot has them."""
    out.mkdir(parents=True, exist_ok=True)
    name = stem(report)
    written = []
    for file_name, content in data_files(report_data(report)).items():
        path = out / file_name
        path.write_bytes(content)
        written.append(path)
    html_path = out / f"{name}.html"
    html_path.write_text(html if html is not None else render_html(report), encoding="utf-8")
    pdf_path = None
    if pdf is not None:
        pdf_path = out / f"{name}.pdf"
        pdf_path.write_bytes(pdf)
    return ReportFiles(html_path, written[0], written[1:], pdf_path)
