"""The surveys for training, the staff survey, panels and named interventions: each loads its
lists from the settings file, prints on paper, exports and imports back, and the anonymous staff
survey is open only in its window and never reaches a row-level view."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select, text

from feedback_app import db
from feedback_app.models import Answer, Response
from feedback_app.services import survey_windows
from feedback_app.services.surveys import refresh_question_info
from feedback_app.surveys_registry import all_definitions
from surveys import SurveyDefinitionError, load_survey
from surveys.service_settings import settings_section
from tests.answers import VALID_ANSWERS
from tests.conftest import definitions, form_tokens, page, submit_form, text_of
from tests.staff_helpers import login, make_user, save_response
from tests.test_exports import answers_by_time, export

NEW_SURVEYS = ["training-feedback", "staff-survey", "panel-feedback", "panel-member-feedback"]


def test_training_courses_and_interventions_are_the_lists_in_the_settings_file():
    courses = definitions()["training-feedback"].question("course").options
    assert [(o.value, o.label) for o in courses] == [
        (c["value"], c["label"]) for c in settings_section("training")["courses"]
    ]
    panel = definitions()["panel-feedback"]
    listed = settings_section("interventions")["list"]
    for item in listed:
        rating = panel.question(f"iv_{item['value']}")
        words = panel.question(f"iv_{item['value']}_words")
        assert item["label"] in rating.label and rating.about == item["value"]
        assert rating.role == "intervention_rating" and words.role == "intervention_text"
        assert rating.show_if.question == "interventions"
    names = {o.label for o in panel.question("interventions").options}
    assert {"The VR headsets", "Take what you need", "Turnaround", "None of these"} <= names


def test_a_list_missing_from_the_settings_file_names_the_file_and_question(tmp_path):
    (tmp_path / "settings").mkdir()
    (tmp_path / "settings" / "service.toml").write_text("[training]\ncourses = []\n")
    (tmp_path / "course-test.toml").write_text(
        'slug = "course-test"\ntitle = "T"\naudience = "professionals"\nprivacy = "p"\n'
        'thanks = "t"\nposter_text = "p"\n[[questions]]\nid = "course"\ntype = "choice"\n'
        'label = "Which course?"\noptions_from = "training.courses"\n'
    )
    with pytest.raises(SurveyDefinitionError) as error:
        load_survey(tmp_path / "course-test.toml")
    assert "course-test.toml, question 'course'" in str(error.value)
    assert "no list of two or more" in str(error.value)


def test_a_follow_up_about_an_activity_not_ticked_is_not_stored(client, session):
    answers = {**VALID_ANSWERS["panel-feedback"], "iv_turnaround": "1"}
    assert submit_form(client, "/forms/panel-feedback", answers).status_code == 303
    stored = {a.question_id for a in session.scalars(select(Answer))}
    assert {"iv_vr_headsets", "iv_vr_headsets_words", "iv_boxing"} <= stored
    assert "iv_turnaround" not in stored


def test_none_of_these_cannot_be_ticked_with_an_activity(client, session):
    answers = {**VALID_ANSWERS["panel-feedback"], "interventions": ["none_of_these", "boxing"]}
    sent = submit_form(client, "/forms/panel-feedback", answers)
    assert sent.status_code == 400
    assert "Select 'None of these' on its own" in text_of(page(sent))
    assert session.scalar(select(Response.id)) is None


def test_the_childrens_panel_form_has_easy_read_words_and_pictures(client):
    soup = page(client.get("/forms/panel-feedback?easy=1"))
    body = text_of(soup)
    assert "Did you understand the panel?" in body
    assert soup.select("img.symbol")
    assert "Childline" in body


def test_the_staff_survey_is_closed_outside_its_window(client, session, monkeypatch):
    window = survey_windows.survey_window(definitions()["staff-survey"])
    opened_in_time = form_tokens(client.get("/forms/staff-survey"))
    monkeypatch.setattr(survey_windows, "today", lambda: window.closes_on.replace(day=28))
    closed = client.get("/forms/staff-survey")
    assert "is closed" in text_of(page(closed))
    assert window.opens_on.strftime("%-d %B %Y") in closed.get_data(as_text=True)
    sent = client.post(
        "/forms/staff-survey", data={**opened_in_time, **VALID_ANSWERS["staff-survey"]}
    )
    assert sent.status_code == 409
    assert session.scalar(select(Response.id)) is None


@pytest.mark.parametrize("slug", NEW_SURVEYS)
def test_paper_version_prints_every_question(app, client, slug, signed_in):
    signed_in("practitioner")
    body = text_of(page(client.get(f"/staff/paper/{slug}")))
    for question in definitions()[slug].questions:
        if question.role not in {"help_offer", "help_contact"}:
            assert question.label in body, question.id


@pytest.mark.parametrize("slug", NEW_SURVEYS)
def test_export_then_import_gives_the_same_answers(app, runner, session, tmp_path, slug):
    with app.app_context():
        for day in (1, 2):
            save_response(slug, VALID_ANSWERS[slug], submitted_at=datetime(2026, 7, day, 9))
    before = answers_by_time(session, slug)
    assert exported_and_imported_back(app, runner, session, tmp_path, slug) == before


def exported_and_imported_back(app, runner, session, tmp_path, slug: str) -> dict:
    """July's responses exported as a wide XLSX, every response deleted, the file imported."""
    path = export(runner, tmp_path, slug, ".xlsx", "--with-restricted")
    with app.app_context(), db.transaction() as own:
        for response in own.scalars(select(Response)):
            own.delete(response)
    result = runner.invoke(args=["import-responses", str(path), "--survey", slug, "--yes"])
    assert result.exit_code == 0, result.output
    return answers_by_time(session, slug)


