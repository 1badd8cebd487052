"""Participation: the champions' log with Lundy coverage, offers to help kept apart from the
feedback, and the "Participation this quarter" section of the quarterly report."""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import DateTime, func, select, text

from analysis.clock import today
from feedback_app import db
from feedback_app.models import (
    Action,
    Answer,
    AuditEvent,
    HelpOffer,
    ParticipationActivity,
    Response,
)
from feedback_app.services.teams import active_teams
from surveys import SurveyDefinitionError, load_survey
from tests.answers import VALID_ANSWERS
from tests.conftest import form_tokens, page, submit_form, text_of
from tests.staff_helpers import (
    csrf_for,
    login,
    make_action,
    make_activity,
    make_help_offer,
    make_user,
)

CONTACT = "07700 900321"
WORKER = "Ask my worker, she knows me"


def good_activity(**changes) -> dict:
    values = {
        "held_on": (today() - timedelta(days=20)).isoformat(),
        "kind": "co_design",
        "children": "25",
        "parents_carers": "0",
        "victims": "0",
        "asked": "How should the new questionnaire look and sound?",
        "said": "Fewer questions, bigger buttons, and faces instead of numbers.",
        "changed": "The new form has faces and plain words.",
        "lundy": ["space", "voice", "influence"],
        **changes,
    }
    return {k: v for k, v in values.items() if v is not None}


def post_activity(client, url: str = "/staff/participation/new", **changes):
    return client.post(url, data={**good_activity(**changes), "csrf_token": csrf_for(client, url)})


def stored_activities(session) -> list[ParticipationActivity]:
    session.rollback()
    return list(session.scalars(select(ParticipationActivity).order_by(ParticipationActivity.id)))


def offers(session) -> list[HelpOffer]:
    session.rollback()
    return list(session.scalars(select(HelpOffer).order_by(HelpOffer.id)))


# -- Who may use the log -------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["champion", "leadership"])
def test_champions_and_leadership_log_edit_and_read_activities(
    app, client, session, role, signed_in
):
    with app.app_context():
        action = make_action(make_user("champion", email="champ@example.org"))
        teams = {t.slug: t.id for t in active_teams(db.session())}
    signed_in(role)
    assert client.get("/staff/participation").status_code == 200
    assert client.get("/staff/participation/new").status_code == 200
    created = post_activity(client, teams=[str(teams["shropshire"])], actions=[str(action.id)])
    assert created.status_code == 302, text_of(page(created))
    activity = stored_activities(session)[0]
    assert (activity.kind, activity.children, activity.parents_carers) == ("co_design", 25, 0)
    assert activity.lundy == ["space", "voice", "influence"]
    assert [t.slug for t in activity.teams] == ["shropshire"]
    assert [a.id for a in activity.actions] == [action.id]

    url = f"/staff/participation/{activity.id}/edit"
    edited = post_activity(client, url, children="24", lundy=["space", "voice"], actions=None)
    assert edited.status_code == 302
    activity = stored_activities(session)[0]
    assert activity.children == 24 and activity.lundy == ["space", "voice"]
    assert activity.actions == [] and activity.teams == []

    shown = text_of(page(client.get(f"/staff/participation/{activity.id}")))
    assert "Co-design workshop" in shown and "24 children" in shown
    events = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.entity == "participation_activity")
        .order_by(AuditEvent.id)
    ).all()
    assert [e.action for e in events] == ["create", "update"]
    assert events[1].before["children"] == 25 and events[1].after["children"] == 24
    assert events[0].after["teams"] == ["shropshire"]


def test_an_activity_with_victims_only_is_logged_and_counted(app, client, session, signed_in):
    signed_in("champion")
    created = post_activity(
        client, kind="evaluation", children="0", parents_carers="0", victims="5"
    )
    assert created.status_code == 302, text_of(page(created))
    activity = stored_activities(session)[0]
    assert (activity.children, activity.parents_carers, activity.victims) == (0, 0, 5)
    assert "5 victims" in text_of(page(client.get(f"/staff/participation/{activity.id}")))
    assert "5 victims taking part" in text_of(page(client.get("/staff/participation")))
    event = session.scalars(select(AuditEvent).where(AuditEvent.entity == "participation_activity"))
    assert next(iter(event)).after["victims"] == 5
    nobody = post_activity(client, children="0", parents_carers="0", victims="0")
    assert nobody.status_code == 400
    assert "children, parents and carers or victims" in text_of(page(nobody))
    assert len(stored_activities(session)) == 1


