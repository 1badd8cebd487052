"""Background jobs: long work (imports, report builds, retention, exports, scoring) done by a
job worker so no request waits for it. Each job is a row in `job`, the truth the staff page
shows; the queue (Huey) only carries the job's id."""

from feedback_app.jobs.kinds import JobContext, JobFailed, JobOutcome, job_kind
from feedback_app.jobs.queue import init_app
from feedback_app.jobs.store import retry, run_inline, start

__all__ = [
    "JobContext",
    "JobFailed",
    "JobOutcome",
    "init_app",
    "job_kind",
    "retry",
    "run_inline",
    "start",
]
