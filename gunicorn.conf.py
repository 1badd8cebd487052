"""gunicorn's settings, read from the folder it starts in (`gunicorn 'feedback_app:create_app()'`).

The app is loaded once, and the text models with it, before the workers are forked: each worker
starts with the scorer and the safeguarding detector ready (a form never waits seconds for them)
and shares their memory with the others. `kill -HUP` then restarts workers without reading new
code: restart the service after a deploy.
"""

import time

preload_app = True


def when_ready(server) -> None:
    app = server.app.wsgi()
    if "db_engine" in getattr(app, "extensions", {}):  # this project's app, not another's
        from feedback_app.services.text_signals import warm_up

        started = time.perf_counter()
        warm_up()
        server.log.info("text models loaded in %.1f s", time.perf_counter() - started)


def post_fork(server, worker) -> None:
    from feedback_app import db

    db.after_fork()


def worker_exit(server, worker) -> None:
    """A stopping worker queues the scoring of the forms it gathered (jobs/text_scoring)."""
    app = server.app.wsgi()
    if "text_scoring" in getattr(app, "extensions", {}):
        from feedback_app.jobs import text_scoring

        text_scoring.flush(app)
