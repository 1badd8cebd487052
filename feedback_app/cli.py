"""Commands for `flask --app feedback_app ...`: set up the database, sources and demo data.

Staff scripts call these names and options: keep them stable.
"""

from __future__ import annotations

import time
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from feedback_app import cli_data, db, migrate
from feedback_app.models import ROLES, Response, Source
from feedback_app.services import accounts, audit
from feedback_app.services.sources import SourceError, create_source, find_source, retire_source
from feedback_app.services.surveys import current_version, sync_definitions
from feedback_app.services.teams import seed_teams, team_by_slug
from feedback_app.surveys_registry import all_definitions


def init_app(app: Flask) -> None:
    for command in (
        init_db,
        create_user,
        add_source,
        list_sources,
        retire_source_command,
        demo_data,
        backfill_signals,
        report,
        show_urls,
        make_migration,
        *cli_data.COMMANDS,
    ):
        app.cli.add_command(command)


@click.command("init-db")
@with_appcontext
def init_db() -> None:
    """Migrate the database to the latest schema, seed the teams and record survey versions."""
    migrate.upgrade(db.engine())
    with db.transaction() as session:
        added = seed_teams(session)
        changed = sync_definitions(session, all_definitions())
    click.echo(f"Database is at migration {migrate.current_revision(db.engine())}.")
    click.echo(f"Teams added: {added}. Surveys with a new version: {', '.join(changed) or 'none'}.")


@click.command("create-user")
@with_appcontext
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option(
    "--role",
    "roles",
    multiple=True,
    default=["admin"],
    show_default=True,
    type=click.Choice(sorted(ROLES)),
    help="Repeat for several roles.",
)
@click.option(
    "--password",
    envvar="FEEDBACK_NEW_PASSWORD",
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    help="Asked for if not given (or set FEEDBACK_NEW_PASSWORD).",
)
def create_user(email: str, name: str, roles: tuple[str, ...], password: str) -> None:
    """Make a staff account (the first admin, or anyone when scripting)."""
    try:
        with db.transaction() as session:
            user = accounts.create_user(session, email, name, password, set(roles))
    except accounts.AccountError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(
        f"Made an account for {user.name} <{user.email}> with roles: {', '.join(sorted(roles))}."
    )


@click.command("add-source")
@with_appcontext
@click.option("--survey", "survey_slug", required=True, help="Survey slug, e.g. working-with-us.")
@click.option("--label", required=True, help="What it is, e.g. 'Poster in Hereford office'.")
@click.option("--team", "team_slug", default=None, help="Team slug, e.g. herefordshire.")
@click.option("--office", default=None, help="Office or place where it is displayed.")
@click.option(
    "--channel",
    type=click.Choice(["qr", "link"]),
    default="qr",
    show_default=True,
    help="qr for posters and cards, link for emails and messages.",
)
@click.option("--code", default=None, help="A chosen short code (default: a random one).")
def add_source(
    survey_slug: str,
    label: str,
    team_slug: str | None,
    office: str | None,
    channel: str,
    code: str | None,
) -> None:
    """Create a QR/link source and print its URLs."""
    definition = all_definitions().get(survey_slug)
    if definition is None:
        raise click.BadParameter(
            f"no survey '{survey_slug}'; choose from {', '.join(sorted(all_definitions()))}",
            param_hint="--survey",
        )
    with db.transaction() as session:
        team = None
        if team_slug:
            team = team_by_slug(session, team_slug)
            if team is None:
                raise click.BadParameter(
                    f"no team '{team_slug}'; run init-db, or check `flask list-sources`",
                    param_hint="--team",
                )
        version = current_version(session, definition)
        try:
            source = create_source(
                session,
                version.survey,
                label,
                team=team,
                office=office,
                channel=channel,
                code=code,
            )
        except SourceError as exc:
            raise click.UsageError(str(exc)) from exc
        audit.record(
            session,
            None,
            "create",
            "source",
            source.id,
            after={"code": source.code, "label": source.label, "via": "command line"},
        )
    _echo_source(source)


@click.command("list-sources")
@with_appcontext
@click.option("--all", "show_all", is_flag=True, help="Include retired sources.")
def list_sources(show_all: bool) -> None:
    """List QR/link sources with their URLs."""
    query = select(Source).order_by(Source.id)
    if not show_all:
        query = query.where(Source.retired_at.is_(None))
    sources = list(db.session().scalars(query))
    if not sources:
        click.echo("No sources yet. Create one with `flask --app feedback_app add-source`.")
    for source in sources:
        _echo_source(source)


@click.command("retire-source")
@with_appcontext
@click.argument("code")
def retire_source_command(code: str) -> None:
    """Retire a source: its URL then shows a friendly 'no longer used' page."""
    with db.transaction() as session:
        source = find_source(session, code)
        if source is None:
            raise click.UsageError(f"there is no source with code '{code}'")
        retire_source(session, source)
        audit.record(
            session,
            None,
            "retire",
            "source",
            source.id,
            after={"code": source.code, "via": "command line"},
        )
    click.echo(f"Retired {code}.")


