"""Each section of the Board paper opens by saying what its table shows and whether a
difference in it matters: on small known data (in memory, no database), a planted difference
is stated, a noise-level one reads "too few answers to tell", and a hidden figure never
appears in the words."""

from __future__ import annotations

from datetime import date

import pytest

from analysis.quarters import Quarter
from analysis.report import (
    complaints,
    response_rates,
    restorative,
    staff_survey,
    themes,
    voices,
    volumes,
)
from analysis.report.data import (
    CaseRow,
    ChoiceRow,
    FinishedCountRow,
    ReportData,
    ResponseRow,
    StaffSurveyRow,
    TextRow,
)
from surveys.loader import load_surveys

NOW, LAST = Quarter(2026, 2), Quarter(2026, 1)


@pytest.fixture(scope="module")
def definitions():
    return load_surveys()


def data() -> ReportData:
    return ReportData(quarters=[NOW.same_quarter_last_year(), LAST, NOW])


def respond(found: ReportData, survey: str, quarter: Quarter = NOW, source=None, team=None, **a):
    """One response with the given answers (a list answer is a multiple choice)."""
    rid = len(found.responses) + 1
    found.responses[rid] = ResponseRow(rid, survey, source, quarter, "web", team, None, None)
    for question, value in a.items():
        for one in value if isinstance(value, list) else [value]:
            found.choices.append(ChoiceRow(rid, question, one))
    return rid


def trained(found: ReportData, course: str, good: int, of: int, quarter: Quarter = NOW) -> None:
    for i in range(of):
        overall = "5" if i < good else "2"
        respond(found, "training-feedback", quarter, course=course, overall=overall)


def test_training_states_a_real_gap_between_courses_and_a_real_change(definitions):
    found = data()
    trained(found, "child_first", 25, 30)
    trained(found, "safeguarding", 12, 30)
    trained(found, "child_first", 10, 40, LAST)
    opening = voices.training(found, definitions).findings
    assert opening[0] == (
        "60 answered after 2 courses this quarter and 62% of them (37) rated their session good "
        "or excellent, up from 25% of 40 last quarter."
    )
    assert opening[1] == (
        "Rated best: Child First practice (83% of 30); least: Safeguarding children "
        "(40% of 30): a gap beyond noise."
    )


def test_training_does_not_read_noise_as_a_difference(definitions):
    found = data()
    trained(found, "child_first", 20, 30)
    trained(found, "safeguarding", 18, 30)
    trained(found, "child_first", 24, 40, LAST)
    said = " ".join(voices.training(found, definitions).findings)
    assert "(60% of 40 last quarter: too few answers to tell a change)" in said
    assert "(60% of 30): too few answers to tell them apart." in said
    assert "up from" not in said and "beyond noise" not in said


def test_training_leaves_out_a_total_that_would_give_away_one_hidden_course(definitions):
    found = data()
    trained(found, "child_first", 20, 30)
    trained(found, "safeguarding", 18, 30)
    trained(found, "exploitation", 6, 7)  # 7 answers: its share is hidden
    opening = voices.training(found, definitions).findings
    assert opening[0] == "Feedback came in after 3 courses this quarter."
    found = data()
    trained(found, "child_first", 2, 3)
    assert voices.training(found, definitions).findings[0] == (
        "Fewer than 5 answered after 1 course this quarter: too few answers to tell what share "
        "rated their session good or excellent."
    )
    assert "of 67" not in " ".join(opening) and "44" not in " ".join(opening)


def survey_rows(year: int, answered: int, agree: dict[str, int]) -> list[StaffSurveyRow]:
    return [
        StaffSurveyRow(year, "whole_service", answered, q, answered, 100 * n / answered)
        for q, n in agree.items()
    ]


def test_staff_survey_names_the_most_and_least_agreed_and_says_why_a_year_is_not_compared(
    definitions,
):
    found = data()
    found.staff_survey = survey_rows(2026, 40, {"valued": 34, "supervision": 16, "morale": 30})
    found.staff_survey += survey_rows(2025, 11, {"valued": 10, "supervision": 9})
    opening = staff_survey.section(found, definitions).findings
    assert opening[0] == (
        "40 staff and volunteers answered the 2026 survey. Most agreed: 'I feel valued for the "
        "work I do' (85% of 40); least: 'I get good supervision and support' (40% of 40): a gap "
        "beyond noise."
    )
    assert opening[1] == (
        "The 2025 survey (11 answered) cannot be compared: too few agreed, or did not, to show "
        "its shares."
    )
    assert not any("changed beyond noise" in line for line in opening)


