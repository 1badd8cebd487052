"""QR/link sources: codes resolve to their form, QR images decode back, posters print."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from PIL import Image
from sqlalchemy import select

from feedback_app.models import Team
from feedback_app.services.sources import SourceError, create_source, retire_source
from feedback_app.services.surveys import current_version
from tests.conftest import PUBLIC_BASE_URL, definitions, page, text_of


@pytest.fixture
def source(session):
    version = current_version(session, definitions()["working-with-us"])
    team = session.scalars(select(Team).where(Team.slug == "herefordshire")).one()
    made = create_source(
        session, version.survey, "Poster in Hereford", team=team, office="Hereford"
    )
    session.commit()
    return made


def decode(png: bytes) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def test_qr_png_decodes_back_to_the_short_url(client, source):
    sent = client.get(f"/qr/{source.code}.png")
    assert sent.status_code == 200
    assert sent.mimetype == "image/png"
    assert decode(sent.data) == [f"{PUBLIC_BASE_URL}/s/{source.code}"]


def test_qr_svg_is_an_svg_of_the_same_code(client, source):
    sent = client.get(f"/qr/{source.code}.svg")
    assert sent.status_code == 200
    assert sent.mimetype == "image/svg+xml"
    assert "<svg" in sent.get_data(as_text=True)


def test_poster_shows_the_qr_code_short_url_and_friendly_words(client, source):
    soup = page(client.get(f"/qr/{source.code}/poster"))
    body = text_of(soup)
    assert f"{PUBLIC_BASE_URL}/s/{source.code}" in body
    assert "Scan the code with your phone camera" in body
    assert "Herefordshire" in body
    img = soup.find("img", class_="poster__qr")
    assert img["src"] == f"/qr/{source.code}.svg"
    assert img["alt"]
    assert soup.title.get_text().endswith(" (poster) – Youth Justice Service")
    assert soup.find("link", rel="stylesheet")["href"].startswith("/static/css/poster.css")


def test_unknown_code_is_a_friendly_404(client):
    sent = client.get("/s/nosuchcode")
    assert sent.status_code == 404
    soup = page(sent)
    assert "We could not find that code" in soup.h1.get_text()
    assert soup.find("a", href="/")
    assert client.get("/qr/nosuchcode.png").status_code == 404


def test_retired_code_says_so_and_still_offers_the_forms(client, session, source):
    retire_source(session, source)
    session.commit()
    sent = client.get(f"/s/{source.code}")
    assert sent.status_code == 410
    assert "no longer used" in page(sent).h1.get_text()


def test_codes_are_unique_and_checked(session, source):
    survey = source.survey
    with pytest.raises(SourceError, match="already in use"):
        create_source(session, survey, "Another", code=source.code)
    with pytest.raises(SourceError, match="lower-case letters"):
        create_source(session, survey, "Bad", code="Has Spaces!")
    with pytest.raises(SourceError, match="give the source a label"):
        create_source(session, survey, "  ")
    random_code = create_source(session, survey, "Card").code
    assert len(random_code) == 6 and random_code != source.code


def test_source_for_another_survey_is_not_attached(client, session, source):
    sent = client.get(f"/forms/tell-us?source={source.code}")
    assert sent.status_code == 200
    assert f'value="{source.code}"' not in sent.get_data(as_text=True)
