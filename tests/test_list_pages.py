"""Every staff list that grows comes in pages with a count, and paging one list keeps the
address's filters and leaves the other lists on the same page where they were."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import event, insert, select

from analysis.clock import utc_now
from feedback_app import db
from feedback_app.models import (
    Action,
    Answer,
    HelpOffer,
    ImportBatch,
    ParticipationActivity,
    Response,
    SafeguardingFlag,
    TellUsCase,
)
from feedback_app.services import safeguarding_queue
from feedback_app.services.surveys import current_version
from feedback_app.surveys_registry import all_definitions
from tests.conftest import page, text_of
from tests.staff_helpers import login, make_user


def _responses(session, count: int, slug: str = "tell-us", tag: str = "", **fields) -> list[int]:
    version = current_version(session, all_definitions()[slug])
    rows = [
        {
            "survey_id": version.survey_id,
            "survey_version_id": version.id,
            "channel": "link",
            "submission_token": f"{slug}-{tag}-{n}",
            **{k: (v(n) if callable(v) else v) for k, v in fields.items()},
        }
        for n in range(count)
    ]
    session.execute(insert(Response), rows)
    return list(session.scalars(select(Response.id).order_by(Response.id)))[-count:]


def _summaries(soup) -> list[str]:
    return [p.get_text(" ", strip=True) for p in soup.select("p.pagination__summary")]


def test_the_cases_page_pages_each_list_on_its_own(app, client):
    with app.app_context():
        lead = make_user("complaints_lead")
        with db.transaction() as session:
            ids = _responses(session, 63)
            start = date(2026, 1, 5)
            session.execute(
                insert(TellUsCase),
                [
                    {
                        "response_id": rid,
                        "kind": "complaint",
                        "status": "new",
                        "received_on": start + timedelta(days=n),
                        "stage_started_on": start + timedelta(days=n),
                        "acknowledge_by": start + timedelta(days=n + 3),
                        "respond_by": start + timedelta(days=n + 20),
                    }
                    for n, rid in enumerate(ids[:60])
                ]
                + [
                    {
                        "response_id": rid,
                        "kind": "compliment",
                        "reply_wanted": True,
                        "status": "new",
                        "received_on": date.today(),
                        "stage_started_on": date.today(),
                        "acknowledge_by": date.today() + timedelta(days=30),
                    }
                    for rid in ids[60:]
                ],
            )
    login(client, lead.email)
    first = page(client.get("/staff/cases?view=mine"))
    summaries = _summaries(first)
    # Overdue and all open both hold the 60 complaints (all long past due); replies hold 3.
    assert summaries == [
        "Showing 1–50 of 60 overdue complaints",
        "Showing 1–50 of 60 open complaints",
        "Showing 1–3 of 3 replies owed",
    ]
    assert first.select_one("#overdue .tag").get_text() == "60"
    open_next = first.select('a[rel="next"]')[1]["href"]
    assert "open_page=2" in open_next and "view=mine" in open_next
    assert open_next.endswith("#open")
    second = page(client.get(open_next))
    assert _summaries(second) == [
        "Showing 1–50 of 60 overdue complaints",
        "Showing 51–60 of 60 open complaints",
        "Showing 1–3 of 3 replies owed",
    ]
    # The home page counts every case, not one page of them.
    home = text_of(page(client.get("/staff/")))
    assert "60 overdue, 0 due in the next 5 working days, 60 open; 3 comments" in home


def _flags(
    session, count: int, tier: str, acknowledged: bool = False, days_ago: int = 0, **late
) -> None:
    """`count` flags raised `days_ago`; `answered_days_ago` with `found_late` for a re-scan's."""
    tag = f"{tier[0]}{acknowledged:d}-{days_ago}-{late.get('found_late', 0):d}"
    tag += f"-{late.get('answered_days_ago')}"
    answered = utc_now() - timedelta(days=late.pop("answered_days_ago", days_ago))
    ids = _responses(session, count, "service-feedback", tag, submitted_at=answered)
    session.execute(
        insert(Answer),
        [{"response_id": rid, "question_id": "anything_else", "value_text": "x"} for rid in ids],
    )
    answers = session.execute(
        select(Answer.id, Answer.response_id).where(Answer.response_id.in_(ids))
    ).all()
    now = utc_now() - timedelta(days=days_ago)
    session.execute(
        insert(SafeguardingFlag),
        [
            {
                "answer_id": answer_id,
                "response_id": response_id,
                "categories": "harm",
                "matches": "x",
                "tier": tier,
                "flagged_at": now - timedelta(minutes=n),
                "acknowledged_at": now - timedelta(minutes=n) if acknowledged else None,
                "action_taken": "Spoke to the case worker" if acknowledged else None,
                **late,
            }
            for n, (answer_id, response_id) in enumerate(answers)
        ],
    )


def test_the_safeguarding_queue_pages_each_list(app, client):
    with app.app_context():
        lead = make_user("safeguarding_lead")
        with db.transaction() as session:
            _flags(session, 55, "worth_a_look")
            _flags(session, 2, "disclosure")
            _flags(session, 52, "disclosure", acknowledged=True)
    login(client, lead.email)
    first = page(client.get("/staff/safeguarding"))
    assert _summaries(first) == [
        "Showing 1–2 of 2 possible disclosures",
        "Showing 1–50 of 55 worth a look flags",
        "Showing 1–50 of 52 acknowledged flags",
    ]
    labels = [nav["aria-label"] for nav in first.select("nav.pagination")]
    assert len(labels) == len(set(labels)) == 2  # each list's pages are told apart
    assert len(first.select("#worth-a-look + p + ol > li")) == 50
    worth_next = first.select_one('nav[aria-label="Pages of worth a look flags"] a[rel="next"]')[
        "href"
    ]
    assert "worth_a_look_page=2" in worth_next and worth_next.endswith("#worth-a-look")
    second = page(client.get(worth_next))
    assert _summaries(second)[1] == "Showing 51–55 of 55 worth a look flags"
    assert len(second.select("#worth-a-look + p + ol > li")) == 5
    # Every staff page shows the lead how many are waiting: all 57, not one page of them.
    assert "57 waiting for acknowledgement" in text_of(page(client.get("/staff/")))


