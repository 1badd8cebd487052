"""The staff area: sign-in, paper forms, Tell us cases, safeguarding, posters, accounts."""

from flask import Flask

from feedback_app.staff import (  # noqa: F401  (each module adds its routes to bp)
    account_routes,
    action_routes,
    case_routes,
    closure_routes,
    export_routes,
    help_offer_routes,
    import_routes,
    intake_routes,
    job_routes,
    label_routes,
    maintenance_routes,
    paper_routes,
    participation_routes,
    report_routes,
    response_rate_routes,
    safeguarding_routes,
    source_routes,
    subject_access_routes,
)
from feedback_app.staff.blueprint import bp
from feedback_app.staff.import_routes import raise_upload_limit

__all__ = ["bp", "init_app"]


def init_app(app: Flask) -> None:
    """The staff area. Call before CSRF protection is set up: the import's larger upload
    limit must be in place before CSRF protection reads the body."""
    app.before_request(raise_upload_limit)
    app.register_blueprint(bp)
