"""A person filling in a form over real HTTP: used by the fault tests and bench/load.py."""

from __future__ import annotations

import html
import http.client
import re
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

from bs4 import BeautifulSoup


@dataclass
class Outcome:
    """What one person saw while sending one form."""

    message: str
    attempts: int = 0
    refusals: list[int] = field(default_factory=list)
    answers_kept: bool = True
    stored: bool = False
    seconds: float = 0.0


class Person:
    """Keeps its own cookies and connection, like one phone's browser."""

    def __init__(self, base_url: str, timeout: float = 30):
        parts = urllib.parse.urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.connection: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, str]:
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for _retry in range(2):
            try:
                if self.connection is None:
                    self.connection = http.client.HTTPConnection(
                        self.host, self.port, timeout=self.timeout
                    )
                self.connection.request(method, path, body=data, headers=headers)
                response = self.connection.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except (ConnectionError, http.client.HTTPException):
                self.close()
        else:
            return 0, ""
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(header)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value
        return response.status, text

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def send_form(
        self, slug: str, answers: dict, check_field: str, patience: float = 60.0
    ) -> Outcome:
        """Open the form, send it, and when refused press Send again as a person would."""
        started = time.perf_counter()
        outcome = Outcome(message=answers[check_field])
        deadline = started + patience
        path = f"/forms/{slug}"
        status, page = self.request("GET", path)
        while status != 200 and time.perf_counter() < deadline:
            outcome.refusals.append(status)
            time.sleep(0.2)
            status, page = self.request("GET", path)
        data = {**hidden_fields(page), **answers}
        while time.perf_counter() < deadline:
            outcome.attempts += 1
            status, page = self.request("POST", path, data)
            if status == 303:
                outcome.stored = True
                break
            outcome.refusals.append(status)
            if status in (429, 503):
                # The "please try again" page must still hold what was typed.
                kept = textarea_value(page, check_field) == answers[check_field]
                outcome.answers_kept = outcome.answers_kept and kept
                data = {
                    **data,
                    **{k: v for k, v in hidden_fields(page).items() if k == "csrf_token"},
                }
            time.sleep(0.2)
        outcome.seconds = time.perf_counter() - started
        return outcome


HIDDEN_FIELD = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def hidden_fields(page: str) -> dict[str, str]:
    """The form's hidden fields; a regular expression, so the client costs little CPU."""
    return {name: html.unescape(value) for name, value in HIDDEN_FIELD.findall(page)}


def textarea_value(page: str, name: str) -> str | None:
    tag = BeautifulSoup(page, "html.parser").find("textarea", attrs={"name": name})
    return tag.get_text() if tag is not None else None


def send_tell_us(base_url: str, message: str, patience: float = 60.0) -> Outcome:
    """One person, on their own connection, sending a Tell us comment with `message`."""
    from tests.answers import VALID_ANSWERS

    person = Person(base_url)
    answers = {**VALID_ANSWERS["tell-us"], "reply": "no", "message": message}
    try:
        return person.send_form("tell-us", answers, "message", patience=patience)
    finally:
        person.close()
