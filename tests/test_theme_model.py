"""Themes by meaning: the theme model finds a theme its patterns miss and names the words that
found it; without a trained model the patterns decide; and the report names only the themes
reliable on answers the coder never saw (the rest are marked, never made findings or quoted).
Every example here was written for this file."""

from __future__ import annotations

from analysis import theme_model
from analysis.quarters import Quarter
from analysis.report import themes as report_themes
from analysis.report.data import ReportData, ResponseRow, TextRow
from analysis.text_signals import THEMES, score, theme_matches, tokens


def test_a_theme_the_patterns_miss_is_found_by_meaning_with_its_words():
    text = "the easy read booklet was really helpful"
    assert "explaining_things" not in theme_matches(tokens(text))
    signal = score(text)
    assert "explaining_things" in signal.themes
    assert "easy read" in signal.why["themes"]["explaining_things"]


def test_without_a_model_the_patterns_decide(monkeypatch):
    monkeypatch.setattr(theme_model, "model", lambda: None)
    matched = {"travel": "bus"}
    assert theme_model.themes_found("the bus took ages", matched) == matched


def test_a_pattern_match_is_kept_when_the_model_agrees():
    text = "the bus there takes an hour each way"
    assert "travel" in theme_matches(tokens(text))
    assert "travel" in score(text).themes


def _data(theme_counts: dict[str, int]) -> ReportData:
    now, before = Quarter(2026, 2), Quarter(2026, 1)
    data = ReportData(quarters=[before, now])
    answer = 0
    for theme, n in theme_counts.items():
        for i in range(n):
            answer += 1
            data.responses[answer] = ResponseRow(
                answer, "working-with-us", "children", now, "web", None, None, None
            )
            data.texts.append(
                TextRow(answer, answer, "do_better", 0.5, (theme,), f"answer {i} on {theme}", False)
            )
    return data


def test_the_report_names_only_reliable_themes():
    data = _data({"court": 30, "jdmp": 30})  # both rise from none last quarter
    main, quotes = report_themes.section(data, THEMES, reliable=frozenset({"jdmp"}))
    names = [row[0] for row in main.tables[0].rows]
    assert THEMES["jdmp"] in names
    assert f"{THEMES['court']} ({report_themes.UNRELIABLE})" in names
    said = " ".join(main.findings)
    assert THEMES["jdmp"] in said and THEMES["court"] not in said
    quoted = [row[0] for row in quotes.tables[0].rows]
    assert quoted == [THEMES["jdmp"]]
