"""The staff blueprint, shared by the route modules of the staff area."""

from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")


@bp.after_request
def never_stored(response):
    """No staff page or download (zip, XLSX, CSV, subject access copy) is kept by the browser
    or a proxy: a shared computer's back button or cache must not show it to the next person."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"
    response.headers.pop("ETag", None)
    response.headers.pop("Last-Modified", None)
    return response
