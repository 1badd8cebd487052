"""The in-process cost of one child opening and sending the children's form, in CPU time.

    python bench/form_cycle.py [--forms 400]      # or: python bench/load.py --in-process

Builds the app on a temporary SQLite file and drives it with Flask's test client (no network,
no other process), so the figure is the app's own work per form: CPU milliseconds to open the
form and to send it, means over --forms forms after a warm-up. CPU time, not wall time,
because the machine is shared; printed with the figure measured before the form's first view
was kept (see README, Figures). Then the job that scores the forms' texts (sentiment and themes
follow a public form in a job) is run, and its CPU per form printed too.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Measured with this bench just before the change, on the development machine (CPU ms).
BEFORE = {"open": 5.75, "send": 10.06}
FORM = "/forms/working-with-us"
ANSWERS = {
    "team": "shropshire",
    "listened": "yes",
    "explained": "sort_of",
    "had_a_say": "yes",
    "respect": "yes",
    "helped": "sort_of",
    "overall": "4",
    "completed_with": "alone",
    "gender": "prefer_not",
}
TOKEN = re.compile(r'name="(csrf_token|form_token)" value="([^"]+)"')


def run(forms: int, warm_up: int = 30) -> dict[str, float]:
    from feedback_app.factory import create_app

    folder = Path(tempfile.mkdtemp(prefix="feedback-form-cycle-"))
    app = create_app(
        {
            "FEEDBACK_ENV": "testing",
            "SECRET_KEY": "bench-only-secret-key-0123456789abcdef",
            "DATABASE_URL": f"sqlite:///{folder / 'cycle.db'}",
            "RATELIMIT_ENABLED": False,
            # Queued, not run: the form's own cost is timed, then its scoring job's (below).
            "JOBS_BROKER": f"sqlite:///{folder / 'jobs.db'}",
            "JOBS_WORKER": "separate",
            "TEXT_SCORING_DELAY": 3600.0,
            "REPORT_PDF": False,
        }
    )
    app.test_cli_runner().invoke(args=["init-db"])
    opens: list[float] = []
    sends: list[float] = []
    for n in range(warm_up + forms):
        client = app.test_client()
        started = time.process_time()
        page = client.get(FORM).get_data(as_text=True)
        opened = time.process_time()
        data = {**ANSWERS, **dict(TOKEN.findall(page)), "best_thing": f"my worker listened {n}"}
        if client.post(FORM, data=data).status_code != 303:
            raise SystemExit("the form was not accepted: the bench is out of date")
        sent = time.process_time()
        if n >= warm_up:
            opens.append(opened - started)
            sends.append(sent - opened)
    # The job that scores the forms' texts a moment later (jobs/text_scoring), per form.
    from feedback_app.jobs import text_scoring

    text_scoring.flush(app)
    huey = app.extensions["jobs_huey"]
    started = time.process_time()
    while (task := huey.dequeue()) is not None:
        huey.execute(task)
    scoring = (time.process_time() - started) / (warm_up + forms)
    return {
        "open": statistics.mean(opens) * 1000,
        "send": statistics.mean(sends) * 1000,
        "scoring job": scoring * 1000,
    }


def report(figures: dict[str, float], forms: int) -> None:
    before, after = sum(BEFORE.values()), figures["open"] + figures["send"]
    print(f"In process, {forms} children's forms (CPU ms per form, means):")
    print(f"  before: open {BEFORE['open']:.2f} + send {BEFORE['send']:.2f} = {before:.2f}")
    print(f"  now:    open {figures['open']:.2f} + send {figures['send']:.2f} = {after:.2f}")
    print(f"  now / before: {after / before:.0%}")
    print(
        f"  and later, in a job worker: {figures['scoring job']:.2f} per form to score its text "
        "(sentiment and themes, with many forms' at once)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--forms", type=int, default=400)
    args = parser.parse_args()
    report(run(args.forms), args.forms)


if __name__ == "__main__":
    main()
