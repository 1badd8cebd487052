"""Response rates: an admin uploads how many finished with each team (the template, checked row
by row, nothing stored half-done, a quarter replaced as a whole and audited), and the report
divides the feedback received by it, by team and for children by group."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from feedback_app.models import AuditEvent, FinishedCount
from tests.answers import VALID_ANSWERS
from tests.conftest import page, text_of
from tests.staff_helpers import csrf_for, login, make_user, save_response

URL = "/staff/response-rates"
JULY = datetime(2026, 7, 15, 12)
HEADINGS = "Team,Who,Group,Answer,Finished\n"
# The known dataset: Herefordshire 100 children finished (60 boys, 30 girls counted by
# gender), Shropshire 20 children, Herefordshire 50 parents and carers and 3 victims.
KNOWN = HEADINGS + (
    "Herefordshire,children,,,100\n"
    "Herefordshire,children,gender,Boy or young man,60\n"
    "herefordshire,Children,Gender,girl,30\n"
    "Shropshire,children,,,20\n"
    "Herefordshire,parents and carers,,,50\n"
    "Herefordshire,victims,,,3\n"
)


@pytest.fixture
def admin(app, client):
    with app.app_context():
        user = make_user("admin")
    assert login(client, user.email).status_code == 302
    return user


def upload(client, content: str | bytes, name: str = "finished.csv", quarter: str = "2026-27-Q2"):
    data = content.encode("utf-8") if isinstance(content, str) else content
    return client.post(
        URL,
        data={
            "csrf_token": csrf_for(client, URL),
            "quarter": quarter,
            "file": (io.BytesIO(data), name),
        },
        content_type="multipart/form-data",
    )


def stored(session) -> list[tuple]:
    session.rollback()
    rows = session.scalars(select(FinishedCount).order_by(FinishedCount.id))
    return [
        (r.quarter, r.team.slug, r.audience, r.group_question, r.group_value, r.finished)
        for r in rows
    ]


def child(team: str, gender: str | None, when: datetime = JULY) -> None:
    answers = {**VALID_ANSWERS["working-with-us"], "team": team, "best_thing": ""}
    answers.pop("gender")
    if gender:
        answers["gender"] = gender
    save_response("working-with-us", answers, submitted_at=when)


def test_response_rates_on_a_known_dataset_match_a_hand_count(app, client, admin, runner, tmp_path):
    with app.app_context():
        for _ in range(30):
            child("herefordshire", "boy")
        for _ in range(5):
            child("herefordshire", "girl")
        for _ in range(5):
            child("herefordshire", None)  # gave feedback, did not say
        for _ in range(8):
            child("shropshire", "prefer_not")
        for _ in range(2):
            child("not_sure", None)  # no team named: counted for the whole service only
        child("herefordshire", "girl", datetime(2026, 6, 20, 12))  # the quarter before
        parent = {**VALID_ANSWERS["parent-carer"], "went_well": "", "do_better": ""}
        for _ in range(12):
            save_response("parent-carer", parent, submitted_at=JULY)
    assert upload(client, KNOWN).status_code == 302
    result = runner.invoke(args=["report", "--quarter", "2026-27-Q2", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output

    def table(key):
        with (tmp_path / f"triangulation-2026-27-Q2-{key}.csv").open(encoding="utf-8") as fh:
            return list(csv.reader(fh))

    rates = table("response_rates")
    assert rates[0][:5] == ["Team", "Who", "Finished", "Gave feedback", "Response rate: count"]
    by_row = {(r[0], r[1]): r[2:] for r in rates[1:]}
    # By hand: 40 of 100, 8 of 20, 50 of 120 (with the 2 naming no team); 12 of 50 parents;
    # 0 of 3 victims, hidden, and for the whole service only (their form asks no team).
    assert by_row[("Herefordshire", "Children")] == ["100", "40", "40", "100", "0.4"]
    assert by_row[("Shropshire", "Children")] == ["20", "8", "8", "20", "0.4"]
    assert by_row[("All teams", "Children")] == ["120", "50", "50", "120", "0.4167"]
    assert by_row[("Herefordshire", "Parents and carers")] == ["50", "12", "12", "50", "0.24"]
    assert ("Herefordshire", "Victims") not in by_row
    victims = by_row[("All teams", "Victims")]
    assert victims[0] == "fewer than 5" and victims[2:] == ["not shown"] * 3
    gender = {r[0]: r[1:] for r in table("response_rates_gender")[1:]}
    # Only Herefordshire gave numbers by gender: 30 of 60 boys, 5 of 30 girls.
    assert gender["Boy or young man"][:5] == ["60", "30", "30", "60", "0.5"]
    assert gender["Girl or young woman"][:4] == ["30", "5", "5", "30"]
    assert gender["Girl or young woman"][-1] == "-33.3"  # points below the other groups
    html = (tmp_path / "triangulation-2026-27-Q2.html").read_text(encoding="utf-8")
    words = " ".join(html.split())
    assert (
        "Girls and young women are under-heard: 17% of 30 who finished gave feedback, "
        "against 50% of 60 other children (by gender)." in words
    )
    assert "Boys and young men are under-heard" not in words

    team = runner.invoke(
        args=[
            "report",
            "--quarter",
            "2026-27-Q2",
            "--team",
            "herefordshire",
            "--out",
            str(tmp_path),
        ]
    )
    assert team.exit_code == 0, team.output
    path = tmp_path / "triangulation-2026-27-Q2-herefordshire-response_rates.csv"
    with path.open(encoding="utf-8") as fh:
        own = [r[:4] for r in list(csv.reader(fh))[1:]]
    # Only the team's own numbers; victims, asked no team, are left to the service's report.
    assert own == [
        ["Herefordshire", "Children", "100", "40"],
        ["Herefordshire", "Parents and carers", "50", "12"],
    ]


def test_a_wrong_template_says_which_column_is_wrong_and_stores_nothing(client, admin, session):
    sent = upload(client, "Team,Who,Total\nHerefordshire,children,40\n")
    assert sent.status_code == 400
    words = text_of(page(sent))
    assert "The file has no 'Finished' column" in words
    assert "Column 'Total' is not in the template" in words
    assert "nothing was saved" in words
    assert stored(session) == []


def test_bad_rows_are_reported_by_row_and_column_and_the_quarter_keeps_its_numbers(
    client, admin, session
):
    assert upload(client, KNOWN).status_code == 302
    before = stored(session)
    bad = HEADINGS + (
        "Herefordshire,children,,,40\n"  # row 2: fine
        "Herefords,children,,,10\n"  # row 3
        "Shropshire,children,,,ten\n"  # row 4
        "Shropshire,victims,gender,girl,2\n"  # row 5
        "Herefordshire,children,ethnicity,Martian,3\n"  # row 6
        "Herefordshire,children,,,41\n"  # row 7 repeats row 2
        "Herefordshire,children,care status,yes,30\n"  # rows 8 and 9 add up to more than 40
        "Herefordshire,children,care status,no,20\n"
        "Telford and Wrekin,children,SEND,yes,4\n"  # row 10: no total for Telford children
        "Worcestershire,grandparents,,,4\n"  # row 11
    )
    sent = upload(client, bad)
    assert sent.status_code == 400
    words = text_of(page(sent))
    assert "Row 3, column Team: 'Herefords' is not one of our teams" in words
    assert "Row 4, column Finished: 'ten' is not a whole number of people" in words
    assert "Row 5, column Group: only children's numbers are split by group" in words
    assert "Row 6, column Answer: 'Martian' is not an answer for ethnicity" in words
    assert "Row 7 repeats row 2" in words
    assert "Rows 8, 9: the numbers by care status for Herefordshire children add up to 50" in words
    assert "Row 10: Telford and Wrekin children have numbers by SEND but no total" in words
    assert "Row 11, column Who: 'grandparents' is not children" in words
    assert stored(session) == before  # nothing half-done: the earlier upload stands


def test_a_second_upload_for_the_quarter_replaces_it_and_is_audited(client, admin, session):
    assert upload(client, KNOWN).status_code == 302
    again = upload(client, HEADINGS + "Shropshire,children,,,25\n", "march.csv")
    assert again.status_code == 302
    assert "in place of the numbers uploaded before" in text_of(page(client.get(URL)))
    assert stored(session) == [("2026-27-Q2", "shropshire", "children", None, None, 25)]
    events = session.scalars(
        select(AuditEvent).where(AuditEvent.entity == "finished_counts").order_by(AuditEvent.id)
    ).all()
    assert [(e.action, e.entity_id) for e in events] == [
        ("upload", "2026-27-Q2"),
        ("replace", "2026-27-Q2"),
    ]
    assert events[1].before["children_finished"] == 120 and events[1].before["rows"] == 6
    assert events[1].after == {
        "file": "march.csv",
        "rows": 1,
        "children_finished": 25,
        "parents_finished": 0,
        "victims_finished": 0,
    }
    assert events[0].user_id == admin.id


def test_the_excel_template_downloads_fills_in_and_uploads(client, admin, session):
    sent = client.get(f"{URL}/template.xlsx")
    assert sent.status_code == 200 and "attachment" in sent.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(sent.data))
    sheet = book.active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["Team", "Who", "Group", "Answer", "Finished"]
    assert ["Herefordshire", "children", None, None, None] in rows
    assert ["Herefordshire", "children", "gender", "Girl or young woman", None] in rows
    assert not any(r[3] == "Prefer not to say" for r in rows)
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "Shropshire" and row[1].value == "children":
            row[4].value = 12 if row[2].value is None else None
        if row[0].value == "Herefordshire" and row[1].value == "victims":
            row[4].value = 7.0  # Excel keeps whole numbers as floats
    out = io.BytesIO()
    book.save(out)
    saved = upload(client, out.getvalue(), "filled.xlsx")
    assert saved.status_code == 302
    assert "rows with Finished empty were left out" in text_of(page(client.get(URL)))
    assert sorted(stored(session)) == [
        ("2026-27-Q2", "herefordshire", "victims", None, None, 7),
        ("2026-27-Q2", "shropshire", "children", None, None, 12),
    ]
    csv_template = client.get(f"{URL}/template.csv")
    assert csv_template.data.decode("utf-8-sig").startswith("Team,Who,Group,Answer,Finished")


def test_only_admins_upload_and_a_report_without_numbers_says_so(app, client, runner, tmp_path):
    with app.app_context():
        lead = make_user("leadership")
    login(client, lead.email)
    assert client.get(URL).status_code == 403
    result = runner.invoke(args=["report", "--quarter", "2026-27-Q2", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "triangulation-2026-27-Q2.html").read_text(encoding="utf-8")
    assert "No numbers of who finished in 2026-27-Q2 have been uploaded yet" in html


def test_demo_data_uploads_the_numbers_who_finished_for_each_past_quarter(runner, session):
    from collections import defaultdict

    from analysis.clock import quarter_of, utc_now

    result = runner.invoke(args=["demo-data", "--responses", "400", "--seed", "7"])
    assert result.exit_code == 0, result.output
    assert "numbers who finished with each team" in result.output
    rows = session.scalars(select(FinishedCount)).all()
    quarters = {r.quarter for r in rows}
    assert len(quarters) >= 3 and str(quarter_of(utc_now())) not in quarters  # past ones only
    totals, groups = {}, defaultdict(int)
    for r in rows:
        key = (r.quarter, r.team_id, r.audience)
        if r.group_question is None:
            totals[key] = r.finished
        else:
            groups[(*key, r.group_question)] += r.finished
    assert {a for (_, _, a) in totals} == {"children", "parents", "victims"}
    assert all(n <= totals[key[:3]] for key, n in groups.items())  # as an upload must be
    uploads = session.scalars(select(AuditEvent).where(AuditEvent.entity == "finished_counts"))
    assert len(list(uploads)) == len(quarters)
