"""Routes for the public pages. Their URLs are printed on posters: never change them."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_wtf.csrf import CSRFError, generate_csrf
from sqlalchemy.exc import OperationalError

from feedback_app import db, languages
from feedback_app.error_summary import error_summary
from feedback_app.errors import http_error_page, service_busy_page
from feedback_app.jobs import text_scoring
from feedback_app.models import Source
from feedback_app.public import page_cache
from feedback_app.public import thanks as receipts
from feedback_app.public.forms import SurveyForm, build_form, new_form_token, valid_form_token
from feedback_app.qr import qr_png, qr_svg
from feedback_app.safe_logging import summary
from feedback_app.services import actions, intake, prepared_text, text_signals
from feedback_app.services.intake import Submission
from feedback_app.services.sources import active_source, find_source
from feedback_app.services.survey_windows import closed_window
from feedback_app.services.teams import active_teams
from feedback_app.surveys_registry import all_definitions, definition_or_404
from surveys import SurveyDefinition

bp = Blueprint("public", __name__)

CSRF_MESSAGE = (
    "We could not send your answers because this page was open too long or your browser "
    "blocked our cookie. Your answers are still here: check them and send again."
)
BUSY_MESSAGE = (
    "Sorry, we could not save your answers just now. Your answers are still here: "
    "please try again in a minute."
)
RATE_LIMIT_MESSAGE = (
    "A lot of forms have been sent from this network in the last few minutes. Your answers "
    "are still here: wait a minute, then send again."
)


@bp.get("/")
def index():
    return render_template("public/index.html", surveys=all_definitions())


@bp.route("/forms/<slug>", methods=["GET", "POST"])
def survey_form(slug: str):
    definition = definition_or_404(slug)
    window = closed_window(definition)
    if window is not None:
        status = 200 if request.method == "GET" else 409
        return render_template("public/closed.html", definition=definition, window=window), status
    wording = languages.choose(definition)
    source = _source_for(definition, request.values.get("source"))
    if request.method == "GET":
        return _first_view(wording, source)
    # CSRFProtect checked the token before this view ran: the form need not check it again.
    form = _form(wording, source, meta={"csrf": False})

    thanks_url = url_for(".thanks", slug=slug, **_wording_args(wording))
    if form.website.data:
        # Only a bot fills the hidden field: look successful, store nothing.
        return redirect(thanks_url, code=303)
    if not form.validate():
        return _render_form(wording, form, source, status=400)

    token = valid_form_token(form.form_token.data) or new_form_token()
    submission = Submission(
        channel=source.channel if source else "link",
        source=source,
        token=token,
        language=wording.stored_language,
        easy_read=wording.easy_read,
        score_later=True,
    )
    answers = form.answers()
    # Scanned before the transaction, so the write lock is held only to store (prepared_text);
    # sentiment and themes follow in a job (jobs/text_scoring).
    prepared = text_signals.prepare(definition, [answers], scan_only=True)
    # If the database fails here, handle_database_error re-shows the form with the answers;
    # the transaction rolls back whole, and a retry with the same token is stored once.
    with db.public_writes.storing(), prepared_text.using(prepared), db.transaction() as session:
        stored = intake.submit(session, definition, answers, submission)
    text_scoring.score_soon(stored.texts_to_score)
    receipt = receipts.receipt_token(stored.case_id)
    if receipt:
        thanks_url = url_for(".thanks", slug=slug, ref=receipt, **_wording_args(wording))
    return redirect(thanks_url, code=303)


@bp.get("/forms/<slug>/thanks")
def thanks(slug: str):
    wording = languages.choose(definition_or_404(slug))
    return render_template(
        "public/thanks.html",
        definition=wording.definition,
        wording=wording,
        receipt=receipts.receipt(db.session(), request.args.get("ref")),
        long_date=receipts.long_date,
    )


def _wording_args(wording: languages.Choice) -> dict[str, Any]:
    """Query arguments that keep the chosen wording on the next page."""
    args: dict[str, Any] = {}
    if wording.language != languages.ENGLISH:
        args["lang"] = wording.language
    if wording.easy_read:
        args["easy"] = "1"
    return args


@bp.get("/s/<code>")
def source_link(code: str):
    source = find_source(db.session(), code)
    if source is None:
        return render_template("public/unknown_code.html", code=code, retired=False), 404
    definition = all_definitions().get(source.survey.slug)
    if not source.active or definition is None:
        return render_template("public/unknown_code.html", code=code, retired=True), 410
    return redirect(url_for(".survey_form", slug=definition.slug, source=source.code))


@bp.get("/qr/<code>.png")
def qr_image_png(code: str):
    source = _source_or_404(code)
    return Response(qr_png(source_url(source)), mimetype="image/png", headers=_qr_cache())


@bp.get("/qr/<code>.svg")
def qr_image_svg(code: str):
    source = _source_or_404(code)
    return Response(qr_svg(source_url(source)), mimetype="image/svg+xml", headers=_qr_cache())


@bp.get("/qr/<code>/poster")
def poster(code: str):
    source = _source_or_404(code)
    definition = definition_or_404(source.survey.slug)
    return render_template(
        "qr/poster.html",
        source=source,
        definition=definition,
        url=source_url(source),
        qr_svg=qr_svg(source_url(source)),
    )


@bp.get("/you-said-we-did")
def board():
    session = db.session()
    teams = {t.slug: t.name for t in active_teams(session)}
    team = request.args.get("team") or None
    if team not in teams:
        team = None
    return render_template(
        "public/board.html",
        actions=actions.published(session, team),
        teams=teams,
        team=team,
    )


@bp.get("/you-said-we-did/qr.svg")
def board_qr():
    return Response(qr_svg(_board_url()), mimetype="image/svg+xml", headers=_qr_cache())


def _board_url() -> str:
    return current_app.config["PUBLIC_BASE_URL"] + url_for("public.board")


@bp.get("/you-said-we-did/<int:action_id>/poster")
def board_poster(action_id: int):
    action = actions.published_one(db.session(), action_id) or abort(404)
    return render_template("public/board_poster.html", action=action, board_url=_board_url())


@bp.get("/healthz")
def health():
    with db.engine().connect() as connection:
        connection.exec_driver_sql("SELECT 1")
    return {"status": "ok"}


def source_url(source: Source) -> str:
    """The absolute short URL printed on posters and encoded in QR codes."""
    return f"{current_app.config['PUBLIC_BASE_URL']}/s/{source.code}"


def reshow_survey_form(message: str, status: int):
    """Re-show the survey form being sent, with everything typed and `message` at the top.

    Used when a submission is refused for a reason that is not the person's answers
    (an expired session, a rate limit). Returns None for any other request.
    """
    if request.endpoint != "public.survey_form" or request.method != "POST":
        return None
    definition = all_definitions().get((request.view_args or {}).get("slug", ""))
    if definition is None:
        return None
    try:
        source = _source_for(definition, request.form.get("source"))
    except OperationalError:
        db.session().rollback()
        source = None
    wording = languages.choose(definition)
    form = _form(wording, source, meta={"csrf": False})
    form.validate()
    form.form_errors.append(message)
    return _render_form(wording, form, source, status=status)


def handle_csrf_error(error: CSRFError):
    page = reshow_survey_form(CSRF_MESSAGE, 400)
    if page is not None:
        return page
    return render_template("errors/csrf.html", reason=error.description), 400


def handle_database_error(error: OperationalError):
    """The database is unreachable or locked: ask the person to try again, answers kept."""
    current_app.logger.error("Database unavailable: %s", summary(error))
    db.session().rollback()
    try:
        page = reshow_survey_form(BUSY_MESSAGE, 503)
    except OperationalError:
        db.session().rollback()
        page = None
    if page is None:
        return service_busy_page()
    return page


def handle_rate_limit(error):
    page = reshow_survey_form(RATE_LIMIT_MESSAGE, 429)
    if page is not None:
        return page
    return http_error_page(error)


def _source_for(definition: SurveyDefinition, code: str | None) -> Source | None:
    source = active_source(db.session(), code)
    if source is not None and source.survey.slug != definition.slug:
        return None
    return source


def _form(wording: languages.Choice, source: Source | None, **kwargs) -> SurveyForm:
    definition = wording.definition
    hide = set()
    team_question = definition.question_with_role("team")
    if source is not None and source.team_id is not None and team_question is not None:
        hide.add(team_question.id)
    teams = current_app.extensions["team_choices"].get(db.session())
    form = build_form(definition, teams, hide=hide, variant=wording.key, **kwargs)
    if source is not None and not form.source.data:
        form.source.data = source.code
    return form


def _first_view(wording: languages.Choice, source: Source | None):
    """The empty form, from the kept page for this address when there is one."""
    form_token = new_form_token()
    teams = current_app.extensions["team_choices"].get(db.session())
    key = page_cache.page_key(
        wording.definition.content_hash, wording.key, source.id if source else None, tuple(teams)
    )

    def render() -> str:
        form = _form(wording, source)
        form.form_token.data = form_token
        return _render_form(wording, form, source)[0]

    pages = current_app.extensions.setdefault("form_pages", page_cache.FormPages())
    return page_cache.cached_form_page(pages, key, generate_csrf(), form_token, render), 200


def _render_form(
    wording: languages.Choice, form: SurveyForm, source: Source | None, status: int = 200
):
    page = render_template(
        "public/form.html",
        definition=wording.definition,
        wording=wording,
        wording_args=_wording_args(wording),
        form=form,
        source=source,
        error_summary=error_summary(form),
    )
    return page, status


def _source_or_404(code: str) -> Source:
    source = find_source(db.session(), code)
    if source is None:
        abort(404)
    return source


def _qr_cache() -> dict[str, str]:
    return {"Cache-Control": "public, max-age=86400"}
