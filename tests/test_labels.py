"""Each table of labels lives once and covers every code it names."""

from __future__ import annotations

from analysis import labels
from analysis.identifying import identifying_details
from analysis.redaction import PLACEHOLDERS
from surveys.loader import AUDIENCES
from tests.conftest import definitions


def test_every_survey_has_a_source_name_and_every_audience_its_words():
    assert set(labels.SOURCE_NAMES) == set(definitions())
    assert set(labels.AUDIENCE_NAMES) == AUDIENCES
    assert {d.audience for d in definitions().values()} <= set(labels.AUDIENCE_NAMES)


def test_every_redaction_placeholder_has_words_for_the_warning():
    assert set(PLACEHOLDERS) == set(labels.PLACEHOLDER_KINDS)
    found = identifying_details("Call Sarah on 07700 900123 or sarah@example.org")
    assert {f.kind for f in found} >= {"a name", "a phone number", "an email address"}


def test_the_report_names_every_voice_with_the_labels():
    from analysis.report import sources

    names = set(labels.SOURCE_NAMES.values()) | set(labels.VOICE_NAMES.values())
    assert {spec.name for spec in sources.SOURCES} <= names
    split = {spec.key for spec in sources.SOURCES if spec.survey == "service-feedback"}
    assert split == set(labels.VOICE_NAMES)
