"""feedback_app: feedback and participation surveys for a Child-First youth justice service."""

from feedback_app.factory import create_app

__all__ = ["create_app"]