@pytest.mark.parametrize("role", ["practitioner", "admin", "complaints_lead", "safeguarding_lead"])
def test_other_roles_cannot_see_create_or_edit_the_log(app, client, session, role, signed_in):
    with app.app_context():
        activity = make_activity(make_user("champion", email="champ@example.org"))
    signed_in(role)
    for url in (
        "/staff/participation",
        "/staff/participation/new",
        f"/staff/participation/{activity.id}",
        f"/staff/participation/{activity.id}/edit",
        "/staff/help-offers",
    ):
        assert client.get(url).status_code == 403, url
    token = csrf_for(client, "/staff/")
    for url in ("/staff/participation/new", f"/staff/participation/{activity.id}/edit"):
        sent = client.post(url, data={**good_activity(children="3"), "csrf_token": token})
        assert sent.status_code == 403, url
    assert [a.children for a in stored_activities(session)] == [25]


def test_anonymous_visitors_are_sent_to_sign_in(app, client):
    with app.app_context():
        activity = make_activity(make_user("champion"))
        offer = make_help_offer()
    for url in (
        "/staff/participation",
        "/staff/participation/new",
        f"/staff/participation/{activity.id}",
        f"/staff/participation/{activity.id}/edit",
        "/staff/help-offers",
        f"/staff/help-offers/{offer.id}",
    ):
        sent = client.get(url)
        assert sent.status_code == 302 and "/staff/login" in sent.headers["Location"], url


def test_offers_to_help_are_for_champions_only(app, client, signed_in):
    with app.app_context():
        offer = make_help_offer()
    signed_in("leadership")
    assert client.get("/staff/help-offers").status_code == 403
    assert client.get(f"/staff/help-offers/{offer.id}").status_code == 403


# -- Checking what is saved ----------------------------------------------------------------------


def test_the_form_says_what_is_missing(app, client, session, signed_in):
    signed_in("champion")
    sent = post_activity(client, held_on="", kind=None, asked="", children="0", parents_carers="")
    assert sent.status_code == 400
    summary = [a.get_text() for a in page(sent).select(".error-summary a")]
    assert "Enter the date it happened, for example 3 11 2026" in summary
    assert "Select the type of activity" in summary
    assert "Enter what they were asked" in summary
    assert "Enter how many parents or carers took part, or 0" in summary
    nobody = post_activity(client, children="0", parents_carers="0")
    assert "Enter how many children, parents and carers or victims took part" in text_of(
        page(nobody)
    )
    future = post_activity(client, held_on=(today() + timedelta(days=2)).isoformat())
    assert "The date cannot be in the future" in text_of(page(future))
    assert stored_activities(session) == []


@pytest.mark.parametrize(
    ("field", "words", "shown"),
    [
        ("said", "Jayden said the waiting room was cold.", "Jayden"),
        ("said", "Children at Kingstone High School want shorter forms.", "Kingstone"),
        ("changed", "Ring 07700 900123 to join the new group.", "07700 900123"),
    ],
)
def test_identifying_text_is_warned_about_before_saving(
    app, client, session, field, words, shown, signed_in
):
    signed_in("champion")
    warned = post_activity(client, **{field: words})
    assert warned.status_code == 400
    assert shown in text_of(page(warned).find(id="identifying-warning"))
    assert stored_activities(session) == []

    # A tick counts only for the details it was shown against.
    fingerprint = form_tokens(warned)["checked_findings"]
    other = post_activity(
        client,
        **{
            field: words.replace("Jayden", "Kai")
            .replace("Kingstone", "Lucton")
            .replace("123", "999")
        },
        checked="y",
        checked_findings=fingerprint,
    )
    assert other.status_code == 400 and stored_activities(session) == []

    confirmed = post_activity(client, **{field: words}, checked="y", checked_findings=fingerprint)
    assert confirmed.status_code == 302
    event = session.scalars(
        select(AuditEvent).where(AuditEvent.entity == "participation_activity")
    ).one()
    assert event.after["identifying_warning_overridden"]


