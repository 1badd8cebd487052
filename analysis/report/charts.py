"""Plotly charts drawn from the sections' own rows, each with every label readable: one row
per item, never an axis that skips labels, and hidden cells drawn as hidden (grey, with a
legend), not as a value. A chart is plotly's JSON built as plain dicts: plotly's Figure
objects validate and copy every property, which cost seconds per report."""

from __future__ import annotations

import json
import pkgutil
from dataclasses import dataclass, field
from functools import cache

from analysis.report import sources
from analysis.report.model import Share

BLUE, LIGHT, GREY = "#1d4f91", "#8eb8e5", "#b1b4b6"
ROW = 30  # pixels per labelled row


@cache
def _template() -> dict:
    """Plotly's own "plotly_white" template, read from its package data once."""
    found = pkgutil.get_data("plotly", "package_data/templates/plotly_white.json")
    if found is None:
        raise FileNotFoundError("plotly's plotly_white template is missing")
    return json.loads(found)


@dataclass
class Chart:
    """A plotly figure as data: what the page's script and kaleido draw."""

    data: list[dict] = field(default_factory=list)
    layout: dict = field(default_factory=dict)

    def add(self, kind: str = "scatter", **trace) -> None:
        self.data.append({"type": kind, **trace})

    def axes(self, letter: str, **settings) -> None:
        """Settings for every x (or y) axis, as plotly's update_xaxes would."""
        names = [k for k in self.layout if k.startswith(f"{letter}axis")] or [f"{letter}axis"]
        for name in names:
            self.layout.setdefault(name, {}).update(settings)

    def to_json(self) -> str:
        return json.dumps({"data": self.data, "layout": self.layout})


# A little room either side of 0-100%, so a dot at 0% or 100% is drawn whole, not cut in half.
PERCENT_RANGE, PERCENT_TICKS = [-3, 103], [0, 20, 40, 60, 80, 100]


def _base(figure: Chart, title: str, rows: int) -> Chart:
    figure.layout.update(
        title={"text": title, "x": 0},
        template=_template(),
        font={"family": "Arial, sans-serif", "size": 13},
        margin={"l": 10, "r": 20, "t": 60, "b": 40},
        height=max(260, 140 + ROW * rows),
        legend={"orientation": "h", "y": -0.15},
    )
    figure.axes("y", automargin=True)
    return figure


def _pct(value: Share) -> float | None:
    return value.percent if isinstance(value, Share) else None


def measures_chart(rows) -> Chart | None:
    """A dot per source on each measure: the gaps between sources are the distance."""
    from surveys.loader import MEASURES

    if not rows:
        return None
    figure = Chart()
    labels = list(dict.fromkeys(MEASURES[r.measure] for r in rows))
    for spec in sources.rated():
        mine = [r for r in rows if r.source == spec.key and r.now.shown]
        if mine:
            figure.add(
                x=[r.now.percent for r in mine],
                y=[MEASURES[r.measure] for r in mine],
                mode="markers",
                marker={"size": 13},
                name=spec.name,
            )
    figure.axes("x", range=PERCENT_RANGE, tickvals=PERCENT_TICKS, title="% positive")
    figure.axes("y", categoryorder="array", categoryarray=labels[::-1], tickmode="linear")
    return _base(figure, "The same measures across sources, this quarter", len(labels))


def victims_chart(trend) -> Chart | None:
    figure = Chart()
    for index, column in enumerate(trend.columns[1:], start=1):
        figure.add(
            name=column,
            x=[r[0] for r in trend.rows],
            y=[_pct(r[index]) for r in trend.rows],
            mode="lines+markers",
        )
    figure.axes("y", range=[0, 105], title="%")
    return _base(figure, "Victim KPIs by quarter (gaps: too few answers to show)", 6)


def themes_chart(cells, themes: dict[str, str], used: list[str], order: list[str]) -> Chart | None:
    """Theme by source: dot size is the number of answers, colour the share written in a
    positive tone; a grey cross marks a cell hidden because fewer than 5 wrote on it."""
    if not used:
        return None
    names = {key: sources.name(key) for key in order}
    labels = [themes.get(t, t) for t in used]
    shown = [c for c in cells if c.shown]
    hidden = [c for c in cells if not c.shown]
    figure = Chart()
    if shown:
        figure.add(
            x=[names[c.source] for c in shown],
            y=[themes.get(c.theme, c.theme) for c in shown],
            mode="markers",
            name="Answers (size) and share positive (colour)",
            marker={
                "size": [min(40, 8 + c.answers**0.5 * 3) for c in shown],
                "color": [100 * c.positive / c.answers for c in shown],
                "cmin": 0,
                "cmax": 100,
                "colorscale": "RdBu",
                "colorbar": {"title": "% positive"},
                "line": {"width": 1, "color": "#0b0c0c"},
            },
            text=[
                f"{c.answers} answers, {100 * c.positive / c.answers:.0f}% positive" for c in shown
            ],
            hoverinfo="text",
        )
    if hidden:
        figure.add(
            x=[names[c.source] for c in hidden],
            y=[themes.get(c.theme, c.theme) for c in hidden],
            mode="markers",
            name="Hidden: fewer than 5 answers",
            marker={
                "symbol": "x-thin",
                "size": 10,
                "color": GREY,
                "line": {"width": 2, "color": GREY},
            },
            hoverinfo="skip",
        )
    figure.axes("x", categoryorder="array", categoryarray=[names[k] for k in order], side="top")
    figure.axes("y", categoryorder="array", categoryarray=labels[::-1], tickmode="linear")
    return _base(figure, "Themes by source this quarter", len(labels))


