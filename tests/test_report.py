"""The Board paper on small, known data: key messages that state a planted divergence and a
planted change but not a planted noise-level difference, figures that match a hand count,
quarter boundaries, suppression, victims, disproportionality, and no option codes."""

from __future__ import annotations

import csv
import re
from datetime import datetime

import pytest
from bs4 import BeautifulSoup

from tests.answers import VALID_ANSWERS
from tests.staff_helpers import save_response

VICTIM = VALID_ANSWERS["victim-satisfaction"]
JULY, MAY = datetime(2026, 7, 15, 12), datetime(2026, 5, 1, 12)
# Only the questions a test plants: every other measure stays unanswered, so the only gaps
# between sources are the planted ones.
CHILD = {
    k: v
    for k, v in VALID_ANSWERS["working-with-us"].items()
    if k not in ("best_thing", "do_better", "overall")
}
PARENT = {"team": "herefordshire", "listened": "always"}


def children(n: int, when: datetime, **planted) -> None:
    """`n` children; each planted answer is (value if i < k else other, k)."""
    for i in range(n):
        answers = dict(CHILD)
        for question, (value, other, k) in planted.items():
            answers[question] = value if i < k else other
        save_response("working-with-us", answers, submitted_at=when)


@pytest.fixture
def known_data(app):
    """2026-27-Q2 against Q1:
    - children: 100 each quarter. "Did we listen?" 62 yes now, 66 before (noise). "Did you get
      a say?" 50 yes now, 80 before (a real fall). 50 girls, 50 boys now: respect 20 of the
      girls and 45 of the boys (a real gap); explained 30 girls, 33 boys (noise).
    - parents: 40 now, 34 of them say staff always or mostly listened (85%, against 62%).
    - victims: 20 now (15 very satisfied, 15 heard, 12 safe; 12 in court), 10 in Q1 (9 very
      satisfied, 5 safe); one more child on 30 June at 22:00 UTC (Q1)."""
    with app.app_context():
        for gender, respect, explained in (("girl", 20, 30), ("boy", 45, 33)):
            children(
                50,
                JULY,
                gender=(gender, gender, 50),
                respect=("yes", "no", respect),
                explained=("yes", "no", explained),
                listened=("yes", "no", 31),
                had_a_say=("yes", "no", 25),
            )
        children(
            100,
            MAY,
            listened=("yes", "no", 66),
            had_a_say=("yes", "no", 80),
            explained=("yes", "no", 63),
            respect=("yes", "no", 65),
        )
        for i in range(40):
            answers = {**PARENT, "listened": "always" if i < 34 else "never"}
            save_response("parent-carer", answers, submitted_at=JULY)
        for i in range(20):
            answers = {
                **VICTIM,
                "anything_else": "",
                "kept_informed": None,
                "overall": "5" if i < 15 else "3",
                "heard": "yes" if i < 15 else "no",
                "safe_supported": "yes" if i < 12 else "no",
                "pathway": "court" if i < 12 else "out_of_court",
            }
            save_response("victim-satisfaction", answers, submitted_at=JULY)
        for i in range(10):
            answers = {**VICTIM, "anything_else": "", "kept_informed": None}
            answers["overall"] = "5" if i < 9 else "4"
            answers["safe_supported"] = "yes" if i < 5 else "no"
            save_response("victim-satisfaction", answers, submitted_at=MAY)
        save_response("working-with-us", CHILD, submitted_at=datetime(2026, 6, 30, 22))


def run_report(runner, tmp_path, *extra):
    result = runner.invoke(
        args=["report", "--quarter", "2026-27-Q2", "--out", str(tmp_path), *extra]
    )
    assert result.exit_code == 0, result.output
    return tmp_path


def read_csv(folder, key):
    with (folder / f"triangulation-2026-27-Q2-{key}.csv").open(encoding="utf-8") as fh:
        return list(csv.reader(fh))


