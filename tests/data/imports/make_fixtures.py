"""Write the Microsoft Forms style exports that tests/test_import_parsing.py reads.

The files are kept in the repository; run this only to change them:
    python tests/data/imports/make_fixtures.py
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

HERE = Path(__file__).resolve().parent
FORMS = ["ID", "Start time", "Completion time", "Email", "Name"]
ANON = ["anonymous", "anonymous"]

# Old parent and carer form: its wording differs a little from ours.
PARENT_HEADINGS = [
    *FORMS,
    "Which YJS team worked with your child?",
    "Have you been kept up to date about your child\u2019s progress?",
    "Did staff listen to your views?",
    "Were you involved in planning the support for your child?",
    "Do you feel our work has made a positive difference for your child?",
    "Overall, how satisfied are you with the service?",
    "What has gone well?",
    "What could we do better?",
    "Did you complete this form on your own or with help?",
]
PARENT_CLEAN = [
    [1, datetime(2025, 1, 6, 9, 14, 2), datetime(2025, 1, 6, 9, 18, 40), *ANON,
     "Herefordshire", "Mostly", "Always", "Sometimes", "Yes, a little", "Satisfied",
     "Regular phone calls kept me in the loop.", "Meetings after work hours would help.",
     "With a worker"],
    [2, datetime(2025, 1, 9, 19, 2, 11), datetime(2025, 1, 9, 19, 6, 58), *ANON,
     "Shropshire", "Always", "Always", "Always", "Yes, a lot", "Very satisfied",
     "Everything. My son is back at school.", None, "On my own"],
    [3, datetime(2025, 2, 14, 8, 30, 0), datetime(2025, 2, 14, 8, 41, 9), *ANON,
     "Telford and Wrekin", "Never", "Sometimes", "Never", "No", "Dissatisfied",
     None, "Nobody called me back after the panel.", None],
    [4, datetime(2025, 3, 1, 12, 0, 5), datetime(2025, 3, 1, 12, 3, 45), *ANON,
     "Not sure", "Sometimes", "Mostly", "Mostly", "Don't know",
     "Neither satisfied nor dissatisfied", "The worker was kind.", None, "With someone else"],
]  # fmt: skip

# Old children's form, copied about by hand: a title row, blank rows, a merged heading,
# dates typed as text, quiz columns, an unknown answer, a repeated ID and a row without one.
CHILD_HEADINGS = [
    *FORMS,
    "Total points",
    "Quiz feedback",
    "Which team did you work with?",
    "Did we listen to you?",
    "Did we explain things in a way you understood?",
    "Did you get a say in what we did?",
    "Were you treated with respect?",
    "Has working with us helped you?",
    "What was the best thing about working with us?",
    "What could we do better?",
    "Overall how was working with us?",
    "Did you fill this in on your own or with someone?",
    " How do you describe yourself?\u00a0",
    "Staff notes",  # merged over this column and the next
]
LONG_TEXT = "We did boxing and cooking and my worker came to every meeting. " * 35
CHILD_ROWS = {  # sheet row number -> cells from column A
    4: [101, datetime(2025, 2, 3, 10, 0, 0), datetime(2025, 2, 3, 10, 4, 31), *ANON, 0, None,
        "Shropshire", "Yes", "Sort of", "Yes", "Yes", "Sort of",
        "my worker actually listened and we did boxing", None, "Good", "On my own",
        "Prefer not to say", "checked"],
    6: [102, "14/03/2025 10:22", "14/03/2025 10:27:05", *ANON, 0, None,
        "worcestershire", "yes", "No", "Sort of", "Yes", "No", None, "answer the phone",
        "Really good", "With my worker", None, None, "follow up with worker"],
    7: [103, None, "03/04/2025 09:00", *ANON, 0, None,
        "Ludlow", "Yes definitely", "Yes", "Yes", "Yes", "Yes", None, None, "Meh", None],
    8: [None, datetime(2025, 4, 3, 11, 0, 0), datetime(2025, 4, 3, 11, 5, 0), *ANON, 0, None,
        "Shropshire", "Yes", "Yes", "Yes", "Yes", "Yes", None, None, "Good", None],
    9: [102, "14/03/2025 10:22", "14/03/2025 10:27:05", *ANON, 0, None,
        "worcestershire", "yes", "No", "Sort of", "Yes", "No", None, "answer the phone",
        "Really good", "With my worker"],
    10: [105, None, "yesterday", *ANON, 0, None,
         "Shropshire", "No", "No", "No", "Sort of", "No", None, None, "Bad", None],
    11: [106, "2025-04-07 13:05:00", None, *ANON, 0, None,
         "Telford & Wrekin", "Yes", "Yes", "Sort of", "Yes", "Yes", LONG_TEXT, None,
         "Really good", "On my own"],
    13: [107, datetime(2025, 4, 7, 15, 30, 0), datetime(2025, 4, 7, 15, 36, 12), *ANON, 0, None,
         "Prevention and Diversion", "Sort of", "Sort of", "No", "Yes", "Sort of", None, None,
         4, "With someone else", "Girl or young woman"],
}  # fmt: skip

# Victims' form saved from Excel as "CSV UTF-8" on a computer set to US dates.
VICTIM_HEADINGS = [
    *FORMS,
    "Last modified time",
    "Was the case dealt with out of court or in court?",
    "Overall, how satisfied are you with the service you received?",
    "Did you feel your views were heard and listened to?",
    "Did you feel safe and supported?",
    "Which restorative options were offered to you?",
    "Were you kept informed about what was happening with the case?",
    "Is there anything else you would like to tell us?",
]
VICTIM_ROWS = [
    [1, "3/14/2025 10:18:40", "3/14/2025 10:22:05", *ANON, "", "Out of court", "Very satisfied",
     "Yes", "Yes", "A letter of explanation;Shuttle communication;", "Partly",
     "The letter helped me move on, thank you.\nIt was hard at first."],
    [2, "4/2/2025 15:55:12", "4/2/2025 16:01:00", *ANON, "", "In court", "Satisfied",
     "Not sure", "Yes", "None were offered;", "Yes", ""],
    [3, "4/3/2025 9:00:00", "4/3/2025 9:04:30", *ANON, "", "", "5", "No", "No",
     "Meeting the young person;Phone call;", "No", ""],
    [4, "4/10/2025 8:58:00", "4/10/2025 9:03:00", *ANON, "4/11/2025 8:00:00", "", "Dissatisfied",
     "No", "Not sure", "", "No", "Nobody rang me back\x0b after court."],
]  # fmt: skip

# The parent form again, saved by Excel as plain "CSV" (Windows-1252, semicolons).
PARENT_CP1252_ROWS = [
    [201, "14/03/2025 10:02", "14/03/2025 10:09", *ANON, "Herefordshire", "Always", "Always",
     "Mostly", "Yes, a lot", "Very satisfied",
     "She paid the \u00a320 bus fare; so kind. Caf\u00e9 chats.", "", "With a worker"],
    [202, "02/04/2025 18:40", "02/04/2025 18:47", *ANON, "Worcestershire", "Mostly", "Sometimes",
     "Never", "Don\u2019t know", "Neither satisfied or dissatisfied", "", "", "On my own"],
]  # fmt: skip


def parent_clean() -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    sheet.append(PARENT_HEADINGS)
    for row in PARENT_CLEAN:
        sheet.append(row)
    _save(workbook, "parent-carer-clean.xlsx")


def child_messy() -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Form1"
    sheet["A1"] = "Working with us \u2013 responses (copy for the quarterly report)"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.merge_cells("A1:F1")
    for column, heading in enumerate(CHILD_HEADINGS, start=1):
        sheet.cell(row=3, column=column, value=heading).font = Font(bold=True)
    notes = len(CHILD_HEADINGS)
    sheet.merge_cells(start_row=3, start_column=notes, end_row=3, end_column=notes + 1)
    for column in range(notes + 2, notes + 5):  # coloured but empty: trailing empty columns
        sheet.cell(row=3, column=column).fill = PatternFill("solid", fgColor="FFFF00")
    for number, cells in CHILD_ROWS.items():
        for column, value in enumerate(cells, start=1):
            sheet.cell(row=number, column=column, value=value)
    _save(workbook, "working-with-us-messy.xlsx")


def victim_csv() -> None:
    _write_csv("victim-satisfaction.csv", [VICTIM_HEADINGS, *VICTIM_ROWS], "utf-8-sig", ",")


def parent_cp1252_csv() -> None:
    headings = PARENT_HEADINGS
    _write_csv("parent-carer-cp1252.csv", [headings, *PARENT_CP1252_ROWS], "cp1252", ";")


def _write_csv(name: str, rows: list[list[object]], encoding: str, delimiter: str) -> None:
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    (HERE / name).write_bytes(text.getvalue().encode(encoding))


def _save(workbook: Workbook, name: str) -> None:
    workbook.save(HERE / name)


if __name__ == "__main__":
    parent_clean()
    child_messy()
    victim_csv()
    parent_cp1252_csv()
