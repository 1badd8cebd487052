"""Staff accounts and seeded records for tests of the staff area."""

from __future__ import annotations

from feedback_app import db
from feedback_app.models import ROLES
from feedback_app.services import accounts
from feedback_app.services.responses import Submission
from feedback_app.services.surveys import current_version
from feedback_app.surveys_registry import all_definitions
from tests.conftest import form_tokens

PASSWORD = "correct horse battery staple"


def make_user(role_or_roles, email: str | None = None, name: str | None = None):
    roles = {role_or_roles} if isinstance(role_or_roles, str) else set(role_or_roles)
    label = "-".join(sorted(roles)) or "none"
    with db.transaction() as session:
        return accounts.create_user(
            session, email or f"{label}@example.org", name or f"Test {label}", PASSWORD, roles
        )


def make_role_users() -> dict[str, object]:
    return {role: make_user(role) for role in ROLES}


def login(client, email: str, password: str = PASSWORD):
    page = client.get("/staff/login")
    return client.post(
        "/staff/login",
        data={"csrf_token": form_tokens(page)["csrf_token"], "email": email, "password": password},
    )


def csrf_for(client, url: str) -> str:
    return form_tokens(client.get(url))["csrf_token"]


def save_response(slug: str, answers: dict, **submission) -> int:
    """Store a response as the app does, through intake.submit(): offer to help taken out,
    text scored and scanned, a Tell us case opened."""
    from feedback_app.services.intake import submit

    with db.transaction() as session:
        stored = submit(session, all_definitions()[slug], answers, Submission(**submission))
    return stored.response_id


def make_action(actor, published: bool = False, **fields):
    """A You Said, We Did action, done and published when asked."""
    from feedback_app.services import actions

    values = {
        "you_said": "You said waiting rooms were boring and cold.",
        "we_did": "We put blankets, games and phone chargers in every waiting room.",
        "status": "done",
        "themes": ("being_listened_to",),
        **fields,
    }
    with db.transaction() as session:
        action = actions.create(session, actor, actions.ActionFields(**values))
        if published:
            actions.publish(session, actor, action)
    return action


def make_activity(actor, **fields):
    """A participation activity: a questionnaire redesign workshop by default."""
    from datetime import date

    from feedback_app.services import participation

    values = {
        "held_on": date(2026, 11, 3),
        "kind": "co_design",
        "asked": "How should the new questionnaire look and sound?",
        "said": "Fewer questions, bigger buttons, and faces instead of numbers.",
        "children": 25,
        "lundy": ("space", "voice"),
        **fields,
    }
    with db.transaction() as session:
        return participation.create(session, actor, participation.ActivityFields(**values))


def make_help_offer(contact: str = "07700 900123", slug: str = "working-with-us"):
    """An offer to help, as a yes with contact details on a form leaves it."""
    from feedback_app.services import help_offers

    with db.transaction() as session:
        return help_offers.record_offer(session, all_definitions()[slug], contact)


def make_import(admin) -> tuple[str, int]:
    """An export imported as a batch, and the same file uploaded again and waiting to be
    checked; returns (upload token, batch id)."""
    from pathlib import Path

    from feedback_app.importing import read_table
    from feedback_app.models import ImportUpload
    from feedback_app.services import imports

    path = Path(__file__).parent / "data" / "imports" / "parent-carer-clean.xlsx"
    content = path.read_bytes()
    definition = all_definitions()["parent-carer"]
    table = read_table(content, path.name)
    with db.transaction() as session:
        version = current_version(session, definition)
        mapping, _ = imports.saved_or_suggested(session, definition, version.survey_id, table)
        found = imports.preview(session, definition, table, mapping)
        batch = imports.run_import(
            session, admin, definition, path.name, imports.file_hash(content), found, mapping
        )
        session.add(
            ImportUpload(
                id="seeded-upload",
                survey_id=version.survey_id,
                filename=path.name,
                content=content,
                uploaded_by_id=admin.id,
            )
        )
    return "seeded-upload", batch.id


def make_job(state: str = "done", started_by=None, **fields):
    """A background job as the worker leaves it (started from the command line by default)."""
    from feedback_app.models import Job

    with db.transaction() as session:
        job = Job(
            kind=fields.pop("kind", "backfill-signals"),
            title="Score free-text answers",
            params={},
            state=state,
            started_by_id=started_by.id if started_by else None,
            **fields,
        )
        session.add(job)
    return job


def make_export_file(maker):
    """An export a job made for `maker`, as the export job leaves it."""
    from feedback_app.models import ExportFile

    job = make_job(started_by=maker, kind="export")
    with db.transaction() as session:
        made = ExportFile(
            job_id=job.id, made_by_id=maker.id, filename="x.csv", mimetype="text/csv", content=b"a"
        )
        session.add(made)
    return made


def seed_staff_records() -> tuple[dict, dict]:
    """One of everything a staff page can be about (a Tell us case with a safeguarding flag, a
    paper form typed in by the practitioner, a published You Said, We Did action, a
    participation activity, an offer to help) and a user for each role; returns (users, ids).
    Call inside an app context."""
    from sqlalchemy import select

    from feedback_app.models import Response, SafeguardingFlag, TellUsCase, TextSignal
    from tests.answers import VALID_ANSWERS

    users = make_role_users()
    save_response("tell-us", {**VALID_ANSWERS["tell-us"], "message": "I want to kill myself"})
    save_response(
        "parent-carer",
        VALID_ANSWERS["parent-carer"],
        channel="paper",
        paper_reference="P-1",
        transcribed_by_id=users["practitioner"].id,
    )
    token, batch_id = make_import(users["admin"])
    session = db.session()
    ids = {
        "token": token,
        "batch_id": batch_id,
        "action_id": make_action(users["champion"], published=True).id,
        "activity_id": make_activity(users["champion"]).id,
        "offer_id": make_help_offer().id,
        "theme": "being_listened_to",
        "case_id": session.scalar(select(TellUsCase.id)),
        "flag_id": session.scalar(select(SafeguardingFlag.id)),
        "user_id": users["admin"].id,
        "response_id": session.scalar(select(Response.id).where(Response.channel == "paper")),
        "job_id": make_job().id,
        "file_id": make_export_file(users["admin"]).id,
    }
    # A scored answer not flagged for safeguarding: the parent's "What went well?".
    paper_signals = select(TextSignal.answer_id).where(TextSignal.response_id == ids["response_id"])
    ids["answer_id"] = session.scalar(paper_signals)
    assert all(ids.values())
    return users, ids
