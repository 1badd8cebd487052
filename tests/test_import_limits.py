"""Imports that would waste or mislead: a mapping that leaves every question out stores nothing
(and is not offered next time), an upload is read once and its rows kept, and a sheet wider than
any export is refused at once with a clear message."""

from __future__ import annotations

import io
import json
import time

from openpyxl import Workbook
from sqlalchemy import func, select

from feedback_app.importing import reader
from feedback_app.models import ImportUpload, Response, SavedMapping
from feedback_app.services.imports import NOTHING_MAPPED
from tests.conftest import page, text_of
from tests.staff_helpers import csrf_for
from tests.test_imports import CLEAN, form_fields, upload


def test_a_mapping_with_every_question_left_out_stores_nothing(app, client, session, signed_in):
    signed_in("admin")
    url = upload(client, CLEAN, "parent-carer").headers["Location"]
    data = form_fields(page(client.get(url)))
    data.update({k: "" for k in data if k.startswith("col-")})
    data["step"] = "import"
    refused = client.post(url, data=data)
    assert refused.status_code == 400
    assert NOTHING_MAPPED in text_of(page(refused))
    assert session.scalar(select(func.count(Response.id))) == 0
    assert session.scalar(select(func.count(SavedMapping.survey_id))) == 0


def test_the_command_refuses_an_empty_mapping_too(app, runner, session, tmp_path):
    empty = tmp_path / "empty.json"
    table = reader.read_table(CLEAN, CLEAN.name)
    empty.write_text(json.dumps({"columns": dict.fromkeys(table.headings)}))
    args = ["import-responses", str(CLEAN), "--survey", "parent-carer", "--yes"]
    result = runner.invoke(args=[*args, "--mapping", str(empty)])
    assert result.exit_code == 1 and NOTHING_MAPPED in result.output
    assert session.scalar(select(func.count(Response.id))) == 0
    assert session.scalar(select(func.count(SavedMapping.survey_id))) == 0


def test_an_upload_is_read_once_and_its_rows_kept(app, client, session, monkeypatch, signed_in):
    signed_in("admin")
    reads = []
    real = reader._xlsx_rows
    monkeypatch.setattr(reader, "_xlsx_rows", lambda *a: reads.append(1) or real(*a))
    url = upload(client, CLEAN, "parent-carer").headers["Location"]
    assert len(reads) == 1
    for _ in range(3):
        shown = text_of(page(client.get(url)))
        assert "4 responses will be stored" in shown
    data = form_fields(page(client.get(url)))
    data["step"] = "import"
    assert client.post(url, data=data).status_code == 302
    assert len(reads) == 1  # never read again: not per view, not to import
    assert session.scalar(select(func.count(Response.id))) == 4


def test_a_sheet_wider_than_any_export_is_refused_at_once(
    app, client, session, tmp_path, signed_in
):
    signed_in("admin")
    book = Workbook()
    sheet = book.active
    sheet.append(["ID", "Completion time", "How often did staff listen to your views?"])
    for n in range(300):
        sheet.append([n, "2026-05-01 10:00", "Always"])
    sheet["XFD1"] = "stray"
    path = tmp_path / "wide.xlsx"
    book.save(path)
    started = time.perf_counter()
    refused = upload(client, path, "parent-carer")
    assert time.perf_counter() - started < 1.5
    assert refused.status_code == 400
    message = text_of(page(refused))
    assert "something in column XFD of row 1" in message and "up to 250 columns" in message
    assert session.scalar(select(func.count(ImportUpload.id))) == 0


def test_a_wide_csv_is_refused_too(app, client, signed_in):
    signed_in("admin")
    wide = "ID,Completion time" + ",x" * 400 + "\n1,2026-05-01 10:00" + ",a" * 400 + "\n"
    sent = client.post(
        "/staff/imports/new",
        data={
            "csrf_token": csrf_for(client, "/staff/imports/new"),
            "survey": "parent-carer",
            "file": (io.BytesIO(wide.encode()), "wide.csv"),
        },
        content_type="multipart/form-data",
    )
    assert sent.status_code == 400 and "up to 250 columns" in text_of(page(sent))