def test_the_log_counts_lundy_elements_and_names_the_weakest(app, client):
    in_quarter = date(2026, 8, 1)
    with app.app_context():
        champion = make_user("champion")
        teams = {t.slug: t.id for t in active_teams(db.session())}
        make_activity(champion, held_on=in_quarter, lundy=("space", "voice", "audience"))
        make_activity(
            champion,
            held_on=in_quarter,
            lundy=("space", "voice", "influence"),
            team_ids=(teams["herefordshire"],),
        )
        make_activity(champion, held_on=in_quarter, lundy=("space", "audience"), children=4)
        make_activity(champion, held_on=date(2026, 6, 30), lundy=())  # Q1: not counted
    login(client, "champion@example.org")
    soup = page(client.get("/staff/participation?quarter=2026-27-Q2"))
    lundy = soup.find(id="lundy")
    counts = {
        dt.get_text(): dd.strong.get_text()
        for dt, dd in zip(lundy.find_all("dt"), lundy.find_all("dd"), strict=True)
    }
    assert counts == {"Space": "3", "Voice": "2", "Audience": "2", "Influence": "1"}
    weakest = text_of(soup.find(id="weakest"))
    assert "The weakest Lundy element is Influence: met in 1 of 3 activities." in weakest
    assert "3 activities with 54 children" in text_of(soup)

    # A team's log holds its own activities and the whole service's.
    herefordshire = page(client.get("/staff/participation?quarter=2026-27-Q2&team=herefordshire"))
    assert "3 activities" in text_of(herefordshire)
    shropshire = page(client.get("/staff/participation?quarter=2026-27-Q2&team=shropshire"))
    assert "2 activities" in text_of(shropshire)
    assert client.get("/staff/participation?quarter=2026-Q9").status_code == 400


# -- Offers to help: kept apart from the feedback ------------------------------------------------


def children_answers(**changes) -> dict:
    return {**VALID_ANSWERS["working-with-us"], **changes}


@pytest.mark.parametrize(
    ("offer", "contact", "tasks"),
    [
        ("yes", CONTACT, 1),
        ("yes", WORKER, 1),
        ("no", "", 0),
        ("no", CONTACT, 0),  # typed, then changed their mind: not kept
        ("", "", 0),
    ],
    ids=["yes-with-phone", "yes-naming-worker", "no", "no-but-typed", "not-answered"],
)
def test_an_offer_to_help_makes_a_task_only_with_a_yes_and_a_way_to_reach_them(
    client, session, offer, contact, tasks
):
    answers = children_answers(help_offer=offer, help_contact=contact)
    sent = submit_form(client, "/forms/working-with-us", answers)
    assert sent.status_code == 303
    response = session.scalars(select(Response)).one()
    stored = {a.question_id for a in response.answers}
    assert "listened" in stored
    assert not stored & {"help_offer", "help_contact"}
    found = offers(session)
    assert len(found) == tasks
    if tasks:
        assert (found[0].contact, found[0].audience) == (contact, "children")
        assert found[0].offered_on == today() and found[0].status == "open"


def test_a_yes_without_a_way_to_reach_them_asks_for_one_and_stores_nothing(client, session):
    sent = submit_form(
        client, "/forms/working-with-us", children_answers(help_offer="yes", help_contact="")
    )
    assert sent.status_code == 400
    summary = [a.get_text() for a in page(sent).select(".error-summary a")]
    assert summary == [
        "Write how we can get in touch, or your worker's name. If you do not want to help, "
        "choose No"
    ]
    assert session.scalar(select(func.count(Response.id))) == 0
    assert offers(session) == []


def test_parents_can_offer_to_help_too(client, session):
    answers = {**VALID_ANSWERS["parent-carer"], "help_offer": "yes", "help_contact": CONTACT}
    assert submit_form(client, "/forms/parent-carer", answers).status_code == 303
    assert [(o.audience, o.contact) for o in offers(session)] == [("parents", CONTACT)]
    answer_ids = session.scalars(select(Answer.question_id)).all()
    assert "went_well" in answer_ids and "help_contact" not in answer_ids


