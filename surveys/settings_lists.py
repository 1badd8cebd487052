"""Questions whose options come from a list in the service's settings file.

Training courses and named interventions change more often than the questions about them, so
the service keeps them as data (surveys/settings/service.toml) and the loader copies them in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from surveys.service_settings import SETTINGS_FILE, settings_section


class SettingsListError(ValueError):
    """A list a survey reads from the settings file is missing or malformed."""

    def __init__(self, problem: str, question: str | None = None):
        super().__init__(problem)
        self.problem = problem
        self.question = question


def settings_list(path: Path, name: str, question: str | None) -> list[dict[str, Any]]:
    """A list kept in the service's settings file ('training.courses'), as options.

    The list is copied into the definition, so editing it makes a new version and each
    response keeps the list it answered.
    """
    section, _, key = str(name).partition(".")
    local = path.parent / "settings" / "service.toml"
    items = settings_section(section, local if local.exists() else SETTINGS_FILE).get(key)
    if not isinstance(items, list) or len(items) < 2:
        raise SettingsListError(
            f"options_from '{name}': the settings file has no list of two or more", question
        )
    options = []
    for item in items:
        if not isinstance(item, dict) or "value" not in item or "label" not in item:
            raise SettingsListError(
                f"options_from '{name}': every item needs a 'value' and a 'label'", question
            )
        options.append({"value": item["value"], "label": item["label"]})
    return options


def per_item_questions(path: Path, part: dict[str, Any]) -> list[dict[str, Any]]:
    """A shared part that asks the same questions about each item of a settings list.

    `[[per_item]]` questions are templates: "{id}" and "{label}" become each item's value and
    label, each is shown only when the item was ticked in the part's first question, and each
    records the item it is `about`.
    """
    questions = [dict(q) for q in part.get("questions", [])]
    if not questions or "options_from" not in questions[0]:
        raise SettingsListError("a per_item part needs a first question with options_from")
    chooser = questions[0]
    items = settings_list(path, chooser.pop("options_from"), chooser.get("id"))
    chooser["options"] = [*items, *chooser.pop("extra_options", [])]
    for item in items:
        for template in part["per_item"]:
            q = {
                k: (v.format(id=item["value"], label=item["label"]) if isinstance(v, str) else v)
                for k, v in template.items()
            }
            q["show_if"] = {"question": chooser["id"], "equals": item["value"]}
            q["about"] = item["value"]
            questions.append(q)
    return questions
