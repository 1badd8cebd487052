"""Write the report: one self-contained HTML file, a CSV per table and one XLSX workbook."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import Engine

from analysis.cells import csv_cell, xlsx_cell
from analysis.quarters import Quarter
from analysis.report import charts
from analysis.report.data import load
from analysis.report.sections import Section, build_sections
from surveys import SurveyDefinition

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "report"


@dataclass
class ReportFiles:
    html: Path
    workbook: Path
    csvs: list[Path]


def build_report(
    engine: Engine,
    definitions: dict[str, SurveyDefinition],
    quarter: Quarter,
    out: Path,
    team: str | None = None,
    service_name: str = "Youth Justice Service",
    progress=None,
    nonce: str | None = None,
    back_link: tuple[str, str] | None = None,
) -> ReportFiles:
    """Write the report files into `out`. `nonce` and `back_link` are for showing the HTML
    inside the app: its scripts carry the page's nonce and it links back to the staff area."""
    from analysis.text_signals import THEMES

    say = progress or (lambda _message: None)
    say("Reading the data")
    with engine.connect() as connection:
        data = load(connection, quarter, team)
    say(f"Read {len(data.responses):,} responses; building the tables")
    sections = build_sections(data, definitions, THEMES)
    out.mkdir(parents=True, exist_ok=True)
    stem = f"triangulation-{quarter}" + (f"-{team}" if team else "")
    say("Writing the data files")
    csvs = [
        _write_csv(out / f"{stem}-{table.key}.csv", table) for s in sections for table in s.tables
    ]
    workbook = _write_workbook(out / f"{stem}.xlsx", sections)
    say("Drawing the charts and writing the HTML")
    html = out / f"{stem}.html"
    html.write_text(
        _render(sections, quarter, team, service_name, stem, workbook.name, nonce, back_link),
        encoding="utf-8",
    )
    return ReportFiles(html, workbook, csvs)


def _write_csv(path: Path, table) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(map(csv_cell, table.columns))
        writer.writerows(map(csv_cell, row) for row in table.rows)
    return path


def _write_workbook(path: Path, sections: list[Section]) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for section in sections:
        for table in section.tables:
            sheet = book.create_sheet(table.key[:31])
            sheet.append([xlsx_cell(table.title)])
            sheet["A1"].font = Font(bold=True)
            sheet.append([xlsx_cell(v) for v in table.columns])
            for cell in sheet[2]:
                cell.font = Font(bold=True)
            for row in table.rows:
                sheet.append([xlsx_cell(_number_or_text(cell)) for cell in row])
            if table.note:
                sheet.append([])
                sheet.append([xlsx_cell(table.note)])
    book.save(path)
    return path


_PLAIN_NUMBER = re.compile(r"^[+-]?\d{1,3}(,\d{3})*(\.\d+)?$|^[+-]?\d+(\.\d+)?$")


def _number_or_text(cell):
    """Counts and scores as numbers, so the workbook adds up; words ("fewer than 5") as text."""
    if isinstance(cell, str) and _PLAIN_NUMBER.match(cell.strip()):
        value = float(cell.replace(",", ""))
        return int(value) if value.is_integer() and "." not in cell else value
    return cell


def _render(
    sections, quarter, team, service_name, stem, workbook_name, nonce=None, back_link=None
) -> str:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    figures = {s.key: charts.figure_html(s, nonce) for s in sections if s.chart}
    return env.get_template("report.html").render(
        sections=sections,
        quarter=quarter,
        team=team,
        service_name=service_name,
        stem=stem,
        workbook=workbook_name,
        figures=figures,
        plotly_js=charts.plotly_js() if figures else "",
        made_at=datetime.now().strftime("%d %B %Y %H:%M"),
        nonce=nonce,
        back_link=back_link,
        slug=lambda text: re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-"),
    )
