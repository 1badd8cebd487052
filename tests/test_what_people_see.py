"""What a child, a parent, a victim and a manager see: honest forms, the right help after each
form, Easy Read everywhere, and the service's own name, colours and logo."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from bench.reading_age import ALLOWED_ABOVE_TARGET, TARGET, for_children_or_easy, measure_all
from feedback_app.config import PROJECT_ROOT, ConfigError
from feedback_app.identity import contrast, load_identity
from feedback_app.models import Response, TellUsCase
from feedback_app.public.thanks import long_date
from surveys.service_settings import load_service_settings
from tests.answers import VALID_ANSWERS
from tests.conftest import definitions, page, submit_form, text_of

VICTIM_SUPPORT = "08 08 16 89 111"
CHILDLINE = "0800 1111"
# Forms a child, a parent or a victim fills in themselves.
PUBLIC_FORMS = ["working-with-us", "parent-carer", "victim-satisfaction", "tell-us"]


# -- Honest forms ---------------------------------------------------------------------------


def test_the_childrens_form_promises_skipping_and_keeps_the_promise(client, session):
    soup = page(client.get("/forms/working-with-us"))
    assert "You can skip any question" in text_of(soup)
    assert soup.select(".needed") == []
    sent = submit_form(client, "/forms/working-with-us", {"best_thing": "My worker"})
    assert sent.status_code == 303
    stored = session.scalars(select(Response)).one()
    assert {a.question_id for a in stored.answers} == {"best_thing"}


def test_a_form_sent_with_nothing_answered_says_so_and_stores_nothing(client, session):
    sent = submit_form(client, "/forms/working-with-us", {})
    assert sent.status_code == 400
    summary = page(sent).select_one(".error-summary")
    assert summary.a["href"] == "#team"
    assert "Answer at least one question" in summary.get_text()
    assert session.scalars(select(Response)).first() is None


def test_a_follow_up_answered_without_its_question_is_not_an_answer(client, session):
    """Words about an activity nobody ticked are dropped when stored, so a form holding only
    those is still a form with nothing answered: refused, never stored empty."""
    parent = definitions()["parent-carer"]
    follow_up = next(q for q in parent.questions if q.show_if and q.type == "text")
    sent = submit_form(client, "/forms/parent-carer", {follow_up.id: "0"})
    assert sent.status_code == 400
    assert "Answer at least one question" in page(sent).select_one(".error-summary").get_text()
    assert session.scalars(select(Response)).all() == []


def test_a_form_with_needed_questions_marks_each_one_and_says_what_it_means(client):
    soup = page(client.get("/forms/victim-satisfaction"))
    legends = soup.select("legend")
    marked = [legend.get_text(" ", strip=True) for legend in legends if legend.select(".needed")]
    definition = definitions()["victim-satisfaction"]
    assert len(marked) == sum(q.required for q in definition.questions) == 3
    assert all(text.endswith("(needed)") for text in marked)
    assert "Questions marked (needed) must be answered" in text_of(soup)


# -- The right help, as data ----------------------------------------------------------------


def thanks_text(client, slug: str, query: str = "") -> str:
    return text_of(page(client.get(f"/forms/{slug}/thanks{query}")))


def test_a_victims_thank_you_page_names_victim_support_and_our_victims_team(client):
    body = thanks_text(client, "victim-satisfaction")
    assert "Victim Support" in body and VICTIM_SUPPORT in body
    assert "victims@example.org" in body and "999" in body
    assert CHILDLINE not in body


def test_staff_and_partners_are_pointed_to_the_employee_support_line(client):
    body = thanks_text(client, "service-feedback")
    assert "employee assistance" in body and "999" in body
    assert CHILDLINE not in body and VICTIM_SUPPORT not in body


def test_children_are_pointed_to_childline_and_parents_to_a_parents_line(client):
    child = thanks_text(client, "working-with-us")
    assert CHILDLINE in child and "999" in child
    parent = thanks_text(client, "parent-carer")
    assert "Family Lives" in parent and CHILDLINE not in parent


def test_help_lines_come_from_the_settings_file(client):
    lines = load_service_settings()["help_lines"]
    soup = page(client.get("/forms/victim-satisfaction/thanks"))
    dialled = [a["href"] for a in soup.select(".help-now a[href^='tel:']")]
    expected = lines["everyone"] + lines["victims"]
    assert dialled == ["tel:" + re.sub(r"\D", "", line["phone"]) for line in expected]


@pytest.mark.parametrize("slug", sorted(VALID_ANSWERS))
@pytest.mark.parametrize("easy", ["", "?easy=1"])
def test_every_thank_you_page_says_thank_you_once(client, slug, easy):
    main = page(client.get(f"/forms/{slug}/thanks{easy}")).main.get_text(" ", strip=True)
    assert len(re.findall(r"thank you", main, flags=re.IGNORECASE)) == 1, main


def send_tell_us(client, **answers):
    sent = submit_form(client, "/forms/tell-us", {**VALID_ANSWERS["tell-us"], **answers})
    assert sent.status_code == 303
    return sent.headers["Location"]


def test_a_complaint_gets_a_reference_and_the_date_of_our_answer(client, session):
    thanks_url = send_tell_us(client, kind="complaint", reply="yes", contact="a@example.org")
    case = session.scalars(select(TellUsCase)).one()
    body = text_of(page(client.get(thanks_url)))
    assert f"Your reference: {case.reference}" in body
    assert re.fullmatch(r"TU-\d{5}", case.reference)
    assert f"send you our answer by {long_date(case.respond_by)}" in body
    assert f"by {long_date(case.acknowledge_by)}" in body


def test_a_compliment_asking_for_a_reply_says_when_we_will_reply(client, session):
    thanks_url = send_tell_us(client, kind="compliment", reply="yes", contact="a@example.org")
    case = session.scalars(select(TellUsCase)).one()
    body = text_of(page(client.get(thanks_url)))
    assert f"We will reply by {long_date(case.acknowledge_by)}" in body
    assert "complaint" not in body


def test_a_changed_reference_in_the_address_shows_no_case(client, session):
    thanks_url = send_tell_us(client, kind="complaint", reply="yes", contact="a@example.org")
    token = parse_qs(urlsplit(thanks_url).query)["ref"][0]
    _payload, signature = token.split(".", 1)
    forged = f"OTk.{signature}"  # another case number with this case's signature
    body = thanks_text(client, "tell-us", f"?ref={forged}")
    assert "Your reference" not in body
    assert client.get("/forms/tell-us/thanks?ref=1").status_code == 200


def test_dates_are_written_the_uk_way():
    from datetime import date

    assert long_date(date(2026, 12, 18)) == "Friday 18 December 2026"


# -- Easy Read everywhere -------------------------------------------------------------------


@pytest.mark.parametrize("slug", PUBLIC_FORMS)
def test_every_public_form_has_easy_read_with_a_picture_and_alt_text_for_each_question(
    client, slug
):
    usual = page(client.get(f"/forms/{slug}"))
    assert usual.select_one("a.wording__easy")["href"].endswith("easy=1")
    soup = page(client.get(f"/forms/{slug}?easy=1"))
    questions = soup.select(".survey-form .question")
    pictured = [q for q in questions if q.select_one("img.symbol")]
    # Every question but a follow-up (the contact line after "yes") has its picture.
    follow_ups = sum(q.show_if is not None for q in definitions()[slug].questions)
    assert len(pictured) >= len(questions) - follow_ups
    for img in soup.select("img.symbol"):
        assert img["alt"].strip()
        file = urlsplit(img["src"]).path.removeprefix("/static/")
        assert (PROJECT_ROOT / "static" / file).is_file()


def test_the_about_you_block_has_easy_read_words(client):
    soup = page(client.get("/forms/working-with-us?easy=1"))
    body = text_of(soup)
    assert "EHC plan" not in body and "Mixed or multiple ethnic groups" not in body
    assert "Do you get extra help to learn?" in body
    assert soup.select_one("#ethnicity").find_parent(class_="question").select_one("img.symbol")


def test_the_thank_you_page_after_easy_read_is_in_easy_read(client):
    sent = submit_form(client, "/forms/parent-carer?easy=1", {"went_well": "Kind staff"})
    soup = page(client.get(sent.headers["Location"]))
    assert "We read every answer. It helps us do better." in text_of(soup)
    assert soup.select_one("img.symbol")["alt"]


def test_childrens_and_easy_read_questions_are_at_a_reading_age_of_about_9_or_below():
    measured = for_children_or_easy(measure_all())
    assert len({(r.survey, r.wording) for r in measured}) >= 5  # every children's form + Easy Read
    too_hard = [(r.survey, r.wording, r.question, r.reading_age) for r in measured if not r.allowed]
    assert too_hard == []
    # Every allowance still needs its reason: none is left over from wording since made easier.
    above = {(r.survey, r.wording, r.question) for r in measured if r.reading_age > TARGET}
    assert set(ALLOWED_ABOVE_TARGET) == above


# -- Icons that never turn into boxes --------------------------------------------------------

EMOJI = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d\u2190-\u21ff\u2300-\u23ff]"
)


def test_no_emoji_is_used_as_an_icon_in_any_page_or_survey_file():
    places = [PROJECT_ROOT / "templates", PROJECT_ROOT / "static", PROJECT_ROOT / "surveys"]
    found = []
    for place in places:
        for path in place.rglob("*"):
            if path.suffix in {".html", ".css", ".js", ".svg", ".toml"}:
                for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                    if EMOJI.search(line.replace("→", "")):
                        found.append(f"{path.relative_to(PROJECT_ROOT)}:{number}")
    assert found == []


def test_faces_and_listen_buttons_are_drawn_in_svg_beside_words(client):
    soup = page(client.get("/forms/working-with-us"))
    scales = soup.select(".options--faces")
    assert len(scales) >= 2  # overall, and one per named activity
    assert all(len(scale.select(".option__label")) == 5 for scale in scales)
    for label in soup.select(".options--faces .option__label"):
        assert label.select_one("svg.face[aria-hidden=true]") and label.get_text(strip=True)
    for question in soup.select(".survey-form .question"):
        buttons = question.select("button.listen")
        assert len(buttons) == 1 and buttons[0].select_one("svg") and "Listen" in buttons[0].text
    spoken = soup.select_one("#overall").find_parent("fieldset").select_one("button.listen")
    assert "Really good" in spoken["data-listen"]


# -- The service's own look ------------------------------------------------------------------


def test_every_page_uses_the_services_name_colours_and_logo(client):
    identity = load_service_settings()["identity"]
    soup = page(client.get("/forms/working-with-us"))
    assert identity["name"] in soup.title.get_text()
    assert soup.select_one("link[href='/theme.css']")
    assert soup.select_one(f".site-header img[src='/static/{identity['logo']}']")
    css = client.get("/theme.css")
    assert css.mimetype == "text/css"
    assert f"--brand: {identity['brand_colour']}" in css.get_data(as_text=True)


def test_the_favicon_is_the_logo(client):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.mimetype == "image/svg+xml"
    assert icon.data == (PROJECT_ROOT / "static" / "img" / "logo.svg").read_bytes()


def test_a_brand_colour_that_fails_contrast_stops_the_app_with_a_clear_line(tmp_path: Path):
    settings = tmp_path / "service.toml"
    settings.write_text('[identity]\nname = "X"\nbrand_colour = "#ff99cc"\n')
    refused = r"brand_colour #ff99cc gives a contrast of \d\.\d:1 with #ffffff"
    with pytest.raises(ConfigError, match=refused):
        load_identity(settings)
    named = tmp_path / "named.toml"
    named.write_text('[identity]\nbrand_colour = "green"\n')
    with pytest.raises(ConfigError, match="must look like #006b3f"):
        load_identity(named)


def test_the_demo_green_passes_wcag_aa_with_white_text():
    identity = load_identity()
    assert contrast(identity.brand, "#ffffff") >= 4.5
    assert contrast(identity.brand_soft, identity.brand_dark) >= 4.5


# -- Staff polish ----------------------------------------------------------------------------


def test_compliments_and_comments_are_never_in_the_overdue_complaints(app, client, session):
    from datetime import timedelta

    from analysis.clock import today as service_today
    from feedback_app import db
    from tests.staff_helpers import login, make_user, save_response

    answers = {**VALID_ANSWERS["tell-us"], "reply": "yes", "contact": "a@example.org"}
    with app.app_context():
        make_user("complaints_lead", email="lead@example.org")
        compliment = save_response("tell-us", {**answers, "kind": "compliment"})
        complaint = save_response("tell-us", {**answers, "kind": "complaint"})
    with app.app_context(), db.transaction() as s:
        for case in s.scalars(select(TellUsCase)):
            case.received_on = case.stage_started_on = service_today() - timedelta(days=40)
            case.acknowledge_by = service_today() - timedelta(days=30)
            if case.respond_by:
                case.respond_by = service_today() - timedelta(days=20)
    login(client, "lead@example.org")
    soup = page(client.get("/staff/cases"))
    case_of = {
        r: session.scalar(select(TellUsCase.id).where(TellUsCase.response_id == r))
        for r in (compliment, complaint)
    }
    overdue = text_of(soup.find("h2", id="overdue").find_next("table"))
    owed = text_of(soup.find("h2", id="replies").find_next("table"))
    assert f"Case {case_of[complaint]} " in overdue
    assert f"Case {case_of[compliment]} " not in overdue
    assert f"Case {case_of[compliment]} " in owed and "A parent or carer" in owed
    assert "parent_carer" not in text_of(soup) and "parent carer" not in text_of(soup)


def test_staff_type_dates_as_day_month_and_year_with_a_hint_that_matches(app, client, session):
    from feedback_app.models import ServiceClosure
    from tests.staff_helpers import csrf_for, login, make_user

    with app.app_context():
        make_user("complaints_lead", email="lead@example.org")
    login(client, "lead@example.org")
    soup = page(client.get("/staff/closures"))
    group = soup.select_one("fieldset[role=group]")
    assert [i["name"] for i in group.select("input")] == ["day-day", "day-month", "day-year"]
    assert "For example, 29 12 2026" in group.select_one(".hint").get_text()
    assert not soup.select("input[type=date]")
    token = csrf_for(client, "/staff/closures")
    sent = client.post(
        "/staff/closures",
        data={
            "csrf_token": token,
            "day-day": "29",
            "day-month": "12",
            "day-year": "2026",
            "reason": "Staff training",
        },
    )
    assert sent.status_code == 302
    assert session.scalars(select(ServiceClosure.day)).one().isoformat() == "2026-12-29"
    wrong = client.post(
        "/staff/closures",
        data={
            "csrf_token": token,
            "day-day": "31",
            "day-month": "2",
            "day-year": "2026",
            "reason": "x",
        },
    )
    shown = page(wrong)
    assert "Enter a real date, for example 29 12 2026" in text_of(shown)
    assert shown.select_one("input[name=day-day]")["value"] == "31"  # what was typed stays


def test_a_forms_date_question_is_day_month_and_year_boxes_with_a_hint_that_matches(
    client, session
):
    from feedback_app.models import Answer

    url = "/forms/training-feedback"
    soup = page(client.get(url))
    group = soup.select_one("fieldset[role=group]:has(input[name=attended_on-day])")
    names = [i["name"] for i in group.select("input")]
    assert names == ["attended_on-day", "attended_on-month", "attended_on-year"]
    assert "For example, 27 3 2027" in group.select_one(".hint").get_text()
    assert not soup.select("input[type=date]")
    answers = {**VALID_ANSWERS["training-feedback"]}
    typed = {"attended_on-day": "3", "attended_on-month": "11", "attended_on-year": "2026"}
    wrong = submit_form(client, url, {**answers, **typed, "attended_on-day": "31"})
    assert wrong.status_code == 400
    assert "Enter a real date, for example 27 3 2027" in text_of(page(wrong))
    assert submit_form(client, url, {**answers, **typed}).status_code == 303
    stored = session.scalars(select(Answer).where(Answer.question_id == "attended_on")).one()
    assert "2026-11-03" in str(stored.value_text or stored.value_choice)
