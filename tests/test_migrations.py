"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from feedback_app import db, migrate
from feedback_app.models import Base


def test_database_is_at_the_head_migration(app):
    with app.app_context():
        assert migrate.current_revision(db.engine()) == migrate.head_revision()


def test_migrations_match_the_models(app):
    with app.app_context(), db.engine().connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == [], "models changed without a migration: run `make migration`"


def test_migration_files_are_numbered_in_order():
    script = migrate.ScriptDirectory.from_config(migrate.alembic_config())
    revisions = [r.revision for r in script.walk_revisions()]
    assert sorted(revisions) == sorted(revisions, key=lambda r: int(r))
    assert [int(r) for r in sorted(revisions)] == list(range(1, len(revisions) + 1))
