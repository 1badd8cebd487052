"""Two kinds of download, named plainly: the paper to print or send to the Board (the PDF, or
the report as one web page) and the data to work with (the Excel workbook, or the CSVs)."""

from __future__ import annotations

import io
import zipfile

from bs4 import BeautifulSoup
from openpyxl import load_workbook

from tests.test_report_snapshots import VIEW, children_who_wrote, leader

DOWNLOAD = "/staff/reports/download?quarter=2026-27-Q2"


def test_the_report_page_offers_the_paper_and_the_data_apart(app, client):
    children_who_wrote(app)
    leader(app, client)
    soup = BeautifulSoup(client.get(VIEW).data, "html.parser")
    offers = {
        " ".join(li.get_text().split()): [a["href"] for a in li.find_all("a")]
        for li in soup.select(".report-downloads li")
    }
    paper, data, everything = offers
    assert paper.startswith("To print or send to the Board:")
    assert data.startswith("To work with the figures:") and "Excel workbook" in data
    assert [h.split("part=")[1].split("&")[0] for h in offers[data]] == ["xlsx", "csv"]
    assert "part=html" in offers[paper][-1]
    assert everything == "Everything in one zip."

    page = client.get(DOWNLOAD + "&part=html")
    assert page.mimetype == "text/html" and b"Key messages" in page.data
    assert "attachment" in page.headers["Content-Disposition"]

    book = load_workbook(io.BytesIO(client.get(DOWNLOAD + "&part=xlsx").data))
    assert "key_messages" in book.sheetnames and "measures" in book.sheetnames

    csvs = zipfile.ZipFile(io.BytesIO(client.get(DOWNLOAD + "&part=csv").data)).namelist()
    assert csvs and all(name.endswith(".csv") for name in csvs)
    assert "triangulation-2026-27-Q2-measures.csv" in csvs

    every = zipfile.ZipFile(io.BytesIO(client.get(DOWNLOAD).data)).namelist()
    assert set(csvs) < set(every) and "triangulation-2026-27-Q2.html" in every
    assert client.get(DOWNLOAD + "&part=everything").status_code == 400


def test_the_reports_page_says_which_download_is_which(app, client):
    leader(app, client)
    soup = BeautifulSoup(client.get("/staff/reports").data, "html.parser")
    buttons = {b.get("value"): " ".join(b.get_text().split()) for b in soup.select("form button")}
    assert buttons["pdf"] == "Download the paper to print (PDF)"
    assert buttons["xlsx"] == "Download the data (Excel)"
    assert "The paper" in soup.get_text() and "The data" in soup.get_text()