def test_staff_survey_statements_within_noise_are_not_told_apart(definitions):
    found = data()
    found.staff_survey = survey_rows(2026, 40, {"valued": 28, "supervision": 26})
    found.staff_survey += survey_rows(2025, 40, {"valued": 26, "supervision": 25})
    said = " ".join(staff_survey.section(found, definitions).findings)
    assert "(65% of 40): too few answers to tell them apart." in said
    assert "No statement changed beyond noise since 2025 (2 compared)." in said


def rate(found: ReportData, activity: str, good: int, of: int) -> None:
    for i in range(of):
        answers = {"interventions": [activity], f"iv_{activity}": "5" if i < good else "2"}
        respond(found, "working-with-us", source="children", **answers)


def test_activities_opening_states_a_real_gap_and_not_a_noise_level_one(definitions):
    found = data()
    rate(found, "boxing", 25, 30)
    rate(found, "morse_youth", 12, 30)
    rate(found, "vr_headsets", 3, 4)  # too few ratings: never in the words
    said = voices.interventions(found, definitions, {}).findings
    assert said == [
        "Children rated 3 named activities this quarter. Rated best: Boxing or another sport "
        "(83% of 30); least: MORSE Youth (40% of 30): a gap beyond noise."
    ]
    found = data()
    rate(found, "boxing", 20, 30)
    rate(found, "morse_youth", 18, 30)
    said = voices.interventions(found, definitions, {}).findings
    assert said[0].endswith("(60% of 30): too few answers to tell them apart.")


def test_response_rates_open_with_each_whole_rate_and_its_base_and_hide_a_small_one(definitions):
    found = data()
    found.team_names = {"herefordshire": "Herefordshire"}
    for audience, survey, gave, finished in (
        ("children", "working-with-us", 40, 100),
        ("victims", "victim-satisfaction", 3, 8),
    ):
        found.finished.append(FinishedCountRow("herefordshire", audience, None, None, finished))
        for _ in range(gave):
            respond(found, survey, source=audience, team="herefordshire")
    opening = response_rates.section(found, definitions).findings[0]
    assert opening == (
        "Of those who finished with the service this quarter, 40 of 100 children gave feedback "
        "(40%) and too few victims to show a rate."
    )


def test_who_gave_feedback_says_whether_the_total_changed_beyond_chance(definitions):
    found = data()
    for quarter, children in ((NOW, 120), (LAST, 60)):
        for _ in range(children):
            respond(found, "working-with-us", quarter, source="children")
    opening = volumes.headline(found, definitions, {}).findings
    assert opening[0] == (
        "120 responses this quarter in all (up from 60 last quarter, beyond chance; none are "
        "recorded for the same quarter last year). Children sent the most (120)."
    )
    assert opening[1] == "Responses from children rose from 60 to 120 since last quarter."
    found = data()
    for quarter, children in ((NOW, 100), (LAST, 95)):
        for _ in range(children):
            respond(found, "working-with-us", quarter, source="children")
    opening = volumes.headline(found, definitions, {}).findings
    assert "(against 95 last quarter, a difference within chance;" in opening[0]
    assert opening[1] == (
        "No single source's number of responses changed beyond chance since last quarter."
    )


def test_a_handful_of_complaints_reads_fewer_than_5_on_page_one_as_in_the_tables(definitions):
    found = data()
    day = date(2026, 7, 6)
    found.cases = [
        CaseRow("complaint", 1, "closed", "parent", None, day, day, day, day, day, "upheld", None,
                None, ())
        for _ in range(3)
    ]  # fmt: skip
    section = complaints.section(found, definitions)
    assert section.messages[0].text.startswith("Complaints: fewer than 5 received this quarter")
    said = "Complaints: fewer than 5 received this quarter (none at stage 2)."
    assert section.findings[0] == said
    assert not any("3" in line for line in [section.messages[0].text, *section.findings])
    found.cases = []
    assert complaints.section(found, definitions).findings == [
        "No complaints were received this quarter."
    ]


def test_the_quotes_open_by_saying_what_a_quote_is_and_count_as_the_themes_table():
    found = data()
    for n in range(6):
        rid = respond(found, "working-with-us", source="children")
        found.texts.append(TextRow(rid, rid, "do_better", 0.2, ("travel",), f"bus {n}", n == 0))
    main, quotes = themes.section(found, {"travel": "Getting there"}, frozenset({"travel"}))
    assert quotes.findings[0].startswith("One answer for the one theme named this quarter")
    assert quotes.tables[0].rows[0][2] == main.tables[0].rows[0][1]  # 6 in both, flagged too