def sentiment_chart(table) -> Chart | None:
    figure = Chart()
    for row in table.rows:
        figure.add(
            name=row[0],
            x=table.columns[1:],
            y=[v if isinstance(v, float) else None for v in row[1:]],
            mode="lines+markers",
        )
    figure.axes("y", range=[-1, 1], title="mean sentiment")
    return _base(figure, "Tone of free text by source", 6)


def responses_chart(table) -> Chart | None:
    figure = Chart()
    for index, (column, colour) in enumerate(
        zip(table.columns[1:4], (BLUE, LIGHT, GREY), strict=True), 1
    ):
        figure.add(
            "bar",
            name=column,
            y=[r[0] for r in table.rows],
            x=[r[index].value if r[index].shown else 0 for r in table.rows],
            # A hidden count is labelled at the axis, so no one reads its missing bar as none.
            text=["" if r[index].shown else "fewer than 5" for r in table.rows],
            textposition="outside",
            textfont={"color": "#484949", "size": 11},
            cliponaxis=False,
            orientation="h",
            marker={"color": colour},
        )
    figure.layout["barmode"] = "group"
    figure.axes("y", autorange="reversed")
    return _base(figure, "Responses by source", 3 * len(table.rows))


def equality_chart(rows) -> Chart | None:
    """Each group's share positive on each measure, one panel per equality question."""
    rows = [r for r in rows if r[3].percent is not None]  # a hidden share has no dot or row
    if not rows:
        return None
    questions = list(dict.fromkeys(r[0] for r in rows))
    groups = {q: list(dict.fromkeys(r[1] for r in rows if r[0] == q)) for q in questions}
    figure = Chart()
    _panels(figure, questions, [len(groups[q]) for q in questions])
    measures = list(dict.fromkeys(r[2] for r in rows))
    for index, question in enumerate(questions, start=1):
        suffix = "" if index == 1 else str(index)
        for number, measure in enumerate(measures):
            mine = [r for r in rows if r[0] == question and r[2] == measure]
            figure.add(
                x=[r[3].percent for r in mine],
                y=[r[1] for r in mine],
                mode="markers",
                name=measure,
                legendgroup=measure,
                showlegend=index == 1,
                marker={
                    "size": 10,
                    "color": f"hsl({number * 360 // max(1, len(measures))},60%,40%)",
                },
                xaxis=f"x{suffix}",
                yaxis=f"y{suffix}",
            )
    figure.axes("x", range=PERCENT_RANGE, tickvals=PERCENT_TICKS)
    figure.axes("y", tickmode="linear")
    for index in range(1, len(questions)):  # one scale, under the last panel: no tick labels
        figure.layout["xaxis" if index == 1 else f"xaxis{index}"]["showticklabels"] = False
    return _base(
        figure,
        "The key measures by group (% positive)",
        sum(map(len, groups.values())) + 2 * len(questions),
    )


def _panels(figure: Chart, titles: list[str], heights: list[int]) -> None:
    """Stacked panels, one above the next, each as tall as its rows and titled (as plotly's
    make_subplots lays them out)."""
    gap = 0.25 / len(titles)
    room = 1 - gap * (len(titles) - 1)
    top = 1.0
    annotations = []
    for index, (title, height) in enumerate(zip(titles, heights, strict=True), start=1):
        suffix = "" if index == 1 else str(index)
        bottom = max(0.0, top - room * height / sum(heights))  # never -1e-16 from rounding
        figure.layout[f"xaxis{suffix}"] = {"anchor": f"y{suffix}", "domain": [0, 1]}
        figure.layout[f"yaxis{suffix}"] = {"anchor": f"x{suffix}", "domain": [bottom, top]}
        annotations.append(
            {
                "text": title,
                "x": 0.5,
                "y": top,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "center",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 16},
            }
        )
        top = bottom - gap
    figure.layout["annotations"] = annotations
