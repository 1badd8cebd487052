"""Public pages: the forms reached by QR code or link, thank-you pages and posters."""

from flask import Flask
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError

from feedback_app.public.routes import (
    bp,
    handle_csrf_error,
    handle_database_error,
    handle_rate_limit,
)

__all__ = ["bp", "init_app"]


def init_app(app: Flask) -> None:
    """The public pages, and the app-wide handlers that re-show a form with its answers (an
    expired form, a busy database, too many tries) instead of losing them."""
    app.register_blueprint(bp)
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(429, handle_rate_limit)
    app.register_error_handler(OperationalError, handle_database_error)
