"""Survey definitions: every one loads, broken ones say where and what, edits make versions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from feedback_app.models import Response, SurveyVersion
from surveys import SURVEYS_DIR, SurveyDefinitionError, load_survey, load_surveys
from tests.answers import VALID_ANSWERS
from tests.conftest import submit_form

GOOD = """
slug = "{slug}"
title = "Test survey"
audience = "children"
privacy = "We keep it safe."
thanks = "Thanks."
poster_text = "Scan me."

[[questions]]
id = "listened"
type = "choice"
label = "Did we listen to you?"
required = true
error = "Choose if we listened to you"
options = [{{ value = "yes", label = "Yes" }}, {{ value = "no", label = "No" }}]
"""


def test_every_survey_definition_loads():
    surveys = load_surveys()
    assert set(surveys) == {
        "working-with-us",
        "parent-carer",
        "victim-satisfaction",
        "tell-us",
        "service-feedback",
        "training-feedback",
        "staff-survey",
        "panel-feedback",
        "panel-member-feedback",
    }
    for definition in surveys.values():
        assert definition.questions
        assert len({q.id for q in definition.questions}) == len(definition.questions)


def test_victim_kpi_questions_are_marked_for_the_report():
    victim = load_surveys()["victim-satisfaction"]
    assert {q.role for q in victim.questions} >= {"kpi_very_satisfied", "kpi_heard", "kpi_safe"}
    kpi1 = victim.question_with_role("kpi_very_satisfied")
    assert [o.label for o in kpi1.options][0] == "Very satisfied"


def test_demographic_questions_always_offer_prefer_not_to_say():
    for definition in load_surveys().values():
        for question in definition.questions:
            if question.role == "demographic":
                assert not question.required
                assert "Prefer not to say" in [o.label for o in question.options]


def write(tmp_path: Path, text: str, slug: str = "test-survey") -> Path:
    path = tmp_path / f"{slug}.toml"
    path.write_text(text)
    return path


def test_a_good_test_definition_loads(tmp_path):
    definition = load_survey(write(tmp_path, GOOD.format(slug="test-survey")))
    assert definition.question("listened").error == "Choose if we listened to you"


def test_each_source_says_which_answers_count_as_positive_for_a_shared_measure():
    """Children, parents and victims answer on different scales; the definitions say what
    counts as positive, so the report can put like with like."""
    surveys = load_surveys()
    listened = {
        slug: d.question(q.id).positive
        for slug, d in surveys.items()
        for q in d.measured
        if q.measure == "listened"
    }
    assert listened == {
        "working-with-us": ("yes",),
        "parent-carer": ("always", "mostly"),
        "victim-satisfaction": ("yes",),
        "panel-feedback": ("yes",),
        "panel-member-feedback": ("4", "5"),
    }
    for definition in surveys.values():
        for question in definition.measured:
            assert set(question.positive) <= {o.value for o in question.options}


BREAKAGES = [
    ('error = "Choose if we listened to you"', "", "listened", "has no 'error' message"),
    ('type = "choice"', 'type = "dropdown"', "listened", "type 'dropdown' is not one of"),
    ('id = "listened"', 'id = "Listened Q"', "Listened Q", "needs an 'id'"),
    (
        '{ value = "no", label = "No" }',
        '{ value = "yes", label = "No" }',
        "listened",
        "option value 'yes' is used twice",
    ),
    ('label = "Did we listen to you?"', 'label = ""', "listened", "has no label"),
    ("required = true", 'required = "yes"', "listened", "'required' must be true or false"),
    (
        'id = "listened"',
        'id = "listened"\nshow_if = { question = "later", equals = "yes" }',
        "listened",
        "not an earlier question",
    ),
    ('id = "listened"', 'id = "listened"\ncolour = "red"', "listened", "unknown key(s) colour"),
    ('id = "listened"', 'id = "csrf_token"', "csrf_token", "reserved"),
    ('id = "listened"', 'id = "listened"\nmeasure = "loudness"', "listened", "not one of"),
    ('id = "listened"', 'id = "listened"\nmeasure = "listened"', "listened", "'positive' list"),
    (
        'id = "listened"',
        'id = "listened"\nmeasure = "listened"\npositive = ["always"]',
        "listened",
        "positive value 'always' is not an option",
    ),
    ('id = "listened"', 'id = "listened"\npositive = ["yes"]', "listened", "with a 'measure'"),
]


@pytest.mark.parametrize(("old", "new", "question", "problem"), BREAKAGES)
def test_broken_definition_names_file_question_and_problem(tmp_path, old, new, question, problem):
    text = GOOD.format(slug="test-survey").replace(old, new, 1)
    with pytest.raises(SurveyDefinitionError) as caught:
        load_survey(write(tmp_path, text))
    message = str(caught.value)
    assert message.startswith(f"test-survey.toml, question '{question}': ")
    assert problem in message


def test_broken_toml_and_missing_fields_name_the_file(tmp_path):
    with pytest.raises(SurveyDefinitionError, match=r"^test-survey.toml: not valid TOML"):
        load_survey(write(tmp_path, "slug = "))
    text = GOOD.format(slug="test-survey").replace('thanks = "Thanks."', "")
    with pytest.raises(SurveyDefinitionError, match=r"^test-survey.toml: 'thanks' is missing"):
        load_survey(write(tmp_path, text))
    with pytest.raises(SurveyDefinitionError, match="does not match the file name"):
        load_survey(write(tmp_path, GOOD.format(slug="other-name")))


def test_app_refuses_to_start_with_a_broken_survey(tmp_path, make_app):
    shutil.copytree(SURVEYS_DIR, tmp_path / "surveys", ignore=shutil.ignore_patterns("*.py"))
    path = tmp_path / "surveys" / "tell-us.toml"
    path.write_text(path.read_text().replace('error = "Enter your message"', ""))
    with pytest.raises(SurveyDefinitionError, match=r"tell-us.toml, question 'message'"):
        make_app(SURVEYS_DIR=str(tmp_path / "surveys"))


def test_editing_a_definition_makes_a_new_version_and_old_answers_keep_theirs(
    tmp_path, make_app, client, session
):
    submit_form(client, "/forms/parent-carer", VALID_ANSWERS["parent-carer"])
    first = session.scalars(select(Response)).one()

    shutil.copytree(SURVEYS_DIR, tmp_path / "surveys", ignore=shutil.ignore_patterns("*.py"))
    path = tmp_path / "surveys" / "parent-carer.toml"
    path.write_text(path.read_text().replace("What went well?", "What worked well for you?"))
    edited_app = make_app(SURVEYS_DIR=str(tmp_path / "surveys"))
    edited_client = edited_app.test_client()
    page = edited_client.get("/forms/parent-carer").get_data(as_text=True)
    assert "What worked well for you?" in page
    submit_form(edited_client, "/forms/parent-carer", VALID_ANSWERS["parent-carer"])

    session.expire_all()
    versions = session.scalars(select(SurveyVersion).order_by(SurveyVersion.number)).all()
    assert [v.number for v in versions] == [1, 2]
    responses = session.scalars(select(Response).order_by(Response.id)).all()
    assert [r.version.number for r in responses] == [1, 2]
    assert responses[0].id == first.id
    old_labels = [q["label"] for q in versions[0].definition["questions"]]
    assert "What went well?" in old_labels
    assert "What worked well for you?" not in old_labels
