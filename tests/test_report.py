"""The quarterly triangulation report on small, known data: exact figures, quarter boundaries,
suppression, and one self-contained HTML file whose every table has its data file."""

from __future__ import annotations

import csv
import re
from datetime import datetime

import pytest
from bs4 import BeautifulSoup

from tests.answers import VALID_ANSWERS
from tests.staff_helpers import save_response

VICTIM = VALID_ANSWERS["victim-satisfaction"]


@pytest.fixture
def known_data(app):
    """Q2 2026-27: 20 victims (15 very satisfied, all heard, 12 safe); Q1: 10 victims, 9 very
    satisfied; 3 parents; children either side of the Q1/Q2 boundary."""
    july = datetime(2026, 7, 15, 12)
    with app.app_context():
        for i in range(20):
            answers = {
                **VICTIM,
                "overall": "5" if i < 15 else "3",
                "heard": "yes",
                "safe_supported": "yes" if i < 12 else "no",
            }
            save_response("victim-satisfaction", answers, submitted_at=july)
        for i in range(10):
            answers = {**VICTIM, "overall": "5" if i < 9 else "4"}
            save_response("victim-satisfaction", answers, submitted_at=datetime(2026, 5, 1, 12))
        for _ in range(3):
            save_response("parent-carer", VALID_ANSWERS["parent-carer"], submitted_at=july)
        save_response(
            "working-with-us",
            VALID_ANSWERS["working-with-us"],
            submitted_at=datetime(2026, 6, 30, 22),
        )
        for _ in range(6):
            save_response(
                "working-with-us",
                VALID_ANSWERS["working-with-us"],
                submitted_at=datetime(2026, 7, 1, 9),
            )


def run_report(runner, tmp_path, *extra):
    result = runner.invoke(
        args=["report", "--quarter", "2026-27-Q2", "--out", str(tmp_path), *extra]
    )
    assert result.exit_code == 0, result.output
    return tmp_path


def read_csv(folder, key):
    with (folder / f"triangulation-2026-27-Q2-{key}.csv").open(encoding="utf-8") as fh:
        return list(csv.reader(fh))


def test_victim_kpis_are_exact(known_data, runner, tmp_path):
    folder = run_report(runner, tmp_path)
    rows = read_csv(folder, "victim_kpis")
    q2 = next(r for r in rows if r[0] == "2026-27-Q2")
    assert q2[1:] == ["20", "75% (15 of 20)", "100% (20 of 20)", "60% (12 of 20)"]
    # 9 of 10 very satisfied would show the one who was not: hidden, counts and all.
    q1 = next(r for r in rows if r[0] == "2026-27-Q1")
    assert q1[2] == "not shown"
    assert "9" not in " ".join(q1[2:])


def test_quarter_boundaries_and_small_counts(known_data, runner, tmp_path):
    folder = run_report(runner, tmp_path)
    headline = {r[0]: r for r in read_csv(folder, "headline")}
    # 30 June is Q1; 1 July is Q2.
    assert headline["Children"][1:3] == ["6", "fewer than 5"]
    assert headline["Parents and carers"][1] == "fewer than 5"
    everything = " ".join(" ".join(r) for r in read_csv(folder, "headline"))
    assert not re.search(r"\b[1-4]\b", everything.replace("2026-27", "").replace("2025-26", ""))


