"""Which themes are shown as findings is decided on the validation set, never the blind set."""

from __future__ import annotations

from analysis.text_signals import THEMES, finding_themes
from bench.text_signals_accuracy import VALIDATION, evaluate_themes, load_rows

PRECISION, RECALL = 0.70, 0.50


def test_the_findings_are_the_themes_reliable_on_the_validation_set():
    themes = evaluate_themes(load_rows(VALIDATION))
    reliable = {
        theme
        for theme, (right, predicted, labelled) in themes.per_theme.items()
        if predicted and labelled and right / predicted >= PRECISION and right / labelled >= RECALL
    }
    print(f"validation: precision {themes.precision:.3f}, recall {themes.recall:.3f}")
    print("not reliable yet:", sorted(set(THEMES) - reliable))
    assert finding_themes() == reliable
    assert finding_themes() <= set(THEMES)
