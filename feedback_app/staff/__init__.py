"""The staff area: sign-in, paper forms, Tell us cases, safeguarding, posters, accounts."""

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

__all__ = ["bp"]