def test_nothing_links_an_offer_to_the_feedback(app, client, session):
    opened = client.get("/forms/working-with-us")
    data = {**form_tokens(opened), **children_answers(help_offer="yes", help_contact=CONTACT)}
    for _ in range(2):  # a double click: one response and one task
        assert client.post("/forms/working-with-us", data=data).status_code == 303
    assert session.scalar(select(func.count(Response.id))) == 1
    assert len(offers(session)) == 1

    # The task has no response id, no token and no time of day, and no foreign key to them.
    table = HelpOffer.__table__
    assert not [c.name for c in table.columns if "response" in c.name or "token" in c.name]
    assert not [c.name for c in table.columns if isinstance(c.type, DateTime)]
    assert {fk.column.table.name for fk in table.foreign_keys} == {"staff_user"}
    # The contact details are nowhere but the task: not an answer, not the audit log.
    everything = " ".join(
        str(v) for v in session.scalars(select(Answer.value_text)).all() + audit_values(session)
    )
    assert CONTACT not in everything


def audit_values(session) -> list[str]:
    events = session.scalars(select(AuditEvent)).all()
    return [json.dumps([e.before, e.after]) for e in events]


def test_a_paper_form_keeps_the_offer_apart_too(app, client, session):
    with app.app_context():
        make_user("practitioner", email="pat@example.org")
    login(client, "pat@example.org")
    url = "/staff/transcribe/parent-carer"
    answers = {**VALID_ANSWERS["parent-carer"], "help_offer": "yes", "help_contact": CONTACT}
    sent = client.post(
        url,
        data={
            "csrf_token": csrf_for(client, url),
            "paper-paper_reference": "HFD-9",
            "paper-paper_date": "2026-10-05",
            **answers,
        },
    )
    assert sent.status_code == 302
    assert "offer to help has gone to the champions" in text_of(page(client.get(url)))
    response = session.scalars(select(Response)).one()
    assert not {a.question_id for a in response.answers} & {"help_offer", "help_contact"}
    assert [o.contact for o in offers(session)] == [CONTACT]
    assert all(CONTACT not in values for values in audit_values(session))
    # A correction cannot bring the offer back into the stored form.
    correction = page(client.get(f"/staff/transcriptions/{response.id}"))
    assert correction.find(id="help_offer") is None and correction.find(id="help_contact") is None


def test_champions_follow_up_an_offer_and_its_contact_details_are_then_deleted(
    app, client, session, signed_in
):
    with app.app_context():
        offer = make_help_offer(CONTACT)
        make_help_offer(WORKER, slug="parent-carer")
    signed_in("champion")
    listed = text_of(page(client.get("/staff/help-offers")))
    assert CONTACT in listed and WORKER in listed and "A parent or carer" in listed
    assert "2 waiting" in text_of(page(client.get("/staff/")))

    url = f"/staff/help-offers/{offer.id}"
    empty = client.post(url, data={"csrf_token": csrf_for(client, url), "note": ""})
    assert empty.status_code == 400 and "Enter what happened" in text_of(page(empty))
    note = "Rang them; they will join the January workshop."
    done = client.post(url, data={"csrf_token": csrf_for(client, url), "note": note})
    assert done.status_code == 302
    closed = offers(session)[0]
    assert (closed.status, closed.note, closed.contact) == ("done", note, None)
    assert closed.done_on == today()
    event = session.scalars(select(AuditEvent).where(AuditEvent.entity == "help_offer")).one()
    assert (event.action, event.entity_id) == ("done", str(offer.id))
    assert event.after == {"status": "done", "note": note}
    listed = text_of(page(client.get("/staff/help-offers")))
    assert CONTACT not in listed and note in listed


def test_the_childrens_form_ends_with_the_offer_in_plain_words(client):
    soup = page(client.get("/forms/working-with-us"))
    questions = soup.select("form .question")
    assert "Would you like to help us make things better?" in text_of(questions[-2])
    assert "How can we get in touch with you?" in text_of(questions[-1])
    assert "Only if you said yes" in text_of(questions[-1])
    assert soup.find(id="help_offer")["type"] == "radio"
    assert "keep how to reach you apart" in text_of(soup.select_one(".privacy"))