@click.command("demo-data")
@with_appcontext
@click.option("--responses", default=2000, show_default=True, type=click.IntRange(min=0))
@click.option("--seed", default=1, show_default=True, type=int)
@click.option(
    "--quarters",
    default=6,
    show_default=True,
    type=click.IntRange(min=1, max=20),
    help="How many quarters back, counting the current one (6: the last complete quarter has "
    "the same quarter last year beside it).",
)
@click.option("--if-empty", is_flag=True, help="Do nothing if there are responses already.")
def demo_data(responses: int, seed: int, quarters: int, if_empty: bool) -> None:
    """Fill the database with realistic demo responses (never use on a live service)."""
    if if_empty and db.session().scalar(select(Response.id).limit(1)) is not None:
        click.echo("There are responses already, so no demo data was added.")
        return
    from feedback_app import demo  # the phrase banks load only for this command

    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        click.echo(f"  {done:,} of {total:,} responses", err=True)

    with db.transaction() as session:
        seed_teams(session)
        result = demo.generate(
            session,
            all_definitions(),
            responses,
            seed=seed,
            quarters=quarters,
            progress=progress if responses >= 20000 else None,
        )
    seconds = time.perf_counter() - started
    rate = result.responses / seconds if seconds else 0
    with db.transaction() as session:
        cases = demo.demo_cases(session, result.response_ids)
        staff = demo.demo_staff(session)
        made_actions = demo.demo_actions(session)
        made_activities = demo.demo_participation(session, all_definitions())
        finished_quarters = demo.demo_finished_counts(session)
    click.echo(
        f"Added {result.responses:,} demo responses with {result.answers:,} answers "
        f"from {result.first_day} to {result.last_day} in {seconds:.1f} s ({rate:,.0f} a second)."
    )
    click.echo(f"Made {cases} Tell us cases (open for the last 45 days, closed before).")
    if made_actions:
        click.echo(f"Added {made_actions} You Said, We Did actions.")
    if made_activities:
        click.echo(f"Added {made_activities} participation activities and two offers to help.")
    if finished_quarters:
        click.echo(
            f"Added the numbers who finished with each team for {finished_quarters} past "
            "quarters (the response rates' base)."
        )
    if staff:
        click.echo(f"Demo staff accounts (password '{demo.DEMO_PASSWORD}'): {', '.join(staff)}")


@click.command("backfill-signals")
@with_appcontext
@click.option("--rescore", is_flag=True, help="Score every free-text answer again.")
def backfill_signals(rescore: bool) -> None:
    """Score free-text answers that have no sentiment and themes yet (or an old scoring), and
    flag for safeguarding any the current detector catches that were missed when saved."""
    from feedback_app.services.text_signals import backfill

    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        click.echo(f"  {done:,} of {total:,} answers scored", err=True)

    with db.transaction() as session:
        done = backfill(session, all_definitions(), rescore=rescore, progress=progress)
    seconds = time.perf_counter() - started
    click.echo(f"Scored {done.scored:,} free-text answers in {seconds:.1f} s.")
    if done.found_late:
        click.echo(
            f"{done.found_late:,} older answers newly flagged for safeguarding: they are in the "
            "safeguarding queue, marked found late."
        )


@click.command("report")
@with_appcontext
@click.option("--quarter", "quarter_text", required=True, help="A quarter like 2026-27-Q2.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("reports"),
    show_default=True,
    help="Folder for the HTML, PDF, CSV and XLSX files.",
)
@click.option("--team", default=None, help="One team's report, e.g. herefordshire.")
def report(quarter_text: str, out: Path, team: str | None) -> None:
    """Write the quarterly triangulation report for the leadership team."""
    from analysis.quarters import Quarter
    from analysis.report import build_report, write_files

    try:
        quarter = Quarter.parse(quarter_text)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--quarter") from exc
    if team and team_by_slug(db.session(), team) is None:
        raise click.BadParameter(f"no team '{team}'", param_hint="--team")
    started = time.perf_counter()
    say = lambda message: click.echo(f"  {message}", err=True)  # noqa: E731
    built = build_report(
        db.engine(),
        all_definitions(),
        quarter,
        team=team,
        service_name=current_app.config["SERVICE_NAME"],
        progress=say,
    )
    pdf = None
    if current_app.config.get("REPORT_PDF", True):
        from analysis.report.pdf import pdf_bytes

        say("Drawing the charts and writing the PDF")
        pdf = pdf_bytes(built)
    say("Writing the files")
    files = write_files(built, out, pdf=pdf)
    click.echo(
        f"Wrote {files.html} with {len(files.csvs)} data files, {files.workbook.name}"
        + (f" and {files.pdf.name}" if files.pdf else "")
        + f" in {time.perf_counter() - started:.1f} s."
    )


@click.command("urls")
@with_appcontext
def show_urls() -> None:
    """Print the address of each form and of a poster."""
    base = current_app.config["PUBLIC_BASE_URL"]
    click.echo(f"Home: {base}/")
    for slug in all_definitions():
        click.echo(f"Form: {base}/forms/{slug}")
    source = db.session().scalar(
        select(Source).where(Source.retired_at.is_(None)).order_by(Source.id)
    )
    if source is not None:
        click.echo(f"Poster: {base}/qr/{source.code}/poster  (QR link {base}/s/{source.code})")
    click.echo(f"You Said, We Did board: {base}/you-said-we-did")
    click.echo(f"Staff sign-in: {base}/staff/login")


@click.command("make-migration")
@with_appcontext
@click.argument("message")
def make_migration(message: str) -> None:
    """For developers: write a migration for changes made to models.py."""
    migrate.new_revision(db.engine(), message)


def _echo_source(source: Source) -> None:
    base = current_app.config["PUBLIC_BASE_URL"]
    team = source.team.name if source.team else "no team"
    state = "" if source.active else "  [retired]"
    click.echo(
        f"{source.code}  {source.survey.slug}  {team}  {source.label}{state}\n"
        f"    link:   {base}/s/{source.code}\n"
        f"    poster: {base}/qr/{source.code}/poster"
    )
