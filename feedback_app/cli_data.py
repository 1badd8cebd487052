"""Commands that move data in and out: import old exports, export responses, apply retention."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click
from flask.cli import with_appcontext

from analysis.clock import local_date
from feedback_app import db
from feedback_app.importing import ImportFileError, Mapping, read_table
from feedback_app.models import ImportBatch
from feedback_app.services import audit, exports, imports
from feedback_app.services.surveys import survey_by_slug
from feedback_app.surveys_registry import all_definitions


def _definition(slug: str):
    definitions = all_definitions()
    if slug not in definitions:
        raise click.BadParameter(
            f"no survey '{slug}'; choose one of {', '.join(sorted(definitions))}",
            param_hint="--survey",
        )
    return definitions[slug]


@click.command("import-responses")
@with_appcontext
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--survey", "slug", required=True, help="The survey the file holds, e.g. parent-carer."
)
@click.option(
    "--mapping",
    "mapping_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A mapping saved with --save-mapping (otherwise the last one used, or a suggestion).",
)
@click.option(
    "--save-mapping",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the mapping used to this JSON file, to edit and pass back with --mapping.",
)
@click.option(
    "--month-first",
    is_flag=True,
    help="Read ambiguous dates like 03/04/2025 as 4 March (US layout).",
)
@click.option("--dry-run", is_flag=True, help="Show what would be stored and store nothing.")
@click.option("--yes", is_flag=True, help="Do not ask before importing.")
def import_responses(
    file: Path,
    slug: str,
    mapping_file: Path | None,
    save_mapping: Path | None,
    month_first: bool,
    dry_run: bool,
    yes: bool,
) -> None:
    """Import a Microsoft Forms or Excel export (.xlsx or .csv) into a survey, as one batch."""
    definition = _definition(slug)
    content = file.read_bytes()
    try:
        table = read_table(content, file.name)
    except ImportFileError as error:
        raise click.ClickException(str(error)) from error
    session = db.session()
    survey = survey_by_slug(session, slug)
    if mapping_file:
        try:
            mapping = Mapping.from_dict(json.loads(mapping_file.read_text(encoding="utf-8")))
        except ValueError as error:
            raise click.ClickException(f"{mapping_file} is not a saved mapping: {error}") from error
        origin = f"from {mapping_file}"
    else:
        mapping, was_saved = imports.saved_or_suggested(
            session, definition, survey.id if survey else None, table
        )
        origin = "used last time" if was_saved else "suggested from the headings"
    if save_mapping:
        save_mapping.write_text(json.dumps(mapping.to_dict(), indent=2), encoding="utf-8")
    click.echo(f"{file.name}: {len(table.rows):,} rows. Columns ({origin}):")
    for heading in table.headings:
        target = mapping.columns.get(heading)
        click.echo(f"  {heading[:60]:60} -> {target or '(not imported)'}")
    try:
        found = imports.preview(session, definition, table, mapping, day_first=not month_first)
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    click.echo(
        f"Ready to store: {len(found.new_rows):,}. Stored before (skipped): "
        f"{len(found.already_stored):,}. Rows that cannot be stored: "
        f"{len({p.number for p in found.problems}):,}."
    )
    for problem in found.problems[:200]:
        click.echo(f"  {problem.reason}")
    if len(found.problems) > 200:
        click.echo(f"  … and {len(found.problems) - 200:,} more")
    session.rollback()
    if dry_run:
        click.echo("Dry run: nothing was stored.")
        return
    if not found.new_rows:
        click.echo("Nothing new to store.")
        return
    if not yes:
        click.confirm(f"Store {len(found.new_rows):,} responses?", abort=True)

    def progress(done: int, total: int) -> None:
        click.echo(f"  {done:,} of {total:,} rows", err=True)

    # Not in db.transaction(): it would hold SQLite's write queue for the whole import, and
    # forms sent meanwhile would wait for all of it; each chunk commits on its own, as in the job.
    try:
        batch = imports.run_import(
            session,
            None,
            definition,
            file.name,
            imports.file_hash(content),
            found,
            mapping,
            progress=progress,
            commit_chunks=True,
        )
        session.commit()
    except BaseException:
        session.rollback()
        raise
    click.echo(
        f"Batch {batch.id}: stored {batch.rows_stored:,} responses. "
        f"Undo it with: flask undo-import {batch.id}"
    )


@click.command("undo-import")
@with_appcontext
@click.argument("batch_id", type=int)
@click.option("--yes", is_flag=True, help="Do not ask first.")
def undo_import(batch_id: int, yes: bool) -> None:
    """Remove every response an import batch stored, and nothing else."""
    with db.transaction() as session:
        batch = session.get(ImportBatch, batch_id)
        if batch is None:
            raise click.ClickException(f"there is no import batch {batch_id}")
        if batch.undone_at is not None:
            raise click.ClickException(
                f"batch {batch_id} was undone on {local_date(batch.undone_at):%d %B %Y}"
            )
        if not yes:
            click.confirm(
                f"Remove the {batch.rows_stored:,} responses of batch {batch_id} "
                f"({batch.filename})?",
                abort=True,
            )
        removed = imports.undo(session, None, batch)
    click.echo(f"Removed {removed:,} responses of batch {batch_id}.")


def required_day(value: str, name: str) -> date:
    """A date option that must be given (click has made sure it was)."""
    day = parse_day(value, name)
    if day is None:
        raise click.BadParameter("give a date like 2026-04-01", param_hint=name)
    return day


def parse_day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise click.BadParameter(
            f"'{value}' is not a date like 2026-04-01", param_hint=name
        ) from error


@click.command("export-responses")
@with_appcontext
@click.option("--survey", "slug", required=True, help="The survey, e.g. working-with-us.")
@click.option("--from", "start", required=True, help="First day, like 2026-04-01.")
@click.option("--to", "end", required=True, help="Last day (inclusive), like 2026-06-30.")
@click.option("--layout", type=click.Choice(exports.LAYOUTS), default="wide", show_default=True)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write: .csv or .xlsx.",
)
@click.option(
    "--with-restricted",
    is_flag=True,
    help="Include the 'about you' answers and contact details (keep the file safe).",
)
def export_responses(
    slug: str, start: str, end: str, layout: str, out: Path, with_restricted: bool
) -> None:
    """Export a survey's responses for a period as CSV or XLSX."""
    definition = _definition(slug)
    first, last = required_day(start, "--from"), required_day(end, "--to")
    if out.suffix not in (".csv", ".xlsx"):
        raise click.BadParameter("the file must end in .csv or .xlsx", param_hint="--out")
    try:
        made = exports.build(db.session(), definition, first, last, layout, with_restricted)
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    body = exports.as_csv(made) if out.suffix == ".csv" else exports.as_xlsx(made, definition.title)
    out.write_bytes(body)
    with db.transaction() as session:
        audit.record(
            session,
            None,
            "export",
            "survey",
            slug,
            None,
            {"file": out.name, "rows": len(made.rows), "restricted_columns": with_restricted},
        )
    click.echo(f"Wrote {len(made.rows):,} rows to {out}.")


