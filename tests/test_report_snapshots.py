"""The stored Board paper: built once and served at once, plotly.js as a cached file, rebuild
audited and off the request thread, new data marked, an erased quote removed at once; and
You Said, We Did counted the same on the report, the Board summary page and the workspace."""

from __future__ import annotations

import base64
import io
import re
import zipfile
from datetime import date, datetime

from bs4 import BeautifulSoup
from sqlalchemy import func, select

from analysis.clock import today
from analysis.quarters import Quarter
from feedback_app import db
from feedback_app.models import Action, AuditEvent, ReportSnapshot
from tests.answers import VALID_ANSWERS
from tests.staff_helpers import csrf_for, login, make_action, make_user, save_response

VIEW = "/staff/reports/view?quarter=2026-27-Q2"
QUOTE = "my worker listened to me every single week"


def leader(app, client):
    with app.app_context():
        user = make_user("leadership")
    login(client, user.email)


def children_who_wrote(app, n: int = 6) -> list[int]:
    with app.app_context():
        return [
            save_response(
                "working-with-us",
                {**VALID_ANSWERS["working-with-us"], "best_thing": QUOTE},
                submitted_at=datetime(2026, 8, 3, 12),
            )
            for _ in range(n)
        ]


def snapshots(app) -> list[ReportSnapshot]:
    with app.app_context():
        return list(db.session().scalars(select(ReportSnapshot).order_by(ReportSnapshot.id)))


def test_the_stored_copy_is_served_at_once_with_plotly_as_a_cached_file(app, client):
    children_who_wrote(app)
    leader(app, client)
    first = client.get(VIEW)
    assert first.status_code == 200
    assert len(first.data) < 1_000_000
    soup = BeautifulSoup(first.data, "html.parser")
    scripts = soup.find_all("script", src=True)
    assert [s["src"].split("/")[1] for s in scripts] == ["assets", "static"]
    assert not [
        s
        for s in soup.find_all("script")
        if not s.get("src") and s.get("type") != "application/json"
    ]
    assert "'unsafe-inline'" not in first.headers["Content-Security-Policy"].split("script-src")[1]
    assert "This is the stored copy, built" in soup.get_text()
    plotly = client.get(scripts[0]["src"])
    assert plotly.status_code == 200 and b"plotly" in plotly.data[:2000].lower()
    assert "immutable" in plotly.headers["Cache-Control"]
    assert client.get("/assets/plotly-0000.js").status_code == 404
    again = client.get(VIEW)
    # Served from the store, not built again (the sign-out form's CSRF token
    # carries a timestamp, so only the report itself is compared).
    assert str(BeautifulSoup(again.data, "html.parser").find(class_="report")) == str(
        soup.find(class_="report")
    )
    assert len(snapshots(app)) == 1


def test_rebuild_is_audited_and_makes_a_new_stored_copy(app, client):
    leader(app, client)
    client.get(VIEW)
    token = csrf_for(client, VIEW)
    sent = client.post(
        "/staff/reports/rebuild", data={"csrf_token": token, "quarter": "2026-27-Q2"}
    )
    assert sent.status_code == 302
    assert client.post("/staff/reports/rebuild", data={"quarter": "2026-27-Q2"}).status_code == 400
    stored = snapshots(app)
    assert [s.status for s in stored] == ["ready", "ready"]
    with app.app_context():
        events = db.session().scalars(
            select(AuditEvent).where(AuditEvent.action == "rebuild", AuditEvent.entity == "report")
        )
        assert len(list(events)) == 2


def test_a_rebuild_runs_off_the_request_thread(make_app):
    import threading

    app = make_app(REPORT_BACKGROUND=True)
    client = app.test_client()
    leader(app, client)
    page = client.get(VIEW)
    assert page.status_code == 200  # answered before the build is done, or just after
    for thread in threading.enumerate():
        if thread.name.startswith("report-"):
            thread.join(60)
    assert [s.status for s in snapshots(app)] == ["ready"]
    assert "This is the stored copy" in client.get(VIEW).get_data(as_text=True)


def test_new_data_in_its_quarter_marks_the_stored_copy(app, client):
    leader(app, client)
    client.get(VIEW)
    with app.app_context():  # a paper form from the quarter, typed in afterwards
        save_response(
            "parent-carer",
            VALID_ANSWERS["parent-carer"],
            submitted_at=datetime(2026, 9, 1, 12),
            channel="paper",
            paper_reference="P-1",
        )
    assert "New data since this was built" in client.get(VIEW).get_data(as_text=True)
    # A response in a later quarter than the report reads does not touch it.
    client.post(
        "/staff/reports/rebuild",
        data={"csrf_token": csrf_for(client, VIEW), "quarter": "2026-27-Q2"},
    )
    with app.app_context():
        save_response(
            "parent-carer", VALID_ANSWERS["parent-carer"], submitted_at=datetime(2027, 1, 9)
        )
    assert "New data since this was built" not in client.get(VIEW).get_data(as_text=True)


def test_an_erased_quoted_answer_leaves_the_stored_report_at_once(app, client):
    from feedback_app.services.forgetting import forget_responses

    ids = children_who_wrote(app)
    leader(app, client)
    assert QUOTE in client.get(VIEW).get_data(as_text=True)
    with app.app_context(), db.transaction() as session:
        forget_responses(session, ids)
    shown = client.get(VIEW).get_data(as_text=True)
    assert QUOTE not in shown and "the person asked us to erase" in shown
    download = client.get("/staff/reports/download?quarter=2026-27-Q2")
    archive = zipfile.ZipFile(io.BytesIO(download.data))
    for name in archive.namelist():
        assert QUOTE.encode() not in archive.read(name), name
    assert "triangulation-2026-27-Q2.xlsx" in archive.namelist()


