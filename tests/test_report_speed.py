"""The report stays quick to build: it reads theme names without loading the text scorer
(TextBlob, NLTK and SciPy took 5 s to import), and draws its charts as plain plotly JSON
rather than plotly's Figure objects (which copied their template on every change)."""

from __future__ import annotations

import json
import subprocess
import sys

from analysis.report.charts import equality_chart, responses_chart, themes_chart
from analysis.report.model import Share, Table, count
from analysis.report.themes import ThemeCell


def test_the_report_needs_neither_the_text_scorer_nor_plotly_figures():
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, analysis.report, analysis.report.charts, analysis.report.build;"
            "from analysis.text_signals import THEMES, finding_themes;"
            "assert THEMES and finding_themes() is not None;"
            "print(' '.join(sorted(sys.modules)))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for heavy in ("textblob", "nltk", "scipy", "plotly.graph_objects"):
        assert heavy not in loaded


def test_charts_are_plotly_json_with_every_label_and_hidden_cells_drawn_as_hidden():
    cells = [
        ThemeCell("court", "children", 12, 6, 0.2),
        ThemeCell("court", "parents", 3, 1, None),  # fewer than 5: hidden
    ]
    figure = json.loads(
        themes_chart(cells, {"court": "Court"}, ["court"], ["children", "parents"]).to_json()
    )
    shown, hidden = figure["data"]
    assert shown["y"] == ["Court"] and shown["marker"]["color"] == [50.0]
    assert hidden["name"] == "Hidden: fewer than 5 answers"
    assert hidden["x"] == ["Parents and carers"]
    assert figure["layout"]["yaxis"]["tickmode"] == "linear"  # every row labelled
    assert figure["layout"]["template"]["layout"]["paper_bgcolor"] == "white"

    rows = [
        ("Gender", "Girl", "Respect", Share(20, 50)),
        ("Gender", "Boy", "Respect", Share(45, 50)),
        ("Care", "Looked after", "Respect", Share(8, 16)),
        ("Care", "Not sure", "Respect", Share(3, 6)),  # hidden: no dot and no row
    ]
    panels = json.loads(equality_chart(rows).to_json())
    layout = panels["layout"]
    assert [a["text"] for a in layout["annotations"]] == ["Gender", "Care"]
    assert [t["yaxis"] for t in panels["data"]] == ["y", "y2"]
    top, lower = layout["yaxis"]["domain"], layout["yaxis2"]["domain"]
    assert top[1] == 1.0 and lower[1] < top[0]  # the second panel sits below the first
    assert layout["yaxis2"]["anchor"] == "x2" and layout["xaxis2"]["range"] == [-3, 103]
    assert [y for t in panels["data"] for y in t["y"]] == ["Girl", "Boy", "Looked after"]
    # One scale under the last panel, so no panel's numbers run into the next one's title.
    assert layout["xaxis"]["showticklabels"] is False and "showticklabels" not in layout["xaxis2"]


def test_a_hidden_count_is_labelled_on_the_chart_not_drawn_as_none():
    table = Table("headline", "Responses", ["Source", "Q2", "Q1", "Q2 last year"])
    table.rows = [
        ["Children", count(40), count(30), count(0)],
        ["Magistrates", count(3), count(6), count(5)],
    ]
    now = json.loads(responses_chart(table).to_json())["data"][0]
    assert now["x"] == [40, 0] and now["text"] == ["", "fewer than 5"]
    year_ago = json.loads(responses_chart(table).to_json())["data"][2]
    assert year_ago["x"] == [0, 5] and year_ago["text"] == ["", ""]  # a real 0 is a 0