HELP_SURVEY = """
slug = "test-survey"
title = "Test survey"
audience = "children"
privacy = "We keep it safe."
thanks = "Thanks."
poster_text = "Scan me."

[[questions]]
id = "help_offer"
type = "choice"
role = "help_offer"
label = "Would you like to help us?"
options = [{ value = "yes", label = "Yes" }, { value = "no", label = "No" }]

[[questions]]
id = "help_contact"
type = "line"
role = "help_contact"
label = "How can we reach you?"
show_if = { question = "help_offer", equals = "yes" }
"""


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('show_if = { question = "help_offer", equals = "yes" }', "", "needs show_if"),
        (
            'label = "Would you like to help us?"',
            'label = "Help?"\nrequired = true\nerror = "x"',
            "must be optional",
        ),
        ('type = "line"', 'type = "text"', "needs type 'line' or 'contact'"),
        ('role = "help_contact"', "", "go together"),
        ('type = "choice"', 'type = "multi"', "needs type 'choice' with an option 'yes'"),
    ],
)
def test_the_survey_loader_checks_the_help_questions(tmp_path, old, new, problem):
    path = tmp_path / "test-survey.toml"
    path.write_text(HELP_SURVEY)
    assert load_survey(path).question_with_role("help_contact").id == "help_contact"
    path.write_text(HELP_SURVEY.replace(old, new, 1))
    with pytest.raises(SurveyDefinitionError, match=problem):
        load_survey(path)


# -- The quarterly report ------------------------------------------------------------------------


@pytest.fixture
def known_activities(app):
    """Q2 2026-27: a whole-service workshop (25 children), a Shropshire recruitment panel
    (3 children), a Herefordshire and Shropshire consultation (6 children, 4 parents and carers,
    2 victims);
    one activity in Q1 and one in Q3 that the Q2 report leaves out."""
    with app.app_context():
        champion = make_user("champion")
        teams = {t.slug: t.id for t in active_teams(db.session())}
        done = make_action(
            champion,
            you_said="You said the form was too long.",
            we_did="We cut it to ten questions.",
        )
        still_open = make_action(
            champion, you_said="You said meetings were too far away.", status="open", we_did=None
        )
        make_activity(
            champion,
            held_on=date(2026, 7, 10),
            kind="co_design",
            children=25,
            changed="The new form has faces and plain words.",
            lundy=("space", "voice", "audience", "influence"),
            action_ids=(done.id,),
        )
        make_activity(
            champion,
            held_on=date(2026, 8, 20),
            kind="recruitment",
            children=3,
            team_ids=(teams["shropshire"],),
            lundy=("space", "voice", "audience"),
        )
        make_activity(
            champion,
            held_on=date(2026, 9, 30),
            kind="consultation",
            children=6,
            parents_carers=4,
            victims=2,
            team_ids=(teams["herefordshire"], teams["shropshire"]),
            lundy=("space", "voice"),
            action_ids=(still_open.id,),
        )
        make_activity(champion, held_on=date(2026, 6, 30), children=9)
        make_activity(champion, held_on=date(2026, 10, 1), children=9)


def run_report(runner, tmp_path, *extra):
    result = runner.invoke(
        args=["report", "--quarter", "2026-27-Q2", "--out", str(tmp_path), *extra]
    )
    assert result.exit_code == 0, result.output
    return tmp_path


def read_csv(folder, key, stem="triangulation-2026-27-Q2"):
    with (folder / f"{stem}-{key}.csv").open(encoding="utf-8") as fh:
        return list(csv.reader(fh))