def victims(found: ReportData, quarter: Quarter, *groups: tuple[int, list[str]]) -> None:
    for n, options in groups:
        for _ in range(n):
            respond(found, "victim-satisfaction", quarter, "victims", restorative_options=options)


def test_restorative_justice_states_a_real_rise_and_leaves_noise_unnamed(definitions):
    found = data()
    now = ((20, ["meeting", "shuttle"]), (11, ["letter"]), (3, ["chose_not"]), (6, ["none"]))
    victims(found, NOW, *now)
    victims(found, LAST, (5, ["meeting"]), (8, ["letter"]), (7, ["shuttle"]), (20, ["none"]))
    table, opening, messages = restorative.outcomes(found, definitions["victim-satisfaction"])
    assert [m.text for m in messages] == [
        "Victims offered a restorative option rose from 50% to 85% since last quarter (40 "
        "answered this quarter)."
    ]
    assert opening == [
        "85% of the 40 victims who answered were offered a restorative option or chose not to "
        "take part, up from 50% of 40 last quarter. Offered most: meeting the young person (50% "
        "of 40); fewer than 5 chose not to take part.",
        "Compared with last quarter, a larger share of victims said they were offered meeting "
        "the young person (50% against 12%) and passing messages through us (50% against 18%).",
    ]  # the letter, 28% against 20%, is within noise
    rows = {row[0]: [str(cell) for cell in row[1:]] for row in table.rows}
    assert rows["A letter of explanation"][:2] == ["28% (11 of 40)", "20% (8 of 40)"]
    assert rows["Chose not to take part"][0] == "not shown"  # 3 of 40: never the number


def test_restorative_justice_within_noise_is_said_to_be_so(definitions):
    found = data()
    victims(found, NOW, (24, ["letter"]), (6, ["none"]))
    victims(found, LAST, (22, ["letter"]), (8, ["none"]))
    _table, opening, messages = restorative.outcomes(found, definitions["victim-satisfaction"])
    assert messages == []
    assert "(73% of 30 last quarter: too few answers to tell a change)" in opening[0]
    assert "no one chose not to take part" in opening[0] and len(opening) == 1


def test_restorative_justice_says_nearly_all_rather_than_a_share_that_shows_the_few(definitions):
    found = data()
    victims(found, NOW, (30, ["shuttle"]), (3, ["none"]))
    _table, opening, _messages = restorative.outcomes(found, definitions["victim-satisfaction"])
    assert opening == [
        "All but fewer than 5 of the 33 victims who answered were offered a restorative option "
        "or chose not to take part; no one chose not to take part."
    ]  # shuttle, 30 of 33, would show the 3 too


def test_tone_names_the_warmest_and_coolest_source_and_tests_the_gap():
    def wrote(found: ReportData, source: str, tones: list[float]) -> None:
        for tone in tones:
            rid = respond(found, "working-with-us", source=source)
            found.texts.append(TextRow(rid, rid, "do_better", tone, (), "words", False))

    found = data()
    wrote(found, "victims", [0.6, 0.5, 0.7, 0.4, 0.6, 0.5])
    wrote(found, "parents", [-0.2, -0.1, -0.3, 0.0, -0.2, -0.1])
    said = themes.sentiment(found).findings[0]
    assert said.startswith("This quarter victims wrote most positively (mean +0.55 over 6")
    assert said.endswith("parents and carers least (mean -0.15 over 6): a difference beyond noise.")
    found = data()
    wrote(found, "victims", [0.9, -0.8, 0.7, -0.6, 0.5, 0.1])
    wrote(found, "parents", [0.8, -0.9, 0.6, -0.7, 0.4, 0.0])
    assert themes.sentiment(found).findings[0].endswith("too few answers to tell them apart.")


def test_the_measures_open_by_counting_what_could_be_compared_and_what_differs(definitions):
    from analysis.report import measures

    found = data()
    for i in range(60):
        respond(found, "working-with-us", source="children", listened="yes" if i < 30 else "no")
        answer = "always" if i < 54 else "never"
        respond(found, "parent-carer", source="parents", listened=answer)
    section = measures.section(found, definitions, measures.tally(found, definitions))
    assert section.findings[0] == (
        "1 measure had enough answers from two or more sources to set side by side this "
        "quarter: sources differ beyond noise on 1 and agree within 10 points on 0; 0 shares "
        "changed beyond noise since last quarter or last year."
    )
    assert section.findings[1].startswith("Parents and carers say we listen (90% of 60)")
