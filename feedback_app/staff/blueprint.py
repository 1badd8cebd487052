"""The staff blueprint, shared by the route modules of the staff area."""

from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")