def test_the_queue_counts_its_lists_once_as_each_flag_would(app, client):
    """The three lists and the overdue flags are counted once for the whole page (the
    warning every page shows included), and agree with working out each flag alone."""
    with app.app_context():
        lead = make_user("safeguarding_lead")
        with db.transaction() as session:
            _flags(session, 3, "disclosure", days_ago=10)  # overdue
            _flags(session, 2, "disclosure")
            _flags(session, 2, "worth_a_look", days_ago=10)  # overdue
            _flags(session, 1, "worth_a_look")
            _flags(session, 2, "disclosure", days_ago=20, found_late=True, answered_days_ago=90)
            _flags(session, 1, "disclosure", found_late=True, answered_days_ago=45)
            _flags(session, 1, "disclosure", found_late=True, answered_days_ago=5)  # recent
    login(client, lead.email)
    statements: list[str] = []
    with app.app_context():
        engine = db.engine()
    listen = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listen)
    try:
        queue_page = text_of(page(client.get("/staff/safeguarding")))
    finally:
        event.remove(engine, "before_cursor_execute", listen)
    counting = [s for s in statements if "GROUP BY safeguarding_flag.tier" in s]
    assert len(counting) == 1
    assert "7 overdue" in queue_page
    with app.app_context():
        whole = safeguarding_queue.queue(db.session())  # each flag's list and due date, alone
        counts = safeguarding_queue.waiting_counts(db.session())
    lists = {name: getattr(whole, name) for name in safeguarding_queue.LISTS}
    assert counts.totals == {name: len(items) for name, items in lists.items()}
    assert counts.totals == {"disclosures": 6, "found_late_old": 3, "worth_a_look": 3}
    assert counts.overdue == sum(w.overdue for items in lists.values() for w in items) == 7


def test_actions_imports_paper_forms_and_offers_come_in_pages(app, client):
    with app.app_context():
        person = make_user(("admin", "leadership", "champion", "practitioner"))
        with db.transaction() as session:
            now = utc_now()
            session.execute(
                insert(Action),
                [
                    {
                        "you_said": f"Said {n}",
                        "status": "open" if n % 2 else "done",
                        "created_at": now - timedelta(hours=n),
                    }
                    for n in range(130)
                ],
            )
            survey_id = current_version(session, all_definitions()["service-feedback"]).survey_id
            session.execute(
                insert(ImportBatch),
                [
                    {
                        "survey_id": survey_id,
                        "filename": f"old-{n}.xlsx",
                        "file_sha256": f"{n:064d}",
                        "mapping": {},
                    }
                    for n in range(51)
                ],
            )
            _responses(
                session,
                53,
                slug="service-feedback",
                channel="paper",
                transcribed_by_id=person.id,
                paper_reference=lambda n: f"P-{n:03d}",
            )
            session.execute(
                insert(HelpOffer),
                [
                    {
                        "audience": "children",
                        "contact": f"0770090{n:04d}",
                        "offered_on": date.today(),
                    }
                    for n in range(54)
                ],
            )
    login(client, person.email)
    open_actions = page(client.get("/staff/actions?status=open"))
    assert _summaries(open_actions) == ["Showing 1–50 of 65 actions"]
    # Newest first, and the status filter is kept on the next page.
    assert open_actions.select("tbody td a")[0].get_text() == "Said 1"
    next_link = open_actions.find("a", rel="next")["href"]
    assert "status=open" in next_link and "page=2" in next_link
    last = page(client.get(next_link))
    assert _summaries(last) == ["Showing 51–65 of 65 actions"]
    assert last.select("tbody td a")[-1].get_text() == "Said 129"
    assert _summaries(page(client.get("/staff/imports"))) == ["Showing 1–50 of 51 imports"]
    paper = page(client.get("/staff/transcriptions?page=2"))
    assert _summaries(paper) == ["Showing 51–53 of 53 paper forms"]
    assert paper.select("tbody td a")[-1].get_text() == "P-000"
    assert _summaries(page(client.get("/staff/help-offers"))) == ["Showing 1–50 of 54 offers"]
    workspace = page(client.get("/staff/you-said-we-did"))
    assert "Showing 1–50 of 65 open actions" in _summaries(workspace)


def test_the_participation_log_pages_a_quarter_and_keeps_it(app, client):
    with app.app_context():
        champion = make_user("champion")
        with db.transaction() as session:
            session.execute(
                insert(ParticipationActivity),
                [
                    {
                        "held_on": date(2026, 4, 1) + timedelta(days=n),
                        "kind": "workshop",
                        "children": 2,
                        "asked": "What should change?",
                        "said": "More evening sessions",
                    }
                    for n in range(55)
                ],
            )
    login(client, champion.email)
    shown = page(client.get("/staff/participation?quarter=2026-27-Q1"))
    assert _summaries(shown) == ["Showing 1–50 of 55 activities"]
    assert "55 activities with 110 children" in text_of(shown)  # totals count the quarter
    next_link = shown.find("a", rel="next")["href"]
    assert "quarter=2026-27-Q1" in next_link and "page=2" in next_link
    assert _summaries(page(client.get(next_link))) == ["Showing 51–55 of 55 activities"]
