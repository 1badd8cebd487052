"""Friendly error pages and the security headers every response carries."""

from __future__ import annotations

from flask import Flask, render_template, request
from werkzeug.exceptions import HTTPException

from feedback_app.safe_logging import log_error

MESSAGES = {
    400: ("Something went wrong with what was sent", "Go back and try again."),
    403: ("You cannot see this page", "Your account does not have access to this page."),
    404: ("Page not found", "Check the web address. If you typed it, check the spelling."),
    405: ("Page not found", "Check the web address. If you typed it, check the spelling."),
    410: ("This page has gone", "It is no longer used."),
    413: (
        "What you sent is too big",
        "Send a shorter message or a smaller file, then try again.",
    ),
    429: (
        "Too many tries",
        "A lot has been sent from this network in a short time. Wait a minute, then try again.",
    ),
    500: (
        "Sorry, there is a problem with the service",
        "Your answers may not have been sent. Go back, check them and try again in a few minutes.",
    ),
    503: (
        "Sorry, the service is busy",
        "Please try again in a minute. Nothing you sent has been lost.",
    ),
}
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


# The same words whether or not the email belongs to an account: they must not tell a
# stranger which addresses have one.
LOGIN_THROTTLED = (
    "Too many sign-in tries",
    "There have been too many tries to sign in from here. Wait 15 minutes, then try again. "
    "If you have forgotten your password, ask an admin to set a new one.",
)


def http_error_page(error: HTTPException):
    code = error.code or 500
    heading, message = MESSAGES.get(code, MESSAGES[400 if code < 500 else 500])
    if code == 429 and request.endpoint == "staff.login":
        heading, message = LOGIN_THROTTLED
    return render_template("errors/error.html", heading=heading, message=message), code


def service_busy_page():
    heading, message = MESSAGES[503]
    page = render_template("errors/error.html", heading=heading, message=message)
    return page, 503, {"Retry-After": "30"}


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, http_error_page)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        if isinstance(error, HTTPException):
            return http_error_page(error)
        log_error(app.logger, "Unhandled error on %s %s", error, request.method, request.path)
        heading, message = MESSAGES[500]
        return render_template("errors/error.html", heading=heading, message=message), 500

    @app.after_request
    def security_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "no-referrer")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if app.config["PUBLIC_BASE_URL"].startswith("https://"):
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        return response
