"""The layout keeps its promises: analysis/ knows nothing of the web, each blueprint brings its
own hooks and error handlers, and every form page builds its error summary the same way."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import page, submit_form
from tests.staff_helpers import csrf_for

ROOT = Path(__file__).resolve().parents[1]
WEB = ("flask", "flask_login", "flask_wtf", "flask_babel", "flask_limiter", "werkzeug", "wtforms")


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_no_module_of_analysis_imports_flask_or_the_app():
    modules = sorted((ROOT / "analysis").rglob("*.py"))
    assert len(modules) > 30  # the walk found the package, not an empty folder
    offending = {
        str(path.relative_to(ROOT)): sorted(
            name
            for name in imported_modules(path)
            if name.split(".")[0] in WEB or name.split(".")[0] == "feedback_app"
        )
        for path in modules
    }
    assert {path: names for path, names in offending.items() if names} == {}


def test_the_factory_imports_no_route_module():
    names = imported_modules(ROOT / "feedback_app" / "factory.py")
    assert not [n for n in names if n.startswith(("feedback_app.staff.", "feedback_app.public."))]


def summaries(response) -> list[list[tuple[str | None, str]]]:
    """Each error summary on the page: (link target or None, text) per line."""
    return [
        [
            ((a["href"].lstrip("#") if (a := li.find("a")) else None), li.get_text(" ", strip=True))
            for li in box.select("li")
        ]
        for box in page(response).select(".error-summary")
    ]


def test_a_public_form_lists_each_unanswered_question_once_with_a_link(client):
    sent = submit_form(client, "/forms/tell-us", {"kind": "", "message": ""})
    assert sent.status_code == 400
    (summary,) = summaries(sent)
    targets = [target for target, _text in summary]
    assert "kind" in targets and "message" in targets
    assert len(targets) == len(set(targets))


def test_a_staff_page_shows_one_summary_for_problems_of_no_field(client, signed_in):
    signed_in("admin")
    bad = client.get("/staff/exports?download=1&survey=working-with-us&start=soon&end=later")
    assert bad.status_code == 400
    (summary,) = summaries(bad)  # one box, drawn by base.html from the one builder
    assert summary and all(target is None for target, _text in summary)
    assert any("real date" in text for _target, text in summary)


@pytest.mark.parametrize("reference", ["", "x" * 65])
def test_a_paper_form_lists_its_details_and_its_answers_in_one_summary(
    client, signed_in, reference
):
    signed_in("practitioner")
    url = "/staff/transcribe/tell-us"
    data = {"csrf_token": csrf_for(client, url), "paper-paper_reference": reference}
    sent = client.post(url, data=data)
    assert sent.status_code == 400
    (summary,) = summaries(sent)
    targets = [target for target, _text in summary]
    assert targets[0] == "paper-paper_reference" and "kind" in targets


def test_the_readme_names_every_module_and_folder_in_what_is_where():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## What is where", 1)[1].split("###", 1)[0]
    packages = ("feedback_app", "feedback_app/services", "feedback_app/staff", "analysis")
    names = {
        path.name
        for folder in (*packages, "analysis/report", "feedback_app/importing", "feedback_app/jobs")
        for path in (ROOT / folder).iterdir()
        if (path.suffix == ".py" and path.stem != "__init__")
        or (path.is_dir() and not path.name.startswith(("_", ".")))
    }
    names |= {p.name for p in ROOT.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))}
    names -= {"instance", "node_modules", "feedback_app.egg-info"}  # made by running it
    assert sorted(n for n in names if f"`{n}" not in table and f"{n}/`" not in table) == []
