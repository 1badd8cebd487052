"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, inspect, make_url, text

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


@pytest.fixture
def empty_database(database_url, tmp_path) -> Iterator[Engine]:
    """A database of its own (a file, or a PostgreSQL database beside the tests' one)."""
    if not database_url.startswith("postgresql"):
        engine = create_engine(f"sqlite:///{tmp_path / 'round-trip.db'}")
        yield engine
        engine.dispose()
        return
    server = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text("DROP DATABASE IF EXISTS migration_round_trip"))
        connection.execute(text("CREATE DATABASE migration_round_trip"))
    engine = create_engine(make_url(database_url).set(database="migration_round_trip"))
    yield engine
    engine.dispose()
    with server.connect() as connection:
        connection.execute(text("DROP DATABASE migration_round_trip"))
    server.dispose()


def test_every_migration_goes_down_and_up_again(empty_database):
    """A release can be rolled back: each migration undoes what it did (on SQLite, tables
    copied by a batch change keep the views that name them), and the schema it comes back to
    is the models' again."""
    migrate.upgrade(empty_database)
    migrate.downgrade(empty_database, "base")
    assert migrate.current_revision(empty_database) is None
    assert set(inspect(empty_database).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(empty_database)
    with empty_database.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
