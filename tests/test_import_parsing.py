"""Importing old Microsoft Forms / Excel exports: reading, column mapping and row conversion.

The fixtures in tests/data/imports are written by make_fixtures.py in that folder.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from feedback_app.importing import (
    METADATA_COLUMNS,
    Conversion,
    ImportFileError,
    Mapping,
    ReadyRow,
    RowProblem,
    SheetRow,
    Table,
    convert,
    metadata_columns,
    read_table,
    suggest_mapping,
    suggest_option_mapping,
)
from feedback_app.services.teams import SERVICE_TEAMS
from tests.conftest import definitions

IMPORTS = Path(__file__).parent / "data" / "imports"
TEAMS = {name: slug for slug, name in SERVICE_TEAMS}
FORMS = ["ID", "Start time", "Completion time", "Email", "Name"]
PARENT_COLUMNS = {
    **dict.fromkeys(FORMS),
    "Which YJS team worked with your child?": "team",
    "Have you been kept up to date about your child\u2019s progress?": "kept_up_to_date",
    "Did staff listen to your views?": "listened",
    "Were you involved in planning the support for your child?": "involved",
    "Do you feel our work has made a positive difference for your child?": "difference",
    "Overall, how satisfied are you with the service?": "overall",
    "What has gone well?": "went_well",
    "What could we do better?": "do_better",
    "Did you complete this form on your own or with help?": "completed_with",
}


def load(name: str) -> Table:
    return read_table(IMPORTS / name, name)


def imported(name: str, slug: str, **options) -> tuple[Mapping, Conversion]:
    """The suggested mapping for a fixture, and the conversion it gives."""
    table = load(name)
    definition = definitions()[slug]
    mapping = suggest_mapping(table.headings, definition, table.rows, TEAMS)
    return mapping, convert(table, mapping, definition, TEAMS, **options)


# --- A clean export --------------------------------------------------------------------------


def test_clean_export_is_read_with_excel_row_numbers_and_real_dates():
    table = load("parent-carer-clean.xlsx")
    assert table.headings == list(PARENT_COLUMNS)
    assert [row.number for row in table.rows] == [2, 3, 4, 5]
    first = table.rows[0].values
    assert first["ID"] == 1
    assert first["Completion time"] == datetime(2025, 1, 6, 9, 18, 40)
    assert first["What has gone well?"] == "Regular phone calls kept me in the loop."


def test_clean_export_maps_every_question_and_no_forms_column():
    table = load("parent-carer-clean.xlsx")
    mapping = suggest_mapping(table.headings, definitions()["parent-carer"])
    assert mapping.columns == PARENT_COLUMNS
    assert set(mapping.scores) == {h for h, q in PARENT_COLUMNS.items() if q}
    assert all(70 <= score <= 100 for score in mapping.scores.values())
    assert mapping.options == {}  # no rows given, so no answer labels seen


def test_clean_export_converts_every_row():
    mapping, conversion = imported("parent-carer-clean.xlsx", "parent-carer")
    assert mapping.options["overall"] == {
        "Dissatisfied": "2",
        "Neither satisfied nor dissatisfied": "3",
        "Satisfied": "4",
        "Very satisfied": "5",
    }
    assert mapping.options["team"] == {
        "Herefordshire": "herefordshire",
        "Not sure": "not_sure",
        "Shropshire": "shropshire",
        "Telford and Wrekin": "telford-and-wrekin",
    }
    assert conversion.problems == []
    assert conversion.ready == [
        ReadyRow(2, "1", datetime(2025, 1, 6, 9, 18, 40), {
            "team": "herefordshire", "kept_up_to_date": "mostly", "listened": "always",
            "involved": "sometimes", "difference": "a_little", "overall": "4",
            "went_well": "Regular phone calls kept me in the loop.",
            "do_better": "Meetings after work hours would help.", "completed_with": "with_worker",
        }),
        ReadyRow(3, "2", datetime(2025, 1, 9, 19, 6, 58), {
            "team": "shropshire", "kept_up_to_date": "always", "listened": "always",
            "involved": "always", "difference": "a_lot", "overall": "5",
            "went_well": "Everything. My son is back at school.", "completed_with": "alone",
        }),
        ReadyRow(4, "3", datetime(2025, 2, 14, 8, 41, 9), {
            "team": "telford-and-wrekin", "kept_up_to_date": "never", "listened": "sometimes",
            "involved": "never", "difference": "no", "overall": "2",
            "do_better": "Nobody called me back after the panel.",
        }),
        ReadyRow(5, "4", datetime(2025, 3, 1, 12, 3, 45), {
            "team": "not_sure", "kept_up_to_date": "sometimes", "listened": "mostly",
            "involved": "mostly", "difference": "dont_know", "overall": "3",
            "went_well": "The worker was kind.", "completed_with": "with_someone_else",
        }),
    ]  # fmt: skip


# --- A messy export --------------------------------------------------------------------------

CHILD_COLUMNS = {
    **dict.fromkeys([*FORMS, "Total points", "Quiz feedback"]),
    "Which team did you work with?": "team",
    "Did we listen to you?": "listened",
    "Did we explain things in a way you understood?": "explained",
    "Did you get a say in what we did?": "had_a_say",
    "Were you treated with respect?": "respect",
    "Has working with us helped you?": "helped",
    "What was the best thing about working with us?": "best_thing",
    "What could we do better?": "do_better",
    "Overall how was working with us?": "overall",
    "Did you fill this in on your own or with someone?": "completed_with",
    "How do you describe yourself?": "gender",
    "Staff notes": None,
    "Staff notes (2)": None,
}
LONG_TEXT = "We did boxing and cooking and my worker came to every meeting. " * 35
MESSY_PROBLEMS = [
    RowProblem(7, "row 7: 'Which team did you work with?' answer 'Ludlow' is not one of the teams"),
    RowProblem(
        7, "row 7: 'Overall how was working with us?' answer 'Meh' is not one of the options"
    ),
    RowProblem(8, "row 8: no ID"),
    RowProblem(9, "row 9: the same ID as row 6"),
    RowProblem(10, "row 10: 'Completion time' is not a date: 'yesterday'"),
]


def test_messy_export_finds_its_headings_under_a_title_and_skips_blank_rows():
    table = load("working-with-us-messy.xlsx")
    # The heading lost its spaces, the merged 'Staff notes' cell gave two columns and the
    # coloured empty columns at the end were dropped.
    assert table.headings == list(CHILD_COLUMNS)
    assert [row.number for row in table.rows] == [4, 6, 7, 8, 9, 10, 11, 13]
    assert table.rows[1].values["Staff notes (2)"] == "follow up with worker"
    assert table.rows[1].values["Completion time"] == "14/03/2025 10:27:05"


def test_messy_export_mapping_and_answer_labels():
    mapping, _ = imported("working-with-us-messy.xlsx", "working-with-us")
    assert mapping.columns == CHILD_COLUMNS
    assert mapping.options["team"] == {
        "Ludlow": None,
        "Prevention and Diversion": "prevention-and-diversion",
        "Shropshire": "shropshire",
        "Telford & Wrekin": "telford-and-wrekin",
        "worcestershire": "worcestershire",
    }
    assert mapping.options["listened"] == {
        "No": "no", "Sort of": "sort_of", "Yes": "yes", "Yes definitely": "yes", "yes": "yes",
    }  # fmt: skip
    assert mapping.options["overall"] == {
        "4": "4", "Bad": "2", "Good": "4", "Meh": None, "Really good": "5",
    }  # fmt: skip


def test_messy_export_converts_good_rows_and_reports_every_problem():
    _, conversion = imported("working-with-us-messy.xlsx", "working-with-us")
    assert conversion.problems == MESSY_PROBLEMS
    cut = LONG_TEXT.strip()[:2000]
    assert conversion.ready == [
        ReadyRow(4, "101", datetime(2025, 2, 3, 10, 4, 31), {
            "team": "shropshire", "listened": "yes", "explained": "sort_of", "had_a_say": "yes",
            "respect": "yes", "helped": "sort_of",
            "best_thing": "my worker actually listened and we did boxing", "overall": "4",
            "completed_with": "alone", "gender": "prefer_not",
        }),
        # Dates typed as text; 14/03 shows the file puts the day first.
        ReadyRow(6, "102", datetime(2025, 3, 14, 10, 27, 5), {
            "team": "worcestershire", "listened": "yes", "explained": "no",
            "had_a_say": "sort_of", "respect": "yes", "helped": "no",
            "do_better": "answer the phone", "overall": "5", "completed_with": "with_worker",
        }),
        # No completion time, so the start time; the long answer is cut, with a note.
        ReadyRow(11, "106", datetime(2025, 4, 7, 13, 5), {
            "team": "telford-and-wrekin", "listened": "yes", "explained": "yes",
            "had_a_say": "sort_of", "respect": "yes", "helped": "yes", "best_thing": cut,
            "overall": "5", "completed_with": "alone",
        }, ("row 11: 'What was the best thing about working with us?' answer cut to 2,000 "
            "characters from 2,204",)),
        # A number for the scale question; the required 'best thing' left blank is fine.
        ReadyRow(13, "107", datetime(2025, 4, 7, 15, 36, 12), {
            "team": "prevention-and-diversion", "listened": "sort_of", "explained": "sort_of",
            "had_a_say": "no", "respect": "yes", "helped": "sort_of", "overall": "4",
            "completed_with": "with_someone_else", "gender": "girl",
        }),
    ]  # fmt: skip


def test_a_saved_mapping_round_trips_and_a_persons_choices_win():
    table = load("working-with-us-messy.xlsx")
    definition = definitions()["working-with-us"]
    mapping = suggest_mapping(table.headings, definition, table.rows, TEAMS)
    saved = json.loads(json.dumps(mapping.to_dict()))
    assert Mapping.from_dict(saved) == mapping

    saved["options"]["overall"]["Meh"] = "3"  # staff decide what 'Meh' meant
    saved["columns"]["What could we do better?"] = None  # and leave a column out
    conversion = convert(table, Mapping.from_dict(saved), definition, TEAMS)
    assert conversion.problems == [p for p in MESSY_PROBLEMS if "Meh" not in p.reason]
    assert all("do_better" not in row.answers for row in conversion.ready)


def test_a_mapping_that_names_no_such_question_or_one_twice_is_refused():
    table = load("parent-carer-clean.xlsx")
    definition = definitions()["parent-carer"]
    with pytest.raises(ValueError, match="question 'gone'"):
        convert(table, Mapping({"What has gone well?": "gone"}), definition)
    twice = Mapping({"What has gone well?": "went_well", "What could we do better?": "went_well"})
    with pytest.raises(ValueError, match="More than one column is matched to question 'went_well'"):
        convert(table, twice, definition)
    with pytest.raises(ValueError, match="not a saved column mapping"):
        Mapping.from_dict({"options": {}})


# --- CSV exports -----------------------------------------------------------------------------


def test_csv_with_us_dates_multi_answers_and_last_modified_time():
    mapping, conversion = imported("victim-satisfaction.csv", "victim-satisfaction")
    assert mapping.columns == {
        **dict.fromkeys([*FORMS, "Last modified time"]),
        "Was the case dealt with out of court or in court?": "pathway",
        "Overall, how satisfied are you with the service you received?": "overall",
        "Did you feel your views were heard and listened to?": "heard",
        "Did you feel safe and supported?": "safe_supported",
        "Which restorative options were offered to you?": "restorative_options",
        "Were you kept informed about what was happening with the case?": "kept_informed",
        "Is there anything else you would like to tell us?": "anything_else",
    }
    assert mapping.options["restorative_options"] == {
        "A letter of explanation": "letter",
        "Meeting the young person": "meeting",
        "None were offered": "none",
        "Phone call": None,
        "Shuttle communication": "shuttle",
    }
    assert conversion.problems == [
        RowProblem(4, "row 4: 'Which restorative options were offered to you?' answer "
                   "'Phone call' is not one of the options"),
    ]  # fmt: skip
    # 3/14/2025 shows the file puts the month first, so 4/2/2025 is 2 April.
    assert conversion.ready == [
        ReadyRow(2, "1", datetime(2025, 3, 14, 10, 22, 5), {
            "pathway": "out_of_court", "overall": "5", "heard": "yes", "safe_supported": "yes",
            "restorative_options": ["letter", "shuttle"], "kept_informed": "partly",
            "anything_else": "The letter helped me move on, thank you.\nIt was hard at first.",
        }),
        ReadyRow(3, "2", datetime(2025, 4, 2, 16, 1), {
            "pathway": "court", "overall": "4", "heard": "not_sure", "safe_supported": "yes",
            "restorative_options": ["none"], "kept_informed": "yes",
        }),
        ReadyRow(5, "4", datetime(2025, 4, 10, 9, 3), {
            "overall": "2", "heard": "no", "safe_supported": "not_sure", "kept_informed": "no",
            "anything_else": "Nobody rang me back after court.",  # the control character is gone
        }),
    ]  # fmt: skip


def test_windows_1252_csv_with_semicolons():
    table = load("parent-carer-cp1252.csv")
    assert table.headings == list(PARENT_COLUMNS)
    mapping, conversion = imported("parent-carer-cp1252.csv", "parent-carer")
    assert mapping.columns == PARENT_COLUMNS
    assert mapping.options["difference"] == {"Don\u2019t know": "dont_know", "Yes, a lot": "a_lot"}
    assert mapping.options["overall"] == {
        "Neither satisfied or dissatisfied": "3",
        "Very satisfied": "5",
    }
    assert conversion.problems == []
    assert conversion.ready == [
        ReadyRow(2, "201", datetime(2025, 3, 14, 10, 9), {
            "team": "herefordshire", "kept_up_to_date": "always", "listened": "always",
            "involved": "mostly", "difference": "a_lot", "overall": "5",
            "went_well": "She paid the \u00a320 bus fare; so kind. Caf\u00e9 chats.",
            "completed_with": "with_worker",
        }),
        ReadyRow(3, "202", datetime(2025, 4, 2, 18, 47), {
            "team": "worcestershire", "kept_up_to_date": "mostly", "listened": "sometimes",
            "involved": "never", "difference": "dont_know", "overall": "3",
            "completed_with": "alone",
        }),
    ]  # fmt: skip


# --- Reading: edge cases ---------------------------------------------------------------------


def test_headings_are_cleaned_and_made_unique_and_blank_columns_dropped():
    data = (
        "Feedback 2024\r\n"  # a title row: one cell only
        "\r\n"
        "Question,Question,\u00a0Team\u00a0, Question (2) ,,,\r\n"
        "a,b,c,d,,,\r\n"
        ",,,,,,\r\n"
        "e,,,,,x,\r\n"
    ).encode()
    table = read_table(data, "export.csv")
    assert table.headings == ["Question", "Question (2)", "Team", "Question (2) (2)", "Column F"]
    assert table.rows == [
        SheetRow(4, {"Question": "a", "Question (2)": "b", "Team": "c", "Question (2) (2)": "d",
                     "Column F": None}),
        SheetRow(6, {"Question": "e", "Question (2)": None, "Team": None,
                     "Question (2) (2)": None, "Column F": "x"}),
    ]  # fmt: skip


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_delimiter_is_found(delimiter):
    lines = [["ID", "Start time", "Which options?"], ["1", "3/14/2025", "A, b;C;"], ["2", "", ""]]
    text = "\r\n".join(delimiter.join(f'"{cell}"' for cell in line) for line in lines)
    table = read_table(text.encode("utf-8-sig"), "export.csv")
    assert table.headings == lines[0]
    assert table.rows[0].values["Which options?"] == "A, b;C;"


def test_the_id_row_is_the_heading_row_even_under_other_filled_rows():
    data = b"Exported by,J Smith\r\nID,Start time,Q\r\n7,1/2/2025,x\r\n"
    table = read_table(data, "export.csv")
    assert table.headings == ["ID", "Start time", "Q"]
    assert table.rows == [SheetRow(3, {"ID": "7", "Start time": "1/2/2025", "Q": "x"})]


def test_metadata_columns_match_any_case_and_say_none_when_absent():
    found = metadata_columns(["id", "START TIME", "Completion time", "Q1", "Last modified time"])
    assert found == {
        **dict.fromkeys(METADATA_COLUMNS),
        "id": "id",
        "start_time": "START TIME",
        "completion_time": "Completion time",
        "last_modified_time": "Last modified time",
    }


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"%PDF-1.4", "feedback.pdf", "'feedback.pdf' is not a file we can read. Upload an Excel"),
        (
            b"\xd0\xcf\x11\xe0",
            "old.xls",
            "an old Excel format: open it in Excel and save it as .xlsx",
        ),
        (b"not a workbook", "broken.xlsx", "could not be opened as an Excel workbook"),
        (b"PK\x03\x04\x00\x00", "book.csv", "is not a CSV text file"),
        (b"", "empty.csv", "has no row of column headings"),
        (b"Just a title\r\n\r\n", "title.csv", "has no row of column headings"),
    ],
)
def test_files_that_cannot_be_read_say_why(data, filename, message):
    with pytest.raises(ImportFileError, match=message):
        read_table(data, filename)


def test_a_file_without_id_or_dates_is_not_an_export():
    definition = definitions()["parent-carer"]
    no_id = Table(["Start time", "Q"], [])
    with pytest.raises(ImportFileError, match="no 'ID' column"):
        convert(no_id, Mapping({}), definition)
    no_dates = Table(["ID", "Q"], [])
    with pytest.raises(ImportFileError, match="no 'Completion time' or 'Start time' column"):
        convert(no_dates, Mapping({}), definition)


# --- Dates -----------------------------------------------------------------------------------


def submitted(*cells: object, day_first: bool = True) -> list[datetime | str]:
    """The submitted time of each completion-time cell, or the problem it gives."""
    table = Table(
        ["ID", "Start time", "Completion time"],
        [
            SheetRow(n, {"ID": n, "Start time": None, "Completion time": c})
            for n, c in enumerate(cells, 2)
        ],
    )
    conversion = convert(table, Mapping({}), definitions()["parent-carer"], day_first=day_first)
    found = {row.number: row.submitted_at for row in conversion.ready}
    found.update({p.number: p.reason for p in conversion.problems})
    return [found[n] for n in range(2, len(cells) + 2)]


def test_dates_in_the_usual_layouts():
    assert submitted(
        datetime(2025, 3, 14, 10, 22, 5),
        "14/03/2025 10:22",
        "2025-03-14 10:22:05",
        "2025-03-14T10:22:05",
        "14/03/2025",
        "14.03.25 9:05",
        "03/04/2025 2:15:00 PM",
        45730.5,  # an Excel date kept as a number
        "31/02/2025",
        None,
    ) == [
        datetime(2025, 3, 14, 10, 22, 5),
        datetime(2025, 3, 14, 10, 22),
        datetime(2025, 3, 14, 10, 22, 5),
        datetime(2025, 3, 14, 10, 22, 5),
        datetime(2025, 3, 14),
        datetime(2025, 3, 14, 9, 5),
        datetime(2025, 4, 3, 14, 15),
        datetime(2025, 3, 14, 12, 0),
        "row 10: 'Completion time' is not a date: '31/02/2025'",
        "row 11: no date in 'Completion time' or 'Start time'",
    ]


def test_a_day_above_12_sets_the_layout_else_day_first_decides():
    assert submitted("3/14/2025 10:22:05", "4/2/2025 16:01") == [
        datetime(2025, 3, 14, 10, 22, 5),
        datetime(2025, 4, 2, 16, 1),
    ]
    assert submitted("03/04/2025 09:00") == [datetime(2025, 4, 3, 9, 0)]
    assert submitted("03/04/2025 09:00", day_first=False) == [datetime(2025, 3, 4, 9, 0)]
    # A file with both layouts: each date is read on its own.
    assert submitted("14/03/2025", "3/15/2025", "03/04/2025") == [
        datetime(2025, 3, 14),
        datetime(2025, 3, 15),
        datetime(2025, 4, 3),
    ]


# --- Answer labels and contact details -------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "question_id", "labels", "expected"),
    [
        # 'Not really' is listed as another way of saying 'No' (synonyms.toml).
        ("working-with-us", "listened", {"YES", "Yes definitely", "Not really", "sort of"},
         {"YES": "yes", "Yes definitely": "yes", "Not really": "no", "sort of": "sort_of"}),
        ("parent-carer", "listened", {"Not always", "Mostly yes", "Always!"},
         {"Not always": None, "Mostly yes": "mostly", "Always!": "always"}),
        # 'Unsatisfied' and 'Neutral' are listed as other words for two options.
        ("parent-carer", "overall", {"5", "1", "Very satisfied (5)", "Unsatisfied", "Neutral"},
         {"5": "5", "1": "1", "Very satisfied (5)": "5", "Unsatisfied": "2", "Neutral": "3"}),
        # Other ways of saying 'Sort of' and 'Partly' (synonyms.toml).
        ("working-with-us", "helped", {"Kind of", "A bit", "kinda", "Yeah", "Nah"},
         {"Kind of": "sort_of", "A bit": "sort_of", "kinda": "sort_of", "Yeah": "yes",
          "Nah": "no"}),
        ("victim-satisfaction", "kept_informed", {"Sort of", "Partially", "Not at all"},
         {"Sort of": "partly", "Partially": "partly", "Not at all": "no"}),
        ("parent-carer", "kept_up_to_date", {"Most of the time", "Occasionally", "Not once"},
         {"Most of the time": "mostly", "Occasionally": "sometimes", "Not once": "never"}),
        # 'Yes' fits 'Yes, a lot' and 'Yes, a little' equally: a person must choose.
        ("parent-carer", "difference", {"Yes", "Dont know", "A lot"},
         {"Yes": None, "Dont know": "dont_know", "A lot": "a_lot"}),
        ("working-with-us", "completed_with", {"With a worker", "on my own"},
         {"With a worker": "with_worker", "on my own": "alone"}),
    ],
)  # fmt: skip
def test_answer_labels_are_matched_to_options(slug, question_id, labels, expected):
    question = definitions()[slug].question(question_id)
    assert suggest_option_mapping(question, labels) == expected


def test_team_answers_match_names_slugs_and_not_sure():
    question = definitions()["parent-carer"].question("team")
    labels = {"herefordshire", "Telford", "not sure", "Ludlow"}
    assert suggest_option_mapping(question, labels, TEAMS) == {
        "Ludlow": None,
        "Telford": "telford-and-wrekin",
        "herefordshire": "herefordshire",
        "not sure": "not_sure",
    }
    assert suggest_option_mapping(question, {"Herefordshire"}) == {"Herefordshire": None}


def test_email_maps_to_a_contact_question_and_anonymous_is_no_answer():
    definition = definitions()["tell-us"]
    headings = [
        *FORMS,
        "What would you like to tell us?",
        "Your message",
        "Would you like a reply?",
    ]
    mapping = suggest_mapping(headings, definition)
    assert mapping.columns == {
        **dict.fromkeys(FORMS),
        "Email": "contact",
        "What would you like to tell us?": "kind",
        "Your message": "message",
        "Would you like a reply?": "reply",
    }
    assert suggest_mapping(headings, definitions()["parent-carer"]).columns["Email"] is None

    row = {"ID": 1, "Start time": None, "Completion time": datetime(2025, 1, 2, 3, 4)}
    answers = {"What would you like to tell us?": "A compliment", "Your message": "Thanks\x00!"}
    table = Table(
        headings,
        [
            SheetRow(2, {**row, "Email": "anonymous", "Name": "anonymous", **answers}),
            SheetRow(3, {**row, "ID": 2, "Email": "pat@example.org", "Name": "Pat", **answers}),
        ],
    )
    conversion = convert(table, mapping, definition)
    assert [r.answers for r in conversion.ready] == [
        {"kind": "compliment", "message": "Thanks!"},
        {"kind": "compliment", "message": "Thanks!", "contact": "pat@example.org"},
    ]
