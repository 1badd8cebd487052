"""Surveys open only for a set time (the annual staff survey), read from the settings file.

A survey names its settings section with `window = "staff_survey"`; the section gives
`opens_on` and `closes_on`, both days included. A survey without a window is always open.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from analysis.clock import today
from surveys import SurveyDefinition
from surveys.service_settings import settings_section


class Window(NamedTuple):
    opens_on: date
    closes_on: date

    def is_open(self, on: date) -> bool:
        return self.opens_on <= on <= self.closes_on


def survey_window(definition: SurveyDefinition) -> Window | None:
    section_name = definition.raw.get("window")
    if not section_name:
        return None
    section = settings_section(str(section_name))
    opens_on, closes_on = section.get("opens_on"), section.get("closes_on")
    if not isinstance(opens_on, date) or not isinstance(closes_on, date):
        # A window asked for but not set keeps the survey closed rather than open all year.
        return Window(date.max, date.min)
    return Window(opens_on, closes_on)


def minimum_group(definition: SurveyDefinition, default: int = 10) -> int:
    """The smallest group a windowed (anonymous) survey's results are shown for."""
    section_name = definition.raw.get("window")
    value = settings_section(str(section_name)).get("minimum_group") if section_name else None
    return max(int(value), default) if isinstance(value, int) else default


def closed_window(definition: SurveyDefinition) -> Window | None:
    """The survey's window when it is closed today (in England), else None."""
    window = survey_window(definition)
    return window if window is not None and not window.is_open(today()) else None