def test_html_is_self_contained_and_every_table_has_its_data_file(known_data, runner, tmp_path):
    folder = run_report(runner, tmp_path)
    html = (folder / "triangulation-2026-27-Q2.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(src=True) + soup.find_all(href=True):
        target = tag.get("src") or tag.get("href")
        assert target.startswith("#"), f"external reference {target}"
    assert "Plotly" in html  # plotly.js embedded, no CDN
    captions = [c.get_text() for c in soup.find_all("caption")]
    assert captions
    for caption in captions:
        name = re.search(r"data: (\S+\.csv)", caption)[1]
        assert (folder / name).exists(), name
    assert (folder / "triangulation-2026-27-Q2.xlsx").exists()
    assert len(soup.select("nav ol li")) == len(soup.select("main > section"))


def test_a_single_team_report_and_a_bad_quarter(known_data, runner, tmp_path):
    result = runner.invoke(args=["report", "--quarter", "2026-Q2", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "write it like 2026-27-Q2" in result.output
    result = runner.invoke(
        args=["report", "--quarter", "2026-27-Q2", "--out", str(tmp_path), "--team", "narnia"]
    )
    assert result.exit_code == 2 and "no team 'narnia'" in result.output
    folder = run_report(runner, tmp_path, "--team", "shropshire")
    assert (folder / "triangulation-2026-27-Q2-shropshire.html").exists()


def test_quotes_are_redacted_and_flagged_texts_never_appear(app, runner, tmp_path):
    july = datetime(2026, 7, 20, 12)
    with app.app_context():
        for i in range(6):
            answers = {
                **VALID_ANSWERS["working-with-us"],
                "best_thing": f"my worker Sarah listened to me, call 07700 900{i:03d}",
            }
            save_response("working-with-us", answers, submitted_at=july)
        answers = {
            **VALID_ANSWERS["working-with-us"],
            "best_thing": "my worker listened but my dad hits me at home",
        }
        save_response("working-with-us", answers, submitted_at=july)
    folder = run_report(runner, tmp_path)
    html = (folder / "triangulation-2026-27-Q2.html").read_text(encoding="utf-8")
    quotes = " ".join(" ".join(r) for r in read_csv(folder, "quotes"))
    assert "[name]" in quotes and "[phone]" in quotes
    for secret in ("Sarah", "07700", "dad hits me"):
        assert secret not in quotes and secret not in html


def test_you_said_we_did_section_counts_the_quarters_actions(app, runner, tmp_path):
    from datetime import date

    from feedback_app import db
    from feedback_app.models import Action
    from tests.staff_helpers import make_action, make_user

    plan = [  # (you said, raised, done, published)
        ("Raised, done and published in Q2.", datetime(2026, 7, 2), date(2026, 8, 1), True),
        ("Raised in Q1, done in Q2.", datetime(2026, 5, 2), date(2026, 9, 30), False),
        ("Raised in Q2, still open.", datetime(2026, 9, 1), None, False),
        ("All in Q1.", datetime(2026, 4, 2), date(2026, 6, 1), False),
    ]
    with app.app_context():
        champion = make_user("champion")
        for said, raised, done, published in plan:
            action = make_action(
                champion,
                you_said=said,
                status="done" if done else "open",
                themes=("timeliness", "travel"),
            )
            with db.transaction() as session:
                row = session.get(Action, action.id)
                row.created_at, row.done_on = raised, done
                row.published_at = datetime(2026, 8, 2) if published else None
    folder = run_report(runner, tmp_path)
    rows = read_csv(folder, "you_said_we_did")
    assert [r[0] for r in rows[1:]] == [p[0] for p in plan[:3]]
    first = rows[1]
    assert first[2:] == [
        "Done",
        "Getting there, Waiting and timeliness",
        "Whole service",
        "2026-07-02",
        "2026-08-01",
        "2026-08-02",
    ]
    html = (folder / "triangulation-2026-27-Q2.html").read_text(encoding="utf-8")
    text = " ".join(BeautifulSoup(html, "html.parser").get_text().split())
    assert "2 actions raised, 2 done and 1 published" in text
    assert "Getting there (3), Waiting and timeliness (3)" in text


def test_leadership_sees_the_report_in_the_app_and_downloads_it(known_data, app, client):
    import io
    import zipfile

    from tests.staff_helpers import login, make_user

    with app.app_context():
        lead = make_user("leadership")
    login(client, lead.email)
    shown = client.get("/staff/reports/view?quarter=2026-27-Q2")
    assert shown.status_code == 200
    nonce = re.search(r"'nonce-([^']+)'", shown.headers["Content-Security-Policy"])[1]
    soup = BeautifulSoup(shown.data, "html.parser")
    scripts = soup.find_all("script")
    assert scripts and all(s.get("nonce") == nonce for s in scripts)
    assert "75% (15 of 20)" in soup.get_text()  # the same figures as the command's report
    assert soup.find("a", href="/staff/reports")
    download = client.get("/staff/reports/download?quarter=2026-27-Q2&team=shropshire")
    assert download.status_code == 200 and download.mimetype == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(download.data)).namelist()
    assert "triangulation-2026-27-Q2-shropshire.html" in names
    assert "triangulation-2026-27-Q2-shropshire.xlsx" in names
    assert any(n.endswith("-victim_kpis.csv") for n in names)
    assert client.get("/staff/reports/view?quarter=2026-Q2").status_code == 400
    assert client.get("/staff/reports/view?quarter=2026-27-Q2&team=narnia").status_code == 400


def test_victim_kpis_and_the_ratings_table_agree(known_data, runner, tmp_path):
    folder = run_report(runner, tmp_path)
    kpis = next(r for r in read_csv(folder, "victim_kpis") if r[0] == "2026-27-Q2")
    ratings = {r[1]: r for r in read_csv(folder, "ratings") if r[0] == "Victims"}
    from tests.conftest import definitions

    victims = definitions()["victim-satisfaction"]
    for role, column in [("kpi_very_satisfied", 2), ("kpi_heard", 3), ("kpi_safe", 4)]:
        label = victims.question_with_role(role).label
        assert kpis[column].split(" ")[0] == ratings[label][3], role


def test_each_team_sees_its_own_key_measures(app, runner, tmp_path):
    child = VALID_ANSWERS["working-with-us"]
    with app.app_context():
        for i in range(12):
            answers = {**child, "team": "herefordshire", "overall": "5" if i < 7 else "2"}
            save_response("working-with-us", answers, submitted_at=datetime(2026, 8, 1, 12))
        for _ in range(3):
            save_response("working-with-us", child, submitted_at=datetime(2026, 8, 1, 12))
    rows = {r[0]: r for r in read_csv(run_report(runner, tmp_path), "by_team_measures")}
    assert rows["Herefordshire"][1] == "58% of 12"
    assert rows["Shropshire"][1] == "not shown"  # 3 children: too few to show a share


def test_the_workbook_holds_counts_as_numbers_and_hidden_cells_as_words(
    known_data, runner, tmp_path
):
    from openpyxl import load_workbook

    folder = run_report(runner, tmp_path)
    sheet = load_workbook(folder / "triangulation-2026-27-Q2.xlsx")["headline"]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=3, values_only=True)}
    assert rows["Victims"][1] == 20 and isinstance(rows["Victims"][1], int)
    assert rows["Parents and carers"][1] == "fewer than 5"
