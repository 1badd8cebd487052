"""The app factory: safe settings, security headers, health check."""

import pytest

from feedback_app import create_app
from feedback_app.config import ConfigError


def test_refuses_to_start_in_production_without_a_secret_key(monkeypatch, migrated_database):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("FEEDBACK_ENV", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY is not set"):
        create_app({"DATABASE_URL": migrated_database})


def test_development_makes_and_keeps_its_own_secret(monkeypatch, tmp_path, migrated_database):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    config = {"FEEDBACK_ENV": "development", "DATABASE_URL": migrated_database}
    first = create_app(config)
    first.instance_path  # noqa: B018
    assert len(first.config["SECRET_KEY"]) == 64
    assert create_app(config).config["SECRET_KEY"] == first.config["SECRET_KEY"]


def test_testing_app_uses_the_given_settings(app):
    assert app.testing
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True


def test_pages_carry_security_headers(client):
    headers = client.get("/").headers
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["Strict-Transport-Security"].startswith("max-age=")


def test_health_check_reads_the_database(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}


def test_home_page_lists_the_forms(client):
    from tests.conftest import page

    soup = page(client.get("/"))
    links = {a["href"] for a in soup.select(".card a")}
    assert "/forms/working-with-us" in links and "/forms/tell-us" in links