@click.command("apply-retention")
@with_appcontext
@click.option(
    "--confirm", is_flag=True, help="Carry it out (without this, only show what would go)."
)
@click.option("--on", "on_day", help="Work out the dates as if today were this day (YYYY-MM-DD).")
def apply_retention(confirm: bool, on_day: str | None) -> None:
    """Blank free text and delete responses past the schedule in surveys/settings/retention.toml."""
    from analysis.clock import today
    from feedback_app.services import retention

    on = parse_day(on_day, "--on") or today()
    try:
        policies = retention.load_policies(sorted(all_definitions()))
    except retention.RetentionError as error:
        raise click.ClickException(str(error)) from error
    session = db.session()
    steps = retention.plan(session, policies, on)
    session.rollback()
    click.echo(f"Retention on {on:%d %B %Y}:")
    for step in steps:
        if step.survey == retention.OFFERS:
            click.echo(
                f"  {step.survey:22} contact details given before {step.free_text_before} and "
                f"not followed up: {step.texts:,} to remove"
            )
            continue
        click.echo(
            f"  {step.survey:22} free text before {step.free_text_before}: {step.texts:,} to blank;"
            f" responses before {step.responses_before}: {step.responses:,} to delete"
            + (
                f"; {step.held_back:,} kept for an open case or unread safeguarding flag"
                if step.held_back
                else ""
            )
        )
    if not any(s.texts or s.responses for s in steps):
        click.echo("Nothing is past its date.")
        return
    if not confirm:
        click.echo("Dry run: nothing was changed. Run again with --confirm to carry it out.")
        return
    with db.transaction() as tx:
        done = retention.apply(tx, None, policies, on)
    click.echo(
        f"Done: {sum(s.texts for s in done):,} free-text answers blanked and "
        f"{sum(s.responses for s in done):,} responses deleted. Recorded in the audit log."
    )


@click.command("export-label-corrections")
@with_appcontext
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path))
def export_label_corrections(out: Path) -> None:
    """Write leads' label corrections (text, audience, sentiment) for the next training run:
    python -m analysis.train_sentiment --corrections FILE. The file holds answers: keep it safe."""
    import csv

    from analysis.cells import csv_cell
    from feedback_app.services.label_corrections import training_rows

    with db.transaction() as session:
        rows = training_rows(session)
        audit.record(session, None, "export", "label_correction", None, after={"rows": len(rows)})
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["text", "audience", "sentiment", "scorer"])
        writer.writeheader()
        writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in rows)
    click.echo(f"Wrote {len(rows)} corrected answers to {out}.")


COMMANDS = (
    import_responses,
    undo_import,
    export_responses,
    apply_retention,
    export_label_corrections,
)
