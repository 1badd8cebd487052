"""Public pages: the forms reached by QR code or link, thank-you pages and posters."""

from feedback_app.public.routes import bp

__all__ = ["bp"]
