"""Which themes are shown as findings is decided on answers the theme coder was never trained
on: the "check" half of the released first blind set (the validation set and the other half
train the theme model, analysis/train_themes.py), never the new blind set."""

from __future__ import annotations

from analysis.text_signals import THEMES, finding_themes
from analysis.train_sentiment import round1_half
from bench.text_signals_accuracy import ROUND1, evaluate_themes, load_rows

PRECISION, RECALL = 0.70, 0.50


def test_the_findings_are_the_themes_reliable_on_answers_never_trained_on():
    held_out = [row for row in load_rows(ROUND1) if round1_half(row.id) == "check"]
    themes = evaluate_themes(held_out)
    reliable = {
        theme
        for theme, (right, predicted, labelled) in themes.per_theme.items()
        if predicted and labelled and right / predicted >= PRECISION and right / labelled >= RECALL
    }
    print(f"round1 check half: precision {themes.precision:.3f}, recall {themes.recall:.3f}")
    print("not reliable yet:", sorted(set(THEMES) - reliable))
    assert finding_themes() == reliable
    assert finding_themes() <= set(THEMES)
