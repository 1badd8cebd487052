"""Read surveys/settings/service.toml: the service's identity, help lines, targets and lists.

Plain data, no Flask: the app, the report and the CLI all read the same file. A missing file or
section gives an empty mapping, so each feature keeps its own sensible default.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

SETTINGS_FILE = Path(__file__).resolve().parent / "settings" / "service.toml"


class ServiceSettingsError(ValueError):
    """The settings file cannot be read; the message names the file and the problem."""


@lru_cache(maxsize=8)
def _load(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ServiceSettingsError(f"{path}: {error}") from error


def load_service_settings(path: Path | None = None) -> dict[str, Any]:
    """The whole settings file as a dict (cached per path; call .cache_clear() in tests)."""
    return _load(path or SETTINGS_FILE)


def settings_section(name: str, path: Path | None = None) -> dict[str, Any]:
    """One section of the settings file, or an empty dict when it is not there."""
    section = load_service_settings(path).get(name, {})
    if not isinstance(section, dict):
        raise ServiceSettingsError(f"{path or SETTINGS_FILE}: [{name}] must be a table")
    return section


load_service_settings.cache_clear = _load.cache_clear  # type: ignore[attr-defined]
