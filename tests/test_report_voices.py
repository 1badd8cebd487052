"""The report puts each professional voice apart, and the panel forms beside children."""

from __future__ import annotations

import csv
from datetime import datetime

from tests.answers import VALID_ANSWERS
from tests.staff_helpers import save_response

JULY = datetime(2026, 7, 15, 12)
PROFESSIONAL = VALID_ANSWERS["service-feedback"]


def run_report(runner, tmp_path):
    result = runner.invoke(args=["report", "--quarter", "2026-27-Q2", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    return tmp_path


def read_csv(folder, key):
    with (folder / f"triangulation-2026-27-Q2-{key}.csv").open(encoding="utf-8") as fh:
        return list(csv.reader(fh))


def test_magistrates_are_a_column_of_their_own_and_volunteers_are_hidden_when_few(
    app, runner, tmp_path
):
    with app.app_context():
        for i in range(12):  # 12 magistrates: 9 say the service works well with children
            rating = "5" if i < 9 else "2"
            save_response(
                "service-feedback",
                {**PROFESSIONAL, "role": "magistrate", "works_with_children": rating},
                submitted_at=JULY,
            )
        for _ in range(3):
            save_response(
                "service-feedback", {**PROFESSIONAL, "role": "volunteer"}, submitted_at=JULY
            )
    folder = run_report(runner, tmp_path)
    headline = {row[0]: row[1:] for row in read_csv(folder, "headline")}
    assert headline["Magistrates"][0] == "12"
    assert headline["Volunteers"][0] == "fewer than 5"  # 3 volunteers: never the number
    assert "Staff and partners" not in headline  # no single column for every professional
    measures = {(r[0], r[1]): r for r in read_csv(folder, "measures")}
    assert measures[("Positive overall", "Magistrates")][3:6] == ["12", "12", "1.0"]
    volunteers = measures.get(("Positive overall", "Volunteers"))
    assert volunteers is None or volunteers[3:6] == ["not shown"] * 3
    themes = read_csv(folder, "themes")
    assert "Magistrates: count" in themes[0]
    volunteer_cell = themes[1][themes[0].index("Volunteers")]
    assert volunteer_cell == "fewer than 5"


def test_training_shows_percent_positive_per_course_and_activities_hide_small_numbers(
    app, runner, tmp_path
):
    training = VALID_ANSWERS["training-feedback"]
    with app.app_context():
        for i in range(15):  # 15 on Child First practice: 9 rate it good or excellent
            answers = {**training, "course": "child_first", "overall": "4" if i < 9 else "2"}
            save_response("training-feedback", answers, submitted_at=JULY)
        for _ in range(3):  # 3 children rated the VR headsets
            save_response("panel-feedback", VALID_ANSWERS["panel-feedback"], submitted_at=JULY)
    folder = run_report(runner, tmp_path)
    courses = {row[0]: row[1:] for row in read_csv(folder, "training")}
    assert courses["Child First practice"] == ["15", "9", "15", "0.6"]
    html = (folder / "triangulation-2026-27-Q2.html").read_text(encoding="utf-8")
    assert "15 answered after 1 course this quarter and 60% of them (9) rated their" in html
    activities = {row[0]: row[1:] for row in read_csv(folder, "interventions")}
    assert activities["The VR headsets"][0] == "fewer than 5"
    assert "not shown" in activities["The VR headsets"]


def staff(team: str | None, wellbeing: str, when: datetime) -> None:
    answers = {**VALID_ANSWERS["staff-survey"], "team": team or "not_sure", "wellbeing": wellbeing}
    save_response("staff-survey", answers, submitted_at=when)


def test_the_staff_survey_is_shown_year_on_year_only_for_groups_of_ten_or_more(
    app, runner, tmp_path
):
    with app.app_context():
        for n in range(20):  # 2025: 20 answered, 15 agree their wellbeing is good
            staff(None, "4" if n < 15 else "2", datetime(2025, 1, 14, 9, n))
        for n in range(12):  # 2026: Shropshire 12 (6 agree), Herefordshire 4, 10 with no team
            staff("shropshire", "5" if n < 6 else "2", datetime(2026, 1, 13, 9, n))
        for n in range(4):
            staff("herefordshire", "2", datetime(2026, 1, 13, 10, n))
        for n in range(10):
            staff(None, "4" if n < 2 else "1", datetime(2026, 1, 13, 11, n))
    folder = run_report(runner, tmp_path)
    rows = read_csv(folder, "staff_survey")
    assert rows[0][:3] == ["Group", "Statement", "Answered"]
    assert rows[0][3:6] == ["Agree 2026: count", "Agree 2026: base", "Agree 2026: share"]
    wellbeing = {r[0]: r[2:] for r in rows[1:] if r[1] == "My wellbeing at work is good."}
    # By hand: 2026 whole service 8 of 26 agree; 2025 15 of 20; Shropshire 6 of 12.
    assert wellbeing["Whole service"][:7] == ["26", "8", "26", "0.3077", "15", "20", "0.75"]
    assert wellbeing["Whole service"][7] == "-44.2"
    assert wellbeing["Shropshire"][:4] == ["12", "6", "12", "0.5"]
    assert wellbeing["Shropshire"][4:] == ["not shown"] * 4  # no Shropshire group in 2025
    assert "Herefordshire" not in wellbeing  # 4 answers: never shown
    html = (folder / "triangulation-2026-27-Q2.html").read_text(encoding="utf-8")
    words = " ".join(html.split())
    assert (
        "Staff and volunteers agreeing that &#39;My wellbeing at work is good&#39; fell from 75% "
        "of 20 in 2025 to 31% of 26 in 2026."
        in words
        or "agreeing that 'My wellbeing at work is good' fell from 75% of 20 in 2025 to 31% of 26"
        in words
    )
    assert "Colleagues who always help" not in words  # no answer of the survey itself


def test_each_named_activity_shows_childrens_and_parents_ratings_and_themes_with_suppression(
    app, runner, tmp_path
):
    from analysis.text_signals import THEMES

    child = {**VALID_ANSWERS["working-with-us"], "best_thing": "", "interventions": ["vr_headsets"]}
    parent = {**VALID_ANSWERS["parent-carer"], "went_well": "", "do_better": ""}
    with app.app_context():
        for n in range(15):  # 15 children rated the VR headsets: 10 really good, 5 bad
            answers = {**child, "iv_vr_headsets": "5" if n < 10 else "2"}
            if n >= 9:  # 6 of them wrote about it
                answers["iv_vr_headsets_words"] = (
                    "It made me feel sick and dizzy, the headset was too heavy"
                )
            save_response("working-with-us", answers, submitted_at=JULY)
        for _ in range(6):  # 6 parents rated it for their child
            answers = {**parent, "interventions": ["vr_headsets"], "iv_vr_headsets": "4"}
            save_response("parent-carer", answers, submitted_at=JULY)
    folder = run_report(runner, tmp_path)
    rows = read_csv(folder, "interventions")
    assert rows[0][:4] == [
        "Activity",
        "Children: ratings",
        "Children: good: count",
        "Children: good: base",
    ]
    vr = {r[0]: r[1:] for r in rows[1:]}["The VR headsets"]
    # By hand: children 10 of 15 good; 6 parents, too few for a share.
    assert vr == ["15", "10", "15", "0.6667", "6", "not shown", "not shown", "not shown"]
    written = read_csv(folder, "intervention_themes")[1:]
    assert ["The VR headsets", THEMES["activities_and_reparation"], "6"] in [r[:3] for r in written]
    html = (folder / "triangulation-2026-27-Q2.html").read_text(encoding="utf-8")
    assert "Children rated the VR headsets good or better in 67% of 15 ratings." in html


def test_four_magistrates_are_counted_but_their_answers_are_hidden(app, runner, tmp_path):
    with app.app_context():
        for _ in range(4):
            save_response(
                "service-feedback", {**PROFESSIONAL, "role": "magistrate"}, submitted_at=JULY
            )
    folder = run_report(runner, tmp_path)
    headline = {row[0]: row[1:] for row in read_csv(folder, "headline")}
    assert headline["Magistrates"][0] == "fewer than 5"
    measures = {(r[0], r[1]): r for r in read_csv(folder, "measures")}
    hidden = measures.get(("Positive overall", "Magistrates"))
    assert hidden is None or hidden[3:6] == ["not shown"] * 3