def test_you_said_we_did_is_counted_one_way_on_the_report_summary_and_workspace(
    app, client, tmp_path, runner
):
    quarter = Quarter.containing(today())
    with app.app_context():
        champion = make_user("champion")
        make_action(champion, True, you_said="You said the room was cold.")
        make_action(champion, you_said="You said letters were hard to read.", status="open")
        before = make_action(champion, you_said="You said the bus fare was a lot.")
        with db.transaction() as session:  # done last quarter: not this quarter's
            row = session.get(Action, before.id)
            row.created_at = datetime.combine(quarter.previous().start, datetime.min.time())
            row.done_on = quarter.previous().start
    with app.app_context():
        lead = make_user(("leadership", "champion"), email="both@example.org")
    login(client, lead.email)

    def sentence(html: str) -> str:
        text = " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())
        return re.search(r"\d+ actions? raised, .*? still open at \d+ \w+ \d{4}\.", text)[0]

    result = runner.invoke(args=["report", "--quarter", str(quarter), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    report = sentence((tmp_path / f"triangulation-{quarter}.html").read_text(encoding="utf-8"))
    summary = sentence(client.get(f"/staff/actions/summary?quarter={quarter}").data.decode())
    workspace = sentence(client.get("/staff/you-said-we-did").data.decode())
    assert report == summary == workspace
    assert report.startswith("2 actions raised, 1 done and 1 published")


def test_an_action_finished_after_the_quarter_is_not_done_in_it(app, runner, tmp_path):
    import csv

    with app.app_context():
        action = make_action(make_user("champion"), you_said="You said letters were long.")
        with db.transaction() as session:
            row = session.get(Action, action.id)
            row.created_at, row.done_on = datetime(2026, 8, 1), date(2026, 10, 15)
            count = session.scalar(select(func.count(Action.id)))
    assert count == 1
    result = runner.invoke(args=["report", "--quarter", "2026-27-Q2", "--out", str(tmp_path)])
    assert result.exit_code == 0
    with (tmp_path / "triangulation-2026-27-Q2-you_said_we_did.csv").open() as fh:
        rows = list(csv.reader(fh))
    assert rows[1][2] == "Open" and rows[1][6] == ""
    html = (tmp_path / "triangulation-2026-27-Q2.html").read_text(encoding="utf-8")
    assert "1 action raised, 0 done and 0 published" in html


def test_the_board_pdf_has_the_key_messages_on_page_one(app, runner, tmp_path):
    """The one test that builds a PDF (charts drawn by kaleido with Debian's chromium)."""
    from pypdf import PdfReader

    from analysis.report.pdf import pdf_bytes

    children_who_wrote(app, 12)
    app.config["REPORT_PDF"] = True
    try:
        result = runner.invoke(args=["report", "--quarter", "2026-27-Q2", "--out", str(tmp_path)])
    finally:
        app.config["REPORT_PDF"] = False
    assert result.exit_code == 0, result.output
    reader = PdfReader(tmp_path / "triangulation-2026-27-Q2.pdf")
    first = " ".join(reader.pages[0].extract_text().split())
    assert "Key messages" in first
    assert "You Said, We Did:" in first and "Victim KPIs" in first
    assert len(reader.pages) > 3
    assert reader.pages[0].mediabox.width < 600  # A4 portrait: 595 points wide

    # Eight long key messages still fit on page 1, note and all; page 2 starts a section.
    pages = PdfReader(io.BytesIO(pdf_bytes(eight_long_messages(), {}))).pages
    first = " ".join(pages[0].extract_text().split())
    assert "7. Victims this quarter" in first and "worked out from totals." in first
    assert " ".join(pages[1].extract_text().split()).startswith("Victims An opening.")


def eight_long_messages():
    from analysis.report.model import KeyMessage, Report, Section

    long = (
        "Victims this quarter (35 answered): 86% very satisfied (last year's result 86%); nearly "
        "all felt heard and listened to (last year's result 100%); 100% felt safe and supported "
        "(last year's result 100%), and one more clause as long as any message gets."
    )
    return Report(
        Quarter.parse("2026-27-Q2"),
        None,
        None,
        "Youth Justice Service",
        datetime(2026, 12, 2, 3, 36),
        403,
        [KeyMessage(f"{n}. {long}", "victims") for n in range(8)],
        [Section("victims", "Victims", [], ["An opening."])],
    )


def test_a_chart_kaleido_fails_to_draw_is_drawn_by_a_fresh_browser(monkeypatch):
    """Under load kaleido's page can take a chart before its script has loaded, and a fresh
    browser can be as slow: the PDF still gets every chart (a real chromium draws them; the
    first two attempts are made to fail)."""
    import plotly.graph_objects as go

    from analysis.report.pdf import chart_images

    real = go.Figure.to_image
    failures = []

    def first_attempts_fail(self, *args, **kwargs):
        if len(failures) < 2:
            failures.append(1)
            raise RuntimeError("ReferenceError: kaleido_scopes is not defined")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(go.Figure, "to_image", first_attempts_fail)
    chart = go.Figure(go.Bar(x=["yes", "no"], y=[3, 1])).to_json()
    images = chart_images({"a": chart, "b": chart})
    assert failures == [1, 1]
    assert set(images) == {"a", "b"}
    assert all(base64.b64decode(png).startswith(b"\x89PNG") for png in images.values())
