"""The public forms: what a person sends is stored once, exactly, or they are told what to fix."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from feedback_app.models import Answer, Response, Team
from feedback_app.services.sources import create_source
from feedback_app.services.surveys import current_version
from feedback_app.surveys_registry import all_definitions
from tests.answers import VALID_ANSWERS
from tests.conftest import definitions, form_tokens, page, submit_form, text_of

SLUGS = sorted(VALID_ANSWERS)


def response_count(session) -> int:
    return session.scalar(select(func.count(Response.id)))


def stored_answers(response: Response) -> dict:
    values: dict = {}
    for answer in response.answers:
        value = answer.value_choice or answer.value_text
        if answer.question_id in values:
            values[answer.question_id] = sorted([values[answer.question_id], value])
        else:
            values[answer.question_id] = value
    return values


def test_every_survey_has_a_public_form(app):
    with app.app_context():
        assert set(all_definitions()) == set(SLUGS)


@pytest.mark.parametrize("slug", SLUGS)
def test_form_page_is_well_formed_and_shows_every_question(client, app, slug):
    soup = page(client.get(f"/forms/{slug}"))
    with app.app_context():
        definition = all_definitions()[slug]
    body = text_of(soup)
    for question in definition.questions:
        assert question.label in body
    form = soup.form
    assert form.has_attr("novalidate")
    assert form_tokens(client.get(f"/forms/{slug}"))["csrf_token"]


@pytest.mark.parametrize("slug", SLUGS)
def test_submitting_a_form_stores_one_response_with_its_answers(client, session, slug):
    answers = VALID_ANSWERS[slug]
    sent = submit_form(client, f"/forms/{slug}", answers)
    assert sent.status_code == 303
    assert urlsplit(sent.headers["Location"]).path.endswith(f"/forms/{slug}/thanks")

    response = session.scalars(select(Response)).one()
    assert response.channel == "link"
    assert response.source_id is None
    assert response.version.survey.slug == slug
    assert response.version.content_hash == definitions()[slug].content_hash
    expected = {k: sorted(v) if isinstance(v, list) else v for k, v in answers.items() if v}
    assert stored_answers(response) == expected
    team_slug = answers.get("team")
    if team_slug and team_slug != "not_sure":
        assert response.team.slug == team_slug
    else:
        assert response.team_id is None


def test_scores_and_completed_with_are_stored_for_reports(client, session):
    submit_form(client, "/forms/working-with-us", VALID_ANSWERS["working-with-us"])
    response = session.scalars(select(Response)).one()
    numbers = {a.question_id: a.value_number for a in response.answers}
    assert numbers["overall"] == 4.0
    assert numbers["listened"] == 1.0
    assert numbers["explained"] == 0.5
    assert response.completed_with == "alone"


def test_thank_you_page_shows_where_to_get_help(client):
    soup = page(client.get("/forms/working-with-us/thanks"))
    body = text_of(soup)
    assert "999" in body and "0800 1111" in body


def test_invalid_answers_keep_input_say_what_to_fix_and_store_nothing(client, session):
    answers = {**VALID_ANSWERS["victim-satisfaction"], "overall": "", "heard": ""}
    sent = submit_form(client, "/forms/victim-satisfaction", answers)
    assert sent.status_code == 400
    soup = page(sent)
    assert soup.title.get_text().startswith("Error: ")
    summary = soup.select_one(".error-summary")
    links = [(a["href"], a.get_text()) for a in summary.select("a")]
    assert links == [
        ("#overall", "Select how satisfied you are with the service you received"),
        ("#heard", "Select whether you felt your views were heard"),
    ]
    # The link targets exist and the message is tied to the question for screen readers.
    assert soup.find(id="overall") is not None
    assert soup.select_one('fieldset[aria-describedby~="overall-error"]') is not None
    # Everything typed or chosen is still there.
    assert soup.find("textarea", id="anything_else").get_text() == answers["anything_else"]
    chosen = answers["safe_supported"]
    assert soup.find("input", attrs={"name": "safe_supported", "value": chosen}).has_attr("checked")
    assert response_count(session) == 0


def test_resubmitting_the_same_form_stores_nothing_new(client, session):
    opened = client.get("/forms/parent-carer")
    data = {**form_tokens(opened), **VALID_ANSWERS["parent-carer"]}
    first = client.post("/forms/parent-carer", data=data)
    again = client.post("/forms/parent-carer", data=data)
    assert first.status_code == again.status_code == 303
    assert again.headers["Location"] == first.headers["Location"]
    assert response_count(session) == 1


def test_two_openings_of_the_form_are_two_responses(client, session):
    submit_form(client, "/forms/parent-carer", VALID_ANSWERS["parent-carer"])
    submit_form(client, "/forms/parent-carer", VALID_ANSWERS["parent-carer"])
    assert response_count(session) == 2


def test_missing_csrf_token_keeps_the_answers_and_stores_nothing(client, session):
    opened = client.get("/forms/tell-us")
    data = {**form_tokens(opened), **VALID_ANSWERS["tell-us"]}
    del data["csrf_token"]
    sent = client.post("/forms/tell-us", data=data)
    assert sent.status_code == 400
    soup = page(sent)
    assert "send again" in text_of(soup.select_one(".error-summary"))
    assert soup.find("textarea", id="message").get_text() == VALID_ANSWERS["tell-us"]["message"]
    assert response_count(session) == 0
    # The re-shown form carries a fresh token, so sending again works.
    resent = client.post("/forms/tell-us", data={**data, **form_tokens(sent)})
    assert resent.status_code == 303
    assert response_count(session) == 1


def test_honeypot_filled_by_a_bot_stores_nothing(client, session):
    sent = submit_form(client, "/forms/tell-us", {**VALID_ANSWERS["tell-us"], "website": "spam"})
    assert sent.status_code == 303
    assert response_count(session) == 0


def test_tell_us_contact_is_needed_only_for_a_reply(client, session):
    no_contact = {**VALID_ANSWERS["tell-us"], "contact": ""}
    sent = submit_form(client, "/forms/tell-us", no_contact)
    assert sent.status_code == 400
    assert "Enter an email address or phone number so we can reply" in sent.get_data(True)

    bad = {**VALID_ANSWERS["tell-us"], "contact": "call me maybe"}
    assert "Enter an email address like" in submit_form(client, "/forms/tell-us", bad).get_data(
        True
    )

    # Someone who wants no reply leaves nothing personal behind, even if they typed it.
    no_reply = {**VALID_ANSWERS["tell-us"], "reply": "no", "contact": "07700 900123"}
    assert submit_form(client, "/forms/tell-us", no_reply).status_code == 303
    response = session.scalars(select(Response)).one()
    assert "contact" not in stored_answers(response)


def test_none_offered_cannot_be_ticked_with_other_options(client, session):
    answers = {**VALID_ANSWERS["victim-satisfaction"], "restorative_options": ["none", "letter"]}
    sent = submit_form(client, "/forms/victim-satisfaction", answers)
    assert sent.status_code == 400
    assert "Select &#39;None were offered&#39; on its own" in sent.get_data(True)
    assert response_count(session) == 0


def test_tampered_choice_is_refused(client, session):
    answers = {**VALID_ANSWERS["working-with-us"], "listened": "<script>"}
    assert submit_form(client, "/forms/working-with-us", answers).status_code == 400
    assert response_count(session) == 0


def test_overlong_text_is_refused_with_the_limit(client, session):
    answers = {**VALID_ANSWERS["tell-us"], "message": "x" * 5001}
    sent = submit_form(client, "/forms/tell-us", answers)
    assert sent.status_code == 400
    assert "5,000 characters or fewer" in sent.get_data(True)
    assert response_count(session) == 0


def test_unknown_survey_is_a_friendly_404(client):
    sent = client.get("/forms/no-such-survey")
    assert sent.status_code == 404
    assert "Page not found" in page(sent).h1.get_text()


def test_response_from_a_qr_source_records_source_team_and_channel(client, session):
    version = current_version(session, definitions()["working-with-us"])
    team = session.scalars(select(Team).where(Team.slug == "worcestershire")).one()
    source = create_source(session, version.survey, "Poster", team=team, office="Worcester")
    session.commit()

    landing = client.get(f"/s/{source.code}")
    assert landing.status_code == 302
    form_url = landing.headers["Location"]
    assert form_url.endswith(f"/forms/working-with-us?source={source.code}")
    form_page = page(client.get(form_url))
    # The team is known from the poster, so the child is not asked.
    assert form_page.find("input", attrs={"name": "team"}) is None
    assert "Worcestershire" in text_of(form_page)

    answers = {k: v for k, v in VALID_ANSWERS["working-with-us"].items() if k != "team"}
    assert submit_form(client, form_url, answers).status_code == 303
    response = session.scalars(select(Response)).one()
    assert (response.source_id, response.team_id, response.channel) == (source.id, team.id, "qr")
    assert "team" not in stored_answers(response)


def test_no_ip_address_or_identifier_is_stored(client, session):
    submit_form(client, "/forms/working-with-us", VALID_ANSWERS["working-with-us"])
    texts = session.scalars(select(Answer.value_text)).all()
    assert not any("127.0.0.1" in (t or "") for t in texts)
    assert "ip" not in {c.name for c in Response.__table__.columns}