def test_report_section_counts_the_quarters_activities(known_activities, runner, tmp_path):
    folder = run_report(runner, tmp_path)
    by_type = {r[0]: r[1:] for r in read_csv(folder, "participation_by_type")[1:]}
    assert by_type["Co-design workshop"] == ["1", "25", "0", "0"]
    assert by_type["Recruitment panel"] == ["1", "3", "0", "0"]
    assert by_type["Consultation"] == ["1", "6", "4", "2"]
    assert by_type["Peer research"] == ["0", "0", "0", "0"]
    assert by_type["All activities"] == ["3", "34", "4", "2"]

    by_team = read_csv(folder, "participation_by_team")
    assert by_team[1:] == [
        ["Whole service", "1", "25", "0", "0"],
        ["Herefordshire", "1", "6", "4", "2"],
        ["Shropshire", "2", "9", "4", "2"],
    ]
    lundy = {r[0]: r[2:] for r in read_csv(folder, "participation_lundy")[1:]}
    assert lundy == {
        "Space": ["3", "100%"],
        "Voice": ["3", "100%"],
        "Audience": ["2", "67%"],
        "Influence": ["1", "33%"],
    }
    changes = read_csv(folder, "participation_changes")[1:]
    assert changes == [
        [
            "2026-07-10",
            "Co-design workshop",
            "Whole service",
            "The new form has faces and plain words.",
            "We cut it to ten questions.",
        ]
    ]
    html = (folder / "triangulation-2026-27-Q2.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    sections = [s["aria-labelledby"] for s in soup.select(".report > section")]
    assert sections.index("participation") == sections.index("you_said_we_did") + 1
    words = " ".join(soup.get_text().split())
    assert (
        "3 participation activities, with 34 children, 4 parents and carers and 2 victims" in words
    )
    assert "The weakest Lundy element is Influence: met in 1 of 3 activities." in words
    assert "1 of 3 activities led to a recorded change." in words


def test_a_team_report_shows_its_activities_and_the_whole_services(
    known_activities, runner, tmp_path
):
    folder = run_report(runner, tmp_path, "--team", "herefordshire")
    stem = "triangulation-2026-27-Q2-herefordshire"
    by_type = {r[0]: r[1:] for r in read_csv(folder, "participation_by_type", stem)[1:]}
    assert by_type["All activities"] == ["2", "31", "4", "2"]
    assert by_type["Recruitment panel"] == ["0", "0", "0", "0"]  # Shropshire only


def test_a_quarter_without_activities_says_so(app, runner, tmp_path):
    folder = run_report(runner, tmp_path)
    html = (folder / "triangulation-2026-27-Q2.html").read_text(encoding="utf-8")
    assert "No participation activities were logged this quarter." in html
    assert read_csv(folder, "participation_by_type")[-1] == ["All activities", "0", "0", "0", "0"]


def test_the_reporting_view_has_a_row_per_team_and_no_free_text(app, known_activities):
    with app.app_context(), db.engine().connect() as connection:
        rows = [
            dict(r._mapping)
            for r in connection.execute(
                text("SELECT * FROM v_participation ORDER BY held_on, team")
            )
        ]
    q2 = [r for r in rows if "2026-07-01" <= str(r["held_on"]) <= "2026-09-30"]
    assert [(str(r["held_on"]), r["team"]) for r in q2] == [
        ("2026-07-10", None),
        ("2026-08-20", "shropshire"),
        ("2026-09-30", "herefordshire"),
        ("2026-09-30", "shropshire"),
    ]
    workshop = q2[0]
    assert (workshop["activity_type"], workshop["children"], workshop["linked_actions"]) == (
        "co_design",
        25,
        1,
    )
    assert [workshop[f"lundy_{e}"] for e in ("space", "voice", "audience", "influence")] == [
        1,
        1,
        1,
        1,
    ]
    assert [r["victims"] for r in q2] == [0, 0, 2, 2]
    everything = " ".join(str(v) for row in rows for v in row.values())
    assert "faces" not in everything and "questionnaire" not in everything


def test_demo_data_logs_activities_linked_to_the_demo_actions(runner, session):
    result = runner.invoke(args=["demo-data", "--responses", "30"])
    assert result.exit_code == 0, result.output
    assert "participation activities" in result.output
    activities = stored_activities(session)
    # The same kinds of activity in each of the last six quarters, so every quarter's report
    # (and its same quarter last year) has some; only this quarter's are linked to the actions.
    assert len(activities) == 6 * 5
    assert any(a.victims and not a.children for a in activities)  # a restorative evaluation
    assert sum(1 for a in activities if a.actions) == 3  # each found its demo action
    assert session.scalar(select(func.count(HelpOffer.id))) == 2
    stored = set(session.scalars(select(Answer.question_id)))
    assert not stored & {"help_offer", "help_contact"}
    assert session.scalar(select(func.count(Action.id))) > 0
    assert all(a.held_on <= today() for a in activities)
