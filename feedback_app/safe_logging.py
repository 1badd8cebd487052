"""Log an error without what people told us: the kind of error, the SQL statement (never its
parameters) and where it happened, but not the error's own message, which can quote a value
(PostgreSQL's "Key (paper_reference)=(...) already exists", a parser's "bad text '...'")."""

from __future__ import annotations

import logging
import traceback

from sqlalchemy.exc import StatementError


def summary(error: BaseException) -> str:
    if isinstance(error, StatementError):
        cause = type(error.orig).__name__ if error.orig is not None else type(error).__name__
        statement = " ".join(str(error.statement or "").split())[:300]
        return f"{type(error).__name__} ({cause}) in: {statement}"
    return type(error).__name__


def log_error(logger: logging.Logger, message: str, error: BaseException, *args: object) -> None:
    """`logger.exception` without the exception's message: the frames and a safe summary."""
    frames = "".join(traceback.format_tb(error.__traceback__))
    logger.error(message + ": %s\n%s", *args, summary(error), frames)
