"""The application factory: settings in, a configured Flask app out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from flask import Flask
from flask_compress import Compress
from flask_wtf.csrf import CSRFProtect

from analysis.safeguarding import load_lexicon
from feedback_app import (
    auth,
    cli,
    db,
    errors,
    identity,
    jobs,
    languages,
    public,
    security,
    showing,
    staff,
    surveys_registry,
)
from feedback_app.config import (
    DEFAULTS,
    INSTANCE_CONFIG,
    PROJECT_ROOT,
    ConfigError,
    finalise,
    settings_from_environment,
)
from feedback_app.services.teams import TeamChoices
from feedback_app.web_input import RecordIdConverter

csrf = CSRFProtect()


def create_app(config: dict[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
        instance_relative_config=True,
    )
    app.url_map.converters["int"] = RecordIdConverter  # before any route is added
    app.config.update(DEFAULTS)
    if config is None:
        app.config.from_pyfile(INSTANCE_CONFIG, silent=True)
    app.config.update(settings_from_environment())
    if config:
        app.config.update(config)
    try:
        finalise(app.config, Path(app.instance_path), app.debug)
        identity.init_app(app)
    except ConfigError as error:
        if click.get_current_context(silent=True) is not None:
            # At the command line, one clear line instead of a traceback.
            raise SystemExit(f"Error: {error}") from None
        raise

    db.init_app(app)
    # Each blueprint registers its own hooks and error handlers; the staff area's come before
    # CSRF protection, which must not read an import's body before its limit is raised.
    staff.init_app(app)
    public.init_app(app)
    csrf.init_app(app)
    surveys_registry.init_app(app)
    languages.init_app(app)
    showing.init_app(app)
    load_lexicon()  # a broken safeguarding word list stops start-up, not a submission
    auth.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    app.extensions["team_choices"] = TeamChoices()
    cli.init_app(app)
    jobs.init_app(app)
    # Pages, CSS and JS gzipped for a browser that asks: a phone on a weak signal waits less.
    app.config.setdefault("COMPRESS_ALGORITHM", "gzip")
    app.config.setdefault("COMPRESS_ALGORITHM_STREAMING", "gzip")
    Compress(app)
    return app