def page_text(folder) -> str:
    html = (folder / "triangulation-2026-27-Q2.html").read_text(encoding="utf-8")
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def key_messages(folder) -> list[str]:
    html = (folder / "triangulation-2026-27-Q2.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    items = soup.select("#key-messages + ol li")
    return [" ".join(li.get_text(" ").replace("See the figures", "").split()) for li in items]


def test_key_messages_state_real_divergences_and_changes_but_not_noise(
    known_data, runner, tmp_path
):
    folder = run_report(runner, tmp_path)
    messages = key_messages(folder)
    assert 5 <= len(messages) <= 8
    said = " ".join(messages)
    assert (
        "Parents and carers say we listen (85% of 40) far more often than children (62% of 100)."
        in said
    )
    assert (
        "The share of children who say they are involved and have a say fell from 80% of 101 to "
        "50% of 100 since last quarter (2026-27-Q1)." in said
    )
    assert (
        "Girls and young women say they are treated with respect less often than boys and "
        "young men " in said
    )
    # 62% against 66% last quarter, and 60% against 66% on "explained": noise, never stated.
    assert "say we listen fell" not in said and "say we listen rose" not in said
    assert "explain things clearly" not in page_text(folder).split("Contents")[0]
    assert messages[-3].startswith("Victims this quarter (20 answered): 75% very satisfied")
    measures = {(r[0], r[1]): r for r in read_csv(folder, "measures")}
    listened = measures[("Listened to", "Children")]
    assert listened[3:6] == ["62", "100", "0.62"]
    assert listened[-2] == "-4.3"  # 62 of 100 against 67 of 101; too few to tell
    assert "-4 points (too few answers to tell)" in page_text(folder)


def test_every_message_links_to_the_section_that_holds_its_figures(known_data, runner, tmp_path):
    folder = run_report(runner, tmp_path)
    html = (folder / "triangulation-2026-27-Q2.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    links = [a["href"] for a in soup.select("#key-messages + ol li a")]
    assert links and all(soup.find(id=link[1:]) for link in links)


def test_victim_kpis_this_quarter_year_to_date_and_last_years_result(known_data, runner, tmp_path):
    folder = run_report(runner, tmp_path)
    rows = read_csv(folder, "victim_kpis")
    assert rows[0][-1] == "Last year's result (2025-26)"
    assert not any("Target" in column for column in rows[0])
    kpis = {r[0]: r for r in rows[1:]}
    # this quarter: count, base, share; year to date (Q1 and Q2): count, base, share; last year
    assert kpis["% very satisfied"][1:] == ["15", "20", "0.75", "24", "30", "0.8", "86%"]
    assert kpis["% felt safe and supported"][1:4] == ["12", "20", "0.6"]
    pathways = {r[0]: r for r in read_csv(folder, "victim_kpis_by_pathway")[1:]}
    assert pathways["In court"][1] == "12"
    # 8 out of court: a share of fewer than 10 answers is not shown, counts and all.
    assert pathways["Out of court"][2:5] == ["not shown"] * 3


def test_a_victim_target_shows_only_when_the_service_sets_one(known_data, app):
    from analysis.quarters import Quarter
    from analysis.report import build_report
    from feedback_app import db
    from feedback_app.surveys_registry import all_definitions

    settings = {
        "victim_results": {"year": "2025-26", "kpi_very_satisfied": 86},
        "victim_targets": {"kpi_very_satisfied": 90},
    }
    with app.app_context():
        report = build_report(
            db.engine(), all_definitions(), Quarter.parse("2026-27-Q2"), settings=settings
        )
    table = report.section("victims").tables[0]
    assert table.columns[-1] == "Target" and table.rows[0][-1] == "90%"
    assert "Below the service's target: very satisfied." in report.key_messages[-3].text


def test_quarter_boundaries_and_small_counts(known_data, runner, tmp_path):
    folder = run_report(runner, tmp_path)
    responses = {r[0]: r for r in read_csv(folder, "headline")}
    assert responses["Children"][1:3] == ["100", "101"]  # 30 June 22:00 UTC is in Q1
    assert responses["Tell us messages"][1] == "0"


def test_disproportionality_names_a_real_gap_on_every_measure_not_only_overall(
    known_data, runner, tmp_path
):
    folder = run_report(runner, tmp_path)
    rows = {r[0]: r for r in read_csv(folder, "equality_children_gender")}
    header = read_csv(folder, "equality_children_gender")[0]
    respect = header.index("Treated with respect: count")
    assert rows["Girl or young woman"][respect : respect + 3] == ["20", "50", "0.4"]
    assert rows["Boy or young man"][respect : respect + 3] == ["45", "50", "0.9"]
    text = page_text(folder)
    assert (
        "Girls and young women say they are treated with respect less often than boys and "
        "young men (40% of 50 against 90% of 50, a gap of 50 points)." in text
    )
    assert "say we explain things clearly less often" not in text


def test_a_gap_never_counts_a_group_the_table_hides(app, runner, tmp_path):
    """Girls 60 (respect 15), boys 60 (respect 50), 3 children who describe themselves another
    way and 6 who prefer not to say (both hidden). Comparing the girls with everyone else who
    said would put 63 in the sentence, and 63 - 60 gives the hidden group away; the sentence
    compares the boys, as the table shows them."""
    with app.app_context():
        groups = (("girl", 60, 15), ("boy", 60, 50), ("other_way", 3, 3), ("prefer_not", 6, 3))
        for gender, n, respect in groups:
            children(n, JULY, gender=(gender, gender, n), respect=("yes", "no", respect))
    folder = run_report(runner, tmp_path)
    rows = {r[0]: r for r in read_csv(folder, "equality_children_gender")}
    assert "3" not in rows["In another way"][1:]
    text = page_text(folder)
    assert (
        "Girls and young women say they are treated with respect less often than boys and young "
        "men (25% of 60 against 83% of 60, a gap of 58 points)." in text
    )
    assert "of 63" not in text and "of 123" not in text


def test_no_option_code_appears_on_the_page(known_data, runner, tmp_path):
    from tests.conftest import definitions

    folder = run_report(runner, tmp_path)
    text = page_text(folder)
    codes = {"qr", "not asked", "with_worker", "parent carer"}
    labels = " ".join(
        o.label.lower() for d in definitions().values() for q in d.questions for o in q.options
    )
    for definition in definitions().values():
        for question in definition.questions:
            codes |= {o.value for o in question.options if "_" in o.value}
            codes |= {
                o.value.replace("_", " ")
                for o in question.options
                if "_" in o.value and o.value.replace("_", " ") not in labels
            }
    for code in sorted(codes):
        assert not re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", text), code


def test_html_is_self_contained_and_every_table_has_its_data_file(known_data, runner, tmp_path):
    folder = run_report(runner, tmp_path)
    html = (folder / "triangulation-2026-27-Q2.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(src=True) + soup.find_all(href=True):
        target = tag.get("src") or tag.get("href")
        assert target.startswith("#"), f"external reference {target}"
    assert "Plotly" in html  # plotly.js embedded, no CDN
    for table in soup.select("table.data"):
        key = table["id"].removeprefix("table-").replace("-", "_")
        assert (folder / f"triangulation-2026-27-Q2-{key}.csv").exists(), key
    assert (folder / "triangulation-2026-27-Q2.xlsx").exists()
    assert len(soup.select("nav ol li")) == len(soup.select(".report > section")) - 1


def test_the_workbook_holds_kpis_as_numbers_count_base_and_share(known_data, runner, tmp_path):
    from openpyxl import load_workbook

    folder = run_report(runner, tmp_path)
    book = load_workbook(folder / "triangulation-2026-27-Q2.xlsx")
    rows = {r[0]: r for r in book["victim_kpis"].iter_rows(min_row=3, values_only=True)}
    assert rows["% very satisfied"][1:4] == (15, 20, 0.75)
    assert all(isinstance(v, (int, float)) for v in rows["% very satisfied"][1:7])
    responses = {r[0]: r for r in book["headline"].iter_rows(min_row=3, values_only=True)}
    assert responses["Victims"][1] == 20 and isinstance(responses["Victims"][1], int)
    assert book["key_messages"]["A2"].value.startswith("Girls and young women say")


def test_a_single_team_report_and_a_bad_quarter(known_data, runner, tmp_path):
    result = runner.invoke(args=["report", "--quarter", "2026-Q2", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "write it like 2026-27-Q2" in result.output
    result = runner.invoke(
        args=["report", "--quarter", "2026-27-Q2", "--out", str(tmp_path), "--team", "narnia"]
    )
    assert result.exit_code == 2 and "no team 'narnia'" in result.output
    folder = run_report(runner, tmp_path, "--team", "shropshire")
    assert (folder / "triangulation-2026-27-Q2-shropshire.html").exists()
    responses = {r[0]: r for r in read_csv_team(folder, "headline")}
    assert responses["Children"][1] == "100" and responses["Victims"][1] == "0"


def read_csv_team(folder, key):
    with (folder / f"triangulation-2026-27-Q2-shropshire-{key}.csv").open(encoding="utf-8") as fh:
        return list(csv.reader(fh))


def test_each_team_sees_its_own_key_measures(app, runner, tmp_path):
    with app.app_context():
        for i in range(12):
            answers = {**CHILD, "team": "herefordshire", "overall": "5" if i < 7 else "2"}
            save_response("working-with-us", answers, submitted_at=datetime(2026, 8, 1, 12))
        for _ in range(3):
            save_response("working-with-us", CHILD, submitted_at=datetime(2026, 8, 1, 12))
    rows = {r[0]: r for r in read_csv(run_report(runner, tmp_path), "by_team_measures")}
    assert rows["Herefordshire"][1:4] == ["7", "12", "0.5833"]
    assert rows["Shropshire"][1] == "not shown"  # 3 children: too few to show a share


def test_complaints_by_stage_timeliness_decision_and_learning(app, runner, tmp_path):
    from datetime import date

    from feedback_app import db
    from feedback_app.models import TellUsCase
    from feedback_app.services import cases
    from tests.staff_helpers import make_user

    decisions = ["upheld"] * 3 + ["partly_upheld"] * 2 + ["not_upheld"] * 4 + ["withdrawn"]
    with app.app_context():
        lead = make_user("complaints_lead")
        for _ in decisions:
            save_response(
                "tell-us",
                VALID_ANSWERS["tell-us"],
                submitted_at=datetime(2026, 7, 6, 10),
                received_at=date(2026, 7, 6),
            )
        with db.transaction() as session:
            rows = session.query(TellUsCase).order_by(TellUsCase.id).all()
            for case, decision in zip(rows, decisions, strict=True):
                with pytest.raises(cases.CaseError):
                    cases.close(session, case, lead, decision="made_up")
                if decision != "withdrawn":
                    cases.respond(session, case, lead, "We said sorry.", on=date(2026, 7, 10))
                cases.close(
                    session,
                    case,
                    lead,
                    decision=decision,
                    learning="Ring back within two days." if decision == "upheld" else "",
                )
    folder = run_report(runner, tmp_path)
    counts = {r[0]: r[1] for r in read_csv(folder, "complaints_decisions")[1:]}
    assert counts == {
        "Upheld": "fewer than 5",
        "Partly upheld": "fewer than 5",
        "Not upheld": "fewer than 5",
        "Withdrawn": "fewer than 5",
        "Still open": "0",
    }
    learning = read_csv(folder, "complaints_learning")[1:]
    assert [r[:2] for r in learning] == [["Upheld", "Ring back within two days."]] * 3
    timeliness = {r[0]: r[1:] for r in read_csv(folder, "complaints_timeliness")[1:]}
    # Nine answered (the withdrawn one never was), all in time: under ten, so no share.
    assert timeliness["Answered"][0] == "too few to tell (9 of 9)."
    who = {r[0]: r[1] for r in read_csv(folder, "complaints_by_who")[1:]}
    assert who["A parent or carer"] == "10"