def test_only_an_admin_can_export_the_anonymous_staff_survey(app, client, signed_in):
    signed_in("champion")
    refused = client.get("/staff/exports?survey=staff-survey&download=1")
    assert refused.status_code == 400
    assert "only an admin can export" in refused.get_data(as_text=True)


def staff_answers(team: str | None, rating: str) -> dict:
    values = dict.fromkeys(("wellbeing", "morale", "workload", "supervision"), rating)
    return {**VALID_ANSWERS["staff-survey"], **values, "team": team or "not_sure"}


def view_rows(app) -> list[dict]:
    with app.app_context(), db.engine().connect() as connection:
        found = connection.execute(text("SELECT * FROM v_staff_survey"))
        return [dict(r._mapping) for r in found]


def test_staff_survey_answers_reach_only_the_aggregate_view_and_only_for_ten_or_more(app):
    with app.app_context():
        with db.transaction() as session:
            refresh_question_info(session, all_definitions())
        # 2027: 12 in Shropshire (9 agree on wellbeing), 3 with no team.
        for n in range(12):
            rating = "4" if n < 9 else "2"
            save_response(
                "staff-survey",
                staff_answers("shropshire", rating),
                submitted_at=datetime(2027, 1, 12, 9, n),
            )
        for n in range(3):
            save_response(
                "staff-survey", staff_answers(None, "5"), submitted_at=datetime(2027, 1, 13, 9, n)
            )
        with db.engine().connect() as connection:
            for view in ("v_responses", "v_answers", "v_text_signals"):
                survey_rows = connection.execute(
                    text(f"SELECT COUNT(*) FROM {view} WHERE survey = 'staff-survey'")  # noqa: S608
                ).scalar()
                assert survey_rows == 0, view
    rows = view_rows(app)
    # The whole service (15) is shown; Shropshire is not, as the other 3 could be worked out.
    assert {r["team_group"] for r in rows} == {"whole_service"}
    wellbeing = next(r for r in rows if r["question_id"] == "wellbeing")
    assert wellbeing["survey_year"] == 2027 and wellbeing["responses"] == 15
    assert wellbeing["answers"] == 15
    assert wellbeing["percent_agree"] == pytest.approx(100 * 12 / 15)  # 9 + 3 agree

    with app.app_context():
        for n in range(7):
            save_response(
                "staff-survey", staff_answers(None, "3"), submitted_at=datetime(2027, 1, 14, 9, n)
            )
    # Now 10 answers sit outside Shropshire: its own rows can be shown.
    rows = view_rows(app)
    shropshire = next(
        r for r in rows if r["team_group"] == "shropshire" and r["question_id"] == "wellbeing"
    )
    assert shropshire["responses"] == 12
    assert shropshire["percent_agree"] == pytest.approx(75.0)


def test_a_window_not_set_keeps_the_survey_closed(monkeypatch):
    monkeypatch.setattr(survey_windows, "settings_section", lambda name: {})
    window = survey_windows.survey_window(definitions()["staff-survey"])
    assert not window.is_open(date(2027, 1, 20))


# The children's and parents' own forms ask about the named activities too.
ACTIVITIES = {
    "interventions": ["vr_headsets", "boxing"],
    "iv_vr_headsets": "5",
    "iv_vr_headsets_words": "It was sick, but the story choices were a bit limited",
    "iv_boxing": "2",
}


@pytest.mark.parametrize("slug", ["working-with-us", "parent-carer"])
def test_the_childrens_and_parents_forms_ask_store_print_and_export_the_activities(
    app, client, runner, session, tmp_path, slug
):
    form = text_of(page(client.get(f"/forms/{slug}")))
    assert "The VR headsets" in form and "Boxing or another sport" in form
    answers = {**VALID_ANSWERS[slug], **ACTIVITIES}
    assert submit_form(client, f"/forms/{slug}", answers).status_code == 303
    stored = {a.question_id: a for a in session.scalars(select(Answer))}
    assert stored["iv_vr_headsets"].value_choice == "5" and stored["iv_boxing"].value_choice == "2"
    assert "iv_turnaround" not in stored
    with app.app_context():
        user = make_user("practitioner")
    login(client, user.email)
    paper = text_of(page(client.get(f"/staff/paper/{slug}")))
    assert definitions()[slug].question("iv_vr_headsets").label in paper
    with app.app_context():
        save_response(slug, answers, submitted_at=datetime(2026, 7, 3, 9))
    before = {
        t: a for t, a in answers_by_time(session, slug).items() if t.year == 2026 and t.month == 7
    }
    after = exported_and_imported_back(app, runner, session, tmp_path, slug)
    assert (
        after == before
        and len(after) == 1
        and any("iv_vr_headsets_words" in a for a in after.values())
    )
