"""You Said, We Did: champions turn feedback into actions and publish them to children."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from statistics import mean

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from analysis.before_after import MIN_ANSWERS, before_after
from analysis.clock import today
from analysis.identifying import identifying_details
from analysis.quarters import Quarter
from analysis.text_signals import score
from feedback_app import db
from feedback_app.models import Action, ActionResponse, AuditEvent
from feedback_app.services import actions, themes
from feedback_app.services.teams import active_teams
from tests.answers import VALID_ANSWERS
from tests.conftest import form_tokens, page, text_of
from tests.staff_helpers import csrf_for, make_action, make_user, save_response

GOOD = {
    "you_said": "You said you felt dirty after a night in custody.",
    "themes": "wellbeing",
    "team": "",
    "owner": "",
    "due_on": "",
    "status": "done",
    "we_did": "Every worker now takes a wellbeing pack with clean clothes to court.",
    "not_possible_reason": "",
}


def post_action(client, url: str = "/staff/actions/new", **changes):
    data = {**GOOD, **changes, "csrf_token": csrf_for(client, url)}
    return client.post(url, data={k: v for k, v in data.items() if v is not None})


def stored_actions(session) -> list[Action]:
    session.rollback()
    return list(session.scalars(select(Action).order_by(Action.id)))


# -- Who may do what ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["champion", "leadership"])
def test_champions_and_leadership_create_edit_and_publish(app, client, session, role, signed_in):
    signed_in(role)
    created = post_action(client)
    assert created.status_code == 302, text_of(page(created))
    action = stored_actions(session)[0]
    assert action.themes == ["wellbeing"] and action.status == "done"
    assert action.done_on == today()

    edited = post_action(client, f"/staff/actions/{action.id}/edit", we_did="We changed it.")
    assert edited.status_code == 302
    assert stored_actions(session)[0].we_did == "We changed it."

    url = f"/staff/actions/{action.id}"
    published = client.post(url, data={"csrf_token": csrf_for(client, url), "step": "publish"})
    assert published.status_code == 302
    assert stored_actions(session)[0].published_at is not None
    audit = session.scalars(
        select(AuditEvent.action).where(AuditEvent.entity == "action").order_by(AuditEvent.id)
    )
    assert list(audit) == ["create", "update", "publish"]


@pytest.mark.parametrize("role", ["practitioner", "admin", "complaints_lead", "safeguarding_lead"])
def test_other_roles_cannot_create_edit_or_publish(app, client, session, role, signed_in):
    with app.app_context():
        champion = make_user("champion", email="champ@example.org")
        action = make_action(champion)
    signed_in(role)
    token = csrf_for(client, "/staff/")
    attempts = [
        ("/staff/actions/new", {**GOOD, "csrf_token": token}),
        (f"/staff/actions/{action.id}/edit", {**GOOD, "csrf_token": token}),
        (f"/staff/actions/{action.id}", {"step": "publish", "csrf_token": token}),
    ]
    for url, data in attempts:
        assert client.post(url, data=data).status_code == 403, url
    assert len(stored_actions(session)) == 1
    assert stored_actions(session)[0].published_at is None


def test_only_a_finished_action_can_be_published(app, client, session, signed_in):
    signed_in("champion")
    post_action(client, status="in_progress", we_did="")
    action = stored_actions(session)[0]
    url = f"/staff/actions/{action.id}"
    refused = client.post(url, data={"csrf_token": csrf_for(client, url), "step": "publish"})
    assert refused.status_code == 400
    assert "Only a done action" in text_of(page(refused))
    assert stored_actions(session)[0].published_at is None


def test_done_needs_we_did_and_not_possible_needs_a_reason(app, client, session, signed_in):
    signed_in("champion")
    no_we_did = post_action(client, we_did="")
    assert no_we_did.status_code == 400
    assert "Enter what we did" in text_of(page(no_we_did))
    no_reason = post_action(client, status="not_possible", we_did="")
    assert "Say why it was not possible" in text_of(page(no_reason))
    assert stored_actions(session) == []


# -- Nothing identifying is published -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "words"),
    [
        ("You said Jayden needed more help with his reading.", "a name", "Jayden"),
        ("Ring us on 07700 900123 if you want to help.", "a phone number", "07700 900123"),
        ("Children at Kingstone High School asked for more sessions.", "a school name", None),
        ("A boy from Leominster said the bus took too long.", "a place", "Leominster"),
        ("You told us on 3 March that court was scary.", "a date", "3 March"),
        ("Email sam.jones@example.com for help.", "an email address", None),
    ],
)
def test_identifying_details_are_found(text, kind, words):
    found = identifying_details(text)
    assert kind in [f.kind for f in found], found
    if words:
        assert words in [f.text for f in found]


@pytest.mark.parametrize(
    "text",
    [
        "You said you felt dirty after a night in custody.",
        "Every worker now takes a wellbeing pack to court.",
        "You said waiting at Court was boring, so we put games in the waiting room.",
        "In December we started meeting in the Shropshire office after school.",
        "We could not change the court's times, because the court sets them.",
    ],
)
def test_plain_statements_raise_no_warning(text):
    assert identifying_details(text) == []


@pytest.mark.parametrize(
    ("field", "text", "shown"),
    [
        ("you_said", "You said Jayden needed more help with reading.", "Jayden"),
        ("we_did", "Call Sam on 07700 900123 to join the group.", "07700 900123"),
        ("you_said", "Children at Kingstone High School wanted more football.", "Kingstone"),
    ],
)
def test_editor_warns_before_saving_identifying_text(
    app, client, session, field, text, shown, signed_in
):
    signed_in("champion")
    warned = post_action(client, **{field: text})
    assert warned.status_code == 400
    soup = page(warned)
    warning = text_of(soup.find(id="identifying-warning"))
    assert shown in warning
    assert stored_actions(session) == []

    # Ticking the box with different text does not carry the earlier check over.
    fingerprint = form_tokens(warned)["checked_findings"]
    other = post_action(
        client,
        **{field: text.replace("Jayden", "Kai").replace("Sam", "Ellie")},
        checked="y",
        checked_findings="not-what-was-shown",
    )
    assert other.status_code == 400 and stored_actions(session) == []

    confirmed = post_action(client, **{field: text}, checked="y", checked_findings=fingerprint)
    assert confirmed.status_code == 302
    saved = session.scalars(select(AuditEvent).where(AuditEvent.entity == "action")).one()
    assert saved.after["identifying_warning_overridden"]


def test_public_board_shows_published_actions_only(app, client, session):
    with app.app_context():
        champion = make_user("champion")
        shown = make_action(champion, published=True, you_said="You said the room was cold.")
        make_action(champion, you_said="You said the draft is not ready yet.")
        make_action(
            champion,
            published=True,
            you_said="You said you wanted sessions after school.",
            status="not_possible",
            we_did=None,
            not_possible_reason="The building closes at four, so we cannot yet.",
        )
    board = client.get("/you-said-we-did")
    assert board.status_code == 200
    text = text_of(page(board))
    assert "You said the room was cold." in text
    assert "We could not do this yet" in text and "The building closes at four" in text
    assert "draft is not ready" not in text
    assert identifying_details(text.split("Need help now?")[0]) == []
    assert client.get(f"/you-said-we-did/{shown.id}/poster").status_code == 200
    draft = stored_actions(session)[1]
    assert client.get(f"/you-said-we-did/{draft.id}/poster").status_code == 404


def test_board_filters_by_team(app, client, session):
    with app.app_context():
        champion = make_user("champion")
        teams = {t.slug: t.id for t in active_teams(db.session())}
        make_action(champion, True, you_said="Shropshire change.", team_id=teams["shropshire"])
        make_action(champion, True, you_said="Hereford change.", team_id=teams["herefordshire"])
        make_action(champion, True, you_said="Everywhere change.")
    text = text_of(page(client.get("/you-said-we-did?team=shropshire")))
    assert "Shropshire change." in text
    assert "Hereford change." not in text and "Everywhere change." not in text
    everything = text_of(page(client.get("/you-said-we-did")))
    assert all(f"{w} change." in everything for w in ("Shropshire", "Hereford", "Everywhere"))
    unknown = text_of(page(client.get("/you-said-we-did?team=nowhere")))
    assert "Shropshire change." in unknown


def test_thank_you_page_links_to_the_board(client):
    thanks = page(client.get("/forms/working-with-us/thanks"))
    assert thanks.find("a", href="/you-said-we-did")


def test_board_poster_carries_a_qr_code_of_the_board(app, client):
    with app.app_context():
        action = make_action(make_user("champion"), published=True)
    poster = page(client.get(f"/you-said-we-did/{action.id}/poster"))
    assert poster.find("img", src="/you-said-we-did/qr.svg")
    qr = client.get("/you-said-we-did/qr.svg")
    assert qr.status_code == 200 and qr.mimetype == "image/svg+xml"


# -- From a theme to an action --------------------------------------------------------------------


def children_say(text: str, when: datetime, team: str = "shropshire") -> int:
    answers = {**VALID_ANSWERS["working-with-us"], "team": team, "best_thing": text}
    return save_response("working-with-us", answers, submitted_at=when)


def test_workspace_shows_themes_and_a_theme_leads_to_a_linked_action(
    app, client, session, signed_in
):
    now = datetime.combine(today(), datetime.min.time()).replace(hour=12)
    with app.app_context():
        ids = [
            children_say(f"my worker actually listened to me {n}", now - timedelta(days=n))
            for n in range(1, 7)
        ]
        flagged = children_say("my worker listened when I said my dad hits me", now)
    signed_in("champion")
    workspace = text_of(page(client.get("/staff/you-said-we-did")))
    assert "Being listened to" in workspace and "Children" in workspace
    assert "Being listened to Check the answers" not in workspace  # reliable on validation

    theme = page(client.get("/staff/you-said-we-did/themes/being_listened_to?period=30d"))
    offered = {int(box["value"]) for box in theme.select("input[name=response]")}
    assert set(ids) <= offered
    assert flagged not in offered  # a possible disclosure is never shown as a quote

    chosen = ids[:2]
    new = client.get(
        "/staff/actions/new?theme=being_listened_to&" + "&".join(f"response={i}" for i in chosen)
    )
    form = page(new)
    assert {int(b["value"]) for b in form.select("input[name=responses][checked]")} == set(chosen)
    assert form.select_one("input[name=themes][value=being_listened_to]").has_attr("checked")
    created = post_action(client, themes="being_listened_to", responses=[str(i) for i in chosen])
    assert created.status_code == 302
    action = stored_actions(session)[0]
    linked = session.scalars(
        select(ActionResponse.response_id).where(ActionResponse.action_id == action.id)
    )
    assert set(linked) == set(chosen)
    shown = text_of(page(client.get(f"/staff/actions/{action.id}")))
    assert "Evidence trail" in shown and "my worker actually listened to me" in shown


def test_before_and_after_figures_on_a_known_dataset():
    day = date(2026, 6, 1)
    before = [(day - timedelta(days=d), p) for d, p in [(5, -0.5), (10, -0.3), (20, -0.1)]]
    before += [(day - timedelta(days=d), -0.4) for d in (30, 60)]
    after = [(day + timedelta(days=d), p) for d, p in [(0, 0.2), (3, 0.4), (9, 0.6)]]
    after += [(day + timedelta(days=d), 0.3) for d in (15, 40)]
    outside = [(day - timedelta(days=91), -1.0), (day + timedelta(days=95), -1.0)]
    result = before_after("timeliness", day, before + after + outside, today=date(2026, 12, 1))
    assert result.before.answers == 5 and result.after.answers == 5
    assert result.before.mean_sentiment == pytest.approx(mean([-0.5, -0.3, -0.1, -0.4, -0.4]))
    assert result.after.mean_sentiment == pytest.approx(mean([0.2, 0.4, 0.6, 0.3, 0.3]))
    assert result.change == pytest.approx(0.7)
    assert result.verdict.startswith("Better")
    early = before_after("timeliness", day, before + after, today=day + timedelta(days=3))
    assert early.after.answers == 2 and early.after.mean_sentiment is None
    assert f"fewer than {MIN_ANSWERS}" in early.verdict


def test_action_page_shows_before_and_after_from_stored_feedback(app, client, session, signed_in):
    day = today() - timedelta(days=30)
    noon = datetime.combine(day, datetime.min.time()).replace(hour=12)
    worse = ["waited ages for my worker, always late"] * 5
    better = ["the meetings were on time and quick now"] * 5
    with app.app_context():
        for n, text in enumerate(worse, start=1):
            children_say(text, noon - timedelta(days=n * 3))
        for n, text in enumerate(better):
            children_say(text, noon + timedelta(days=n * 3))
        children_say("waited ages for my worker, always late", noon, team="herefordshire")
        shropshire = {t.slug: t.id for t in active_teams(db.session())}["shropshire"]
        action = make_action(make_user("champion"), themes=("timeliness",), team_id=shropshire)
        with db.transaction() as s:
            s.get(Action, action.id).done_on = day
    with app.app_context():
        trend = themes.theme_trends(db.session(), actions.get(db.session(), action.id))[0]
    assert (trend.before.answers, trend.after.answers) == (5, 5)  # Herefordshire not counted
    assert trend.before.mean_sentiment == pytest.approx(score(worse[0], "children").polarity)
    assert trend.after.mean_sentiment == pytest.approx(score(better[0], "children").polarity)
    signed_in("leadership")
    shown = text_of(page(client.get(f"/staff/actions/{action.id}")))
    assert "Waiting and timeliness" in shown and trend.verdict in shown


# -- For the board meeting ------------------------------------------------------------------------


def test_quarter_summary_as_a_page_and_a_workbook(app, client, signed_in):
    with app.app_context():
        champion = make_user("champion")
        make_action(champion, True, you_said="You said the room was cold.")
        make_action(champion, you_said="You said letters were hard to read.", status="open")
    signed_in("leadership")
    quarter = Quarter.containing(today())
    summary = text_of(page(client.get(f"/staff/actions/summary?quarter={quarter}")))
    assert "2 actions raised, 1 done and 1 published" in summary
    assert "letters were hard to read" in summary
    sheet = client.get(f"/staff/actions/summary.xlsx?quarter={quarter}")
    assert sheet.status_code == 200
    rows = list(load_workbook(io.BytesIO(sheet.data)).active.values)
    assert rows[0][0] == f"You Said, We Did: {quarter}"
    said = {row[0]: row for row in rows[4:]}
    assert said["You said the room was cold."][2] == "Done"
    assert said["You said letters were hard to read."][2] == "Open"
    assert client.get("/staff/actions/summary?quarter=2026-Q9").status_code == 400


def test_a_quarters_summary_shows_each_action_as_it_stood_at_the_quarters_end(
    app, client, signed_in
):
    with app.app_context():
        action = make_action(make_user("champion"), you_said="You said letters were long.")
        with db.transaction() as s:
            row = s.get(Action, action.id)
            row.created_at, row.done_on = datetime(2026, 8, 1), date(2026, 10, 15)
    signed_in("leadership")
    q2 = text_of(page(client.get("/staff/actions/summary?quarter=2026-27-Q2")))
    assert "0 done" in q2 and "1 still open at 30 September 2026" in q2
    q3 = text_of(page(client.get("/staff/actions/summary?quarter=2026-27-Q3")))
    assert "1 done" in q3 and "0 still open" in q3


def test_a_monthly_rate_needs_a_month_of_feedback():
    day = date(2026, 6, 1)
    early = before_after("travel", day, [(day, 0.5)], today=day + timedelta(days=2))
    assert early.after.per_30_days is None and early.after.answers == 1
    assert early.before.per_30_days == pytest.approx(0.0)
