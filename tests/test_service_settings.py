"""The service settings file loads, and a missing file or section falls back to empty."""

import pytest

from surveys.service_settings import (
    ServiceSettingsError,
    load_service_settings,
    settings_section,
)


def test_the_shipped_settings_name_the_service():
    assert settings_section("identity")["name"]


def test_a_missing_file_or_section_gives_an_empty_mapping(tmp_path):
    assert load_service_settings(tmp_path / "absent.toml") == {}
    path = tmp_path / "service.toml"
    path.write_text("[identity]\nname = 'X'\n")
    assert settings_section("help_lines", path) == {}


def test_a_broken_file_names_itself(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text("[identity\n")
    with pytest.raises(ServiceSettingsError, match="broken.toml"):
        load_service_settings(path)
