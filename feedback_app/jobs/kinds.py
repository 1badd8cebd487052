"""The kinds of job there are, and what a job's work function is given and returns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import update

from analysis.clock import utc_now
from feedback_app import db
from feedback_app.models import Job


class JobFailed(Exception):
    """A job could not finish, for a reason the person who started it can act on.
    The message is shown to them as it is: plain words, saying what to do next."""


@dataclass(frozen=True)
class JobOutcome:
    """What a finished job tells the person who started it, and where to go next."""

    message: str
    endpoint: str | None = None
    values: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"message": self.message, "endpoint": self.endpoint, "values": self.values}


@dataclass
class JobContext:
    """Handed to a work function: the job's parameters, who started it, and a way to report
    progress that others can read at once (it commits on its own short transaction, so call
    it between the work's own transactions, never inside one)."""

    job_id: int
    params: dict[str, Any]
    started_by_id: int | None
    on_progress: Callable[[int, int, str | None], None] | None = None

    def progress(self, done: int, total: int, note: str | None = None) -> None:
        values: dict[str, Any] = {
            "progress_done": done,
            "progress_total": total,
            "updated_at": utc_now(),
        }
        if note is not None:
            values["progress_note"] = note[:300]
        with db.engine().begin() as connection:
            connection.execute(update(Job).where(Job.id == self.job_id).values(**values))
        if self.on_progress is not None:
            self.on_progress(done, total, note)

    def remember(self, **values: Any) -> None:
        """Keep a value in the job's parameters (e.g. the batch an import writes to), so a
        retry carries on with the same batch instead of starting a second one."""
        self.params = {**self.params, **values}
        with db.engine().begin() as connection:
            connection.execute(update(Job).where(Job.id == self.job_id).values(params=self.params))


Work = Callable[[JobContext], JobOutcome]


@dataclass(frozen=True)
class JobKind:
    name: str
    work: Work
    # Failing jobs of this kind can be retried by the person who started them or an admin.
    retryable: bool = True


KINDS: dict[str, JobKind] = {}


def job_kind(name: str, retryable: bool = True) -> Callable[[Work], Work]:
    """Register a work function under a kind name (stored in the job row: keep it stable)."""

    def register(work: Work) -> Work:
        KINDS[name] = JobKind(name, work, retryable)
        return work

    return register
