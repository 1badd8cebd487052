"""The README's `flask --app feedback_app ...` commands work as written in a checkout after
`make run`: each one in its commands table answers --help, and `init-db`, `list-sources` and
`urls` run for real on a temporary database, with no variables beyond that database's address."""

from __future__ import annotations

import fcntl
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from feedback_app.config import INSTANCE_CONFIG, PROJECT_ROOT, write_development_config

README = PROJECT_ROOT / "README.md"
FLASK = [str(Path(sys.executable).parent / "flask"), "--app", "feedback_app"]


def readme_commands() -> list[str]:
    """The command names in the README's commands table, as written there."""
    table = README.read_text(encoding="utf-8").split("### Commands (`flask --app feedback_app")[1]
    names = []
    for line in table.split("\n\n")[1].splitlines():
        if line.startswith("| `"):
            cell = line.split("|")[1]
            names += [span.split()[0] for span in re.findall(r"`([^`]+)`", cell)]
    return names


@pytest.fixture(scope="module")
def checkout_after_make_run():
    """The instance config `make run` writes, made here if this checkout has none yet, and
    removed by the last test run to finish that still uses it: CI runs the SQLite and the
    PostgreSQL tests side by side in one checkout, and one run must not take the file away
    from the other."""
    instance = PROJECT_ROOT / "instance"
    instance.mkdir(exist_ok=True)
    users = instance / ".readme-tests"
    with _locked(instance):
        made_here = users / "made"
        if not (instance / INSTANCE_CONFIG).exists():
            users.mkdir(exist_ok=True)
            made_here.touch()
        write_development_config(instance, "http://127.0.0.1:5000")
        if users.exists():
            (users / str(os.getpid())).touch()
    yield
    with _locked(instance):
        (users / str(os.getpid())).unlink(missing_ok=True)
        if users.exists() and not [p for p in users.iterdir() if p.name != "made"]:
            if made_here.exists():
                (instance / INSTANCE_CONFIG).unlink(missing_ok=True)
            made_here.unlink(missing_ok=True)
            users.rmdir()


@contextmanager
def _locked(instance: Path) -> Iterator[None]:
    with (instance / ".readme-tests.lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def run(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"FEEDBACK_ENV", "SECRET_KEY"}}
    clean.pop("PUBLIC_BASE_URL", None)
    return subprocess.run(
        [*FLASK, *args],
        cwd=PROJECT_ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_table_lists_the_commands():
    assert {"init-db", "list-sources", "retire-source", "urls", "report"} <= set(readme_commands())


@pytest.mark.parametrize("command", readme_commands())
def test_each_readme_command_answers_help_as_written(checkout_after_make_run, command):
    done = run(command, "--help")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "Usage:" in done.stdout


def test_init_db_list_sources_and_urls_run_on_a_temporary_database(
    checkout_after_make_run, tmp_path
):
    database = {"DATABASE_URL": f"sqlite:///{tmp_path / 'readme.db'}"}
    assert run("init-db", **database).returncode == 0
    added = run("add-source", "--survey", "tell-us", "--label", "Reception", **database)
    assert added.returncode == 0, added.stderr
    listed = run("list-sources", **database)
    assert listed.returncode == 0 and "http://127.0.0.1:5000/s/" in listed.stdout
    urls = run("urls", **database)
    assert urls.returncode == 0 and "/forms/working-with-us" in urls.stdout


def test_production_without_a_secret_key_refuses_in_one_clear_line(checkout_after_make_run):
    done = run("urls", FEEDBACK_ENV="production", SECRET_KEY="")
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        line for line in done.stderr.strip().splitlines() if line.startswith("Error: SECRET_KEY")
    ]


def test_make_runs_config_step_prints_no_warning(checkout_after_make_run):
    """The step `make run` takes first, as the Makefile writes it, says one line and no warning
    (run as `python -m`, the module ran twice and Python warned about it)."""
    recipe = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8").split("\nrun:")[1]
    step = recipe.splitlines()[1].strip().lstrip("@")
    step = step.replace("$(BIN)/python", sys.executable).replace("$(HOST)", "127.0.0.1")
    done = subprocess.run(
        shlex.split(step.replace("$(PORT)", "5000")),
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.strip() == "Development settings: instance/config.py"


def test_make_run_on_another_port_updates_the_address_and_keeps_the_key(tmp_path):
    first = write_development_config(tmp_path, "http://127.0.0.1:5000").read_text()
    again = write_development_config(tmp_path, "http://127.0.0.1:5077").read_text()
    assert "PUBLIC_BASE_URL = 'http://127.0.0.1:5077'" in again and "5000" not in again
    key = re.compile(r'^SECRET_KEY = ".+"$', re.MULTILINE)
    assert key.search(first)[0] == key.search(again)[0]
